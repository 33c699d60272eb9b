"""What flask_cors tells about each response: the `Outcome` the CLI observes, and the
DEBUG line saying what was matched and why headers were (not) added.

The request pipeline (`flask_cors._pipeline`) calls `log_outcome` for every response.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final

from werkzeug.sansio.request import Request

from ._explain import handshake_text, log_text
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


# The reasons for which the Quart layer answers a websocket handshake with 403.
HANDSHAKE_REFUSALS: Final = frozenset(
    {Reason.ORIGIN_REFUSED, Reason.ORIGIN_MALFORMED, Reason.ORIGIN_CHECK_FAILED}
)


def log_outcome(
    request: Request,
    policy: Policy | None,
    reason: Reason,
    decision: Decision | None = None,
) -> None:
    """One DEBUG line per request saying what was matched and why headers were (not) added.

    The words are `flask_cors._explain`'s; request values go through %r there and here, so
    CR/LF cannot forge lines.
    """
    outcomes = _OBSERVER.get()
    if outcomes is not None:
        outcomes.append(Outcome(policy, reason, decision))
    if LOG.isEnabledFor(logging.DEBUG):
        method_asked = request.headers.get(ACL_REQUEST_METHOD)
        text = log_text(policy, reason, decision, method_asked)
        if request.scheme in ("ws", "wss"):  # websockets get a 403 or the handler, no headers
            text = handshake_text(text, reason in HANDSHAKE_REFUSALS)
        method = request.method
        LOG.debug(
            "CORS %s %r Origin=%r: %s",
            method if TOKEN_RE.fullmatch(method) else repr(method),
            request.path,
            request.headers.get("Origin"),
            text,
        )
