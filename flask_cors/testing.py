"""Test CORS as a browser applies it: `fetch` with a Flask test client, `fetch_async` with
Quart's.

``fetch(client, "PUT", "/api/items/1", origin="https://app.example", headers={...})`` sends
what a browser would send for that ``fetch()`` from a page at `origin`: a preflight first when
one is needed, then (if the preflight passes) the request itself, through the test client, so
the app's real hooks, error handlers and decorators answer. It then applies the browser's
checks (the same model as ``flask cors check``) and returns a `FetchResult`::

    result = fetch(client, "GET", "/api/items", origin="https://app.example")
    assert result.allowed                  # fails with the reason, in the CLI's words
    assert "x-total" in result.readable_headers

Under pytest, a failed test also shows each fetch's full report (the plugin in
`flask_cors.pytest_plugin`, registered through the ``pytest11`` entry point). pytest is not
needed to use this module.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Generic, Protocol, TypeVar, cast

from werkzeug.datastructures import Headers

from ._browser import (
    Exchange,
    Judgement,
    Plan,
    Step,
    browse,
    drive,
    preflight_cached_for,
    readable_headers,
    vary_lists_origin,
)
from ._response import Outcome, observe
from .cli import report

if TYPE_CHECKING:
    from flask.testing import FlaskClient
    from quart import Response as QuartResponse
    from quart.typing import TestClientProtocol
    from werkzeug.test import TestResponse

__all__ = ["FetchResult", "fetch", "fetch_async"]

R = TypeVar("R")

HeadersArg = Mapping[str, str] | Iterable[tuple[str, str]] | None
"""Request headers the page's script sets: a mapping or (name, value) pairs."""

# Chromium's Content-Type for a string body when the page sets none (safelisted: no preflight).
_TEXT_BODY_TYPE: Final = "text/plain;charset=UTF-8"
# The latest fetches, for the pytest plugin to show beside a failed test; bounded, as code
# outside pytest never clears it.
RECENT: Final[deque[FetchResult[object]]] = deque(maxlen=20)


@dataclass(frozen=True, slots=True, repr=False)
class FetchResult(Generic[R]):
    """What a browser did for one ``fetch()``; `R` is the test client's response type.

    ``assert result.allowed`` fails with `verdict` in pytest's message; `explanation` holds
    the whole report ``flask cors check`` would print.
    """

    allowed: bool
    """The page may read the response: its status, body and `readable_headers`."""
    preflighted: bool
    """The browser sent an OPTIONS preflight first (a method or header not safelisted)."""
    sent: bool
    """The request itself reached the app: no preflight was needed, or it passed."""
    readable_headers: Mapping[str, str]
    """Response headers the page's script may read, as ``response.headers`` shows them:
    lower-cased names, safelisted ones plus Access-Control-Expose-Headers. Empty if blocked."""
    verdict: str
    """One sentence, as ``flask cors check`` says it: allowed, or blocked and why."""
    explanation: str
    """The full report of ``flask cors check``: each request, its CORS headers, the verdict."""
    problems: tuple[str, ...]
    """Each check the browser failed, in order; empty when allowed."""
    preflight_cached_for: int | None
    """Seconds Chromium reuses the passed preflight (Access-Control-Max-Age, 5 when absent,
    at most 7200); None without a passed preflight."""
    vary_origin: bool
    """The response says ``Vary: Origin`` (or ``*``), so caches keep each origin's answer apart."""
    preflight: R | None
    """The test client's raw answer to the preflight; None when no preflight was sent."""
    response: R | None
    """The test client's raw answer to the request itself; None when it was not sent."""

    def __repr__(self) -> str:
        # One line: pytest shows it under a failed `assert result.allowed`.
        return f"<FetchResult: {self.verdict}>"


def fetch(
    client: FlaskClient,
    method: str,
    path: str,
    *,
    origin: str,
    headers: HeadersArg = None,
    credentials: bool = False,
    data: str | bytes | None = None,
) -> FetchResult[TestResponse]:
    """What a browser at `origin` does for ``fetch(path, {method, headers, body: data,
    credentials: "include" if credentials else "same-origin"})``, sent through a Flask test
    client.

    The preflight and the request go through `client` as real requests (the request carries
    `headers` and `data`), so the app's hooks and views run. An exception the app raises
    propagates, as it does with ``client.open``. The client's cookies are sent as the client
    holds them, with or without `credentials`.
    """
    plan = _plan(origin, method, path, headers, credentials, data)
    raw: dict[str, TestResponse] = {}

    def send(step: Step) -> Exchange:
        with observe() as outcomes:
            response = client.open(
                step.path, method=step.method, headers=Headers(step.headers), data=_body(step, data)
            )
        raw[step.label] = response
        return _exchange(step, response.status, list(response.headers), outcomes)

    return _result(drive(plan, send), raw)


class _QuartOpen(Protocol):
    # Quart's TestClientProtocol types `json` as required, but passing any value (None too)
    # sends a JSON body: call `open` without it.
    def open(
        self, path: str, *, method: str, headers: Headers, data: str | bytes | None
    ) -> Awaitable[QuartResponse]: ...


async def fetch_async(
    client: TestClientProtocol,
    method: str,
    path: str,
    *,
    origin: str,
    headers: HeadersArg = None,
    credentials: bool = False,
    data: str | bytes | None = None,
) -> FetchResult[QuartResponse]:
    """`fetch` for Quart's test client (``app.test_client()``), awaited."""
    plan = _plan(origin, method, path, headers, credentials, data)
    raw: dict[str, QuartResponse] = {}
    flow = browse(plan)
    step = next(flow)
    while True:
        with observe() as outcomes:
            response = await cast(_QuartOpen, client).open(
                step.path, method=step.method, headers=Headers(step.headers), data=_body(step, data)
            )
        raw[step.label] = response
        exchange = _exchange(step, response.status, list(response.headers), outcomes)
        try:
            step = flow.send(exchange)
        except StopIteration as done:
            judgement: Judgement = done.value  # the generator's return value
            return _result(judgement, raw)


def _plan(
    origin: str,
    method: str,
    path: str,
    headers: HeadersArg,
    credentials: bool,
    data: str | bytes | None,
) -> Plan:
    pairs = list((headers.items() if isinstance(headers, Mapping) else headers) or ())
    if data is not None and not any(name.lower() == "content-type" for name, _ in pairs):
        pairs.append(("Content-Type", _TEXT_BODY_TYPE))  # as Chromium labels a string body
    return Plan.of(origin, method, path, pairs, credentials)


def _body(step: Step, data: str | bytes | None) -> str | bytes | None:
    return data if step.label == "Request" else None  # a preflight never carries the body


def _exchange(
    step: Step, status: str, headers: list[tuple[str, str]], outcomes: list[Outcome]
) -> Exchange:
    exchange = Exchange(step.label, step.method, step.path, step.headers, sent=True)
    exchange.status, exchange.headers = status, headers
    exchange.outcome = outcomes[-1] if outcomes else None  # what flask_cors decided, and why
    return exchange


def _result(judgement: Judgement, raw: Mapping[str, R]) -> FetchResult[R]:
    plan, last = judgement.plan, judgement.exchanges[-1]
    preflight = judgement.exchanges[0] if plan.preflighted else None
    sent = last.label == "Request"  # a failed preflight is the last exchange
    cached_for = preflight_cached_for(preflight) if preflight is not None and sent else None
    result = FetchResult(
        allowed=judgement.allowed,
        preflighted=plan.preflighted,
        sent=sent,
        readable_headers=readable_headers(last, plan.credentials) if judgement.allowed else {},
        verdict=(checked := report(judgement)).verdict,
        explanation=checked.text,
        problems=judgement.problems,
        preflight_cached_for=cached_for,
        vary_origin=vary_lists_origin(last),
        preflight=raw.get("Preflight"),
        response=raw.get("Request"),
    )
    RECENT.append(cast("FetchResult[object]", result))
    return result
