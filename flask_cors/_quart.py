"""The Quart layer (async): `_flask` name for name, plus the websocket handshake guard.

Browsers do not apply CORS to websockets, so the server must: a `before_websocket` hook
(the decorator, for decorated websocket views) answers a handshake from a refused Origin
with a 403 before the handler runs (docs/design.md 7).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

from quart import (
    Quart,
    Response,
    current_app,
    has_request_context,
    has_websocket_context,
    request,
    websocket,
)
from quart.globals import request_ctx
from werkzeug.sansio.request import Request

from . import _pipeline, _response, core
from ._state import VIEW_ATTR, AppState, ViewSpec, note_ran, state_of, watch_routes
from .core import Policy, Reason


def check_policy(policy: Policy) -> None:
    """Nothing to refuse: Quart awaits an async `origins` callable, and calls a sync one."""


def install(app: Quart, state: AppState) -> None:
    """Install the after_request and before_websocket hooks and the error marking on `app`."""

    async def after_request(response: Response) -> Response:
        # The request object once: each attribute read through the proxy costs a lookup.
        current = _current(request)
        view, blueprints = _pipeline.route(app, current)
        pending = _pipeline.answer(state, response, current, view, blueprints)
        if pending is not None:  # the origins callable decides: ask it
            verdict = await _pipeline.await_origins(pending.policy, pending.origin)
            _pipeline.finish(pending, verdict)
        return response

    async def before_websocket() -> Response | None:
        current = _current(websocket)
        view, blueprints = _pipeline.route(app, current)
        if getattr(view, VIEW_ATTR, None) is not None:
            return None  # the decorator's wrapper guards its own view
        policy, reason = _pipeline.select(
            state, current, view, websocket.blueprints if blueprints is None else blueprints
        )
        return await _guard_handshake(current, policy, reason)

    find_error_handler = app._find_error_handler

    def marking_find_error_handler(*args: Any) -> Any:
        # As on Flask: marking in this call leaves no frame of ours in user tracebacks.
        if has_request_context():  # a websocket's errors never get CORS headers
            _pipeline.mark_error(_current(request))
        return find_error_handler(*args)

    # Wrapped once per app (state_of guards it), so init_app twice never stacks it.
    app._find_error_handler = marking_find_error_handler  # type: ignore[method-assign,assignment]  # *args, as on Flask
    watch_routes(app)  # finds @cross_origin inside class-based views
    # Appended directly, as _flask does: the decorator may install after the first request.
    app.after_request_funcs.setdefault(None, []).append(after_request)
    app.before_websocket_funcs.setdefault(None, []).append(before_websocket)


def respond(spec: ViewSpec, view: Callable[[], Any]) -> Any:
    """Run a decorated sync view (Quart runs it in a thread), or answer OPTIONS for it."""
    app = cast("Quart", current_app._get_current_object())  # type: ignore[attr-defined]  # a proxy
    policy = state_of(app).policy_for_view(spec)  # first: installs the hooks
    if has_websocket_context():
        # A sync websocket view cannot await an async origins callable: that one refuses.
        current = _current(websocket)
        facts = core.RequestFacts(current.method, *_pipeline.header_values(current))
        if _handshake_refused(current, policy, core.decide(policy, facts)):
            return _forbidden(app)
        return view()
    note_ran(_current(request), spec, app.view_functions)
    if request.method == "OPTIONS" and policy.automatic_options:
        # Quart's make_default_options_response is a coroutine and this is a worker
        # thread: build the same answer (an empty 200 with Allow) synchronously.
        adapter = request_ctx.url_adapter
        methods = adapter.allowed_methods() if adapter is not None else []
        return app.response_class("", headers={"Allow": ", ".join(methods)})
    return view()


async def respond_async(spec: ViewSpec, view: Callable[[], Awaitable[Any]]) -> Any:
    """Run a decorated `async def` view (or websocket handler), or answer OPTIONS for it."""
    app = cast("Quart", current_app._get_current_object())  # type: ignore[attr-defined]  # a proxy
    policy = state_of(app).policy_for_view(spec)  # first: installs the hooks
    if has_websocket_context():
        refusal = await _guard_handshake(_current(websocket), policy, Reason.ORIGIN_ALLOWED)
        if refusal is not None:
            return refusal
        return await view()
    note_ran(_current(request), spec, app.view_functions)
    if request.method == "OPTIONS" and policy.automatic_options:
        return await app.make_default_options_response()
    return await view()


async def _guard_handshake(
    current: Request, policy: Policy | None, reason: Reason
) -> Response | None:
    """A 403 for a handshake whose Origin the policy refuses, else None (let it through)."""
    if policy is None:
        _response.log_outcome(current, policy, reason)
        return None
    values = _pipeline.header_values(current)
    result = core.answer(policy, current.method, *values)
    if isinstance(result, core.NeedsVerdict):  # the origins callable decides: ask it
        verdict = await _pipeline.await_origins(policy, result.origin)
        result = core.decide(policy, core.RequestFacts(current.method, *values), verdict)
    if _handshake_refused(current, policy, result):
        return _forbidden(cast("Quart", current_app._get_current_object()))  # type: ignore[attr-defined]  # a proxy
    return None


def _handshake_refused(current: Request, policy: Policy, decision: core.Decision) -> bool:
    _response.log_outcome(current, policy, decision.reason)
    return decision.reason in _response.HANDSHAKE_REFUSALS


def _forbidden(app: Quart) -> Response:
    return app.response_class("Origin not allowed", status=403)


def _current(proxy: Any) -> Request:
    """The object behind Quart's `request` / `websocket` proxy."""
    return cast("Request", proxy._get_current_object())
