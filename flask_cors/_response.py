"""What both framework layers share: per-app state, which policy covers a request, and
reading facts from / writing a decision onto Werkzeug's sans-IO request and response.

Flask's and Quart's request and response classes subclass `werkzeug.sansio`, so this
exists once. No IO and no framework globals: the layers pass the request in.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import FunctionType, MethodType
from typing import Any, Final

from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import MapAdapter, RoutingException
from werkzeug.sansio.request import Request
from werkzeug.sansio.response import Response

from . import core
from ._explain import handshake_text, log_text
from .core import (
    ACL_ORIGIN,
    ACL_REQUEST_HEADER_PRIVATE_NETWORK,
    ACL_REQUEST_HEADERS,
    ACL_REQUEST_METHOD,
    Decision,
    Policy,
    Reason,
    RequestFacts,
)
from .options import TOKEN_RE, CorsOptions
from .resolve import ResourceTable, ViewConfigConflict, refusing_view_policy, view_policy

LOG: Final = logging.getLogger("flask_cors")

EXTENSION_KEY: Final = "flask_cors"
"""`app.extensions[EXTENSION_KEY]` holds the app's `AppState`."""

VIEW_ATTR: Final = "__cors_view__"
"""Set on the wrapper `cross_origin` returns: the view's `ViewSpec`. Also set, to a
`HiddenViews`, on an endpoint function that runs decorated functions without carrying
their spec: a class-based view, or a decorator that does not use `functools.wraps`."""
RAN_ATTR: Final = "_flask_cors_ran"
"""Set on a request by a decorated function hidden inside its endpoint, when it runs."""
EXEMPT_ATTR: Final = "__cors_exempt__"
"""Set on a view by `cors_exempt`."""
ERROR_ATTR: Final = "_flask_cors_from_error"
"""Set on a request whose response comes from exception handling."""


@dataclass(frozen=True, slots=True, eq=False)
class ViewSpec:
    """A decorated view's validated options; resolved against each app's config once."""

    base: CorsOptions | None
    kwargs: Mapping[str, Any]
    name: str


@dataclass(frozen=True, slots=True, eq=False)
class HiddenViews:
    """The decorated functions an endpoint function runs without carrying their spec.

    The actual request is answered by the spec of the decorated function that ran (it
    marks the request with `RAN_ATTR`), wherever it was called from; a preflight, or an
    error before it ran, by the spec of the method asked for (docs/design.md 4).
    """

    by_method: Mapping[str, ViewSpec]
    """Class-based views: the spec of each decorated method, by upper-case method."""
    any_method: ViewSpec | None = None
    """The spec found around the endpoint function itself, for every method."""

    def for_request(self, request: Request) -> ViewSpec | None:
        """The spec that answers this request, or None (then the extension answers)."""
        ran: ViewSpec | None = getattr(request, RAN_ATTR, None)
        if ran is not None:
            return ran
        method = request.method
        if method == "OPTIONS":  # a preflight is answered as the request it announces
            requested = request.headers.get(ACL_REQUEST_METHOD)
            if requested:
                method = requested.strip().upper()
        spec = self.by_method.get(method)
        if spec is None and method == "HEAD":  # MethodView answers HEAD with get()
            spec = self.by_method.get("GET")
        return spec if spec is not None else self.any_method


# The methods a class-based view may define (Flask's `http_method_funcs`).
_VIEW_METHODS: Final = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
# How deep to look through decorators' closures for a decorated function.
_SEARCH_DEPTH: Final = 4


def hidden_views(view: Callable[..., Any]) -> HiddenViews | None:
    """What `view` (an endpoint function) runs decorated without carrying a spec, if any.

    Flask never routes a preflight to a `MethodView` method (it answers OPTIONS itself), so
    a decorated method is found here, at `add_url_rule`: on the class, in Flask-RESTful's
    ``method_decorators`` (a list, or a dict by method), and through decorators that do
    not use `functools.wraps`.
    """
    from .decorator import ViewDecorator  # imports this module: import at first use

    if getattr(view, VIEW_ATTR, None) is not None:
        return None
    view_class = getattr(view, "view_class", None)
    any_method = _spec_inside(view)
    by_method: dict[str, ViewSpec] = {}
    if isinstance(view_class, type):
        method_decorators = getattr(view_class, "method_decorators", ())
        for method in _VIEW_METHODS:
            function = getattr(view_class, method.lower(), None)
            if function is None:
                continue
            spec = _spec_inside(function)  # innermost: its mark is set last, so it wins
            if spec is None:
                decorators = method_decorators
                if isinstance(method_decorators, Mapping):
                    decorators = method_decorators.get(method.lower(), ())
                found = [d for d in decorators if isinstance(d, ViewDecorator)]
                # Applied in list order, so the first is innermost (its mark wins).
                spec = found[0].spec_for(function) if found else None
            if spec is not None:
                by_method[method] = spec
    if not by_method and any_method is None:
        return None
    return HiddenViews(by_method, any_method)


def _spec_inside(function: object) -> ViewSpec | None:
    """The `ViewSpec` of a decorated function inside `function`'s decorators, if any."""
    stack: list[tuple[object, int]] = [(function, _SEARCH_DEPTH)]
    seen: set[int] = set()
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        current = getattr(current, "__func__", current)  # a method: its function
        spec = getattr(current, VIEW_ATTR, None)
        if spec.__class__ is ViewSpec:
            return spec
        if depth == 0 or not isinstance(current, FunctionType):
            continue
        inner = [getattr(current, "__wrapped__", None)]
        for cell in current.__closure__ or ():
            with contextlib.suppress(ValueError):  # an empty cell
                item = cell.cell_contents
                # Only functions and methods: other objects' attributes may run code (a
                # closure over `request` holds a proxy that raises outside a request).
                # What a decorator wraps, it names itself after (even without wraps); a
                # view that merely refers to another decorated view is not that view.
                if (
                    isinstance(item, FunctionType | MethodType)
                    and item.__name__ == current.__name__
                ):
                    inner.append(item)
        stack.extend(
            (item, depth - 1) for item in inner if isinstance(item, FunctionType | MethodType)
        )
    return None


def note_hidden(view: object) -> None:
    """Mark an endpoint function that hides decorated functions (see `hidden_views`)."""
    if not callable(view):
        return
    hidden = hidden_views(view)
    if hidden is not None:
        with contextlib.suppress(AttributeError, TypeError):  # e.g. a bound method
            setattr(view, VIEW_ATTR, hidden)


def note_ran(request: Request, spec: ViewSpec, view_functions: Mapping[str, Any]) -> None:
    """A decorated function runs for this request: its policy answers the request.

    Nothing to note when it is the endpoint function itself (found by its attribute). Else
    the request is marked, and the endpoint function, if nothing was found in it when its
    route was added, is marked as hiding decorated functions, so the hooks look.
    """
    endpoint = getattr(request, "endpoint", None)
    view = view_functions.get(endpoint) if endpoint else None
    if view is None:
        return
    found = getattr(view, VIEW_ATTR, None)
    if found.__class__ is ViewSpec:
        return  # a decorated view: its own decorator answers, found by the attribute
    setattr(request, RAN_ATTR, spec)
    if found is None:
        with contextlib.suppress(AttributeError, TypeError):
            setattr(view, VIEW_ATTR, hidden_views(view) or HiddenViews({}))


def watch_routes(app: Any) -> None:
    """Find `@cross_origin` inside class-based views, now and for each route added later.

    Flask answers a preflight to a `MethodView` without calling it, so a decorated method
    is found when its route is added (`_response.hidden_views`); blueprints and
    Flask-RESTful add routes through `app.add_url_rule` too.
    """
    add_url_rule = app.add_url_rule

    def noting_add_url_rule(*args: Any, **kwargs: Any) -> Any:
        result = add_url_rule(*args, **kwargs)
        view = kwargs["view_func"] if "view_func" in kwargs else args[2] if len(args) > 2 else None
        note_hidden(view)
        return result

    app.add_url_rule = noting_add_url_rule
    for view in list(app.view_functions.values()):
        note_hidden(view)


@dataclass(slots=True, eq=False)
class AppState:
    """Everything flask_cors keeps per app: registrations and resolved view policies."""

    registrations: list[tuple[str | None, ResourceTable]] = field(default_factory=list)
    """(blueprint name or None for the app, its resource table), in registration order."""
    view_policies: dict[ViewSpec, Policy] = field(default_factory=dict)

    def policy_for_view(self, spec: ViewSpec, config: Mapping[str, Any]) -> Policy:
        """The decorated view's policy for this app, resolved at first use, then cached.

        Keywords that conflict with this app's ``CORS_*`` config are logged once as an
        ERROR carrying the `ViewConfigConflict` (a `CorsConfigError`), and the view then
        refuses every origin (`refusing_view_policy`), on that request and every later
        one: failing closed, without resolving again or failing each request.
        """
        policy = self.view_policies.get(spec)
        if policy is None:
            with _RESOLVE_LOCK:  # first requests only: one resolution, one ERROR line
                policy = self.view_policies.get(spec)
                if policy is None:
                    policy = _resolve_view(spec, config)
                    self.view_policies[spec] = policy
        return policy


# Resolving a decorated view happens once per app, even when two first requests race.
_RESOLVE_LOCK: Final = threading.Lock()


def _resolve_view(spec: ViewSpec, config: Mapping[str, Any]) -> Policy:
    try:
        return view_policy(config, spec.base, spec.kwargs, spec.name)
    except ViewConfigConflict as error:
        LOG.error(
            "CORS: %s. Until this is fixed, %s sends no CORS headers: every origin is refused.",
            error,
            spec.name,
            exc_info=error,
        )
        automatic = spec.kwargs.get(
            "automatic_options", spec.base.automatic_options if spec.base is not None else True
        )
        return refusing_view_policy(error, automatic)


def endpoint_of_405(adapter: MapAdapter, error: MethodNotAllowed) -> str | None:
    """The endpoint whose path a 405 answers for (Flask and Quart leave it unset), or None.

    A 405 is an error response of that path, so it gets the headers of the path's view and
    blueprint (DESIGN 5.7), e.g. of its `@cross_origin`, instead of the app-wide ones. The
    path's rule is found again under a method it accepts.
    """
    method = next(iter(error.valid_methods or ()), None)
    if method is None:
        return None
    try:
        endpoint, _args = adapter.match(method=method)
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


def find_policy(
    state: AppState,
    request: Request,
    view: Callable[..., Any] | None,
    blueprints: list[str],
    config: Mapping[str, Any],
) -> tuple[Policy | None, Reason]:
    """The policy covering this request: the decorator's, else the last registration's.

    Registrations are tried innermost blueprint first, then the app; within each, the one
    registered last first (docs/resources.md).
    """
    if view is not None:
        spec = getattr(view, VIEW_ATTR, None)
        if spec is not None and spec.__class__ is not ViewSpec:
            spec = spec.for_request(request)  # HiddenViews: a class-based view
        if spec is not None:
            return state.policy_for_view(spec, config), Reason.ORIGIN_ALLOWED
        if getattr(view, EXEMPT_ATTR, False):
            return None, Reason.EXEMPT
    path = request.path
    registrations = state.registrations
    if len(registrations) == 1:  # one CORS(app) or CORS(blueprint): no order to work out
        name, table = registrations[0]
        policy = table.lookup(path) if name is None or name in blueprints else None
        return (policy, Reason.ORIGIN_ALLOWED) if policy is not None else (None, Reason.NO_POLICY)
    for _name, table in _ordered(state, blueprints):
        policy = table.lookup(path)
        if policy is not None:
            return policy, Reason.ORIGIN_ALLOWED
    return None, Reason.NO_POLICY


def answer(
    state: AppState,
    response: Response,
    request: Request,
    view: Callable[..., Any] | None,
    config: Mapping[str, Any],
) -> None:
    """`find_policy` then `apply`, for a layer with no origins callable to await (Flask).

    The same answer, written out flat: inside a request each Python call or attribute
    lookup costs several times what it costs in a loop (cold caches), and this runs for
    every response. The async layer awaits between the two steps, so it calls them.
    """
    policy: Policy | None = None
    if view is not None:
        spec = getattr(view, VIEW_ATTR, None)
        if spec is not None:
            if spec.__class__ is not ViewSpec:
                spec = spec.for_request(request)  # HiddenViews: a class-based view
                if spec is None and getattr(view, EXEMPT_ATTR, False):
                    log_outcome(request, None, Reason.EXEMPT)
                    return
            if spec is not None:
                policy = state.policy_for_view(spec, config)
        elif getattr(view, EXEMPT_ATTR, False):
            log_outcome(request, None, Reason.EXEMPT)
            return
    if policy is None:
        registrations = state.registrations
        if len(registrations) == 1 and registrations[0][0] is None:  # the usual: CORS(app)
            table = registrations[0][1]
            path = request.path
            policy = table.found.get(path)  # a path seen before: one dict lookup
            if policy is None:  # not seen yet, not kept (too long), or no resource matches
                policy = table.lookup(path)
        else:
            blueprints: list[str] = getattr(request, "blueprints", [])
            policy, _reason = find_policy(state, request, None, blueprints, config)
        if policy is None:
            if _OBSERVER.get() is not None or LOG.isEnabledFor(logging.DEBUG):
                log_outcome(request, None, Reason.NO_POLICY)
            return
    headers: Any = response.headers
    if headers.__class__ is not Headers or (
        not policy.intercept_exceptions and getattr(request, ERROR_ATTR, False)
    ):
        apply(response, request, policy, Reason.ORIGIN_ALLOWED)  # the rare cases
        return
    has_vary = False  # one pass over the lines answers both questions
    for name, _value in headers._list:  # exactly Headers: its lines, no __iter__ call
        lowered = name.lower()
        if lowered == _ACL_ORIGIN_LOWER:
            log_outcome(request, policy, Reason.ALREADY_SET)
            return
        if lowered == "vary":
            has_vary = True
    # The answer to an Origin seen before, for a request that is not a preflight and has
    # no private-network header (the memo key of core.decide_values), else _decide.
    origin = getattr(request, "environ", _NO_ENVIRON).get("HTTP_ORIGIN")
    decision = None
    if request.method != "OPTIONS" and origin.__class__ is str:
        decision = policy.memo.get((origin, None))
        if decision is not None and _PRIVATE_NETWORK_KEY in request.environ:  # type: ignore[attr-defined]
            decision = None
    if decision is None:
        decision = _decide(policy, request)
    if decision.headers or decision.vary_origin:
        # `write`, for exactly Werkzeug's Headers (checked above): append as add() does,
        # without its newline check, which every value passed already (DESIGN 5.9: tokens
        # and configured values checked at start-up, an Origin only if well-formed).
        lines = headers._list
        lines.extend(decision.headers)
        if decision.vary_origin:
            if not has_vary:  # the usual case: no Vary yet, so its own line
                lines.append(_VARY_ORIGIN)
            else:  # decision headers never hold a Vary: only the response's own lines count
                _merge_vary_origin(lines)
    # log_outcome's own two tests, first: most responses have nobody to tell.
    if _OBSERVER.get() is not None or LOG.isEnabledFor(logging.DEBUG):
        log_outcome(request, policy, decision.reason, decision)


_VARY_ORIGIN: Final = ("Vary", "Origin")
_NO_ENVIRON: Final[Mapping[str, Any]] = {}
_PRIVATE_NETWORK_KEY: Final = "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"


def _ordered(state: AppState, blueprints: list[str]) -> list[tuple[str | None, ResourceTable]]:
    # Innermost blueprint first, then the app, and within each the last registered first:
    # the order Flask runs after_request functions in, so flask-cors 6's last hook answered.
    registrations = state.registrations[::-1]
    ordered = [r for bp in blueprints for r in registrations if r[0] == bp]
    ordered.extend(r for r in registrations if r[0] is None)
    return ordered


def facts_from(request: Request) -> RequestFacts:
    """The request's CORS facts as plain strings."""
    return RequestFacts(request.method, *header_values(request))


HeaderValues = tuple[str | None, str | None, str | None, str | None]


def header_values(request: Request) -> HeaderValues:
    """Origin, Access-Control-Request-Method, -Headers and -Private-Network (or None)."""
    environ = getattr(request, "environ", None)
    if environ is not None:
        # A WSGI request's headers are these environ keys (Werkzeug's EnvironHeaders reads
        # them too, raising and catching a KeyError for each header that is absent).
        values = (
            environ.get("HTTP_ORIGIN"),
            environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"),
            environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS"),
            environ.get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"),
        )
        if _all_str_or_none(*values):
            return values
    headers = request.headers
    if headers.__class__ is Headers:  # ASGI (Quart): one pass instead of four get()s,
        # each of which scans every header and raises a KeyError when the name is absent.
        found: list[str | None] = [None, None, None, None]
        for name, value in headers:
            slot = _SLOTS.get(name.lower())
            if slot is not None:
                # Repeated lines combine with ", " (RFC 9110 5.3), as a WSGI server joins
                # them into one environ value: two Origins are malformed on both layers.
                seen = found[slot]
                found[slot] = value if seen is None else f"{seen}, {value}"
        return found[0], found[1], found[2], found[3]
    return (
        headers.get("Origin"),
        headers.get(ACL_REQUEST_METHOD),
        headers.get(ACL_REQUEST_HEADERS),
        headers.get(ACL_REQUEST_HEADER_PRIVATE_NETWORK),
    )


_SLOTS: Final = {
    name.lower(): slot
    for slot, name in enumerate(
        ("Origin", ACL_REQUEST_METHOD, ACL_REQUEST_HEADERS, ACL_REQUEST_HEADER_PRIVATE_NETWORK)
    )
}


def skip_reason(response: Response, request: Request, policy: Policy) -> Reason | None:
    """Why no decision is needed for this response, or None when the core must decide."""
    if _has_allow_origin(response.headers):
        return Reason.ALREADY_SET  # the view (or another registration) answered already
    if not policy.intercept_exceptions and getattr(request, ERROR_ATTR, False):
        return Reason.ERROR_NOT_INTERCEPTED
    return None


_ACL_ORIGIN_LOWER: Final = ACL_ORIGIN.lower()


def _has_allow_origin(headers: object) -> bool:
    if isinstance(headers, Headers):
        # `in` raises and catches a KeyError when absent, the usual case: scan instead
        # (a plain loop: any() over a generator costs twice as much here).
        for name, _value in headers:  # noqa: SIM110
            if name.lower() == _ACL_ORIGIN_LOWER:
                return True
        return False
    return ACL_ORIGIN in headers  # type: ignore[operator]  # a plain dict (see write)


def write(response: Response, decision: Decision) -> None:
    """Add the decision's headers (never replacing the view's) and `Vary: Origin`."""
    headers: Any = response.headers
    if not isinstance(headers, Headers):
        # Some libraries replace headers with a plain dict; Headers keeps repeated names.
        headers = response.headers = Headers(headers)
    for name, value in decision.headers:
        headers.add(name, value)
    if decision.vary_origin:
        _merge_vary_origin(headers)


def _merge_vary_origin(lines: Headers | list[tuple[str, str]]) -> None:
    """Add `Origin` to the response's Vary value: into its first Vary line, else a new line.

    Never a second line (docs/design.md 5.5): Werkzeug's `response.vary` reads the first
    Vary line only and rewrites them all as one, so code running after us (Flask's and
    Quart's session do `vary.add("Cookie")`) would drop a line of its own. Nothing is
    added when the value already lists `Origin` or `*`.
    """
    first = -1
    for index, (name, value) in enumerate(lines):  # getlist("Vary"), keeping positions
        if name.lower() == "vary":
            for item in value.split(","):
                if item.strip().lower() in ("origin", "*"):
                    return
            if first < 0:
                first = index
    if first < 0:
        if isinstance(lines, Headers):
            lines.add(*_VARY_ORIGIN)
        else:
            lines.append(_VARY_ORIGIN)
        return
    name, value = lines[first]
    kept = value.rstrip(" \t,")  # "Accept," or an empty value: no empty item before ours
    lines[first] = (name, f"{kept}, Origin" if kept.strip(" \t,") else "Origin")


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
    request: Request, policy: Policy | None, reason: Reason, decision: Decision | None = None
) -> None:
    """One DEBUG line per request saying what was matched and why headers were (not) added.

    The words are `flask_cors._explain`'s; request values go through %r there and here, so
    CR/LF cannot forge lines.
    """
    outcomes = _OBSERVER.get()
    if outcomes is not None:
        outcomes.append(Outcome(policy, reason, decision))
    if LOG.isEnabledFor(logging.DEBUG):
        text = log_text(policy, reason, decision, request.headers.get(ACL_REQUEST_METHOD))
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


def apply(
    response: Response,
    request: Request,
    policy: Policy | None,
    reason: Reason,
    verdict: bool | None = None,
) -> None:
    """Decide and write the CORS headers for one response (both layers end here)."""
    if policy is None:
        log_outcome(request, None, reason)  # no policy, or an exempt view
        return
    skip = skip_reason(response, request, policy)
    if skip is not None:
        log_outcome(request, policy, skip)
        return
    if verdict is None:
        decision = _decide(policy, request)
    else:  # an awaited origins callable: its answer is for this request only
        decision = core.decide(policy, facts_from(request), verdict)
    write(response, decision)
    log_outcome(request, policy, decision.reason, decision)


def _decide(policy: Policy, request: Request) -> Decision:
    # `core.decide_values(policy, request.method, *header_values(request))`, written out:
    # inside a framework's request each call costs several times what it costs in a loop.
    method = request.method
    environ = getattr(request, "environ", None)
    if environ is not None:  # WSGI: read only what the core will read
        origin = environ.get("HTTP_ORIGIN")
        private_network = environ.get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK")
        if method != "OPTIONS":
            if (origin is None or origin.__class__ is str) and private_network is None:
                decision = policy.memo.get((origin, None))
                if decision is not None:
                    return decision
                return core.decide_values(policy, method, origin)
        else:
            request_method = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
            request_headers = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS")
            if _all_str_or_none(origin, private_network, request_method, request_headers):
                return core.decide_values(
                    policy, method, origin, request_method, request_headers, private_network
                )
    return core.decide_values(policy, method, *header_values(request))


def _all_str_or_none(*values: object) -> bool:
    for value in values:  # noqa: SIM110  # all() + generator: slower
        if value is not None and value.__class__ is not str:
            return False
    return True


def mark_error(request: Request) -> None:
    """Remember that this request's response comes from exception handling."""
    setattr(request, ERROR_ATTR, True)


# Installing hooks on an app happens once, even when two first requests race.
_INSTALL_LOCK: Final = threading.Lock()


def state_of(app: Any, install: Callable[[Any, AppState], None]) -> AppState:
    """The app's `AppState`, made and its hooks installed (by the layer's `install`) once."""
    state: AppState | None = app.extensions.get(EXTENSION_KEY)
    if state is None:
        with _INSTALL_LOCK:
            state = app.extensions.get(EXTENSION_KEY)
            if state is None:
                state = AppState()
                install(app, state)
                app.extensions[EXTENSION_KEY] = state
    return state
