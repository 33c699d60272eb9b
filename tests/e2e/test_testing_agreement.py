"""`flask_cors.testing` predicts what Chromium did, for every scenario of the browser suite.

Each scenario of tests/e2e/cases.py runs twice: in Chromium against a served app, and through
`fetch` (Flask) or `fetch_async` (Quart) with the test client of the same app, built afresh.
The prediction must match what the page could read (outcome, status, readable headers) and
which requests reached the server (preflights, requests, in order).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page
from quart import Quart

from demo.flask_api import create_flask_api
from demo.quart_api import create_quart_api
from demo.run import RunningDemo
from demo.servers import RequestLog
from flask_cors.testing import FetchResult, fetch, fetch_async

from .browsing import Seen, click_scenario, fetch_from, open_page
from .cases import (
    AUTHORIZATION_CASES,
    CREDENTIAL_CASES,
    DEMO_SCENARIOS,
    FRAMEWORKS,
    UNLISTED_PAGE_SCENARIO,
    VARY_CASES,
    DemoScenario,
    PageFetch,
    RuleCase,
    VaryCase,
    rules_api,
)
from .conftest import ServeApi

Logged = tuple[str, str, bool]
"""A request as the server log records it: method, path, preflight."""


def predict(app: Flask | Quart, origin: str, fetches: Sequence[PageFetch]) -> list[Any]:
    """`fetch` each of the page's requests in turn, through one test client of `app`."""
    # Playwright's sync API keeps an event loop running in this thread, which Flask's async
    # views (asgiref) and asyncio.run refuse: predict in another thread.
    with ThreadPoolExecutor(1) as pool:
        if isinstance(app, Flask):
            return pool.submit(_predict_flask, app, origin, fetches).result()
        return pool.submit(asyncio.run, _predict_quart(app, origin, fetches)).result()


def _predict_flask(app: Flask, origin: str, fetches: Sequence[PageFetch]) -> list[Any]:
    client = app.test_client()
    return [
        fetch(
            client,
            f.method,
            f.path,
            origin=origin,
            headers=f.headers,
            credentials=f.credentials,
            data=f.body,
        )
        for f in fetches
    ]


async def _predict_quart(app: Quart, origin: str, fetches: Sequence[PageFetch]) -> list[Any]:
    client = app.test_client()
    return [
        await fetch_async(
            client,
            f.method,
            f.path,
            origin=origin,
            headers=f.headers,
            credentials=f.credentials,
            data=f.body,
        )
        for f in fetches
    ]


def page_view(result: FetchResult[Any]) -> tuple[str, int | None, list[str]]:
    """What `fetch` says the page reads: outcome, status, readable header names."""
    if not result.allowed:
        return "blocked", None, []
    assert result.response is not None
    return "allowed", result.response.status_code, sorted(result.readable_headers)


def chromium_view(seen: Seen) -> tuple[str, int | None, list[str]]:
    """What the page read in Chromium."""
    return seen["outcome"], seen.get("status"), sorted(seen.get("headers", {}))


def server_log(fetches: Sequence[PageFetch], results: Sequence[FetchResult[Any]]) -> list[Logged]:
    """The requests a browser sends for these fetches, per `fetch`'s results: a preflight is
    skipped while an earlier answer for the same request is cached (preflight_cached_for)."""
    cached: set[tuple[str, str, tuple[str, ...], bool]] = set()
    log: list[Logged] = []
    for page_fetch, result in zip(fetches, results, strict=True):
        path = page_fetch.path.partition("?")[0]
        key = (path, page_fetch.method, tuple(sorted(page_fetch.headers)), page_fetch.credentials)
        if result.preflighted and key not in cached:
            log.append(("OPTIONS", path, True))
            if result.preflight_cached_for:
                cached.add(key)
        if result.sent:
            log.append((page_fetch.method, path, False))
    return log


def logged(log: RequestLog) -> list[Logged]:
    return [(r.method, r.path, r.preflight) for r in log.requests()]


def test_every_scenario_on_the_demo_page_is_in_the_shared_table(page: Page) -> None:
    rows = page.locator("tr[data-scenario]").evaluate_all(
        "rows => rows.map(row => row.dataset.scenario)"
    )
    assert rows == [s.id for s in DEMO_SCENARIOS]


@pytest.mark.parametrize("api", FRAMEWORKS)
@pytest.mark.parametrize("scenario", DEMO_SCENARIOS, ids=lambda s: s.id)
def test_fetch_predicts_what_chromium_did_for_each_demo_scenario(
    page: Page, demo: RunningDemo, api: str, scenario: DemoScenario
) -> None:
    origin = demo.page_origins[0]
    make = create_flask_api if api == "flask" else create_quart_api
    results = predict(make(demo.page_origins, RequestLog("fetch")), origin, scenario.fetches)
    seen = click_scenario(page, api, scenario.id)
    log = demo.flask_log if api == "flask" else demo.quart_log
    assert log is not None
    assert (chromium_view(seen), logged(log)) == (
        page_view(results[scenario.shown]),
        server_log(scenario.fetches, results),
    )


@pytest.mark.parametrize("case", [*CREDENTIAL_CASES, *AUTHORIZATION_CASES], ids=lambda c: c.id)
def test_fetch_predicts_what_chromium_did_for_each_rule(
    page: Page, demo: RunningDemo, serve_api: ServeApi, case: RuleCase
) -> None:
    origin = demo.page_origins[0]
    [result] = predict(case.app(demo.page_origins), origin, [case.fetch])
    base, log = serve_api(case.app(demo.page_origins))
    seen = fetch_from(page, f"{base}{case.fetch.path}", case.fetch.init)
    assert (chromium_view(seen), logged(log)) == (
        page_view(result),
        server_log([case.fetch], [result]),
    )


@pytest.mark.parametrize("api", FRAMEWORKS)
def test_fetch_predicts_what_chromium_did_for_a_page_on_an_unlisted_origin(
    context: BrowserContext, demo: RunningDemo, api: str
) -> None:
    port = demo.page_url.rsplit(":", 1)[1].rstrip("/")
    origin = f"http://evil.localhost:{port}"
    [scenario] = [s for s in DEMO_SCENARIOS if s.id == UNLISTED_PAGE_SCENARIO]
    make = create_flask_api if api == "flask" else create_quart_api
    results = predict(make(demo.page_origins, RequestLog("fetch")), origin, scenario.fetches)
    seen = click_scenario(open_page(context, f"{origin}/"), api, scenario.id)
    log = demo.flask_log if api == "flask" else demo.quart_log
    assert log is not None
    assert (chromium_view(seen), logged(log)) == (
        page_view(results[scenario.shown]),
        server_log(scenario.fetches, results),
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("case", VARY_CASES, ids=lambda c: c.id)
def test_fetch_vary_origin_predicts_whether_chromium_reuses_an_answer_for_another_origin(
    context: BrowserContext,
    demo: RunningDemo,
    serve_api: ServeApi,
    second_page_url: str,
    framework: str,
    case: VaryCase,
) -> None:
    first_origin, second_origin = demo.page_origins[0], second_page_url.rstrip("/")
    origins = (*demo.page_origins, second_origin)
    get = PageFetch("/cacheable")
    api = rules_api(framework, origins, vary_header=case.vary_header)
    [first] = predict(api, first_origin, [get])
    [second] = predict(api, second_origin, [get])
    # /cacheable may be cached for 600 s: without Vary: Origin the browser reuses the first
    # answer for the second page, and checks its Access-Control-Allow-Origin against it.
    assert first.response is not None
    reused_for = first.response.headers.get("Access-Control-Allow-Origin")
    predicted = (
        page_view(first)[0],
        page_view(second)[0]
        if first.vary_origin
        else "allowed"
        if reused_for == "*"
        else "blocked",
        2 if first.vary_origin else 1,
    )
    base, log = serve_api(rules_api(framework, origins, vary_header=case.vary_header))
    seen_first = fetch_from(open_page(context, demo.page_url), f"{base}{get.path}")
    seen_second = fetch_from(open_page(context, second_page_url), f"{base}{get.path}")
    assert (seen_first["outcome"], seen_second["outcome"], log.count("GET", get.path)) == predicted
