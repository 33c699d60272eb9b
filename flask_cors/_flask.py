"""The Flask layer (sync), a `flask_cors._state.Layer`: the hooks that run the request
pipeline for every response Flask finalizes, error responses included (docs/design.md
2.3), and the decorator's runtime. `_quart` mirrors it name for name.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from flask import Flask, Request, Response, current_app, has_request_context, request

from . import _pipeline, core
from ._state import AppState, ViewSpec, note_ran, state_of, watch_routes
from .core import Policy
from .options import CorsConfigError


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


def install(app: Flask, state: AppState) -> None:
    """Install the after_request hook and the error marking on `app` (once: `state_of`)."""

    def after_request(response: Response) -> Response:
        # The request object once: each attribute read through the proxy costs a lookup.
        current: Request = request._get_current_object()  # type: ignore[attr-defined]  # a proxy
        endpoint = current.endpoint
        if endpoint is not None:  # routed: the view's own blueprints (read when needed)
            view, blueprints = app.view_functions.get(endpoint), None
        else:  # a 404, 405 or redirect
            view, blueprints = _pipeline.route(app, current)
        pending = _pipeline.answer(state, response, current, view, blueprints)
        if pending is not None:  # the origins callable decides: ask it
            _pipeline.finish(pending, core.call_origins(pending.policy, pending.origin))
        return response

    find_error_handler = app._find_error_handler

    def marking_find_error_handler(*args: Any) -> Any:
        # Exception handling looks for an error handler before it answers: marking in this
        # call, which returns, leaves no frame of ours in the user's tracebacks.
        if has_request_context():
            _pipeline.mark_error(request._get_current_object())  # type: ignore[attr-defined]  # a proxy
        return find_error_handler(*args)

    # Wrapped once per app (state_of guards it), so init_app twice never stacks it.
    app._find_error_handler = marking_find_error_handler  # type: ignore[method-assign,assignment]  # *args: its parameters differ across Flask versions
    watch_routes(app)  # finds @cross_origin inside class-based views
    # Appended directly: the decorator may install after the first request, when
    # Flask >= 2.3 refuses `app.after_request(...)`.
    app.after_request_funcs.setdefault(None, []).append(after_request)


def respond(spec: ViewSpec, view: Callable[[], Any]) -> Any:
    """Run a decorated sync view, or answer OPTIONS for it."""
    if _check_view(spec).automatic_options and request.method == "OPTIONS":
        return current_app.make_default_options_response()
    return view()


async def respond_async(spec: ViewSpec, view: Callable[[], Awaitable[Any]]) -> Any:
    """Run a decorated `async def` view, or answer OPTIONS for it."""
    if _check_view(spec).automatic_options and request.method == "OPTIONS":
        return current_app.make_default_options_response()
    return await view()


def _check_view(spec: ViewSpec) -> Policy:
    # Installs the hooks, notes that this decorated function runs, and resolves its policy
    # now: one Flask cannot apply fails at the first request, not by refusing every origin.
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]  # a proxy
    policy = state_of(app).policy_for_view(spec)
    note_ran(request._get_current_object(), spec, app.view_functions)  # type: ignore[attr-defined]  # a proxy
    check_policy(policy)
    return policy  # its automatic_options: the keyword, else CORS_AUTOMATIC_OPTIONS
