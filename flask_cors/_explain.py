"""Every `Reason` in words: one table read by the DEBUG log line, `flask cors check` and
`flask_cors.testing` (which reuses the check's report), so a sentence is changed here once.

No Flask, Quart or Werkzeug import: the callers pass the policy, the decision and the
request values. Values from a request are quoted with ``repr()`` in every sentence, so a
CR or LF in them cannot forge a log line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .core import MAX_ORIGIN_LENGTH, Decision, Policy, Reason, prefix_fix, prefix_match

__all__ = [
    "EXPLANATIONS",
    "REFUSALS",
    "Explanation",
    "allow_headers_text",
    "blocked_text",
    "handshake_text",
    "log_text",
    "origins_text",
]


@dataclass(frozen=True, slots=True)
class Explanation:
    """The words for one `Reason`, as `str.format` templates over the fields of `_fields`.

    The fields: ``where`` (the policy's description), ``method`` (the method a preflight
    asks for), ``methods``, ``headers`` (the refused header names, each quoted),
    ``allow_headers``, ``origin``, ``origins`` (as configured), ``path`` and ``status``.
    """

    log: str
    """What the DEBUG line says after ``CORS <method> <path> Origin=<origin>: ``."""
    blocked: str | None = None
    """Why a browser is blocked, after "would be blocked because "; None when flask_cors
    did not refuse (`flask cors check` then explains what the browser saw instead)."""
    blocked_by_callable: str | None = None
    """`blocked` when the policy's origins are a callable."""


EXPLANATIONS: Final[Mapping[Reason, Explanation]] = MappingProxyType(
    {
        Reason.ORIGIN_ALLOWED: Explanation("CORS headers added: origin allowed by {where}"),
        Reason.NO_ORIGIN_ALWAYS_SEND: Explanation(
            "CORS headers added although there is no Origin (always_send) by {where}"
        ),
        Reason.ORIGIN_REFUSED: Explanation(
            "no CORS headers: origin not allowed by {where}",
            "{origin!r} is not one of the allowed origins ({origins}) of {where}",
            "the origins {origins} of {where} did not return True for {origin!r}",
        ),
        Reason.ORIGIN_MALFORMED: Explanation(
            "no CORS headers: the Origin header is not a well-formed origin ({where})",
            "{origin!r} is not an origin any policy may allow: it has whitespace, a comma, "
            f"a control or non-ASCII character, or over {MAX_ORIGIN_LENGTH:,} characters",
        ),
        Reason.ORIGIN_CHECK_FAILED: Explanation(
            "no CORS headers: the origins callable raised, so the origin is refused ({where})",
            "the origins callable of {where} raised an exception for {origin!r} (logged on "
            "the flask_cors logger), so the origin is refused",
        ),
        Reason.NO_ORIGIN: Explanation(
            "no CORS headers: the request has no Origin header ({where})"
        ),
        Reason.PREFLIGHT_ALLOWED: Explanation("preflight for method {method!r} allowed by {where}"),
        Reason.METHOD_NOT_ALLOWED: Explanation(
            "preflight refused: method {method!r} is not in methods ({methods}) of {where}",
            "the preflight asks for method {method!r}, which is not in methods ({methods}) "
            "of {where}",
        ),
        Reason.HEADER_NOT_ALLOWED: Explanation(
            "preflight refused: header(s) {headers} not allowed by allow_headers "
            "({allow_headers}) of {where}",
            "the preflight asks for header {headers}, which allow_headers ({allow_headers}) "
            "of {where} does not allow",
        ),
        Reason.NO_POLICY: Explanation(
            "no CORS headers: no CORS resource or @cross_origin covers this path",
            "no CORS resource or @cross_origin covers {path}, so it gets no CORS headers",
        ),
        Reason.EXEMPT: Explanation(
            "no CORS headers: the view is marked @cors_exempt",
            "the view for {path} is marked @cors_exempt, so it gets no CORS headers",
        ),
        Reason.ALREADY_SET: Explanation(
            "left as it is: the response already has Access-Control-Allow-Origin ({where})"
        ),
        Reason.ERROR_NOT_INTERCEPTED: Explanation(
            "no CORS headers: an error response, and {where} has intercept_exceptions=False",
            "the response comes from error handling (status {status}) and {where} has "
            "intercept_exceptions=False",
        ),
    }
)

REFUSALS: Final = frozenset(r for r, words in EXPLANATIONS.items() if words.blocked is not None)
"""The reasons for which flask_cors itself sent no CORS headers: `flask cors check` names
them as the cause of a block."""

# Said after an ORIGIN_REFUSED verdict when a regex matches only the start of the origin:
# the trap of migrating from flask-cors 6 (docs/differences.md, D1).
_PREFIX_HINT: Final = (
    ". The regex {pattern!r} matches only its start: flask-cors 6 allowed such a prefix "
    "match, a regex must now match the whole origin. {fix}"
)

# What a websocket handshake's DEBUG line says instead of the header outcome: websockets
# get no CORS headers, only a 403 or the handler.
_HANDSHAKE_REFUSED: Final = "websocket handshake refused with 403: "
_HANDSHAKE_LET_THROUGH: Final = "websocket handshake let through: "
_HEADER_OUTCOMES: Final = ("no CORS headers: ", "CORS headers added: ")


def log_text(
    policy: Policy | None,
    reason: Reason,
    decision: Decision | None,
    request_method: str | None,
    where: str | None = None,
) -> str:
    """What the DEBUG line says about `reason` (request values quoted with repr()).

    `where` names the policy instead of its description, as in `blocked_text`.
    """
    fields = _fields(policy, decision, method=request_method, where=where)
    return EXPLANATIONS[reason].log.format_map(fields)


def handshake_text(text: str, refused: bool) -> str:
    """`log_text` for a websocket handshake: refused with 403, or let through."""
    for outcome in _HEADER_OUTCOMES:
        text = text.removeprefix(outcome)
    return (_HANDSHAKE_REFUSED if refused else _HANDSHAKE_LET_THROUGH) + text


def blocked_text(
    policy: Policy | None,
    reason: Reason,
    decision: Decision | None,
    *,
    origin: str,
    method: str,
    path: str,
    status: str,
    where: str | None = None,
) -> str | None:
    """Why a browser at `origin` is blocked when flask_cors refused, else None.

    `where` names the policy when the caller knows better than its description (the CLI
    names a class-based view by its class).
    """
    words = EXPLANATIONS[reason]
    template = words.blocked
    if policy is not None and policy.origin_predicate is not None:
        template = words.blocked_by_callable or template
    if template is None:
        return None
    fields = _fields(policy, decision, method=method, where=where)
    text = template.format_map({**fields, "origin": origin, "path": path, "status": status})
    prefix = prefix_match(policy, origin) if reason is Reason.ORIGIN_REFUSED and policy else None
    if prefix is not None:
        fix = prefix_fix(prefix).removesuffix(".")  # the verdict ends the sentence itself
        text += _PREFIX_HINT.format(pattern=prefix.pattern, fix=fix)
    return text


def _fields(
    policy: Policy | None, decision: Decision | None, *, method: str | None, where: str | None
) -> dict[str, object]:
    refused = decision.refused_headers if decision is not None else ()
    if where is None:
        where = policy.description if policy is not None else ""
    return {
        "where": where,
        "method": method,
        "methods": policy.methods_value if policy is not None else "",
        "headers": ", ".join(map(repr, refused)),
        "allow_headers": allow_headers_text(policy),
        "origins": origins_text(policy) if policy is not None else "",
    }


def allow_headers_text(policy: Policy | None) -> str:
    """The policy's allow_headers as a user wrote them, e.g. "*" or "Content-Type, X-Token"."""
    if policy is None:
        return ""
    if policy.any_header:
        return "*"
    items = [*sorted(policy.exact_headers), *(p.pattern for p in policy.header_patterns)]
    return ", ".join(items) or "none"


def origins_text(policy: Policy, limit: int = 5) -> str:
    """The allowed origins as configured: "*", a list (shortened), or the callable's name."""
    options = policy.options
    if policy.any_origin:
        return "* (answered as *)" if policy.send_wildcard else "*"
    if policy.origin_predicate is not None:
        name = getattr(policy.origin_predicate, "__qualname__", repr(policy.origin_predicate))
        return f"callable {name}()"
    items: list[str] = []
    if options is not None and isinstance(options.origins, tuple):
        items = [i.pattern if isinstance(i, re.Pattern) else str(i) for i in options.origins]
    else:
        items = [*sorted(policy.exact_origins), *(p.pattern for p in policy.origin_patterns)]
    if len(items) > limit:
        return f"{', '.join(items[:limit])} (and {len(items) - limit} more)"
    return ", ".join(items) or "none"
