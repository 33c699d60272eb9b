"""The CORS decision over plain values: no Flask, no Quart, no globals (docs/design.md 5).

Sans-IO: an origins callable is not called here; `answer` returns `NeedsVerdict` and the
framework layer asks it. `from flask_cors.core import *` gives flask-cors 6's names.
"""

from __future__ import annotations

import enum
import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from ._cache import LONGEST_KEY, SLOT_BYTES, Cache, text_bytes
from .options import ALL_METHODS, TOKEN_RE, CorsOptions

# What flask-cors 6's star import gave that real code uses: the header names, its constants
# and deprecated helpers (from _legacy, imported at the end), and `re` (its tests use it).
__all__ = [
    "ACL_ALLOW_HEADERS",
    "ACL_CREDENTIALS",
    "ACL_EXPOSE_HEADERS",
    "ACL_MAX_AGE",
    "ACL_METHODS",
    "ACL_ORIGIN",
    "ACL_REQUEST_HEADERS",
    "ACL_REQUEST_HEADER_PRIVATE_NETWORK",
    "ACL_REQUEST_METHOD",
    "ACL_RESPONSE_PRIVATE_NETWORK",
    "ALL_METHODS",
    "CONFIG_OPTIONS",
    "DEFAULT_OPTIONS",
    "LOG",
    "RegexObject",
    "flexible_str",
    "get_allow_headers",
    "get_cors_headers",
    "get_cors_options",
    "parse_resources",
    "probably_regex",
    "re",
    "serialize_options",
    "try_match_pattern",
]

ACL_ORIGIN: Final = "Access-Control-Allow-Origin"
ACL_METHODS: Final = "Access-Control-Allow-Methods"
ACL_ALLOW_HEADERS: Final = "Access-Control-Allow-Headers"
ACL_EXPOSE_HEADERS: Final = "Access-Control-Expose-Headers"
ACL_CREDENTIALS: Final = "Access-Control-Allow-Credentials"
ACL_MAX_AGE: Final = "Access-Control-Max-Age"
ACL_RESPONSE_PRIVATE_NETWORK: Final = "Access-Control-Allow-Private-Network"
ACL_REQUEST_METHOD: Final = "Access-Control-Request-Method"
ACL_REQUEST_HEADERS: Final = "Access-Control-Request-Headers"
ACL_REQUEST_HEADER_PRIVATE_NETWORK: Final = "Access-Control-Request-Private-Network"

LOG: Final = logging.getLogger("flask_cors")

DECISION_MEMO_SIZE: Final = 1024
"""Decisions each policy remembers (`answer`); all caches share `CACHE_BUDGET` bytes."""
MEMO_KEY_LENGTH: Final = LONGEST_KEY
"""Request values longer than this, together, are decided but not remembered."""

# Longer than any origin a browser sends; refusing early bounds the work per request (D2).
MAX_ORIGIN_LENGTH: Final = 2048

# D2: whitespace, a comma, a control or non-ASCII character, or over MAX_ORIGIN_LENGTH: never
# allowed. Anything else ("localhost:3000" too) is matched as flask-cors 6 did: test suites
# send such values, and nothing in them can break a header.
_ORIGIN_RE: Final = re.compile(rf"[\x21-\x2b\x2d-\x7e]{{1,{MAX_ORIGIN_LENGTH}}}")


def is_valid_origin(origin: str) -> bool:
    """Whether an Origin value may be matched at all (docs/differences.md, D2)."""
    return _ORIGIN_RE.fullmatch(origin) is not None


# Flags under which a pattern keeps its meaning inside an alternation: VERBOSE would let a
# trailing comment swallow what follows it.
_JOINABLE_FLAGS: Final = re.UNICODE | re.IGNORECASE | re.MULTILINE | re.DOTALL | re.ASCII
# A group reference (\1, (?(1)...)) would point elsewhere once groups are renumbered.
_GROUP_REFERENCE: Final = re.compile(r"\\[1-9]|\(\?\(")


def joinable(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` means the same as one alternative ``(?:...)`` of a joined regex."""
    if (
        pattern.flags & ~_JOINABLE_FLAGS
        or pattern.groupindex  # the same name twice in one regex is an error
        or _GROUP_REFERENCE.search(pattern.pattern) is not None
    ):
        return False
    try:  # a global inline flag, (?i)..., is legal only at the very start
        re.compile(f"(?:{pattern.pattern})()", pattern.flags)
    except re.error:
        return False
    return True


Matchers = tuple[Callable[[str], object], ...]

# Resources sharing their origins compile them once: configuration, not requests, fills it.
_JOINED: Final[Cache[tuple[re.Pattern[str], ...], Matchers]] = Cache(64)


def _any_fullmatch(patterns: tuple[re.Pattern[str], ...]) -> Matchers:
    """Whole-origin matchers for `patterns`, one alternation per set of flags (remembered).

    1,000 regex origins cost one `fullmatch`, which backtracks into the next alternative
    when one matches only a prefix: the answer is exactly that of trying each pattern.
    """
    matchers = _JOINED.entries.get(patterns)
    if matchers is not None:
        return matchers
    by_flags: dict[int, list[re.Pattern[str]]] = {}
    alone: list[Callable[[str], object]] = []
    for pattern in patterns:
        if joinable(pattern):
            by_flags.setdefault(pattern.flags, []).append(pattern)
        else:
            alone.append(pattern.fullmatch)
    # joinable() compiled each one as an alternative: joined, they compile too.
    joined = [
        re.compile("|".join(f"(?:{p.pattern})" for p in group), flags).fullmatch
        if len(group) > 1
        else group[0].fullmatch
        for flags, group in by_flags.items()
    ]
    matchers = (*joined, *alone)
    _JOINED.remember(patterns, matchers, _joined_bytes(patterns, matchers))
    return matchers


def _joined_bytes(patterns: tuple[re.Pattern[str], ...], matchers: Matchers) -> int:
    # getsizeof(pattern) includes its compiled code; the key's patterns count too, since
    # the entry keeps them alive.
    compiled = {id(p): p for p in patterns}
    compiled.update((id(m.__self__), m.__self__) for m in matchers if hasattr(m, "__self__"))
    size = SLOT_BYTES + sys.getsizeof(patterns) + sys.getsizeof(matchers)
    size += sum(sys.getsizeof(m) for m in matchers)
    size += sum(sys.getsizeof(p) + text_bytes(p.pattern) for p in compiled.values())
    # Named groups: a pattern also keeps its name -> number dict and number -> name tuple.
    return size + sum(_group_bytes(p) for p in compiled.values() if p.groupindex)


def _group_bytes(pattern: re.Pattern[str]) -> int:
    names = dict(pattern.groupindex)
    index = (None,) * (pattern.groups + 1)
    return sys.getsizeof(names) + sys.getsizeof(index) + sum(map(text_bytes, names))


class Reason(enum.Enum):
    """Why a request did or did not get CORS headers; values are the log strings.

    Each member's words are in `flask_cors._explain.EXPLANATIONS` (a test checks all have one).
    """

    ORIGIN_ALLOWED = "origin-allowed"
    ORIGIN_REFUSED = "origin-refused"
    ORIGIN_MALFORMED = "origin-malformed"
    ORIGIN_CHECK_FAILED = "origin-check-failed"
    NO_ORIGIN = "no-origin"
    NO_ORIGIN_ALWAYS_SEND = "no-origin-always-send"
    PREFLIGHT_ALLOWED = "preflight-allowed"
    METHOD_NOT_ALLOWED = "method-not-allowed"
    HEADER_NOT_ALLOWED = "header-not-allowed"
    # Decided by the framework layer, before the core is asked:
    NO_POLICY = "no-policy"
    EXEMPT = "exempt"
    ALREADY_SET = "already-set"
    ERROR_NOT_INTERCEPTED = "error-not-intercepted"


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """The parts of a request the decision depends on, as plain strings."""

    method: str
    origin: str | None = None
    request_method: str | None = None
    request_headers: str | None = None
    request_private_network: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """The headers to add, whether `Vary: Origin` is due, and why."""

    headers: tuple[tuple[str, str], ...]
    vary_origin: bool
    reason: Reason
    refused_headers: tuple[str, ...] = ()
    """Requested headers that a preflight did not allow (for explanations)."""


@dataclass(frozen=True, slots=True, eq=False)
class Policy:
    """One compiled configuration (`resolve.compile_policy`), shared across requests."""

    any_origin: bool
    send_wildcard: bool
    exact_origins: frozenset[str]
    """Literal origins, lower-cased."""
    origin_patterns: tuple[re.Pattern[str], ...]
    origin_matchers: Matchers = field(init=False, repr=False)
    """`origin_patterns` joined for speed (`_any_fullmatch`)."""
    memo_cache: Cache[tuple[str | None, ...], Decision] = field(init=False, repr=False)
    """Decisions already made under this policy, by request values (`answer`)."""
    memo: dict[tuple[str | None, ...], Decision] = field(init=False, repr=False)
    """`memo_cache.entries`: read by `answer` before anything else."""
    origin_predicate: Callable[[str], object] | None
    predicate_is_async: bool
    origin_when_absent: str | None
    """The ACAO value for a request without Origin (always_send), or None."""
    methods: frozenset[str]
    methods_value: str
    any_header: bool
    exact_headers: frozenset[str]
    """Allowed request header names, lower-cased."""
    header_patterns: tuple[re.Pattern[str], ...]
    allowed_extras: tuple[tuple[str, str], ...]
    """Expose-Headers and Allow-Credentials: sent with every allowed origin, as flask-cors 6."""
    preflight_extras: tuple[tuple[str, str], ...]
    """Max-Age: sent with a preflight whose method is allowed."""
    credentials: bool
    private_network_value: str
    vary_origin: bool
    intercept_exceptions: bool
    automatic_options: bool
    description: str = ""
    """Where the policy came from (for logs and the CLI)."""
    options: CorsOptions | None = None
    """The validated options it was compiled from (for explanations: logs and the CLI)."""
    prefix_patterns: tuple[re.Pattern[str], ...] = ()
    """The configured origin regexes (not globs), checked for a prefix match (D1)."""
    prefix_warned: set[int] = field(init=False, repr=False, default_factory=set)
    """Indexes into `prefix_patterns` already warned about: at most one each."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "origin_matchers", _any_fullmatch(self.origin_patterns))
        memo_cache: Cache[tuple[str | None, ...], Decision] = Cache(DECISION_MEMO_SIZE)
        object.__setattr__(self, "memo_cache", memo_cache)
        object.__setattr__(self, "memo", memo_cache.entries)


@dataclass(frozen=True, slots=True)
class NeedsVerdict:
    """Only the origins callable can decide: the layer asks it about `origin`, then decides."""

    origin: str


Verdict = bool | Exception
"""What the origins callable answered (True allows), or the exception it raised."""


def call_origins(policy: Policy, origin: str) -> Verdict:
    """Ask a sync origins callable about `origin` (an async one cannot be awaited: refused)."""
    if policy.origin_predicate is None or policy.predicate_is_async:
        return False
    try:
        return policy.origin_predicate(origin) is True
    except Exception as error:  # the verdict: logged and refused by `decide`
        return error


def _origin_allowed(policy: Policy, origin: str, verdict: Verdict | None) -> Reason | None:
    """The reason for `origin`, or None when the origins callable must be asked."""
    if verdict is not None:  # the callable's answer to NeedsVerdict: the rest was checked
        if verdict is True:
            return Reason.ORIGIN_ALLOWED
        if isinstance(verdict, Exception):
            LOG.error(
                "CORS: the origins callable raised for Origin %r; refused",
                origin,
                exc_info=verdict,
            )
            return Reason.ORIGIN_CHECK_FAILED
        return Reason.ORIGIN_REFUSED
    if not is_valid_origin(origin):
        return Reason.ORIGIN_MALFORMED
    if policy.any_origin or origin.lower() in policy.exact_origins:
        return Reason.ORIGIN_ALLOWED
    for fullmatch in policy.origin_matchers:
        if fullmatch(origin):  # the whole origin, never a prefix (D1)
            return Reason.ORIGIN_ALLOWED
    if policy.origin_predicate is not None:
        return None
    if len(policy.prefix_warned) < len(policy.prefix_patterns):
        _warn_prefix_match(policy, origin)  # refusals only, and only until all are said
    return Reason.ORIGIN_REFUSED


def prefix_match(policy: Policy, origin: str) -> re.Pattern[str] | None:
    """The first origin regex of `policy` that matches only a prefix of `origin` (D1)."""
    for pattern in policy.prefix_patterns:
        if pattern.match(origin) and not pattern.fullmatch(origin):
            return pattern
    return None


def _warn_prefix_match(policy: Policy, origin: str) -> None:
    warned = policy.prefix_warned
    for index, pattern in enumerate(policy.prefix_patterns):
        if index not in warned and pattern.match(origin):
            warned.add(index)  # the set is bounded by the configuration, not by clients
            LOG.warning(
                "%s: Origin %r is refused: origins regex %r matches only its start. "
                "flask-cors 6 allowed such a prefix match; a regex must now match the "
                "whole origin. %s",
                policy.description or "CORS",
                origin,
                pattern.pattern,
                prefix_fix(pattern),
            )


def prefix_fix(pattern: re.Pattern[str]) -> str:
    """What to do about a regex that matches only a prefix of an origin (D1)."""
    fix = (
        "If that origin is meant to be allowed, end the regex with '.*' or list the "
        "origin; otherwise nothing needs to change."
    )
    if pattern.pattern.endswith(":*"):  # r"https?://localhost:*" meant "any port"
        fix += " For any port of one host, write a port glob like 'http://localhost:*'."
    return fix


def decide(policy: Policy, facts: RequestFacts, verdict: Verdict | None = None) -> Decision:
    """The CORS headers for one request under `policy`; never raises on request data.

    Unlike `answer`, asks a sync origins callable itself (`call_origins`).
    """
    values = (facts.request_method, facts.request_headers, facts.request_private_network)
    result = answer(policy, facts.method, facts.origin, *values, verdict)
    while isinstance(result, NeedsVerdict):  # once at most: an answer with a verdict is final
        verdict = call_origins(policy, result.origin)
        result = answer(policy, facts.method, facts.origin, *values, verdict)
    return result


def answer(
    policy: Policy,
    method: str,
    origin: str | None,
    request_method: str | None = None,
    request_headers: str | None = None,
    request_private_network: str | None = None,
    verdict: Verdict | None = None,
) -> Decision | NeedsVerdict:
    """The decision for a request's values, or `NeedsVerdict` (then call again with it).

    Without an origins callable the decision depends on these values alone (the method only
    through "is this a preflight"), so it is remembered: at most `DECISION_MEMO_SIZE` per
    policy, within the caches' byte budget (flask_cors._cache).
    """
    if request_method is None or method != "OPTIONS":  # not a preflight
        key: tuple[str | None, ...] = (origin, request_private_network)
    else:
        key = (origin, request_private_network, request_method, request_headers)
    decision = policy.memo.get(key)
    if decision is not None:
        return decision
    reason = None
    if origin:
        reason = _origin_allowed(policy, origin, verdict)
        if reason is None:
            return NeedsVerdict(origin)
    facts = RequestFacts(method, origin, request_method, request_headers, request_private_network)
    decision = _decide(policy, facts, reason)
    # A callable may answer differently next time; a long value is no browser's and
    # would make the bounded memo large.
    if policy.origin_predicate is None and sum(len(v) for v in key if v) <= MEMO_KEY_LENGTH:
        policy.memo_cache.remember(key, decision, _memo_bytes(key, decision))
    return decision


def _decide(policy: Policy, facts: RequestFacts, reason: Reason | None) -> Decision:
    """The decision once the Origin's `reason` is known (None: the request has none)."""
    origin = facts.origin
    if origin:
        if reason is not Reason.ORIGIN_ALLOWED:
            return Decision((), policy.vary_origin, reason or Reason.ORIGIN_REFUSED)
        # Fetch CORS check: one ACAO, byte-equal to the request's Origin, or "*".
        acao = "*" if policy.any_origin and policy.send_wildcard else origin
    else:
        if policy.origin_when_absent is None:
            return Decision((), policy.vary_origin, Reason.NO_ORIGIN)
        acao = policy.origin_when_absent
        reason = Reason.NO_ORIGIN_ALWAYS_SEND

    headers: list[tuple[str, str]] = [(ACL_ORIGIN, acao)]
    if (facts.request_private_network or "").strip().lower() == "true":
        headers.append((ACL_RESPONSE_PRIVATE_NETWORK, policy.private_network_value))

    headers.extend(policy.allowed_extras)
    if facts.method != "OPTIONS" or facts.request_method is None:
        return Decision(tuple(headers), policy.vary_origin, reason)

    # A preflight: OPTIONS with Access-Control-Request-Method.
    requested = facts.request_method.strip()
    if not TOKEN_RE.fullmatch(requested) or requested.upper() not in policy.methods:
        return Decision(tuple(headers), policy.vary_origin, Reason.METHOD_NOT_ALLOWED)
    methods_value = policy.methods_value
    if requested != requested.upper():
        # Fetch: ACAM matches case-sensitively and browsers send "patch" as written.
        methods_value = f"{methods_value}, {requested}"
    headers.append((ACL_METHODS, methods_value))
    refused: tuple[str, ...] = ()
    if facts.request_headers:
        allowed, refused = _split_headers(policy, facts.request_headers)
        if allowed:
            headers.append((ACL_ALLOW_HEADERS, ", ".join(allowed)))
    headers.extend(policy.preflight_extras)
    reason = Reason.HEADER_NOT_ALLOWED if refused else Reason.PREFLIGHT_ALLOWED
    return Decision(tuple(headers), policy.vary_origin, reason, refused)


def _memo_bytes(key: tuple[str | None, ...], decision: Decision) -> int:
    # What the entry keeps alive; shared values counted again: the budget needs an upper bound.
    size = SLOT_BYTES + sys.getsizeof(key) + text_bytes(*key) + sys.getsizeof(decision)
    size += sys.getsizeof(decision.headers) + sys.getsizeof(decision.refused_headers)
    for pair in decision.headers:
        size += sys.getsizeof(pair) + text_bytes(pair[1])
    return size + text_bytes(*decision.refused_headers)


def _split_headers(policy: Policy, requested: str) -> tuple[list[str], tuple[str, ...]]:
    """Requested header names that are allowed (client casing, sorted) and those refused."""
    allowed: dict[str, None] = {}
    refused: list[str] = []
    for item in requested.split(","):
        name = item.strip()
        if not name:
            continue  # empty items are dropped (D6)
        if TOKEN_RE.fullmatch(name) and (  # never echo what is not a header name
            policy.any_header
            or name.lower() in policy.exact_headers
            or any(p.fullmatch(name) for p in policy.header_patterns)
        ):
            allowed[name] = None
        else:
            refused.append(name)
    return sorted(allowed), tuple(refused)


# Last: _legacy imports this module's names (and never Flask at import time).
from ._legacy import (  # noqa: E402
    CONFIG_OPTIONS,
    DEFAULT_OPTIONS,
    RegexObject,
    flexible_str,
    get_allow_headers,
    get_cors_headers,
    get_cors_options,
    parse_resources,
    probably_regex,
    serialize_options,
    try_match_pattern,
)
