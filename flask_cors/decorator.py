"""`@cross_origin(**options)` and `@cors_exempt` for views on Flask and Quart."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, Protocol, TypeVar, Unpack, cast, overload

from . import resolve
from ._response import EXEMPT_ATTR, VIEW_ATTR, ViewSpec
from .options import CorsConfigError, CorsKwargs, CorsOptions

__all__ = ["cors_exempt", "cross_origin"]

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])


class ViewDecorator(Protocol):
    """What `cross_origin(...)` returns: keeps the view's signature, sync or async."""

    @overload
    def __call__(self, view: Callable[P, Awaitable[R]], /) -> Callable[P, Awaitable[R]]: ...
    @overload
    def __call__(self, view: Callable[P, R], /) -> Callable[P, R]: ...


def cross_origin(
    options: CorsOptions | None = None, /, **kwargs: Unpack[CorsKwargs]
) -> ViewDecorator:
    """Give one view its own CORS policy (see `CorsOptions` for the options).

    Works on ``def`` and ``async def`` views, on Flask and Quart. The options are checked
    here, at decoration time (`CorsConfigError`); app config ``CORS_*`` fills unset options
    at the first request of each app. A decorated view is answered by its decorator alone,
    and with ``automatic_options`` (default) OPTIONS is answered without running the view.
    """
    if options is not None and not isinstance(options, CorsOptions):
        raise CorsConfigError(
            "options",
            options,
            "the positional argument must be a CorsOptions",
            "Pass options as keywords, e.g. @cross_origin(origins=...)",
        )
    checked = resolve.check_decorator_kwargs(kwargs, options)
    # Whether to route OPTIONS to the wrapper; whether it answers OPTIONS itself is the
    # resolved policy's automatic_options (keyword, else CORS_AUTOMATIC_OPTIONS), per app.
    automatic = checked.get(
        "automatic_options", options.automatic_options if options is not None else True
    )

    def decorate(view: Callable[..., Any], /) -> Callable[..., Any]:
        spec = ViewSpec(options, checked, getattr(view, "__qualname__", repr(view)))
        wrapper: Any
        if inspect.iscoroutinefunction(view):  # the same test Flask's ensure_sync uses

            @functools.wraps(view)
            async def async_wrapper(*args: Any, **kw: Any) -> Any:
                return await _runtime().respond_async(spec, view, args, kw)

            wrapper = async_wrapper
        else:

            @functools.wraps(view)
            def sync_wrapper(*args: Any, **kw: Any) -> Any:
                return _runtime().respond(spec, view, args, kw)

            wrapper = sync_wrapper
        setattr(wrapper, VIEW_ATTR, spec)
        if automatic:
            # Route OPTIONS to the wrapper, which answers it (Flask and Quart read these).
            wrapper.required_methods = {"OPTIONS"}
            wrapper.provide_automatic_options = False
        return cast("Callable[..., Any]", wrapper)

    return decorate


def cors_exempt(view: F) -> F:
    """Leave this view out of an app-wide `CORS(app)`; returns the view unchanged."""
    setattr(view, EXEMPT_ATTR, True)
    return view


def _runtime() -> Any:
    """The framework layer of the request or websocket being handled (Quart only if loaded)."""
    quart = sys.modules.get("quart")
    if quart is not None and (quart.has_request_context() or quart.has_websocket_context()):
        from . import _quart

        return _quart
    from . import _flask

    return _flask
