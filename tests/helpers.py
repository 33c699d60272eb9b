"""Helpers shared by the test suites (importable: `from tests.helpers import ...`)."""

from __future__ import annotations

from collections.abc import Iterable


def cors_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Access-Control-* and Vary headers, lower-cased names, sorted, duplicates kept.

    One list pins presence, absence, exact values and "added once" in a single assert.
    Pass `response.headers` (Werkzeug `Headers` iterate as (name, value) pairs).
    """
    return sorted(
        (name.lower(), value)
        for name, value in headers
        if name.lower().startswith("access-control-") or name.lower() == "vary"
    )
