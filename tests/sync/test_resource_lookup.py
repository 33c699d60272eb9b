"""The path -> policy lookup: one joined regex must answer exactly as trying each in order.

`ResourceTable` joins runs of resource regexes into one alternation (a 1,000-resource
table costs one regex call); these tests hold it to the plain rule of docs/design.md section 4:
the first resource in order that matches wins (literal: the whole path; regex: `re.match`,
from the start), and the cache of answers stays bounded.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flask_cors._cache import LONGEST_KEY
from flask_cors.core import Policy
from flask_cors.options import CorsOptions, Resource, is_regex_text
from flask_cors.resolve import PATH_CACHE_SIZE, ResourceTable, compile_policy

Pattern = str | re.Pattern[str]


def table_of(patterns: list[Pattern]) -> tuple[ResourceTable, list[Policy]]:
    """A table with one distinct policy per resource, in the order given."""
    policies = [compile_policy(CorsOptions(), f"resource {i}") for i in range(len(patterns))]
    return ResourceTable([(Resource(p), pol) for p, pol in zip(patterns, policies, strict=True)]), (
        policies
    )


def first_match(patterns: list[Pattern], path: str) -> int | None:
    """docs/design.md 4 read literally: try each resource in order."""
    for index, pattern in enumerate(patterns):
        if isinstance(pattern, re.Pattern):
            if pattern.match(path):
                return index
        elif pattern == "*":
            return index
        elif is_regex_text(pattern):
            if re.match(pattern, path):
                return index
        elif pattern == path:
            return index
    return None


def found(patterns: list[Pattern], path: str) -> int | None:
    table, policies = table_of(patterns)
    policy = table.lookup(path)
    return None if policy is None else policies.index(policy)


@pytest.mark.parametrize(
    ("patterns", "path", "expected"),
    [
        pytest.param([r"/api/.*", "/api/items"], "/api/items", 0, id="earlier-regex-beats-literal"),
        pytest.param(["/api/items", r"/api/.*"], "/api/items", 0, id="earlier-literal-beats-regex"),
        pytest.param([r"/a/.*", r"/api/.*"], "/api/x", 1, id="regex-matches-from-the-start"),
        pytest.param([r"/api/.*", r"/api/v1/.*"], "/api/v1/x", 0, id="first-of-two-matches-wins"),
        pytest.param(
            [r"/a(/x)?(/y)?$", r"/b(.*)", r"/c.*"],
            "/c",
            2,
            id="groups-before-do-not-shift-the-answer",
        ),
        pytest.param([r"/(a)(b)", r"/(x)\1"], "/xx", 1, id="backreference-keeps-its-meaning"),
        pytest.param([r"/(a)(b)", r"/(x)\1"], "/xa", None, id="backreference-still-refuses"),
        pytest.param(
            [re.compile(r"/(?P<v>a)"), re.compile(r"/(?P<v>b)")],
            "/b",
            1,
            id="same-group-name-twice",
        ),
        pytest.param(
            [re.compile(r"/v  # a comment", re.VERBOSE), r"/w"], "/w", 1, id="verbose-comment"
        ),
        pytest.param(
            [re.compile(r"/v  # a comment", re.VERBOSE), r"/w"], "/v", 0, id="verbose-matches"
        ),
        pytest.param(
            [re.compile(r"/v  # a comment", re.VERBOSE), re.compile(r"/w  # another", re.VERBOSE)],
            "/w",
            1,
            id="two-verbose-patterns",
        ),
        pytest.param(["(?i)/api", r"/b.*"], "/API", 0, id="inline-global-flag"),
        pytest.param(["(?i)/api", r"/b.*"], "/b", 1, id="after-an-inline-global-flag"),
        pytest.param(
            [r"/a.*", re.compile("/B.*", re.IGNORECASE), r"/c.*"], "/b", 1, id="flags-in-the-middle"
        ),
        pytest.param(
            [r"/a.*", re.compile("/B.*", re.IGNORECASE), r"/c.*"], "/c", 2, id="after-other-flags"
        ),
        pytest.param(
            [re.compile("/A.*", re.IGNORECASE), re.compile("/B.*", re.IGNORECASE)],
            "/b",
            1,
            id="two-patterns-keep-their-shared-flags",
        ),
        pytest.param([r"/a.*", "*", r"/b.*"], "/b", 1, id="star-matches-everything"),
        pytest.param([r"/api/.*"], "/API/x", None, id="paths-are-case-sensitive"),
        pytest.param(
            [rf"/api/r{i:04d}/.*" for i in range(1000)], "/api/r0999/x", 999, id="last-of-1000"
        ),
        pytest.param(
            [rf"/api/r{i:04d}/.*" for i in range(1000)], "/api/r1000/x", None, id="none-of-1000"
        ),
    ],
)
def test_lookup_finds_the_first_resource_in_order_that_matches(
    patterns: list[Pattern], path: str, expected: int | None
) -> None:
    assert first_match(patterns, path) == expected  # the examples themselves are right
    assert found(patterns, path) == expected


PATTERN_POOL: list[Pattern] = [
    "*",
    "/api",
    "/api/items",
    r"/api/.*",
    r"/api/*",
    r"/api(/.*)?$",
    r"/api/v[0-9]+/.*",
    r"/(a|b)/(c)?",
    r"/(x)\1",
    r"/[^/]+$",
    r"/a$",
    "(?i)/API/ITEMS",
    re.compile(r"/a/.*"),
    re.compile(r"/API/.*", re.IGNORECASE),
    re.compile(r"/api/(?P<id>\d+)"),
    re.compile(r"/(?P<id>[a-z]+)/x"),
    re.compile(r"/b  # verbose", re.VERBOSE),
    re.compile(r"/b.c", re.DOTALL),
]
PATH_POOL = ["/", "/api", "/api/", "/api/items", "/API/items", "/api/v2/x", "/api/12", "/a",
             "/a/", "/a/c", "/b", "/b\nc", "/bc", "/xx", "/xy", "/apix", "/zz/x", "/q"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    patterns=st.lists(st.sampled_from(PATTERN_POOL), min_size=1, max_size=8),
    path=st.sampled_from(PATH_POOL),
)
def test_lookup_answers_as_trying_each_resource_in_order(
    patterns: list[Pattern], path: str
) -> None:
    assert found(patterns, path) == first_match(patterns, path)


def test_path_cache_stays_bounded_under_many_distinct_paths() -> None:
    table, _policies = table_of([r"/api/.*"])
    for i in range(PATH_CACHE_SIZE + 100):
        table.lookup(f"/api/{i}")
    assert 0 < len(table.found) <= PATH_CACHE_SIZE


@pytest.mark.parametrize(
    ("length", "kept"), [(LONGEST_KEY, True), (LONGEST_KEY + 1, False)], ids=["longest", "longer"]
)
def test_a_path_longer_than_any_browser_sends_is_looked_up_but_not_remembered(
    length: int, kept: bool
) -> None:
    table, policies = table_of([r"/api/.*"])
    path = "/api/" + "x" * (length - len("/api/"))
    assert (table.lookup(path), path in table.found) == (policies[0], kept)
