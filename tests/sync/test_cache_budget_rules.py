"""The rules of the byte budget flask_cors's caches share (flask_cors/_cache.py).

The memory these rules bound is measured on real apps in tests/security/test_cache_budget.py.
"""

from __future__ import annotations

import pytest

from flask_cors import _cache
from flask_cors._cache import LARGEST_ENTRY, Cache, bytes_in_use, empty_all


@pytest.fixture(autouse=True)
def _empty() -> None:
    empty_all()


def test_when_the_budget_would_be_exceeded_every_cache_is_emptied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_cache, "CACHE_BUDGET", 1000)
    first, second = Cache[str, int](10), Cache[str, int](10)
    first.remember("a", 1, 400)
    second.remember("b", 2, 400)
    second.remember("c", 3, 400)
    assert (first.entries, second.entries, bytes_in_use()) == ({}, {"c": 3}, 400)


def test_a_cache_at_its_entry_limit_empties_itself_alone() -> None:
    full, other = Cache[str, int](2), Cache[str, int](2)
    other.remember("x", 0, 100)
    full.remember("a", 1, 10)
    full.remember("b", 2, 10)
    full.remember("c", 3, 10)
    assert (full.entries, other.entries, bytes_in_use()) == ({"c": 3}, {"x": 0}, 110)


def test_an_entry_larger_than_the_largest_kept_is_not_remembered() -> None:
    cache = Cache[str, int](10)
    cache.remember("huge", 1, LARGEST_ENTRY + 1)
    cache.remember("fits", 2, LARGEST_ENTRY)
    assert (cache.entries, bytes_in_use()) == ({"fits": 2}, LARGEST_ENTRY)


def test_a_key_remembered_twice_is_charged_once() -> None:
    cache = Cache[str, int](10)
    cache.remember("a", 1, 100)
    cache.remember("a", 1, 100)
    assert (cache.entries, bytes_in_use()) == ({"a": 1}, 100)
