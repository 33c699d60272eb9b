"""The demo page's own buttons, clicked in Chromium, against the Flask and the Quart API."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page

from demo.run import RunningDemo

from .browsing import click_scenario
from .cases import DEMO_SCENARIOS

APIS = ["flask", "quart"]

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.mark.parametrize("api", APIS)
@pytest.mark.parametrize(
    ("scenario", "outcome", "status"),
    [(s.id, s.outcome, s.status) for s in DEMO_SCENARIOS],
    ids=lambda value: str(value),
)
def test_scenario_button_shows_what_the_browser_allowed(
    page: Page, api: str, scenario: str, outcome: str, status: int | None
) -> None:
    seen = click_scenario(page, api, scenario)
    shown = page.locator(f'tr[data-scenario="{scenario}"] td[data-api="{api}"] .result')
    assert (seen["outcome"], seen["status"]) == (outcome, status)
    assert shown.inner_text().startswith(outcome.upper())


@pytest.mark.parametrize("api", APIS)
def test_json_post_body_reaches_the_view_and_its_answer_reaches_the_page(
    page: Page, api: str
) -> None:
    seen = click_scenario(page, api, "json-post")
    assert seen["body"] == '{"you_sent":{"hello":"world"}}\n'


@pytest.mark.parametrize("api", APIS)
def test_json_post_is_preflighted_once_then_sent(page: Page, demo: RunningDemo, api: str) -> None:
    click_scenario(page, api, "json-post")
    log = demo.flask_log if api == "flask" else demo.quart_log
    assert log is not None
    assert [(r.method, r.preflight) for r in log.requests()] == [
        ("OPTIONS", True),
        ("POST", False),
    ]


@pytest.mark.parametrize("api", APIS)
def test_refused_custom_header_stops_the_request_after_the_preflight(
    page: Page, demo: RunningDemo, api: str
) -> None:
    click_scenario(page, api, "custom-header-refused")
    log = demo.flask_log if api == "flask" else demo.quart_log
    assert log is not None
    assert [(r.method, r.path) for r in log.requests()] == [("OPTIONS", "/api/hello")]


@pytest.mark.parametrize("api", APIS)
def test_refused_origin_simple_get_reaches_the_server_but_not_the_page(
    page: Page, demo: RunningDemo, api: str
) -> None:
    seen = click_scenario(page, api, "refused-origin")
    log = demo.flask_log if api == "flask" else demo.quart_log
    assert log is not None
    # CORS protects reading, not sending: a simple request goes out without a preflight.
    assert (seen["body"], log.count("GET", "/partner/data")) == (None, 1)


@pytest.mark.parametrize("api", APIS)
def test_credentialed_request_sends_the_login_cookie_back(page: Page, api: str) -> None:
    seen = click_scenario(page, api, "credentials")
    assert seen["cookie"] == "ada"


@pytest.mark.parametrize("api", APIS)
def test_page_reads_the_exposed_header_and_not_the_unexposed_one(
    page: Page, demo: RunningDemo, api: str
) -> None:
    seen = click_scenario(page, api, "exposed-headers")
    with urllib.request.urlopen(f"{demo.api_url(api)}/api/headers") as direct:
        sent = {name.lower() for name in direct.headers}
    assert {"x-request-id", "x-internal-secret"} <= sent
    assert ("x-request-id" in seen["headers"], "x-internal-secret" in seen["headers"]) == (
        True,
        False,
    )


@pytest.mark.parametrize("api", APIS)
def test_error_response_body_is_readable_by_the_page(page: Page, api: str) -> None:
    seen = click_scenario(page, api, "error")
    assert seen["body"] == '{"detail":"the view failed","error":"internal server error"}\n'


@pytest.mark.parametrize("api", APIS)
def test_async_view_answer_and_its_exposed_header_reach_the_page(page: Page, api: str) -> None:
    seen = click_scenario(page, api, "async-view")
    assert (seen["headers"].get("x-request-id"), f'"framework":"{api}"' in str(seen["body"])) == (
        "async",
        True,
    )


@pytest.mark.parametrize("api", APIS)
@pytest.mark.parametrize(
    ("scenario", "path", "preflights"),
    [("max-age", "/api/cached", 1), ("max-age-zero", "/api/uncached", 2)],
    ids=["max_age=600-one-preflight", "max_age=0-a-preflight-each-time"],
)
def test_max_age_decides_whether_a_repeated_request_is_preflighted_again(
    page: Page, demo: RunningDemo, api: str, scenario: str, path: str, preflights: int
) -> None:
    seen = click_scenario(page, api, scenario)
    log = demo.flask_log if api == "flask" else demo.quart_log
    assert log is not None
    assert (log.preflights(path), log.count("PUT", path), seen["preflights"]) == (
        preflights,
        2,
        preflights,
    )


def test_run_all_fills_every_cell_and_the_page_is_saved_as_a_screenshot(page: Page) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.click("#run-all")
    page.wait_for_selector("body[data-all-done]")
    pending = page.locator('td.api .result:not([data-state="done"])')
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "demo.png"), full_page=True)
    assert (pending.count(), page.locator('.result[data-state="done"]').count()) == (0, 22)
