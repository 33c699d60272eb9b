"""The pure core: plain values in, exact headers out; no app (like Werkzeug's sansio tests)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from flask_cors.core import Decision, Reason, RequestFacts, decide, is_valid_origin
from flask_cors.options import CorsOptions
from flask_cors.resolve import compile_policy

A = "https://a.example"
B = "https://b.example"


def run(facts: RequestFacts, **options: Any) -> Decision:
    return decide(compile_policy(CorsOptions(**options)), facts)


def get(origin: str | None) -> RequestFacts:
    return RequestFacts(method="GET", origin=origin)


def preflight(
    origin: str | None = A, method: str = "PUT", headers: str | None = None
) -> RequestFacts:
    return RequestFacts(
        method="OPTIONS", origin=origin, request_method=method, request_headers=headers
    )


ALL = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


@pytest.mark.parametrize(
    ("options", "facts", "headers", "vary", "reason"),
    [
        pytest.param(
            {},
            get(A),
            [("Access-Control-Allow-Origin", A)],
            True,
            Reason.ORIGIN_ALLOWED,
            id="default-echoes-the-origin-and-varies",
        ),
        pytest.param(
            {"send_wildcard": True},
            get(A),
            [("Access-Control-Allow-Origin", "*")],
            False,
            Reason.ORIGIN_ALLOWED,
            id="send-wildcard-answers-star-without-vary",
        ),
        pytest.param(
            {},
            get(None),
            [("Access-Control-Allow-Origin", "*")],
            True,
            Reason.NO_ORIGIN_ALWAYS_SEND,
            id="no-origin-wildcard-always-send-answers-star",
        ),
        pytest.param(
            {},
            get(""),
            [("Access-Control-Allow-Origin", "*")],
            True,
            Reason.NO_ORIGIN_ALWAYS_SEND,
            id="empty-origin-counts-as-absent",
        ),
        pytest.param(
            {"always_send": False},
            get(None),
            [],
            True,
            Reason.NO_ORIGIN,
            id="no-origin-without-always-send-gets-nothing",
        ),
        pytest.param(
            {"supports_credentials": True},
            get(None),
            [],
            True,
            Reason.NO_ORIGIN,
            id="no-origin-with-credentials-never-gets-star",
        ),
        pytest.param(
            {"origins": [B, A]},
            get(None),
            [("Access-Control-Allow-Origin", A)],
            True,
            Reason.NO_ORIGIN_ALWAYS_SEND,
            id="no-origin-literals-answer-the-smallest",
        ),
        pytest.param(
            {"origins": re.compile(r"https://.*\.example")},
            get(None),
            [],
            True,
            Reason.NO_ORIGIN,
            id="no-origin-regex-only-answers-nothing",
        ),
        pytest.param(
            {"origins": A},
            get(A),
            [("Access-Control-Allow-Origin", A)],
            False,
            Reason.ORIGIN_ALLOWED,
            id="single-literal-needs-no-vary",
        ),
        pytest.param(
            {"origins": A},
            get(B),
            [],
            False,
            Reason.ORIGIN_REFUSED,
            id="single-literal-refuses-others",
        ),
        pytest.param(
            {"origins": [A, B]},
            get("https://evil.example"),
            [],
            True,
            Reason.ORIGIN_REFUSED,
            id="refusal-of-a-multi-origin-policy-still-varies",
        ),
        pytest.param(
            {"origins": [A]},
            get("HTTPS://A.EXAMPLE"),
            [("Access-Control-Allow-Origin", "HTTPS://A.EXAMPLE")],
            False,
            Reason.ORIGIN_ALLOWED,
            id="literals-compare-case-insensitively-and-echo-verbatim",
        ),
        pytest.param(
            {"origins": ["null"]},
            get("null"),
            [("Access-Control-Allow-Origin", "null")],
            False,
            Reason.ORIGIN_ALLOWED,
            id="null-is-allowed-only-when-listed",
        ),
        pytest.param(
            {"origins": [A]},
            get("null"),
            [],
            False,
            Reason.ORIGIN_REFUSED,
            id="null-is-refused-when-not-listed",
        ),
        pytest.param(
            {},
            get("https://a.example/"),
            [("Access-Control-Allow-Origin", "https://a.example/")],
            True,
            Reason.ORIGIN_ALLOWED,
            id="trailing-slash-is-echoed-under-star-as-flask-cors-6-did",
        ),
        pytest.param(
            {},
            get("www.example.com"),
            [("Access-Control-Allow-Origin", "www.example.com")],
            True,
            Reason.ORIGIN_ALLOWED,
            id="scheme-less-origin-is-echoed-under-star-as-flask-cors-6-did",
        ),
        pytest.param(
            {"origins": [A]},
            get("a.example"),
            [],
            False,
            Reason.ORIGIN_REFUSED,
            id="scheme-less-origin-is-no-literal-with-a-scheme",
        ),
        pytest.param(
            {"origins": ["localhost:3000"]},
            get("LOCALHOST:3000"),
            [("Access-Control-Allow-Origin", "LOCALHOST:3000")],
            False,
            Reason.ORIGIN_ALLOWED,
            id="scheme-less-literal-matches-that-value-case-insensitively",
        ),
        pytest.param(
            {"origins": [r"https://.*\.example\.com"]},
            get("https://a.example.com/path"),
            [],
            True,
            Reason.ORIGIN_REFUSED,
            id="origin-with-path-must-still-match-a-regex-whole",
        ),
        pytest.param(
            {},
            get(f"{A}, {B}"),
            [],
            True,
            Reason.ORIGIN_MALFORMED,
            id="comma-list-is-not-an-origin",
        ),
        pytest.param(
            {"expose_headers": ["X-B", "X-A"], "supports_credentials": True, "origins": [A]},
            get(A),
            [
                ("Access-Control-Allow-Origin", A),
                ("Access-Control-Expose-Headers", "X-A, X-B"),
                ("Access-Control-Allow-Credentials", "true"),
            ],
            False,
            Reason.ORIGIN_ALLOWED,
            id="expose-sorted-and-credentials-lowercase-true",
        ),
        pytest.param(
            {"supports_credentials": True},
            get(A),
            [("Access-Control-Allow-Origin", A), ("Access-Control-Allow-Credentials", "true")],
            True,
            Reason.ORIGIN_ALLOWED,
            id="credentials-with-any-origin-echo-never-star",
        ),
    ],
)
def test_decide_answers_simple_requests(
    options: dict[str, Any],
    facts: RequestFacts,
    headers: list[tuple[str, str]],
    vary: bool,
    reason: Reason,
) -> None:
    decision = run(facts, **options)
    assert (list(decision.headers), decision.vary_origin, decision.reason) == (
        headers,
        vary,
        reason,
    )


@pytest.mark.parametrize(
    ("options", "facts", "headers", "reason"),
    [
        pytest.param(
            {},
            preflight(headers="X-Custom, content-type"),
            [
                ("Access-Control-Allow-Origin", A),
                ("Access-Control-Allow-Methods", ALL),
                ("Access-Control-Allow-Headers", "X-Custom, content-type"),
            ],
            Reason.PREFLIGHT_ALLOWED,
            id="any-header-echoes-requested-names-sorted",
        ),
        pytest.param(
            {"max_age": 0},
            preflight(),
            [
                ("Access-Control-Allow-Origin", A),
                ("Access-Control-Allow-Methods", ALL),
                ("Access-Control-Max-Age", "0"),
            ],
            Reason.PREFLIGHT_ALLOWED,
            id="max-age-zero-is-sent",
        ),
        pytest.param(
            {"max_age": timedelta(minutes=10, milliseconds=900)},
            preflight(),
            [
                ("Access-Control-Allow-Origin", A),
                ("Access-Control-Allow-Methods", ALL),
                ("Access-Control-Max-Age", "600"),
            ],
            Reason.PREFLIGHT_ALLOWED,
            id="max-age-timedelta-truncated-to-seconds",
        ),
        pytest.param(
            {"methods": ["GET", "POST"]},
            preflight(method="PUT"),
            [("Access-Control-Allow-Origin", A)],
            Reason.METHOD_NOT_ALLOWED,
            id="method-not-allowed-gets-no-preflight-headers",
        ),
        pytest.param(
            {"methods": ["GET"]},
            preflight(method="ET"),
            [("Access-Control-Allow-Origin", A)],
            Reason.METHOD_NOT_ALLOWED,
            id="methods-match-exact-tokens-not-substrings",
        ),
        pytest.param(
            {},
            preflight(method="patch"),
            [
                ("Access-Control-Allow-Origin", A),
                ("Access-Control-Allow-Methods", f"{ALL}, patch"),
            ],
            Reason.PREFLIGHT_ALLOWED,
            id="lowercase-method-is-echoed-as-sent",
        ),
        pytest.param(
            {"allow_headers": ["Content-Type", re.compile(r"X-App-\w+")]},
            preflight(headers="X-App-Id, X-Other, content-type,,"),
            [
                ("Access-Control-Allow-Origin", A),
                ("Access-Control-Allow-Methods", ALL),
                ("Access-Control-Allow-Headers", "X-App-Id, content-type"),
            ],
            Reason.HEADER_NOT_ALLOWED,
            id="only-allowed-headers-are-listed-empty-items-dropped",
        ),
        pytest.param(
            {"allow_headers": ["Content-Type"]},
            preflight(headers="X-Other"),
            [("Access-Control-Allow-Origin", A), ("Access-Control-Allow-Methods", ALL)],
            Reason.HEADER_NOT_ALLOWED,
            id="no-allowed-header-omits-allow-headers",
        ),
        pytest.param(
            {},
            preflight(headers="X-Ok, Bad Header, X\r\nInjected"),
            [
                ("Access-Control-Allow-Origin", A),
                ("Access-Control-Allow-Methods", ALL),
                ("Access-Control-Allow-Headers", "X-Ok"),
            ],
            Reason.HEADER_NOT_ALLOWED,
            id="non-token-header-names-are-never-echoed",
        ),
        pytest.param(
            {"origins": [A], "supports_credentials": True, "max_age": 5},
            preflight(),
            [
                ("Access-Control-Allow-Origin", A),
                ("Access-Control-Allow-Credentials", "true"),
                ("Access-Control-Allow-Methods", ALL),
                ("Access-Control-Max-Age", "5"),
            ],
            Reason.PREFLIGHT_ALLOWED,
            id="credentialed-preflight-carries-allow-credentials",
        ),
        pytest.param(
            {"origins": [B]},
            preflight(),
            [],
            Reason.ORIGIN_REFUSED,
            id="refused-origin-preflight-gets-nothing",
        ),
    ],
)
def test_decide_answers_preflights(
    options: dict[str, Any],
    facts: RequestFacts,
    headers: list[tuple[str, str]],
    reason: Reason,
) -> None:
    decision = run(facts, **options)
    assert (list(decision.headers), decision.reason) == (headers, reason)


@pytest.mark.parametrize(
    ("allow", "asked", "expected"),
    [
        pytest.param(False, "true", "false", id="default-answers-false"),
        pytest.param(True, "true", "true", id="allowed-answers-true"),
    ],
)
def test_private_network_request_gets_an_answer(allow: bool, asked: str, expected: str) -> None:
    facts = RequestFacts(
        method="OPTIONS", origin=A, request_method="GET", request_private_network=asked
    )
    decision = run(facts, origins=[A], allow_private_network=allow)
    assert ("Access-Control-Allow-Private-Network", expected) in decision.headers


def test_no_private_network_header_when_not_asked() -> None:
    decision = run(preflight(method="GET"), origins=[A], allow_private_network=True)
    assert all(name != "Access-Control-Allow-Private-Network" for name, _ in decision.headers)


def test_origins_callable_is_asked_with_the_origin() -> None:
    asked: list[str] = []

    def allow(origin: str) -> bool:
        asked.append(origin)
        return origin == A

    assert run(get(A), origins=allow).headers == (("Access-Control-Allow-Origin", A),)
    assert run(get(B), origins=allow).headers == ()
    assert asked == [A, B]


def test_origins_callable_is_never_asked_about_a_malformed_origin() -> None:
    asked: list[str] = []

    def allow(origin: str) -> bool:
        asked.append(origin)
        return True

    decision = run(get("https://a.example\r\nX: y"), origins=allow)
    assert (decision.headers, decision.reason, asked) == ((), Reason.ORIGIN_MALFORMED, [])


def test_origins_callable_that_raises_refuses_the_origin() -> None:
    def broken(origin: str) -> bool:
        raise LookupError("tenant database is down")

    decision = run(get(A), origins=broken)
    assert (decision.headers, decision.vary_origin, decision.reason) == (
        (),
        True,
        Reason.ORIGIN_CHECK_FAILED,
    )


@pytest.mark.parametrize(
    "origin",
    [
        "https://a.example",
        "http://localhost:5173",
        "http://127.0.0.1:8080",
        "http://[::1]:3000",
        "null",
        "https://xn--bcher-kva.example",
        "chrome-extension://abcdefghijklmnop",
        # D2's list is exhaustive: what flask-cors 6 matched and is not on it is matched too
        "www.example.com",
        "localhost:3000",
        "a.example",
        "https://a.example/",
        "https://a.example/path",
        "https://user@a.example",
        "https://a.example:99999999",
        "NULL",
        "file://",
        "*",
        "x" * 2048,
    ],
)
def test_origins_outside_the_d2_list_may_be_matched(origin: str) -> None:
    assert is_valid_origin(origin)


@pytest.mark.parametrize(
    "origin",
    [
        pytest.param("https://a.example, https://b.example", id="comma-list"),
        pytest.param("https://a.example,https://b.example", id="comma"),
        pytest.param(" https://a.example", id="space"),
        pytest.param("https://a.example\tb", id="tab"),
        pytest.param("https://a.example\r\nSet-Cookie: x=1", id="cr-lf"),
        pytest.param("https://a.example\x00", id="nul"),
        pytest.param("https://a.example\x7f", id="del"),
        pytest.param("https://bücher.example", id="non-ascii"),
        pytest.param("https://\u212aelvin.example", id="kelvin-sign"),
        pytest.param("https://a.example\u00a0", id="non-ascii-space"),
        pytest.param("x" * 2049, id="over-2048"),
        pytest.param("https://" + "a" * 2048 + ".example", id="long-host"),
    ],
)
def test_malformed_origins_are_refused(origin: str) -> None:
    assert not is_valid_origin(origin)
    assert run(get(origin)).reason is Reason.ORIGIN_MALFORMED


def origin_of_length(length: int) -> str:
    return "https://" + "a" * (length - len("https://.example")) + ".example"


@pytest.mark.parametrize(
    ("origin", "headers", "reason"),
    [
        pytest.param(
            origin_of_length(2048),
            [("Access-Control-Allow-Origin", origin_of_length(2048))],
            Reason.ORIGIN_ALLOWED,
            id="2048-characters-is-echoed",
        ),
        pytest.param(origin_of_length(2049), [], Reason.ORIGIN_MALFORMED, id="2049-is-refused"),
    ],
)
def test_an_origin_may_have_at_most_2048_characters(
    origin: str, headers: list[tuple[str, str]], reason: Reason
) -> None:
    decision = run(get(origin), origins=r"https://a+\.example")
    assert (list(decision.headers), decision.reason) == (headers, reason)


@pytest.mark.parametrize(
    ("configured", "origin", "headers"),
    [
        pytest.param(
            "https://a.example:8443",
            "https://a.example:8443",
            [("Access-Control-Allow-Origin", "https://a.example:8443")],
            id="literal-allows-its-port",
        ),
        pytest.param("https://a.example:8443", A, [], id="literal-refuses-the-default-port"),
        pytest.param(
            "https://*.a.example:8443",
            "https://x.a.example:8443",
            [("Access-Control-Allow-Origin", "https://x.a.example:8443")],
            id="glob-allows-its-port",
        ),
        pytest.param(
            "https://*.a.example:8443", "https://x.a.example", [], id="glob-refuses-others"
        ),
    ],
)
def test_a_configured_port_other_than_the_default_is_part_of_the_origin(
    configured: str, origin: str, headers: list[tuple[str, str]]
) -> None:
    assert list(run(get(origin), origins=configured).headers) == headers


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        pytest.param("http://[::1]:3000", True, id="the-address"),
        pytest.param("http://1:3000", False, id="brackets-are-no-character-class"),
        pytest.param("http://[::2]:3000", False, id="another-address"),
    ],
)
def test_an_ipv6_literal_origin_allows_exactly_that_origin(origin: str, allowed: bool) -> None:
    headers = [("Access-Control-Allow-Origin", origin)] if allowed else []
    assert list(run(get(origin), origins=["http://[::1]:3000", A]).headers[:1]) == headers


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        pytest.param("http://[::1]:3000", True, id="a-port"),
        pytest.param("http://[::1]", True, id="no-port"),
        pytest.param("http://[::2]:3000", False, id="another-address"),
    ],
)
def test_a_port_glob_on_an_ipv6_host_allows_that_address_on_any_port(
    origin: str, allowed: bool
) -> None:
    headers = [("Access-Control-Allow-Origin", origin)] if allowed else []
    assert list(run(get(origin), origins="http://[::1]:*").headers) == headers


@pytest.mark.parametrize(
    "origin",
    [
        pytest.param("https://X.A.EXAMPLE", id="upper-case-host"),
        pytest.param("HTTPS://x.a.example", id="upper-case-scheme"),
    ],
)
def test_a_glob_origin_matches_scheme_and_host_in_any_case(origin: str) -> None:
    decision = run(get(origin), origins="https://*.a.example")
    assert list(decision.headers) == [("Access-Control-Allow-Origin", origin)]
