"""Test CORS as a browser applies it: `fetch` with a Flask test client, `fetch_async` with
Quart's; the model of ``flask cors check``, documented in docs/testing.md."""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Iterable, Mapping
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Final,
    Generic,
    Protocol,
    Required,
    TypedDict,
    TypeVar,
    Unpack,
    cast,
)

from werkzeug.datastructures import Headers
from werkzeug.sansio.response import Response

from . import _browser
from ._browser import Exchange, Judgement, Plan, Step
from ._response import Outcome, observe
from .cli import report

if TYPE_CHECKING:
    from flask.testing import FlaskClient
    from quart import Response as QuartResponse
    from quart.typing import TestClientProtocol
    from werkzeug.test import TestResponse

__all__ = ["FetchOptions", "FetchResult", "fetch", "fetch_async"]

R = TypeVar("R")
_Answer = TypeVar("_Answer", bound=Response)  # Flask's and Quart's test responses alike

HeadersArg = Mapping[str, str] | Iterable[tuple[str, str]] | None
"""Request headers the page's script sets: a mapping or (name, value) pairs."""

# The latest fetches, for the pytest plugin to show beside a failed test; bounded, as code
# outside pytest never clears it.
RECENT: Final[deque[FetchResult[object]]] = deque(maxlen=20)


@dataclass(frozen=True, slots=True, repr=False)
class FetchResult(Generic[R]):
    """What a browser did for one ``fetch()``; `R` is the test client's response type.

    ``assert result.allowed`` fails with `verdict` in pytest's message.
    """

    allowed: bool
    """The page may read the response: its status, body and `readable_headers`."""
    preflighted: bool
    """The browser sent an OPTIONS preflight first (a method or header not safelisted)."""
    sent: bool
    """The request itself reached the app: no preflight was needed, or it passed."""
    readable_headers: Mapping[str, str]
    """Response headers the page may read, lower-cased (safelisted or exposed); empty if blocked."""
    verdict: str
    """One sentence, as ``flask cors check`` says it: allowed, or blocked and why."""
    explanation: str
    """The full report of ``flask cors check``: each request, its CORS headers, the verdict."""
    problems: tuple[str, ...]
    """Each check the browser failed, in order; empty when allowed."""
    preflight_cached_for: int | None
    """Seconds Chromium reuses the passed preflight (Max-Age, 5 when absent, at most 7200)."""
    vary_origin: bool
    """The response says ``Vary: Origin`` (or ``*``), so caches keep each origin's answer apart."""
    preflight: R | None
    """The test client's raw answer to the preflight; None when no preflight was sent."""
    response: R | None
    """The test client's raw answer to the request itself; None when it was not sent."""

    def __repr__(self) -> str:
        # One line: pytest shows it under a failed `assert result.allowed`.
        return f"<FetchResult: {self.verdict}>"


class FetchOptions(TypedDict, total=False):
    """The ``fetch()`` a page makes, as keyword arguments of `fetch` and `fetch_async`."""

    origin: Required[str]
    """The origin of the page that calls ``fetch()``."""
    headers: HeadersArg
    """Request headers the page's script sets (default: none)."""
    credentials: bool
    """``credentials: "include"`` (default False: "same-origin")."""
    data: str | bytes | None
    """The body; sent as ``text/plain;charset=UTF-8`` without a Content-Type header."""


def fetch(
    client: FlaskClient, method: str, path: str, **options: Unpack[FetchOptions]
) -> FetchResult[TestResponse]:
    """What a browser at `origin` does for ``fetch(path, {method, headers, body: data,
    credentials})``, sent through a Flask test client.

    The preflight and the request are real requests, so the app's hooks and views run; an
    exception the app raises propagates, as with ``client.open``. The client's cookies are
    sent as the client holds them, with or without `credentials`.
    """
    plan = _plan(method, path, **options)
    raw: dict[str, TestResponse] = {}

    def send(step: Step) -> Exchange:
        with observe() as outcomes:
            response = client.open(step.path, **_request(step, options))
        return _record(step, response, outcomes, raw)

    return _result(_browser.drive(plan, send), raw)


class _Request(TypedDict):
    method: str
    headers: Headers
    data: str | bytes | None


class _QuartOpen(Protocol):
    # Quart's TestClientProtocol types `json` as required, but passing any value (None too)
    # sends a JSON body: call `open` without it.
    def open(self, path: str, **request: Unpack[_Request]) -> Awaitable[QuartResponse]: ...


async def fetch_async(
    client: TestClientProtocol, method: str, path: str, **options: Unpack[FetchOptions]
) -> FetchResult[QuartResponse]:
    """`fetch` for Quart's test client (``app.test_client()``), awaited."""
    flow = _browser.browse(_plan(method, path, **options))
    raw: dict[str, QuartResponse] = {}
    step = next(flow)
    while True:
        with observe() as outcomes:
            response = await cast(_QuartOpen, client).open(step.path, **_request(step, options))
        try:
            step = flow.send(_record(step, response, outcomes, raw))
        except StopIteration as done:  # the flow returns the browser's judgement
            return _result(done.value, raw)


def _plan(
    method: str,
    path: str,
    *,
    origin: str,
    headers: HeadersArg = None,
    credentials: bool = False,
    data: str | bytes | None = None,
) -> Plan:
    # Its signature raises TypeError for a missing or unknown option, as a call would.
    pairs = list((headers.items() if isinstance(headers, Mapping) else headers) or ())
    if data is not None and not any(name.lower() == "content-type" for name, _ in pairs):
        pairs.append(("Content-Type", "text/plain;charset=UTF-8"))  # Chromium's, for a string
    return Plan.of(origin, method, path, pairs, credentials)


def _request(step: Step, options: FetchOptions) -> _Request:
    """The test client's `open` arguments for `step`; a preflight never carries the body."""
    body = options.get("data") if step.label == "Request" else None
    return {"method": step.method, "headers": Headers(step.headers), "data": body}


def _record(
    step: Step, response: _Answer, outcomes: list[Outcome], raw: dict[str, _Answer]
) -> Exchange:
    """The exchange the browser model judges; `raw` keeps the test client's own answer."""
    raw[step.label] = response
    exchange = Exchange(step.label, step.method, step.path, step.headers, sent=True)
    exchange.status, exchange.headers = response.status, list(response.headers)
    exchange.outcome = outcomes[-1] if outcomes else None  # what flask_cors decided, and why
    return exchange


def _result(judgement: Judgement, raw: Mapping[str, R]) -> FetchResult[R]:
    plan, last = judgement.plan, judgement.exchanges[-1]
    sent = last.label == "Request"  # a failed preflight is the last exchange
    passed = judgement.exchanges[0] if plan.preflighted and sent else None
    checked = report(judgement)
    result = FetchResult(
        allowed=judgement.allowed,
        preflighted=plan.preflighted,
        sent=sent,
        readable_headers=_browser.readable_headers(last, plan.credentials)
        if judgement.allowed
        else {},
        verdict=checked.verdict,
        explanation=checked.text,
        problems=judgement.problems,
        preflight_cached_for=None if passed is None else _browser.preflight_cached_for(passed),
        vary_origin=_browser.vary_lists_origin(last),
        preflight=raw.get("Preflight"),
        response=raw.get("Request"),
    )
    RECENT.append(cast("FetchResult[object]", result))
    return result
