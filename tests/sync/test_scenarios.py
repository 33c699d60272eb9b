"""The shared scenario table on Flask sync views, through CORS(app) and @cross_origin."""

from __future__ import annotations

import pytest

from tests.helpers import VIA, Via, cors_headers, flask_app
from tests.scenarios import SCENARIOS, Scenario


def test_scenario_ids_are_unique() -> None:
    ids = [s.id for s in SCENARIOS]
    assert sorted(ids) == sorted(set(ids))


@pytest.mark.parametrize("via", VIA)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_flask_sync_view_sends_exactly_the_expected_cors_headers(
    scenario: Scenario, via: Via
) -> None:
    client = flask_app(scenario.options, via).test_client()
    response = client.open(scenario.path, method=scenario.method, headers=dict(scenario.request))
    assert cors_headers(response.headers) == scenario.expected
