"""CORS rules as Chromium applies them to flask_cors answers, with fetch() from the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from demo.run import RunningDemo

from .browsing import click_scenario, fetch_from, open_page
from .cases import (
    AUTHORIZATION_CASES,
    CREDENTIAL_CASES,
    FRAMEWORKS,
    UNLISTED_PAGE_SCENARIO,
    VARY_CASES,
    RuleCase,
    VaryCase,
    rules_api,
)
from .conftest import ServeApi


@pytest.mark.parametrize("api", ["flask", "quart"])
def test_page_on_an_unlisted_origin_can_read_nothing(
    context: BrowserContext, demo: RunningDemo, api: str
) -> None:
    port = demo.page_url.rsplit(":", 1)[1].rstrip("/")
    page = open_page(context, f"http://evil.localhost:{port}/")
    seen = click_scenario(page, api, UNLISTED_PAGE_SCENARIO)
    assert seen["outcome"] == "blocked"


@pytest.mark.parametrize("case", CREDENTIAL_CASES, ids=lambda c: c.id)
def test_credentialed_fetch_needs_supports_credentials(
    page: Page, demo: RunningDemo, serve_api: ServeApi, case: RuleCase
) -> None:
    base, _ = serve_api(case.app(demo.page_origins))
    seen = fetch_from(page, f"{base}{case.fetch.path}", case.fetch.init)
    assert seen["outcome"] == case.outcome


@pytest.mark.parametrize("case", AUTHORIZATION_CASES, ids=lambda c: c.id)
def test_authorization_header_passes_because_allowed_headers_are_echoed(
    page: Page, demo: RunningDemo, serve_api: ServeApi, case: RuleCase
) -> None:
    base, _ = serve_api(case.app(demo.page_origins))
    seen = fetch_from(page, f"{base}{case.fetch.path}", case.fetch.init)
    assert seen["outcome"] == case.outcome


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("case", VARY_CASES, ids=lambda c: c.id)
def test_vary_origin_stops_the_browser_cache_serving_one_origin_answer_to_another(
    context: BrowserContext,
    demo: RunningDemo,
    serve_api: ServeApi,
    second_page_url: str,
    framework: str,
    case: VaryCase,
) -> None:
    second_origin = second_page_url.rstrip("/")
    api = rules_api(framework, (*demo.page_origins, second_origin), vary_header=case.vary_header)
    base, log = serve_api(api)
    first = fetch_from(open_page(context, demo.page_url), f"{base}/cacheable")
    second = fetch_from(open_page(context, second_page_url), f"{base}/cacheable")
    assert (first["outcome"], second["outcome"], log.count("GET", "/cacheable")) == (
        "allowed",
        case.second_page_outcome,
        case.gets_served,
    )
