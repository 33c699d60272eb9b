"""The shared scenario table on Quart (async and sync views) and on Flask async views."""

from __future__ import annotations

import pytest

from tests.helpers import VIA, Via, cors_headers, flask_app, quart_app, quart_send
from tests.scenarios import SCENARIOS, Scenario


@pytest.mark.quart
@pytest.mark.parametrize("via", VIA)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
async def test_quart_async_view_sends_exactly_the_expected_cors_headers(
    scenario: Scenario, via: Via
) -> None:
    client = quart_app(scenario.options, via).test_client()
    response = await quart_send(client, scenario.method, scenario.path, scenario.request)
    assert cors_headers(response.headers) == scenario.expected


@pytest.mark.quart
@pytest.mark.parametrize("via", VIA)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
async def test_quart_sync_view_sends_exactly_the_expected_cors_headers(
    scenario: Scenario, via: Via
) -> None:
    client = quart_app(scenario.options, via, async_view=False).test_client()
    response = await quart_send(client, scenario.method, scenario.path, scenario.request)
    assert cors_headers(response.headers) == scenario.expected


@pytest.mark.parametrize("via", VIA)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_flask_async_view_sends_exactly_the_expected_cors_headers(
    scenario: Scenario, via: Via
) -> None:
    client = flask_app(scenario.options, via, async_view=True).test_client()
    response = client.open(scenario.path, method=scenario.method, headers=dict(scenario.request))
    assert cors_headers(response.headers) == scenario.expected
