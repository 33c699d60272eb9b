"""What flask_cors tells about each response: the `Outcome` the CLI observes, and the
DEBUG line saying what was matched and why headers were (not) added.

The request pipeline (`flask_cors._pipeline`) calls `log_outcome` for every response.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final

from werkzeug.sansio.request import Request

from .core import ACL_REQUEST_METHOD, Decision, Policy, Reason
from .options import TOKEN_RE

LOG: Final = logging.getLogger("flask_cors")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What flask_cors did for one response: the policy, the reason and the decision."""

    policy: Policy | None
    reason: Reason
    decision: Decision | None


_OBSERVER: Final[ContextVar[list[Outcome] | None]] = ContextVar("flask_cors_observer", default=None)


@contextlib.contextmanager
def observe() -> Iterator[list[Outcome]]:
    """Collect the outcome of every response handled in this context (for the CLI)."""
    outcomes: list[Outcome] = []
    token = _OBSERVER.set(outcomes)
    try:
        yield outcomes
    finally:
        _OBSERVER.reset(token)


def why(
    policy: Policy | None, reason: Reason, decision: Decision | None, request_method: str | None
) -> tuple[str, tuple[object, ...]]:
    """A plain-language %-format and its arguments saying why headers were (not) added.

    Values from the request are formatted with %r, so CR/LF cannot forge log lines.
    """
    where = policy.description if policy is not None else ""
    if reason is Reason.METHOD_NOT_ALLOWED:
        return "preflight refused: method %r is not in methods (%s) of %s", (
            request_method,
            policy.methods_value if policy is not None else "",
            where,
        )
    if reason is Reason.HEADER_NOT_ALLOWED:
        refused = ", ".join(decision.refused_headers) if decision is not None else ""
        return "preflight refused: header(s) %r not allowed by allow_headers (%s) of %s", (
            refused,
            allow_headers_text(policy),
            where,
        )
    if reason is Reason.PREFLIGHT_ALLOWED:
        return "preflight for method %r allowed by %s", (request_method, where)
    text = _WHY.get(reason)
    if text is None:  # a reason added later: still one readable line
        return "%s (%s)", (reason.value, where or "no policy")
    return text, ((where,) if "%s" in text else ())


_WHY: Final[Mapping[Reason, str]] = {
    Reason.ORIGIN_ALLOWED: "CORS headers added: origin allowed by %s",
    Reason.NO_ORIGIN_ALWAYS_SEND: "CORS headers added although there is no Origin "
    "(always_send) by %s",
    Reason.ORIGIN_REFUSED: "no CORS headers: origin not allowed by %s",
    Reason.ORIGIN_MALFORMED: "no CORS headers: the Origin header is not a well-formed origin (%s)",
    Reason.ORIGIN_CHECK_FAILED: "no CORS headers: the origins callable raised, so the origin "
    "is refused (%s)",
    Reason.NO_ORIGIN: "no CORS headers: the request has no Origin header (%s)",
    Reason.NO_POLICY: "no CORS headers: no CORS resource or @cross_origin covers this path",
    Reason.EXEMPT: "no CORS headers: the view is marked @cors_exempt",
    Reason.ALREADY_SET: "left as it is: the response already has Access-Control-Allow-Origin (%s)",
    Reason.ERROR_NOT_INTERCEPTED: "no CORS headers: an error response, and %s has "
    "intercept_exceptions=False",
}


def allow_headers_text(policy: Policy | None) -> str:
    """The policy's allow_headers as a user wrote them, e.g. "*" or "Content-Type, X-Token"."""
    if policy is None:
        return ""
    if policy.any_header:
        return "*"
    items = [*sorted(policy.exact_headers), *(p.pattern for p in policy.header_patterns)]
    return ", ".join(items) or "none"


# The reasons for which the Quart layer answers a websocket handshake with 403.
HANDSHAKE_REFUSALS: Final = frozenset(
    {Reason.ORIGIN_REFUSED, Reason.ORIGIN_MALFORMED, Reason.ORIGIN_CHECK_FAILED}
)


def _handshake_text(text: str, reason: Reason) -> str:
    # Websockets get no CORS headers: the outcome is whether the handshake is accepted.
    for prefix in ("no CORS headers: ", "CORS headers added: "):
        text = text.removeprefix(prefix)
    if reason in HANDSHAKE_REFUSALS:
        return "websocket handshake refused with 403: " + text
    return "websocket handshake let through: " + text


def log_outcome(
    request: Request, policy: Policy | None, reason: Reason, decision: Decision | None = None
) -> None:
    """One DEBUG line per request saying what was matched and why headers were (not) added.

    Request values go through %r so CR/LF cannot forge lines.
    """
    outcomes = _OBSERVER.get()
    if outcomes is not None:
        outcomes.append(Outcome(policy, reason, decision))
    if LOG.isEnabledFor(logging.DEBUG):
        text, args = why(policy, reason, decision, request.headers.get(ACL_REQUEST_METHOD))
        if request.scheme in ("ws", "wss"):
            text = _handshake_text(text, reason)
        method = request.method
        LOG.debug(
            "CORS %s %r Origin=%r: " + text,
            method if TOKEN_RE.fullmatch(method) else repr(method),
            request.path,
            request.headers.get("Origin"),
            *args,
        )
