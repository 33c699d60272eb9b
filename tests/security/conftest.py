"""Fixtures for the security suite."""

from __future__ import annotations

from typing import Any

import pytest

from flask_cors import _cache


@pytest.fixture(name="charged")
def _charged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The bytes each cache entry is charged, kept or not: what traffic would hold unbounded.

    Starts with every cache empty.
    """
    charged: list[int] = []
    remember = _cache.Cache.remember

    def counting(cache: _cache.Cache[Any, Any], key: Any, value: Any, size: int) -> None:
        charged.append(size)
        remember(cache, key, value, size)

    monkeypatch.setattr(_cache.Cache, "remember", counting)
    _cache.empty_all()
    return charged
