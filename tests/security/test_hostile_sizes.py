"""Hostile sizes: huge header lists, huge origins, pathological regexes.

Each request gets the correct answer, without a crash, within a generous bound (one second
for work that takes milliseconds), so a slow-down of orders of magnitude fails the test but
a busy CI machine does not.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final, TypeVar

import pytest
from flask import Flask

from flask_cors import CORS
from flask_cors.core import RequestFacts, decide
from flask_cors.options import CorsOptions, check_kwargs
from flask_cors.resolve import PATH_CACHE_SIZE, compile_policy, resource_table
from tests.helpers import cors_headers

BOUND: Final = 1.0
"""Seconds: generous; each case takes milliseconds."""

ORIGIN = "https://app.example.com"
HUGE_ORIGIN = "https://" + "a" * (64 * 1024) + ".example.com"
T = TypeVar("T")


def within_bound(work: Callable[[], T]) -> T:
    """Run `work`, failing if it takes longer than BOUND seconds."""
    start = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - start
    assert elapsed < BOUND, f"took {elapsed:.2f}s"
    return result


def _app(**options: object) -> Flask:
    app = Flask(__name__)
    app.add_url_rule("/r", "r", lambda: "ok", methods=["GET", "POST"])
    CORS(app, **options)  # type: ignore[arg-type]  # options vary per test
    return app


def _preflight(app: Flask, **headers: str) -> list[tuple[str, str]]:
    request_headers = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    request_headers.update({name.replace("_", "-"): value for name, value in headers.items()})
    response = within_bound(lambda: app.test_client().options("/r", headers=request_headers))
    return cors_headers(response.headers)


TEN_THOUSAND = [f"X-Header-{index}" for index in range(10_000)]


def test_ten_thousand_requested_headers_are_all_echoed_when_all_are_allowed() -> None:
    headers = _preflight(_app(), Access_Control_Request_Headers=",".join(TEN_THOUSAND))
    assert dict(headers)["access-control-allow-headers"] == ", ".join(sorted(TEN_THOUSAND))


def test_ten_thousand_requested_headers_echo_only_the_allowed_one() -> None:
    app = _app(allow_headers=["X-Header-42"], origins=[ORIGIN])
    headers = _preflight(app, Access_Control_Request_Headers=",".join(TEN_THOUSAND))
    assert dict(headers)["access-control-allow-headers"] == "X-Header-42"


def test_ten_thousand_junk_header_names_are_never_echoed() -> None:
    junk = ",".join(f"X Header {index};" for index in range(10_000))
    headers = _preflight(_app(), Access_Control_Request_Headers=junk)
    assert "access-control-allow-headers" not in dict(headers)


def test_a_thousand_comma_separated_methods_are_not_a_method() -> None:
    methods = ", ".join((["GET", "POST", "PUT"] * 334)[:1000])
    headers = _preflight(_app(), Access_Control_Request_Method=methods)
    assert headers == [("access-control-allow-origin", ORIGIN), ("vary", "Origin")]


@pytest.mark.parametrize(
    "origins",
    [
        pytest.param("*", id="any-origin"),
        pytest.param(r".*", id="regex-matching-everything"),
        pytest.param(r"https://.*.*.*\.example\.com", id="cubic-regex"),
        pytest.param(r"https://(a+)+\.example\.com", id="exponential-regex"),
        pytest.param("https://*.example.com", id="glob"),
    ],
)
def test_a_64_kib_origin_is_refused_and_never_reaches_a_user_regex(origins: str) -> None:
    # D2: longer than 2,048 characters is not an origin, so no regex ever runs on it; the
    # cubic and exponential patterns would take hours on 64 KiB.
    app = _app(origins=origins)
    response = within_bound(lambda: app.test_client().get("/r", headers={"Origin": HUGE_ORIGIN}))
    assert cors_headers(response.headers) == [("vary", "Origin")]


def test_a_64_kib_origin_never_reaches_an_origins_callable() -> None:
    seen: list[str] = []

    def check(origin: str) -> bool:
        seen.append(origin)
        return True

    policy = compile_policy(CorsOptions(origins=check))
    decision = within_bound(lambda: decide(policy, RequestFacts("GET", origin=HUGE_ORIGIN)))
    assert (decision.headers, seen) == ((), [])


@pytest.mark.parametrize(
    "origin",
    [
        pytest.param("https://" + "a." * 1000 + "example.com", id="1000-labels-allowed"),
        pytest.param("https://" + "a." * 1000 + "example.co!", id="1000-labels-refused"),
        pytest.param("https://" + "a-" * 1000 + ".example.com", id="one-long-label"),
    ],
)
def test_a_glob_origin_is_checked_in_linear_time_on_a_2_kib_origin(origin: str) -> None:
    policy = compile_policy(CorsOptions(origins="https://*.example.com"))
    decision = within_bound(lambda: decide(policy, RequestFacts("GET", origin=origin)))
    allowed = origin.endswith(".example.com")
    assert decision.headers == ((("Access-Control-Allow-Origin", origin),) if allowed else ())


def test_a_thousand_origin_regexes_answer_within_the_bound() -> None:
    regexes = [rf"https://tenant-{index}\.example\.com" for index in range(1000)]
    policy = compile_policy(CorsOptions(origins=regexes))
    refused = RequestFacts("GET", origin="https://tenant-x.example.com")
    allowed = RequestFacts("GET", origin="https://tenant-999.example.com")
    results = within_bound(lambda: (decide(policy, refused), decide(policy, allowed)))
    assert [decision.headers for decision in results] == [
        (),
        (("Access-Control-Allow-Origin", "https://tenant-999.example.com"),),
    ]


def test_a_regex_of_a_thousand_alternatives_answers_within_the_bound() -> None:
    alternatives = "|".join(f"tenant-{index}" for index in range(1000))
    policy = compile_policy(CorsOptions(origins=rf"https://(?:{alternatives})\.example\.com"))
    decision = within_bound(
        lambda: decide(policy, RequestFacts("GET", origin="https://tenant-1000.example.com"))
    )
    assert decision.headers == ()


def test_a_64_kib_path_is_looked_up_among_a_thousand_regex_resources_within_the_bound() -> None:
    resources = {rf"/tenant-{index}/.*": {"max_age": index} for index in range(1000)}
    table = resource_table({}, None, check_kwargs({"resources": resources}))
    path = "/tenant-999/" + "x" * (64 * 1024)
    policy = within_bound(lambda: table.lookup(path))
    assert policy is not None
    assert policy.preflight_extras == (("Access-Control-Max-Age", "999"),)


def test_the_path_cache_stays_bounded_under_ten_thousand_distinct_paths() -> None:
    # Paths come from clients: an unbounded cache is a memory leak anyone can drive.
    table = resource_table({}, None, check_kwargs({"resources": r"/api/.*"}))
    within_bound(lambda: [table.lookup(f"/api/{index}") for index in range(10_000)])
    assert 0 < len(table.found) <= PATH_CACHE_SIZE


def test_a_huge_request_headers_value_in_the_core_is_split_within_the_bound() -> None:
    # 10,000 names, half allowed by a case-insensitive regex, with empty items between.
    requested = ",,".join(f"x-trace-{index}, X-Other-{index}" for index in range(5000))
    policy = compile_policy(CorsOptions(allow_headers=[r"X-Trace-\d+"]))
    facts = RequestFacts("OPTIONS", ORIGIN, "GET", requested)
    decision = within_bound(lambda: decide(policy, facts))
    allowed = dict(decision.headers)["Access-Control-Allow-Headers"].split(", ")
    assert (len(allowed), len(decision.refused_headers)) == (5000, 5000)
