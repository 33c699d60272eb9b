"""Regex origins: the joined matcher must allow exactly what trying each regex allows.

A policy joins its origin regexes into one alternation per set of flags (1,000 regex
origins cost one `fullmatch`); these tests hold it to DESIGN 5.1 and D1: an origin is
allowed when one configured regex matches the whole origin, with that regex's own flags.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flask_cors.core import Reason, RequestFacts, decide
from flask_cors.options import CorsOptions
from flask_cors.resolve import compile_policy

Item = str | re.Pattern[str]


def allowed(items: list[Item], origin: str) -> bool:
    policy = compile_policy(CorsOptions(origins=items))
    return decide(policy, RequestFacts("GET", origin)).reason is Reason.ORIGIN_ALLOWED


def allowed_one_by_one(items: list[Item], origin: str) -> bool:
    """DESIGN 5.1 read literally: some configured regex matches the whole origin."""
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
