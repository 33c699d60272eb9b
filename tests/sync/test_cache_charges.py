"""What a cache entry is charged against the byte budget covers what it keeps alive.

The budget (docs/security.md, "Memory") holds only if no entry is charged less than the
memory it keeps alive, and the caches still remember what fits only if no entry is charged
wildly more. Here the joined origin regexes a policy compiles once are held to both, measured
two independent ways: `tracemalloc`, and `sys.getsizeof` over every object the entry reaches.
"""

from __future__ import annotations

import gc
import re
import sys
import tracemalloc
import types
from pathlib import Path
from typing import Any

import pytest

from flask_cors import core
from flask_cors._cache import SLOT_BYTES, bytes_in_use, empty_all
from flask_cors.options import CorsOptions, check_kwargs
from flask_cors.resolve import compile_policy, resource_table

Origins = list[str | re.Pattern[str]]

HOSTS = [rf"https://app{i}\.example\.com" for i in range(12)]
VERBOSE_HOSTS = [h.replace(r"\.", r" \. ") for h in HOSTS]


def configured(regexes: list[tuple[str, int]]) -> Origins:
    """The `origins` option: regex text, or the regex compiled when it has flags of its own."""
    return [re.compile(text, flags) if flags else text for text, flags in regexes]


# VERBOSE regexes are never joined with others: each keeps a matcher of its own.
ORIGINS = pytest.mark.parametrize(
    "regexes",
    [
        pytest.param([(HOSTS[0], 0)], id="one-regex"),
        pytest.param([(h, 0) for h in HOSTS], id="regexes-joined-into-one"),
        pytest.param(
            [*((h, 0) for h in HOSTS), (VERBOSE_HOSTS[0], re.VERBOSE)], id="joined-then-one-alone"
        ),
        pytest.param(
            [*((h, 0) for h in HOSTS[:6]), *((h, re.ASCII) for h in HOSTS[6:])],
            id="two-flag-sets-two-joins",
        ),
        pytest.param([(h, re.VERBOSE) for h in VERBOSE_HOSTS], id="each-alone"),
        pytest.param([(r"https://(?P<tenant>\w+)\.example\.com", 0)], id="named-groups"),
        pytest.param(
            [(rf"https://(?P<tenant>\w+)\.app{i}\.example\.com", 0) for i in range(20)],
            id="named-groups-each-alone",
        ),
    ],
)


def start_afresh() -> None:
    """Empty caches, then one entry: the next one is charged into a table with room."""
    empty_all()
    compile_policy(CorsOptions(origins=[r"https://warm\.up"]))
    re.purge()  # the re module's own cache of compiled regexes is not flask_cors's


@pytest.fixture(autouse=True)
def _afresh() -> None:
    start_afresh()


def reachable_bytes(*roots: object) -> int:
    """`sys.getsizeof` summed over each distinct object reachable from `roots` (not types)."""
    seen: set[int] = set()
    total = 0
    stack: list[Any] = list(roots)
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, type | types.ModuleType):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        stack.extend(gc.get_referents(item))
    return total


def traced_bytes() -> int:
    """Bytes traced now, but for this test's own (its counters, gc.collect's result).

    Under `make mutation`, mutmut records each call of a mutated function in its own sets;
    those bytes are mutmut's, not the cache's, so they are left out too.
    """
    own = {__file__, tracemalloc.__file__}
    traces = tracemalloc.take_snapshot().traces
    return sum(
        trace.size
        for trace in traces
        if trace.traceback[0].filename not in own
        and "mutmut" not in Path(trace.traceback[0].filename).parts
    )


@ORIGINS
def test_joined_origin_regexes_are_charged_what_they_reach_plus_a_dict_slot(
    regexes: list[tuple[str, int]],
) -> None:
    before = bytes_in_use()
    policy = compile_policy(CorsOptions(origins=configured(regexes)))
    charged = bytes_in_use() - before
    # The entry's key is the policy's regexes, its value the matchers that policy uses.
    reached = reachable_bytes(policy.origin_patterns, policy.origin_matchers)
    assert reached <= charged <= reached + SLOT_BYTES


@ORIGINS
def test_joined_origin_regexes_are_charged_at_least_the_memory_they_keep_alive(
    regexes: list[tuple[str, int]],
) -> None:
    # A rehearsal first: what any policy grows once (the set of caches) is not the entry's.
    compile_policy(CorsOptions(origins=configured(regexes)))
    start_afresh()
    gc.collect()
    tracemalloc.start()
    try:
        before = traced_bytes()
        charged = bytes_in_use()
        # Dropped at once: only the cache keeps the regexes and their matchers.
        compile_policy(CorsOptions(origins=configured(regexes)))
        charged = bytes_in_use() - charged
        re.purge()
        gc.collect()
        kept = traced_bytes() - before
    finally:
        tracemalloc.stop()
    assert 0 < kept <= charged <= 1.5 * kept


def referenced_bytes(*roots: object, skip: frozenset[int]) -> int:
    """`sys.getsizeof` summed over what `roots` reference, an object again each time it is
    referenced (an upper bound of what they keep alive), but for the objects in `skip`."""
    total = 0
    stack: list[Any] = list(roots)
    while stack:
        item = stack.pop()
        if id(item) in skip or isinstance(item, type | types.ModuleType):
            continue
        total += sys.getsizeof(item)
        stack.extend(gc.get_referents(item))
    return total


A, B = "https://a.example", "https://b.example"

MEMO_CASES = [
    pytest.param(
        {"origins": [A, B], "expose_headers": ["X-Total"], "supports_credentials": True},
        ("GET", A, None, None),
        id="allowed-get",
    ),
    pytest.param({"origins": [A, B]}, ("GET", "https://evil.example", None, None), id="refused"),
    pytest.param({"origins": [A, B]}, ("GET", None, None, None), id="no-origin"),
    pytest.param(
        {"origins": [A, B], "allow_headers": ["X-A"], "max_age": 600},
        ("OPTIONS", B, "PUT", "X-A, X-B, X-C"),
        id="preflight-with-refused-headers",
    ),
]


@pytest.mark.parametrize(("options", "request_values"), MEMO_CASES)
def test_a_remembered_decision_is_charged_all_it_references_plus_a_dict_slot(
    options: dict[str, Any], request_values: tuple[str | None, ...]
) -> None:
    # Charged for every object its key and decision reference, a shared one (the origin in
    # both, the policy's header values) counted each time, so never less than it keeps
    # alive; only module-wide constants (header names, the reason) are not the entry's.
    policy = compile_policy(CorsOptions(**options))
    # Fresh strings, as a request's are (not the test's constants).
    method, origin, request_method, request_headers = (
        None if v is None else "".join(v) for v in request_values
    )
    assert method is not None
    before = bytes_in_use()
    decision = core.answer(policy, method, origin, request_method, request_headers)
    charged = bytes_in_use() - before
    [key] = policy.memo
    constants = [value for value in vars(core).values() if isinstance(value, str)]
    skip = frozenset(map(id, [*core.Reason, *constants, True, False, None]))
    assert charged == SLOT_BYTES + referenced_bytes(key, decision, skip=skip)


def test_a_remembered_path_is_charged_its_text_plus_a_dict_slot() -> None:
    # The entry's value is the resource's policy, which the table keeps anyway.
    table = resource_table({}, None, check_kwargs({"resources": r"/api/.*"}))
    path = "".join(["/api/", "x" * 40])
    before = bytes_in_use()
    policy = table.lookup(path)
    charged = bytes_in_use() - before
    assert (policy is not None, charged) == (True, SLOT_BYTES + sys.getsizeof(path))
