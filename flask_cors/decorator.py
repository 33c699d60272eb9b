"""`@cross_origin(**options)` and `@cors_exempt` for views on Flask and Quart."""

from __future__ import annotations

import functools
import inspect
import re
import sys
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence, Set
from typing import Any, ParamSpec, TypeAlias, TypeVar, Unpack, overload

from . import resolve
from ._state import EXEMPT_ATTR, VIEW_ATTR, Layer, ViewSpec
from .options import CorsConfigError, CorsOptions, ResourceOptions

__all__ = ["cors_exempt", "cross_origin"]

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])

PositionalOrigins: TypeAlias = (
    str | re.Pattern[str] | Sequence[str | re.Pattern[str]] | Set[str | re.Pattern[str]]
)
"""What `cross_origin` takes positionally as `origins`, as flask-cors 6 did; not a dict,
which is a mistake (`@cross_origin(**{...})` was meant) mypy reports."""


class ViewDecorator:
    """What `cross_origin(...)` returns: keeps the view's signature, sync or async.

    It may decorate many functions, even a bound method at every request (Flask-RESTful's
    ``method_decorators``): one `ViewSpec` per function, so one resolution per app.
    """

    __slots__ = ("_automatic", "_base", "_kwargs", "_lock", "_specs")

    def __init__(
        self, base: CorsOptions | None, kwargs: Mapping[str, Any], automatic: bool
    ) -> None:
        self._base = base
        self._kwargs = kwargs
        self._automatic = automatic
        self._specs: dict[object, ViewSpec] = {}
        self._lock = threading.Lock()

    def spec_for(self, view: Callable[..., Any]) -> ViewSpec:
        """The spec of `view`: the same for every bound method of one function."""
        key = getattr(view, "__func__", view)
        spec = self._specs.get(key)
        if spec is None:
            with self._lock:
                spec = self._specs.get(key)
                if spec is None:
                    name = getattr(view, "__qualname__", None) or repr(view)
                    spec = ViewSpec(self._base, self._kwargs, name, self._automatic)
                    self._specs[key] = spec
        return spec

    @overload
    def __call__(self, view: Callable[P, Awaitable[R]], /) -> Callable[P, Awaitable[R]]: ...
    @overload
    def __call__(self, view: Callable[P, R], /) -> Callable[P, R]: ...
    def __call__(self, view: Callable[..., Any], /) -> Callable[..., Any]:
        spec = self.spec_for(view)
        wrapper: Callable[..., Any]
        if inspect.iscoroutinefunction(view):  # the same test Flask's ensure_sync uses

            @functools.wraps(view)
            async def async_wrapper(*args: Any, **kw: Any) -> Any:
                return await _runtime().respond_async(spec, functools.partial(view, *args, **kw))

            wrapper = async_wrapper
        else:

            @functools.wraps(view)
            def sync_wrapper(*args: Any, **kw: Any) -> Any:
                return _runtime().respond(spec, functools.partial(view, *args, **kw))

            wrapper = sync_wrapper
        setattr(wrapper, VIEW_ATTR, spec)
        if self._automatic:
            # Route OPTIONS to the wrapper, which answers it (Flask and Quart read these).
            vars(wrapper).update(required_methods={"OPTIONS"}, provide_automatic_options=False)
        return wrapper


def cross_origin(
    options: CorsOptions | PositionalOrigins | None = None,
    /,
    **kwargs: Unpack[ResourceOptions],
) -> ViewDecorator:
    """Give one view its own CORS policy (see `CorsOptions` for the options).

    On ``def`` and ``async def`` views, Flask and Quart, `MethodView` methods,
    ``View.decorators`` and Flask-RESTful's ``method_decorators``. The positional argument
    is a `CorsOptions` or the origins (``@cross_origin("*")``). Options are checked here
    (`CorsConfigError`); ``CORS_*`` app config fills the rest at each app's first request.
    """
    base: CorsOptions | None = None
    given: dict[str, Any] = dict(kwargs)
    if isinstance(options, CorsOptions):
        base = options
    elif options is not None:
        given["origins"] = _positional_origins(options, kwargs)
    checked = resolve.check_decorator_kwargs(given, base)
    # Whether to route OPTIONS to the wrapper; whether it answers OPTIONS itself is the
    # resolved policy's automatic_options (keyword, else CORS_AUTOMATIC_OPTIONS), per app.
    automatic = checked.get(
        "automatic_options", base.automatic_options if base is not None else True
    )
    return ViewDecorator(base, checked, automatic)


def _positional_origins(value: object, kwargs: Mapping[str, object]) -> Any:
    """The positional argument as `origins`, or a `CorsConfigError` saying what was meant."""
    if callable(value):
        # `@cross_origin` without parentheses hands the view over as this argument.
        raise CorsConfigError(
            "options",
            value,
            "cross_origin takes options, not the view",
            "Write @cross_origin() with parentheses; a callable check is origins=...",
            code="flask_cors.E018",
        )
    if isinstance(value, Mapping) or not isinstance(value, str | re.Pattern | Sequence | Set):
        raise CorsConfigError(
            "options",
            value,
            "the positional argument must be the origins (a string or a list) or a CorsOptions",
            "Pass options as keywords, e.g. @cross_origin(origins=...)",
            code="flask_cors.E019",
        )
    if "origins" in kwargs:
        raise CorsConfigError(
            "origins",
            value,
            f"given twice: positionally and as origins={kwargs['origins']!r}",
            "Give the origins once",
            code="flask_cors.E020",
        )
    return value


def cors_exempt(view: F) -> F:
    """Leave this view out of an app-wide `CORS(app)`; returns the view unchanged."""
    setattr(view, EXEMPT_ATTR, True)
    return view


def _runtime() -> Layer:
    """The layer of the request or websocket being handled: per call, as one decorated
    function may serve a Flask and a Quart app."""
    quart = sys.modules.get("quart")
    if quart is not None and (quart.has_request_context() or quart.has_websocket_context()):
        from . import _quart

        return _quart
    from . import _flask

    return _flask
