"""`flask_cors.testing`: `fetch` on Flask `async def` views, `fetch_async` on Quart."""

from __future__ import annotations

import pytest

from flask_cors.testing import fetch, fetch_async
from tests.fetch_cases import (
    APP,
    FETCH_CASES,
    JSON,
    PATH,
    FetchCase,
    flask_things,
    quart_things,
    seen,
    view_calls,
)


@pytest.mark.parametrize("case", FETCH_CASES, ids=lambda c: c.id)
def test_fetch_predicts_what_a_browser_does_for_a_flask_async_view(case: FetchCase) -> None:
    app = flask_things(case.options, async_view=True)
    result = fetch(
        app.test_client(),
        case.method,
        PATH,
        origin=case.origin,
        headers=case.headers,
        credentials=case.credentials,
    )
    assert (seen(result), app.config["calls"]) == (case.expected, view_calls(case))


@pytest.mark.quart
@pytest.mark.parametrize("case", FETCH_CASES, ids=lambda c: c.id)
async def test_fetch_async_predicts_what_a_browser_does_for_quart(case: FetchCase) -> None:
    app = quart_things(case.options)
    result = await fetch_async(
        app.test_client(),
        case.method,
        PATH,
        origin=case.origin,
        headers=case.headers,
        credentials=case.credentials,
    )
    assert (seen(result), app.config["calls"]) == (case.expected, view_calls(case))


@pytest.mark.quart
async def test_fetch_async_sends_the_body_and_returns_quarts_raw_responses() -> None:
    from quart import request

    app = quart_things({"origins": [APP], "allow_headers": ["Content-Type"]})

    @app.post("/echo")
    async def echo() -> str | bytes:
        return await request.get_data()

    result = await fetch_async(
        app.test_client(), "POST", "/echo", origin=APP, headers=JSON, data='{"a": 1}'
    )
    preflight, response = result.preflight, result.response
    assert preflight is not None
    assert response is not None
    assert (preflight.status_code, await response.get_data(as_text=True)) == (200, '{"a": 1}')
