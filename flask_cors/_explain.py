"""Every `Reason` in words, for the DEBUG log line, `flask cors check` and `flask_cors.testing`.

Values from a request are quoted with ``repr()`` in every sentence, so a CR or LF in them
cannot forge a log line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .core import MAX_ORIGIN_LENGTH, Decision, Policy, Reason, prefix_fix, prefix_match

__all__ = ["EXPLANATIONS", "REFUSALS", "blocked_text", "handshake_text", "log_text", "origins_text"]


@dataclass(frozen=True, slots=True)
class Explanation:
    """The words for one `Reason`: `str.format` templates over the fields of `_fields`."""

    log: str
    """What the DEBUG line says after ``CORS <method> <path> Origin=<origin>: ``."""
    blocked: str | None = None
    """Why a browser is blocked, after "would be blocked because "; None if flask_cors did
    not refuse."""
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
"""The reasons for which flask_cors itself sent no CORS headers."""

# Said after an ORIGIN_REFUSED verdict when a regex matches only the start of the origin:
# the trap of migrating from flask-cors 6 (docs/differences.md, D1).
_PREFIX_HINT: Final = (
    ". The regex {pattern!r} matches only its start: flask-cors 6 allowed such a prefix "
    "match, a regex must now match the whole origin. {fix}"
)


def log_text(
    policy: Policy | None,
    reason: Reason,
    decision: Decision | None,
    request_method: str | None,
) -> str:
    """What the DEBUG line says about `reason`."""
    fields = _fields(policy, decision, method=request_method)
    return EXPLANATIONS[reason].log.format_map(fields)


def handshake_text(text: str, refused: bool) -> str:
    """`log_text` for a websocket handshake, which gets a 403 or the handler, no headers."""
    text = text.removeprefix("no CORS headers: ").removeprefix("CORS headers added: ")
    return f"websocket handshake {'refused with 403' if refused else 'let through'}: {text}"


def blocked_text(
    policy: Policy | None,
    reason: Reason,
    decision: Decision | None,
    *,
    origin: str,
    method: str,
    path: str,
    status: str,
) -> str | None:
    """Why a browser at `origin` is blocked when flask_cors refused, else None."""
    words = EXPLANATIONS[reason]
    template = words.blocked
    if policy is not None and policy.origin_predicate is not None:
        template = words.blocked_by_callable or template
    if template is None:  # not a refusal: the browser's own checks explain the block
        return None
    fields = _fields(policy, decision, method=method)
    text = template.format_map({**fields, "origin": origin, "path": path, "status": status})
    prefix = prefix_match(policy, origin) if reason is Reason.ORIGIN_REFUSED and policy else None
    if prefix is not None:
        fix = prefix_fix(prefix).removesuffix(".")  # the verdict ends the sentence itself
        text += _PREFIX_HINT.format(pattern=prefix.pattern, fix=fix)
    return text


def _fields(
    policy: Policy | None, decision: Decision | None, *, method: str | None
) -> dict[str, object]:
    refused = decision.refused_headers if decision is not None else ()
    return {
        "where": policy.description if policy is not None else "",
        "method": method,
        "methods": policy.methods_value if policy is not None else "",
        "headers": ", ".join(map(repr, refused)),
        "allow_headers": allow_headers_text(policy) if policy is not None else "",
        "origins": origins_text(policy) if policy is not None else "",
    }


def allow_headers_text(policy: Policy) -> str:
    """The policy's allow_headers as a user wrote them, e.g. "*" or "Content-Type, X-Token"."""
    if policy.any_header:
        return "*"
    items = [*sorted(policy.exact_headers), *(p.pattern for p in policy.header_patterns)]
    return ", ".join(items) or "none"


def origins_text(policy: Policy, limit: int = 5) -> str:
    """The allowed origins as configured: "*", a list (shortened), or the callable's name."""
    if policy.any_origin:
        return "* (answered as *)" if policy.send_wildcard else "*"
    if policy.origin_predicate is not None:
        name = getattr(policy.origin_predicate, "__qualname__", repr(policy.origin_predicate))
        return f"callable {name}()"
    # As written (globs too): a compiled policy's options hold its origins as a tuple.
    origins = policy.options.origins if policy.options is not None else ()
    written = origins if isinstance(origins, tuple) else ()
    items = [i.pattern if isinstance(i, re.Pattern) else str(i) for i in written]
    if len(items) > limit:
        return f"{', '.join(items[:limit])} (and {len(items) - limit} more)"
    return ", ".join(items) or "none"
