"""The byte budget that all of flask_cors's caches in a process share.

The path and decision caches are keyed by what clients send, so clients must not decide
how much memory they hold: docs/security.md, "Memory", gives the rules and their numbers.
No Flask or Quart import: the core uses it.
"""

from __future__ import annotations

import sys
import threading
import weakref
from typing import Any, Final, Generic, TypeVar

CACHE_BUDGET: Final = 8 * 1024 * 1024
"""Bytes that all of flask_cors's caches in one process hold together, at most."""
LONGEST_KEY: Final = 512
"""Characters: a path, or the request values of a decision, longer than this is not kept."""
LARGEST_ENTRY: Final = CACHE_BUDGET // 16
"""Bytes: a larger entry (a huge joined regex) is computed again rather than kept."""
SLOT_BYTES: Final = 112
"""What a dict spends per entry at worst (index and entry arrays, just after it grew)."""

K = TypeVar("K")
V = TypeVar("V")


class Cache(Generic[K, V]):
    """A plain dict of remembered answers (`entries`) whose bytes count against the budget.

    Readers use `entries` directly (an exact dict: the fastest lookup Python has); only
    `remember`, on a miss, takes the lock.
    """

    __slots__ = ("__weakref__", "entries", "held", "max_entries")

    def __init__(self, max_entries: int) -> None:
        self.entries: dict[K, V] = {}
        self.held = 0
        """Bytes charged for `entries`."""
        self.max_entries = max_entries
        with _LOCK:
            _CACHES.add(self)

    def remember(self, key: K, value: V, size: int) -> None:
        """Keep `value` under `key`, charged `size` bytes; make room by emptying caches.

        Never one entry at a time: filling the budget only makes later requests recompute once.
        """
        global _used
        if size > LARGEST_ENTRY:
            return
        with _LOCK:
            if key in self.entries:  # two first requests computed it: charge it once
                return
            if len(self.entries) >= self.max_entries:
                _used -= self.held
                self._empty()
            if _used + size > CACHE_BUDGET:
                _used = bytes_in_use()  # collected caches took theirs
                if _used + size > CACHE_BUDGET:
                    empty_all()
            self.entries[key] = value
            self.held += size
            _used += size

    def _empty(self) -> None:
        self.entries.clear()  # clear() also frees the dict's table
        self.held = 0


_LOCK: Final = threading.RLock()  # reentrant: `remember` counts and empties under it
_CACHES: Final[weakref.WeakSet[Cache[Any, Any]]] = weakref.WeakSet()
_used = 0
"""Bytes charged to the caches (counted again from the live ones when it looks full)."""


def bytes_in_use() -> int:
    """Bytes charged to flask_cors's caches now: at most `CACHE_BUDGET`."""
    with _LOCK:
        return sum(cache.held for cache in _CACHES)


def empty_all() -> None:
    """Forget everything every cache remembers (tests; a config reload)."""
    global _used
    with _LOCK:
        for cache in list(_CACHES):
            cache._empty()
        _used = 0


def text_bytes(*values: str | None) -> int:
    """What the strings among `values` occupy (exactly, as `sys.getsizeof` reports)."""
    return sum(sys.getsizeof(value) for value in values if value is not None)
