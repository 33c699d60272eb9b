"""Framework-neutral per-app state: the `AppState` kept in `app.extensions`, the
`ViewSpec` a decorated view carries, the class-based views hiding one, and the `Layer`
protocol each framework layer (`_flask`, `_quart`) implements.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from types import FunctionType, MethodType
from typing import Any, Final, Protocol

from werkzeug.sansio.request import Request

from .core import ACL_REQUEST_METHOD, Policy
from .options import CorsOptions
from .resolve import ResourceTable, ViewConfigConflict, refusing_view_policy, view_policy

LOG: Final = logging.getLogger("flask_cors")

EXTENSION_KEY: Final = "flask_cors"  # app.extensions[EXTENSION_KEY]: the app's AppState
# On a decorated view: its ViewSpec; on an endpoint function running decorated functions
# without carrying their spec (a class-based view, a decorator without wraps): HiddenViews.
VIEW_ATTR: Final = "__cors_view__"
RAN_ATTR: Final = "_flask_cors_ran"  # on a request: the ViewSpec of the hidden one that ran
EXEMPT_ATTR: Final = "__cors_exempt__"  # on a view, by cors_exempt
ERROR_ATTR: Final = "_flask_cors_from_error"  # on a request answered by exception handling
# On a request: the ViewSpec of the `@cross_origin` error handler that made its response.
HANDLER_ATTR: Final = "_flask_cors_handler"


@dataclass(frozen=True, slots=True, eq=False)
class ViewSpec:
    """A decorated view's validated options; resolved against each app's config once."""

    base: CorsOptions | None
    kwargs: Mapping[str, Any]
    name: str
    automatic: bool  # whether OPTIONS is routed to the wrapper


@dataclass(frozen=True, slots=True, eq=False)
class HiddenViews:
    """The decorated functions an endpoint function runs without carrying their spec.

    The spec of the one that ran answers; a preflight, or an error before one ran, gets
    the spec of the method asked for (docs/design.md 4).
    """

    by_method: Mapping[str, ViewSpec]  # a class-based view's decorated methods
    any_method: ViewSpec | None = None  # found around the endpoint function itself

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


def hidden_views(view: object) -> HiddenViews | None:
    """What `view` (an endpoint function) runs decorated without carrying a spec, if any.

    Looked for at `add_url_rule`, as Flask answers a `MethodView`'s preflight itself: on
    the class, in Flask-RESTful's ``method_decorators`` (list or dict), through decorators
    without `functools.wraps`.
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
    while stack:  # bounded by the depth, even through a closure that refers to itself
        current, depth = stack.pop()
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
    hidden = hidden_views(view)  # None for no view_func
    if hidden is not None:
        with contextlib.suppress(AttributeError, TypeError):  # e.g. a bound method
            setattr(view, VIEW_ATTR, hidden)


def note_ran(request: Request, spec: ViewSpec, view_functions: Mapping[str, Any]) -> None:
    """A decorated function runs for this request: mark the request (as answered by an error
    handler, or by a hidden decorated function), and its endpoint function as hiding
    decorated functions if nothing was found in it at `add_url_rule`."""
    endpoint = getattr(request, "endpoint", None)
    view = view_functions.get(endpoint) if endpoint else None
    if view is None or getattr(request, ERROR_ATTR, False):
        # No view (a 404 or 405 from routing) or exception handling: an error handler runs,
        # and its policy answers this response, as flask-cors 6's wrapper did (docs/choices.md).
        setattr(request, HANDLER_ATTR, spec)
        return
    found = getattr(view, VIEW_ATTR, None)
    if found.__class__ is ViewSpec:
        return  # a decorated view: its own decorator answers, found by the attribute
    setattr(request, RAN_ATTR, spec)
    if found is None:
        # A bound method takes no attributes, but reads its function's: mark the function.
        with contextlib.suppress(AttributeError, TypeError):
            setattr(
                getattr(view, "__func__", view), VIEW_ATTR, hidden_views(view) or HiddenViews({})
            )


def watch_routes(app: Any) -> None:
    """Find `@cross_origin` inside class-based views, now and for each route added later
    (blueprints and Flask-RESTful add theirs through `app.add_url_rule` too)."""
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
    """Everything flask_cors keeps per app: its layer, registrations and view policies."""

    layer: Layer
    config: Mapping[str, Any]
    # (blueprint name, or None for the app; its resource table), in registration order
    registrations: list[tuple[str | None, ResourceTable]] = field(default_factory=list)
    view_policies: dict[ViewSpec, Policy] = field(default_factory=dict)
    app: Any = None  # the app, whose routes name a class-based view (view_label)

    def policy_for_view(self, spec: ViewSpec) -> Policy:
        """The decorated view's policy for this app, resolved at first use, then cached.

        Keywords conflicting with the app's ``CORS_*`` config: one ERROR line, then the
        view refuses every origin (fails closed, without failing each request).
        """
        policy = self.view_policies.get(spec)
        if policy is None:
            with _LOCK:  # first requests only: one resolution, one ERROR line
                policy = self.view_policies.get(spec)
                if policy is None:
                    policy = _resolve_view(spec, self.config, view_label(self.app, spec))
                    self.view_policies[spec] = policy
        return policy


def _resolve_view(spec: ViewSpec, config: Mapping[str, Any], name: str) -> Policy:
    try:
        return view_policy(config, spec.base, spec.kwargs, name)
    except ViewConfigConflict as error:
        LOG.error(
            "CORS: %s. Until this is fixed, %s sends no CORS headers: every origin is refused.",
            error,
            name,
            exc_info=error,
        )
        return refusing_view_policy(error, spec.automatic)


class Layer(Protocol):
    """What a framework layer provides; `flask_cors._flask` and `flask_cors._quart` are one."""

    def install(self, app: Any, state: AppState) -> None:
        """Install the hooks that run the request pipeline on `app`."""

    def check_policy(self, policy: Policy) -> None:
        """Raise `CorsConfigError` if this framework cannot apply `policy`."""

    def respond(self, spec: ViewSpec, view: Callable[[], Any]) -> Any:
        """Run a decorated sync view (`view()`: its arguments bound), or answer OPTIONS."""

    async def respond_async(self, spec: ViewSpec, view: Callable[[], Awaitable[Any]]) -> Any:
        """Run a decorated `async def` view, or answer OPTIONS for it."""


def layer_for(target: object) -> Layer:
    """The framework layer of a Flask or Quart app or blueprint."""
    from flask import Blueprint, Flask

    quart = sys.modules.get("quart")  # never imported here: a Quart app imported it
    if quart is not None and isinstance(target, quart.Quart | quart.Blueprint):
        from . import _quart

        return _quart
    if isinstance(target, Flask | Blueprint):
        from . import _flask

        return _flask
    raise TypeError(f"CORS() takes a Flask or Quart app or blueprint, not {type(target).__name__}")


# Hooks are installed and a decorated view resolved once, even when first requests race.
_LOCK: Final = threading.RLock()


def state_of(app: Any) -> AppState:
    """The app's `AppState`, made and its layer's hooks installed the first time."""
    state: AppState | None = app.extensions.get(EXTENSION_KEY)
    if state is None:
        with _LOCK:
            state = app.extensions.get(EXTENSION_KEY)
            if state is None:
                layer = layer_for(app)
                state = AppState(layer, app.config, app=app)
                layer.install(app, state)
                app.extensions[EXTENSION_KEY] = state
    return state


def view_label(app: Any, spec: ViewSpec) -> str:
    """The name a decorated view's policy goes by: its class for a class-based view.

    ``View.decorators`` wrap a function local to ``as_view`` before ``view_class`` is set,
    so the decorator saw only ``View.as_view.<locals>.view``; by the first request (or
    ``flask cors routes``) the route holds the class.
    """
    for view in app.view_functions.values() if app is not None else ():
        view_class = getattr(view, "view_class", None)
        if isinstance(view_class, type) and getattr(view, VIEW_ATTR, None) is spec:
            return view_class.__qualname__
    return spec.name
