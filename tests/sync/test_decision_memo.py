"""Remembered decisions: `answer` must answer every request as `decide` would.

The request pipeline asks `core.answer`, which remembers each policy's decisions by the
request values they depend on; these tests hold it to `decide` over any sequence of
requests (a remembered answer must never leak into a request it does not fit), keep the
memory bounded, and keep asking an origins callable every time.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flask_cors.core import (
    DECISION_MEMO_SIZE,
    MEMO_KEY_LENGTH,
    RequestFacts,
    answer,
    decide,
)
from flask_cors.options import CorsOptions
from flask_cors.resolve import compile_policy

A = "https://a.example"
B = "https://b.example"

POLICIES: list[dict[str, Any]] = [
    {},
    {"origins": [A]},
    {"origins": [A, r"https://.*\.b\.example"], "supports_credentials": True},
    {"send_wildcard": True, "max_age": 0},
    {"allow_headers": ["X-A", r"X-B-.*"], "methods": ["GET", "PUT"], "expose_headers": ["X-E"]},
    {"allow_private_network": True, "always_send": False, "vary_header": False},
]

facts = st.builds(
    RequestFacts,
    method=st.sampled_from(["GET", "POST", "OPTIONS"]),
    origin=st.sampled_from([None, "", A, B, "https://x.b.example", "https://a.example/", "null"]),
    request_method=st.sampled_from([None, "", "PUT", "patch", "DELETE", "ET"]),
    request_headers=st.sampled_from([None, "", "X-A", "x-a, X-B-1", "X-C,,X-A", "bad header"]),
    request_private_network=st.sampled_from([None, "true", "false", " TRUE "]),
)


@settings(max_examples=200, deadline=None)
@given(options=st.sampled_from(POLICIES), requests=st.lists(facts, min_size=1, max_size=12))
def test_remembered_decisions_answer_each_request_as_decide_does(
    options: dict[str, Any], requests: list[RequestFacts]
) -> None:
    policy = compile_policy(CorsOptions(**options))
    for request in requests:
        got = answer(
            policy,
            request.method,
            request.origin,
            request.request_method,
            request.request_headers,
            request.request_private_network,
        )
        assert got == decide(compile_policy(CorsOptions(**options)), request)


def preflight(headers: str | None = "X-A", method: str = "PUT", origin: str = A) -> RequestFacts:
    return RequestFacts("OPTIONS", origin, method, headers)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(preflight("X-A"), preflight("X-A, X-Z"), id="preflights-asking-other-headers"),
        pytest.param(preflight(method="PUT"), preflight(method="ET"), id="preflights-other-method"),
        pytest.param(preflight(), RequestFacts("GET", A, "PUT", "X-A"), id="get-after-preflight"),
        pytest.param(RequestFacts("GET", A, "PUT", "X-A"), preflight(), id="preflight-after-get"),
        pytest.param(RequestFacts("GET", A), RequestFacts("GET", A.upper()), id="origin-case"),
        pytest.param(
            RequestFacts("GET", A), RequestFacts("GET", A, None, None, "true"), id="private-network"
        ),
        pytest.param(RequestFacts("GET", A), RequestFacts("GET", None), id="origin-then-none"),
    ],
)
def test_a_remembered_decision_is_not_reused_for_a_different_request(
    first: RequestFacts, second: RequestFacts
) -> None:
    options: dict[str, Any] = {"origins": [A, B], "allow_headers": ["X-A"], "max_age": 5}
    policy = compile_policy(CorsOptions(**options))
    for request in (first, second):
        got = answer(
            policy,
            request.method,
            request.origin,
            request.request_method,
            request.request_headers,
            request.request_private_network,
        )
        assert got == decide(compile_policy(CorsOptions(**options)), request)


def test_memory_of_decisions_stays_bounded_under_many_origins() -> None:
    policy = compile_policy(CorsOptions(origins=r"https://.*\.example"))
    for i in range(DECISION_MEMO_SIZE + 100):
        answer(policy, "GET", f"https://host{i}.example")
    assert 0 < len(policy.memo) <= DECISION_MEMO_SIZE


def test_long_request_values_are_answered_but_not_remembered() -> None:
    policy = compile_policy(CorsOptions())
    long_headers = ", ".join(f"X-H{i}" for i in range(MEMO_KEY_LENGTH // 4))
    decision = answer(policy, "OPTIONS", A, "PUT", long_headers)
    assert (decision, policy.memo) == (
        decide(policy, RequestFacts("OPTIONS", A, "PUT", long_headers)),
        {},
    )


@pytest.mark.parametrize(
    ("length", "remembered"),
    [(MEMO_KEY_LENGTH, True), (MEMO_KEY_LENGTH + 1, False)],
    ids=["longest-kept", "one-more"],
)
def test_request_values_up_to_the_longest_kept_are_remembered(
    length: int, remembered: bool
) -> None:
    # The request's values together: Origin, Access-Control-Request-Method and -Headers.
    policy = compile_policy(CorsOptions())
    headers = "X-" + "h" * (length - len(A) - len("PUT") - 2)
    answer(policy, "OPTIONS", A, "PUT", headers)
    assert len(policy.memo) == remembered


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
def test_origins_callable_is_asked_on_every_request(method: str) -> None:
    asked: list[str] = []

    def allow(origin: str) -> bool:
        asked.append(origin)
        return len(asked) == 1  # allowed once, then refused: answers change over time

    policy = compile_policy(CorsOptions(origins=allow))
    first = decide(policy, RequestFacts(method, A, "PUT"))
    second = decide(policy, RequestFacts(method, A, "PUT"))
    assert (asked, first.headers[:1], second.headers) == (
        [A, A],
        (("Access-Control-Allow-Origin", A),),
        (),
    )
