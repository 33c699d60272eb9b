"""Regex origins: the joined matcher must allow exactly what trying each regex allows.

A policy joins its origin regexes into one alternation per set of flags (1,000 regex
origins cost one `fullmatch`); these tests hold it to docs/design.md 5.1 and D1: an origin is
allowed when one configured regex matches the whole origin, with that regex's own flags.
"""

from __future__ import annotations

import logging
import re

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from flask_cors import CORS
from flask_cors.core import Reason, RequestFacts, decide
from flask_cors.options import CorsOptions
from flask_cors.resolve import compile_policy

Item = str | re.Pattern[str]


def allowed(items: list[Item], origin: str) -> bool:
    policy = compile_policy(CorsOptions(origins=items))
    return decide(policy, RequestFacts("GET", origin)).reason is Reason.ORIGIN_ALLOWED


def allowed_one_by_one(items: list[Item], origin: str) -> bool:
    """docs/design.md 5.1 read literally: some configured regex matches the whole origin."""
    patterns = compile_policy(CorsOptions(origins=items)).origin_patterns
    return any(pattern.fullmatch(origin) for pattern in patterns)


MANY = [rf"https://app{i:04d}\.example\.(?:com|org)" for i in range(1000)]


@pytest.mark.parametrize(
    ("items", "origin", "expected"),
    [
        pytest.param(
            [r"https://a\.example\.com", r"https://a\.example\.com\.evil\.net"],
            "https://a.example.com.evil.net",
            True,
            id="a-later-regex-allows-what-an-earlier-one-matches-only-in-part",
        ),
        pytest.param(
            [r"https://.*\.example\.com", r"https://b\.example\.org"],
            "https://a.example.com.evil.net",
            False,
            id="a-prefix-match-is-not-enough",
        ),
        pytest.param(
            [r"https://a\.example\.com|https://b\.example\.com", r"https://c\.example\.com"],
            "https://b.example.com",
            True,
            id="alternation-inside-one-regex",
        ),
        pytest.param(
            [r"https://a\.example\.com|https://b\.example\.com", r"https://c\.example\.com"],
            "https://a.example.com.c",
            False,
            id="alternation-inside-one-regex-still-matches-whole",
        ),
        pytest.param(
            [re.compile(r"https://API\.example\.net"), re.compile(r"https://x\.example\.net")],
            "https://api.example.net",
            False,
            id="compiled-regex-keeps-its-case",
        ),
        pytest.param(
            [re.compile(r"https://API\.example\.net"), r"https://x\.example\.net"],
            "https://API.example.net",
            True,
            id="compiled-regex-beside-a-string-regex",
        ),
        pytest.param(
            [r"https://X\.example\.net", r"https://y\.example\.net"],
            "https://x.EXAMPLE.net",
            True,
            id="string-regexes-ignore-case",
        ),
        pytest.param(
            [r"https://(a)\1\.example\.com", r"https://(b)(c)\.example\.com"],
            "https://aa.example.com",
            True,
            id="backreference-keeps-its-meaning",
        ),
        pytest.param(
            [r"https://(b)(c)\.example\.com", r"https://(a)\1\.example\.com"],
            "https://ab.example.com",
            False,
            id="backreference-after-other-groups-still-refuses",
        ),
        pytest.param(
            [r"https://(b)(c)\2\.example\.com", r"https://(a)\1\.example\.com"],
            "https://aa.example.com",
            True,
            id="backreference-after-another-regex-with-one-keeps-its-meaning",
        ),
        pytest.param(
            [r"https://b\.example\.com", r"(?i)https://inline\.example\.com"],
            "https://INLINE.example.com",
            True,
            id="global-inline-flag-after-another-regex",
        ),
        pytest.param(
            [
                re.compile(r"https://(?P<n>[a-z]+)\.example\.net"),
                re.compile(r"https://(?P<n>[0-9]+)\.example\.net"),
            ],
            "https://123.example.net",
            True,
            id="same-group-name-in-two-regexes",
        ),
        pytest.param(
            [r"https://b\.example\.com", re.compile(r"https://v\.example\.com  # c", re.X)],
            "https://v.example.com",
            True,
            id="verbose-regex-with-a-comment-beside-another",
        ),
        pytest.param(
            [r"https://b\.example\.com", re.compile(r"https://[a-z]\.example\.com", re.I)],
            "https://A.example.com",
            True,
            id="compiled-ignorecase-beside-another",
        ),
        pytest.param(MANY, "https://app0999.example.org", True, id="last-of-1000"),
        pytest.param(MANY, "https://app1000.example.org", False, id="none-of-1000"),
    ],
)
def test_an_origin_is_allowed_when_one_regex_matches_it_whole(
    items: list[Item], origin: str, expected: bool
) -> None:
    assert allowed_one_by_one(items, origin) == expected  # the examples themselves are right
    assert allowed(items, origin) == expected


ITEM_POOL: list[Item] = [
    "https://exact.example.com",
    r"https://.*\.example\.com",
    r"https://(a|b)\.example\.com",
    r"https://a\.example\.com|https://b\.example\.com",
    r"https://(x)\1\.example\.com",
    r"http://localhost:\d+",
    r"(?i)https://inline\.example\.com",
    "https://*.example.org",
    re.compile(r"https://API\.example\.net"),
    re.compile(r"https://(?P<n>[a-z]+)\.example\.net"),
    re.compile(r"https://(?P<n>[0-9]+)\.example\.net"),
    re.compile(r"https://v\.example\.com  # verbose", re.VERBOSE),
    re.compile(r"https://[a-z]\.example\.com", re.IGNORECASE | re.ASCII),
]
ORIGIN_POOL = [
    "https://a.example.com", "https://b.example.com", "https://xx.example.com",
    "https://xy.example.com", "https://API.example.net", "https://api.example.net",
    "https://abc.example.net", "https://123.example.net", "https://v.example.com",
    "https://INLINE.example.com", "http://localhost:8080", "https://a.b.example.org",
    "https://example.org", "https://a.example.com.evil.net", "https://exact.example.com",
    "https://A.example.com",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    items=st.lists(st.sampled_from(ITEM_POOL), min_size=1, max_size=6),
    origin=st.sampled_from(ORIGIN_POOL),
)
def test_joined_regexes_allow_exactly_what_each_regex_allows(
    items: list[Item], origin: str
) -> None:
    policy = compile_policy(CorsOptions(origins=items))
    exact = origin.lower() in policy.exact_origins
    assert allowed(items, origin) == (exact or allowed_one_by_one(items, origin))


# --- the D1 migration warning: a refused origin that a regex matches only in part ---------

PREFIX_WARNING = (
    "CORS(app) resource '/*': Origin {origin!r} is refused: origins regex {pattern!r} matches "
    "only its start. flask-cors 6 allowed such a prefix match; a regex must now match the "
    "whole origin. If that origin is meant to be allowed, end the regex with '.*' or list the "
    "origin; otherwise nothing needs to change.{extra}"
)
PORT_GLOB_HINT = " For any port of one host, write a port glob like 'http://localhost:*'."


def prefix_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "matches only its start" in r.getMessage()]


@pytest.mark.parametrize(
    ("origins", "origin", "warned", "extra"),
    [
        pytest.param(
            [r"https://.*\.example\.com"],
            "https://a.example.com.evil.net",
            r"https://.*\.example\.com",
            "",
            id="suffix-domain",
        ),
        pytest.param(
            [r"https?://localhost:*"],
            "http://localhost:3000",
            r"https?://localhost:*",
            PORT_GLOB_HINT,
            id="port-star",
        ),
        pytest.param(
            [r"https://a\.example\.com", re.compile(r"https://b\.example\.com")],
            "https://b.example.com:8443",
            r"https://b\.example\.com",
            "",
            id="compiled-regex",
        ),
    ],
)
def test_refused_origin_matching_a_regex_prefix_warns_once_per_pattern(
    origins: list[Item], origin: str, warned: str, extra: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    CORS(app, origins=origins)
    app.add_url_rule("/", "index", lambda: "ok")
    client = app.test_client()
    responses = [
        client.get("/", headers={"Origin": origin + suffix}) for suffix in ("", "", "x", "y")
    ]
    assert [r.headers.get("Access-Control-Allow-Origin") for r in responses] == [None] * 4
    assert prefix_warnings(caplog) == [
        PREFIX_WARNING.format(origin=origin, pattern=warned, extra=extra)
    ]


@pytest.mark.parametrize(
    ("origins", "origin"),
    [
        pytest.param([r"https://.*\.example\.com"], "https://a.example.com", id="allowed"),
        pytest.param([r"https://.*\.example\.com"], "https://evil.net", id="no-prefix"),
        pytest.param(["https://*.example.com"], "https://a.example.com.evil.net", id="glob"),
        pytest.param(["http://localhost:*"], "http://localhost:3000x", id="port-glob"),
        pytest.param(["https://a.example.com"], "https://a.example.com.evil.net", id="literal"),
    ],
)
def test_no_prefix_warning_for_allowed_origins_globs_or_literals(
    origins: list[Item], origin: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    CORS(app, origins=origins)
    app.add_url_rule("/", "index", lambda: "ok")
    app.test_client().get("/", headers={"Origin": origin})
    assert prefix_warnings(caplog) == []


def test_prefix_warning_of_a_policy_compiled_without_a_description_names_cors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    policy = compile_policy(CorsOptions(origins=[r"https://a\.example\.com"]))
    decide(policy, RequestFacts("GET", "https://a.example.com.evil"))
    assert prefix_warnings(caplog) == [
        PREFIX_WARNING.replace("CORS(app) resource '/*'", "CORS").format(
            origin="https://a.example.com.evil", pattern=r"https://a\.example\.com", extra=""
        )
    ]


def test_prefix_warning_state_is_bounded_by_the_patterns_not_the_clients(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    policy = compile_policy(
        CorsOptions(origins=[r"https://a\.example\.com", r"https://b\.example\.com"]),
        "CORS(app) resource '/*'",
    )
    for index in range(3000):  # more distinct origins than the decision memo holds
        for host in ("a", "b", "c"):
            decide(policy, RequestFacts("GET", f"https://{host}.example.com.{index}.evil"))
    assert policy.prefix_warned == {0, 1}
    assert prefix_warnings(caplog) == [
        PREFIX_WARNING.format(
            origin="https://a.example.com.0.evil", pattern=r"https://a\.example\.com", extra=""
        ),
        PREFIX_WARNING.format(
            origin="https://b.example.com.0.evil", pattern=r"https://b\.example\.com", extra=""
        ),
    ]
