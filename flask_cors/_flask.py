"""The Flask layer (sync): hooks on the app, error marking, the decorator's runtime.

Flask runs `after_request` functions for every response it finalizes, error responses
included (404/405, `abort()`, unhandled exceptions once an error handler or the default
500 answers), so one after_request hook writes every CORS header. The error-handler
wrappers only remember that a response came from exception handling, for
`intercept_exceptions=False`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Request, Response, current_app, request
from werkzeug.exceptions import MethodNotAllowed

from . import _response
from ._response import AppState
from .core import Policy
from .options import CorsConfigError


def state_of(app: Flask) -> AppState:
    """The app's flask_cors state, installing the hooks the first time."""
    return _response.state_of(app, _install)


def check_policy(policy: Policy) -> None:
    """Refuse an async `origins` callable: Flask decides CORS synchronously."""
    if policy.predicate_is_async:
        raise CorsConfigError(
            "origins",
            policy.origin_predicate,
            f"an async callable cannot be awaited on Flask ({policy.description})",
            "Use Quart, or make the origins callable a plain def",
            code="flask_cors.E021",
        )


def _install(app: Flask, state: AppState) -> None:
    def after_request(response: Response) -> Response:
        # The request object once: each attribute read through the proxy costs a lookup.
        current: Request = request._get_current_object()  # type: ignore[attr-defined]
        endpoint = current.endpoint
        if endpoint is None and isinstance(current.routing_exception, MethodNotAllowed):
            _answer_405(app, state, response, current, current.routing_exception)
            return response
        view = app.view_functions.get(endpoint) if endpoint else None
        _response.answer(state, response, current, view, app.config)
        return response

    handle_user_exception = app.handle_user_exception
    handle_exception = app.handle_exception

    def marked_user_exception(e: Exception) -> Any:
        _response.mark_error(request._get_current_object())  # type: ignore[attr-defined]
        return handle_user_exception(e)

    def marked_exception(e: Exception) -> Response:
        _response.mark_error(request._get_current_object())  # type: ignore[attr-defined]
        return handle_exception(e)

    # Wrapped once per app (state_of guards it), so init_app twice never stacks them.
    app.handle_user_exception = marked_user_exception  # type: ignore[method-assign]
    app.handle_exception = marked_exception  # type: ignore[method-assign]
    _response.watch_routes(app)  # finds @cross_origin inside class-based views
    # Appended directly: the decorator may install after the first request, when
    # Flask >= 2.3 refuses `app.after_request(...)`.
    app.after_request_funcs.setdefault(None, []).append(after_request)


def _answer_405(
    app: Flask, state: AppState, response: Response, current: Request, error: MethodNotAllowed
) -> None:
    # Answered as a response of its path's view and blueprints (see endpoint_of_405).
    adapter = app.create_url_adapter(current)
    endpoint = _response.endpoint_of_405(adapter, error) if adapter is not None else None
    view = app.view_functions.get(endpoint) if endpoint else None
    blueprints = _response.blueprints_of(endpoint) if endpoint else []
    policy, reason = _response.find_policy(state, current, view, blueprints, app.config)
    _response.apply(response, current, policy, reason)


def respond(
    spec: _response.ViewSpec,
    view: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    """Run a decorated sync view, or answer OPTIONS for it (headers come from the hook)."""
    policy = _check_view(spec)  # first: installs the hooks, which look for hidden views
    _response.note_ran(request._get_current_object(), spec, current_app.view_functions)  # type: ignore[attr-defined]
    if policy.automatic_options and request.method == "OPTIONS":
        return current_app.make_default_options_response()
    return view(*args, **kwargs)


async def respond_async(
    spec: _response.ViewSpec,
    view: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    """Run a decorated `async def` view on Flask (through asgiref), or answer OPTIONS."""
    policy = _check_view(spec)  # first: installs the hooks, which look for hidden views
    _response.note_ran(request._get_current_object(), spec, current_app.view_functions)  # type: ignore[attr-defined]
    if policy.automatic_options and request.method == "OPTIONS":
        return current_app.make_default_options_response()
    return await view(*args, **kwargs)


def _check_view(spec: _response.ViewSpec) -> Policy:
    # Installs the hooks, and resolves the view's policy now so that a policy Flask
    # cannot apply fails at the first request rather than refusing every origin.
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    policy = state_of(app).policy_for_view(spec, app.config)
    check_policy(policy)
    return policy  # its automatic_options: the keyword, else CORS_AUTOMATIC_OPTIONS
