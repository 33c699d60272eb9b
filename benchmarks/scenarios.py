"""The benchmark scenarios as plain data: one CORS configuration and one request each.

Imported by the orchestrator (`run.py`) and by every worker (`worker.py`), whatever
virtualenv the worker runs in, so it needs nothing beyond the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ORIGIN = "https://app.example.com"
"""The allowed origin of the single-resource scenarios."""
REFUSED = "https://evil.example.net"
"""An origin no scenario allows."""
SIZES = (1, 10, 100, 1000)
DISTINCT_PATHS = 20_000
"""Distinct request paths of the cache-busting scenario (more than any sane path cache)."""


@dataclass(frozen=True)
class Scenario:
    """One configuration and one request (or a cycle of requests differing only by path)."""

    id: str
    title: str
    origins: tuple[str, ...] = (ORIGIN,)
    """Configured origins; strings with a backslash are regexes for both flask-cors."""
    regex: bool = False
    """Whether `origins` are regexes (quart-cors takes them compiled)."""
    resources: tuple[str, ...] = (r"/api/.*",)
    """Resource patterns, as a list (tried in order by both flask-cors)."""
    method: str = "GET"
    paths: tuple[str, ...] = ("/api/items",)
    """Request paths, used in turn, one per call."""
    headers: tuple[tuple[str, str], ...] = ()
    quart: bool = True
    """Whether the Quart half runs it (quart-cors has no `resources`)."""
    tags: frozenset[str] = field(default_factory=frozenset)


def _origin(i: int) -> str:
    return f"https://app{i:04d}.example.com"


def _origin_regex(i: int) -> str:
    return rf"https://app{i:04d}\.example\.(?:com|org)"


def _single() -> list[Scenario]:
    return [
        Scenario("get-origin", "GET, allowed Origin", headers=(("Origin", ORIGIN),)),
        Scenario("get-no-origin", "GET, no Origin"),
        Scenario("get-refused", "GET, refused Origin", headers=(("Origin", REFUSED),)),
        Scenario(
            "preflight",
            "preflight, 2 requested headers",
            method="OPTIONS",
            headers=(
                ("Origin", ORIGIN),
                ("Access-Control-Request-Method", "PUT"),
                ("Access-Control-Request-Headers", "Content-Type, X-Requested-With"),
            ),
        ),
    ]


def _origin_series(regex: bool) -> list[Scenario]:
    kind = "regex" if regex else "exact"
    make = _origin_regex if regex else _origin
    found: list[Scenario] = []
    for n in SIZES:
        origins = tuple(make(i) for i in range(n))
        for hit in (True, False):
            origin = _origin(n - 1) if hit else REFUSED
            found.append(
                Scenario(
                    f"{kind}-origins-{n}-{'last' if hit else 'none'}",
                    f"{n} {kind} origins, {'matching the last' if hit else 'matching none'}",
                    origins=origins,
                    regex=regex,
                    headers=(("Origin", origin),),
                )
            )
    return found


def _resource_series() -> list[Scenario]:
    found: list[Scenario] = []
    for n in SIZES:
        resources = tuple(rf"/api/r{i:04d}/.*" for i in range(n))
        last = f"/api/r{n - 1:04d}/items"
        found.append(
            Scenario(
                f"resources-{n}-last",
                f"{n} resources, path matching the last",
                resources=resources,
                paths=(last,),
                headers=(("Origin", ORIGIN),),
                quart=False,
            )
        )
        found.append(
            Scenario(
                f"resources-{n}-none",
                f"{n} resources, path matching none",
                resources=resources,
                paths=("/other/items",),
                headers=(("Origin", ORIGIN),),
                quart=False,
            )
        )
    n = SIZES[-1]
    found.append(
        Scenario(
            f"resources-{n}-distinct",
            f"{n} resources, {DISTINCT_PATHS:,} distinct paths",
            resources=tuple(rf"/api/r{i:04d}/.*" for i in range(n)),
            paths=tuple(f"/api/r{n - 1:04d}/items/{k}" for k in range(DISTINCT_PATHS)),
            headers=(("Origin", ORIGIN),),
            quart=False,
        )
    )
    return found


SCENARIOS: tuple[Scenario, ...] = (
    *_single(),
    *_origin_series(regex=False),
    *_origin_series(regex=True),
    *_resource_series(),
)
BY_ID = {s.id: s for s in SCENARIOS}
SINGLE = ("get-origin", "get-no-origin", "get-refused", "preflight")
