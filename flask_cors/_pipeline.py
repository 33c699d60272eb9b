"""The one request pipeline, run by the Flask and Quart hooks and by ``flask cors check``.

Select the policy -> read the request's facts -> `core.answer` -> write (docs/design.md
2.3), over Werkzeug's sans-IO request and response; no framework globals, no IO.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, cast

from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import MapAdapter, RoutingException
from werkzeug.sansio.request import Request
from werkzeug.sansio.response import Response

from . import core
from ._response import _OBSERVER, LOG, log_outcome
from ._state import ERROR_ATTR, EXEMPT_ATTR, HANDLER_ATTR, VIEW_ATTR, AppState, ViewSpec
from .core import (
    ACL_ORIGIN,
    ACL_REQUEST_HEADER_PRIVATE_NETWORK,
    ACL_REQUEST_HEADERS,
    ACL_REQUEST_METHOD,
    Decision,
    NeedsVerdict,
    Policy,
    Reason,
    RequestFacts,
    Verdict,
)

HeaderValues = tuple[str | None, str | None, str | None, str | None]


@dataclass(slots=True, eq=False)
class Pending:
    """A response waiting for the origins callable's verdict on `origin` (see `finish`)."""

    response: Response
    request: Request
    policy: Policy
    facts: RequestFacts
    has_vary: bool
    origin: str


def answer(
    state: AppState,
    response: Response,
    request: Request,
    view: Callable[..., Any] | None,
    blueprints: list[str] | None = None,
) -> Pending | None:
    """Add the CORS headers `response` gets, or return what the origins callable must answer.

    `blueprints`: innermost first (None: `request.blueprints`). Written out flat: this runs
    for every response, and inside a request each call costs several times its cost in a loop.
    """
    policy: Policy | None = None
    # The one check this adds to every request: a `@cross_origin` error handler's own policy
    # answers the response it made, even under intercept_exceptions=False (docs/choices.md).
    handler: ViewSpec | None = getattr(request, HANDLER_ATTR, None)
    if handler is not None:
        policy = state.policy_for_view(handler)
    elif view is not None:
        spec = getattr(view, VIEW_ATTR, None)
        if spec is not None and spec.__class__ is not ViewSpec:
            spec = spec.for_request(request)  # HiddenViews: a class-based view
        if spec is not None:
            policy = state.policy_for_view(spec)
        elif getattr(view, EXEMPT_ATTR, False):
            log_outcome(request, None, Reason.EXEMPT)
            return None
    if policy is None:
        registrations = state.registrations
        if len(registrations) == 1 and registrations[0][0] is None:  # the usual: CORS(app)
            table = registrations[0][1]
            path = request.path
            policy = table.found.get(path)  # a path seen before: one dict lookup
            if policy is None:  # not seen yet, not kept (too long), or no resource matches
                policy = table.lookup(path)
        else:
            if blueprints is None:
                blueprints = getattr(request, "blueprints", [])
            policy = _registered_policy(state, request.path, blueprints)
        if policy is None:
            if _OBSERVER.get() is not None or LOG.isEnabledFor(logging.DEBUG):
                log_outcome(request, None, Reason.NO_POLICY)
            return None
    headers = response.headers
    if headers.__class__ is not Headers:
        # Some libraries replace headers with a plain dict; Headers keeps repeated names.
        headers = response.headers = Headers(headers)
    has_vary = False  # one pass over the lines answers both questions
    # `in` would raise and catch a KeyError when absent, the usual case: scan the lines.
    for name, _value in headers._list:
        lowered = name.lower()
        if lowered == _ACL_ORIGIN_LOWER:
            log_outcome(request, policy, Reason.ALREADY_SET)  # the view did
            return None
        if lowered == "vary":
            has_vary = True
    if not policy.intercept_exceptions and handler is None and getattr(request, ERROR_ATTR, False):
        log_outcome(request, policy, Reason.ERROR_NOT_INTERCEPTED)
        return None
    method = request.method
    environ = getattr(request, "environ", None)
    if environ is not None and method != "OPTIONS":  # WSGI: read only what decides a GET
        origin = environ.get("HTTP_ORIGIN")
        private_network = environ.get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK")
        requested_method = requested_headers = None  # a preflight's alone
        if (origin is not None and origin.__class__ is not str) or (
            private_network is not None and private_network.__class__ is not str
        ):  # bytes, not PEP 3333: Werkzeug decodes them
            origin, requested_method, requested_headers, private_network = header_values(request)
    else:
        origin, requested_method, requested_headers, private_network = header_values(request)
    result = core.answer(
        policy, method, origin, requested_method, requested_headers, private_network
    )
    if isinstance(result, NeedsVerdict):
        facts = RequestFacts(method, origin, requested_method, requested_headers, private_network)
        return Pending(response, request, policy, facts, has_vary, result.origin)
    _write(headers, has_vary, result)
    # log_outcome's own two tests, first: most responses have nobody to tell.
    if _OBSERVER.get() is not None or LOG.isEnabledFor(logging.DEBUG):
        log_outcome(request, policy, result.reason, result)
    return None


def finish(pending: Pending, verdict: Verdict) -> None:
    """Write the headers once the origins callable answered `pending.origin`."""
    decision = core.decide(pending.policy, pending.facts, verdict)
    _write(pending.response.headers, pending.has_vary, decision)
    log_outcome(pending.request, pending.policy, decision.reason, decision)


async def await_origins(policy: Policy, origin: str) -> Verdict:
    """Ask the origins callable about `origin`, awaiting it if it is async (Quart, the CLI)."""
    if not policy.predicate_is_async:
        return core.call_origins(policy, origin)
    predicate = cast("Callable[[str], Awaitable[object]]", policy.origin_predicate)
    try:
        return (await predicate(origin)) is True
    except Exception as error:  # the verdict: logged and refused by the core
        return error


def select(
    state: AppState,
    request: Request,
    view: Callable[..., Any] | None,
    blueprints: list[str],
) -> tuple[Policy | None, Reason]:
    """The policy covering this request (the first step of `answer`), and why if none."""
    if view is not None:
        spec = getattr(view, VIEW_ATTR, None)
        if spec is not None and spec.__class__ is not ViewSpec:
            spec = spec.for_request(request)  # HiddenViews: a class-based view
        if spec is not None:
            return state.policy_for_view(spec), Reason.ORIGIN_ALLOWED
        if getattr(view, EXEMPT_ATTR, False):
            return None, Reason.EXEMPT
    policy = _registered_policy(state, request.path, blueprints)
    return (policy, Reason.ORIGIN_ALLOWED) if policy is not None else (None, Reason.NO_POLICY)


def _registered_policy(state: AppState, path: str, blueprints: list[str]) -> Policy | None:
    # Innermost blueprint first, then the app, and within each the last registered first:
    # the order Flask runs after_request functions in, so flask-cors 6's last hook answered.
    registrations = state.registrations[::-1]
    for owner in (*blueprints, None):
        for name, table in registrations:
            if name == owner and (policy := table.lookup(path)) is not None:
                return policy
    return None


def route(app: Any, request: Any) -> tuple[Callable[..., Any] | None, list[str] | None]:
    """The view and blueprints (None: the request's own) a Flask or Quart response is for.

    A 405 has no endpoint but gets its path's headers: its view is found again under a
    method the path accepts (docs/design.md 5.7).
    """
    endpoint: str | None = request.endpoint
    if endpoint is not None:
        return app.view_functions.get(endpoint), None
    error = request.routing_exception
    if not isinstance(error, MethodNotAllowed):
        if isinstance(error, RoutingException):  # a redirect: answered without a handler
            mark_error(request)
        return None, None
    adapter = app.create_url_adapter(request)
    endpoint = endpoint_of_405(adapter, error) if adapter is not None else None
    return (app.view_functions.get(endpoint) if endpoint else None), blueprints_of(endpoint or "")


def endpoint_of_405(adapter: MapAdapter, error: MethodNotAllowed) -> str | None:
    """The endpoint of the path a 405 answers for, found under a method it accepts."""
    try:  # the router's 405 lists the methods the path accepts
        endpoint, _args = adapter.match(method=next(iter(error.valid_methods or ())))
    except (HTTPException, RoutingException):  # e.g. a redirect: then no view answers
        return None
    return str(endpoint)


def blueprints_of(endpoint: str) -> list[str]:
    """As Flask's `request.blueprints`: "outer.inner.view" -> ["outer.inner", "outer"]."""
    names: list[str] = []
    name = endpoint.rpartition(".")[0]
    while name:
        names.append(name)
        name = name.rpartition(".")[0]
    return names


def header_values(request: Request) -> HeaderValues:
    """Origin, Access-Control-Request-Method, -Headers and -Private-Network (or None)."""
    environ = getattr(request, "environ", None)
    if environ is not None:
        # A WSGI request's headers are these environ keys (Werkzeug's EnvironHeaders reads
        # them too, raising and catching a KeyError for each header that is absent).
        get = environ.get
        values = (
            get("HTTP_ORIGIN"),
            get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"),
            get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS"),
            get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"),
        )
        for value in values:
            if value is not None and value.__class__ is not str:
                # Not PEP 3333 (a server passing bytes, which Werkzeug 3 no longer
                # decodes): read bytes as WSGI's latin-1 strings; anything else is absent.
                origin, method, names, private = (_native(item) for item in values)
                return origin, method, names, private
        return values
    # ASGI (Quart): one pass over the (name, value) lines instead of four get()s, each of
    # which scans every header and raises a KeyError when the name is absent.
    found: list[str | None] = [None, None, None, None]
    for name, value in request.headers:
        slot = _SLOTS.get(name.lower())
        if slot is not None:
            # Repeated lines combine with ", " (RFC 9110 5.3), as a WSGI server joins them
            # into one environ value: two Origins are malformed on both layers.
            seen = found[slot]
            found[slot] = value if seen is None else f"{seen}, {value}"
    return found[0], found[1], found[2], found[3]


def _native(value: object) -> str | None:
    """A WSGI environ value as the string PEP 3333 says it should have been."""
    if isinstance(value, str):
        return value
    return value.decode("latin-1") if isinstance(value, bytes) else None


_SLOTS: Final[Mapping[str, int]] = {
    name.lower(): slot
    for slot, name in enumerate(
        ("Origin", ACL_REQUEST_METHOD, ACL_REQUEST_HEADERS, ACL_REQUEST_HEADER_PRIVATE_NETWORK)
    )
}
_ACL_ORIGIN_LOWER: Final = ACL_ORIGIN.lower()
_VARY_ORIGIN: Final = ("Vary", "Origin")


def _write(headers: Headers, has_vary: bool, decision: Decision) -> None:
    """Add the decision's headers and `Vary: Origin` to lines known to hold no ACAO.

    Appended without `Headers.add`'s newline check: every value passed one already
    (docs/design.md 5.9).
    """
    if not decision.headers and not decision.vary_origin:
        return
    lines: list[tuple[str, str]] = headers._list
    lines.extend(decision.headers)
    if decision.vary_origin:
        if not has_vary:  # the usual case: no Vary yet, so its own line
            lines.append(_VARY_ORIGIN)
        else:  # decision headers never hold a Vary: only the response's own lines count
            _merge_vary_origin(lines)


def _merge_vary_origin(lines: list[tuple[str, str]]) -> None:
    """Add `Origin` into the first Vary line, unless a line lists `Origin` or `*`.

    Never a second line: `response.vary` reads the first only and rewrites them all as one
    (Flask's session does `vary.add("Cookie")` after us), docs/design.md 5.5.
    """
    first = -1
    for index, (name, value) in enumerate(lines):  # getlist("Vary"), keeping positions
        if name.lower() == "vary":
            for item in value.split(","):
                if item.strip().lower() in ("origin", "*"):
                    return
            if first < 0:
                first = index
    name, value = lines[first]  # has_vary: there is one
    kept = value.rstrip(" \t,")  # "Accept," or an empty value: no empty item before ours
    lines[first] = (name, f"{kept}, Origin" if kept.strip(" \t,") else "Origin")


def mark_error(request: Request) -> None:
    """Remember that this request's response comes from exception handling."""
    setattr(request, ERROR_ATTR, True)
