"""Every flask-cors 6 usage pattern of the corpus keeps working under this package.

Each case (tests/compat/corpus.py) runs under this package and under flask-cors 6.0.5 (the
reference venv `make test` builds): the same requests, every CORS header compared. A
request may differ only where the case names the deliberate difference (D1-D7,
docs/differences.md) and our exact answer. Where a pattern applies to Quart, our Quart app
must answer exactly as our Flask app does.
"""

from __future__ import annotations

import re

import pytest

from tests.compat.corpus import CASES, Case
from tests.compat.harness import App, Outcome, run_apps

APPS = [App(case.id, case.source, case.requests, case.env) for case in CASES]


@pytest.fixture(scope="module", name="ours")
def _ours() -> dict[str, Outcome]:
    return run_apps(APPS)


@pytest.fixture(scope="module", name="theirs")
def _theirs() -> dict[str, Outcome]:
    return run_apps(APPS, reference=True)


@pytest.fixture(scope="module", name="ours_on_quart")
def _ours_on_quart() -> dict[str, Outcome]:
    quart_apps = [app for app, case in zip(APPS, CASES, strict=True) if case.quart]
    return run_apps(quart_apps, framework="quart")


def test_the_corpus_holds_at_least_thirty_distinct_patterns() -> None:
    assert len({case.id for case in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_flask_cors_6_pattern_gets_the_same_headers_except_named_differences(
    case: Case, ours: dict[str, Outcome], theirs: dict[str, Outcome]
) -> None:
    mine, reference = ours[case.id], theirs[case.id]
    assert reference.error is None, "the pattern must work under flask-cors 6.0.5"
    if case.startup_error is not None:
        _, message = case.startup_error
        assert mine.error is not None
        assert mine.error.startswith("CorsConfigError: ")
        assert re.search(message, mine.error)
        return
    assert mine.error is None
    for index, difference in case.differences.items():
        assert mine.responses[index] == (reference.responses[index][0], difference.ours)
        assert reference.responses[index][1] != difference.ours  # not a stale note
    same = [i for i in range(len(case.requests)) if i not in case.differences]
    assert [mine.responses[i] for i in same] == [reference.responses[i] for i in same]


@pytest.mark.parametrize("case", [c for c in CASES if c.logs or c.warns], ids=lambda c: c.id)
def test_pattern_that_needs_a_word_gets_it_at_start_up_or_on_the_request(
    case: Case, ours: dict[str, Outcome]
) -> None:
    mine = ours[case.id]
    for text in case.logs:
        assert any(text in message for message in mine.logged), mine.logged
    for text in case.warns:
        assert any(text in message for message in mine.warned), mine.warned


@pytest.mark.quart
@pytest.mark.parametrize("case", [c for c in CASES if c.quart], ids=lambda c: c.id)
def test_pattern_on_quart_gets_exactly_what_it_gets_on_flask(
    case: Case, ours: dict[str, Outcome], ours_on_quart: dict[str, Outcome]
) -> None:
    assert ours_on_quart[case.id].error == ours[case.id].error
    assert ours_on_quart[case.id].responses == ours[case.id].responses
