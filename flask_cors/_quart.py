"""The Quart layer (async): the async twin of `_flask`, plus the websocket handshake guard.

Quart, like Flask, runs `after_request` functions for every response it finalizes, error
responses included (404/405, `abort()`, and unhandled exceptions: `handle_exception`
finalizes the 500 through them), so one async after_request hook writes every CORS header.
The error-handler wrappers only remember that a response came from exception handling, for
`intercept_exceptions=False`. An async `origins` callable is awaited here, and its answer
handed to the one core as the `verdict`.

Browsers do not apply CORS to websockets, so the server must: a `before_websocket` hook
(and the decorator, for decorated websocket views) answers a handshake whose Origin the
policy refuses with a 403 before the handler runs. Quart sends that response as an HTTP
denial where the ASGI server supports it, else closes the connection before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

from quart import Quart, Response, current_app, has_websocket_context, request, websocket
from quart.globals import request_ctx
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.sansio.request import Request

from . import _response, core
from ._response import VIEW_ATTR, AppState
from .core import Policy, Reason


def state_of(app: Quart) -> AppState:
    """The app's flask_cors state, installing the hooks the first time."""
    return _response.state_of(app, _install)


def check_policy(policy: Policy) -> None:
    """Quart awaits async `origins` callables, so every policy is usable here."""


def _install(app: Quart, state: AppState) -> None:
    async def after_request(response: Response) -> Response:
        # The request object once: each attribute read through the proxy costs a lookup.
        current = _current(request)
        endpoint = current.endpoint  # type: ignore[attr-defined]  # Quart's Request
        blueprints = current.blueprints  # type: ignore[attr-defined]
        error = current.routing_exception  # type: ignore[attr-defined]
        if endpoint is None and isinstance(error, MethodNotAllowed):
            # Answered as a response of its path's view and blueprints (endpoint_of_405).
            adapter = app.create_url_adapter(current)  # type: ignore[arg-type]
            endpoint = _response.endpoint_of_405(adapter, error) if adapter is not None else None
            blueprints = _response.blueprints_of(endpoint) if endpoint else []
        view = app.view_functions.get(endpoint) if endpoint else None
        policy, reason = _response.find_policy(state, current, view, blueprints, app.config)
        verdict = None
        if (
            policy is not None
            and policy.predicate_is_async  # else there is nothing to await
            and _response.skip_reason(response, current, policy) is None
        ):
            verdict = await _async_verdict(policy, current)
        _response.apply(response, current, policy, reason, verdict)
        return response

    async def before_websocket() -> Response | None:
        view = app.view_functions.get(websocket.endpoint) if websocket.endpoint else None
        if getattr(view, VIEW_ATTR, None) is not None:
            return None  # the decorator's wrapper guards its own view
        policy, reason = _response.find_policy(
            state, websocket, view, websocket.blueprints, app.config
        )
        return await _guard_handshake(_current(websocket), policy, reason)

    handle_user_exception = app.handle_user_exception
    handle_exception = app.handle_exception

    async def marked_user_exception(error: Exception) -> Any:
        if not has_websocket_context():  # a websocket's errors never get CORS headers
            _response.mark_error(_current(request))
        return await handle_user_exception(error)

    async def marked_exception(error: Exception) -> Any:
        _response.mark_error(_current(request))
        return await handle_exception(error)

    # Wrapped once per app (state_of guards it), so init_app twice never stacks them.
    app.handle_user_exception = marked_user_exception  # type: ignore[method-assign]
    app.handle_exception = marked_exception  # type: ignore[method-assign]
    _response.watch_routes(app)  # finds @cross_origin inside class-based views
    # Appended directly, as _flask does: the decorator may install after the first request.
    app.after_request_funcs.setdefault(None, []).append(after_request)
    app.before_websocket_funcs.setdefault(None, []).append(before_websocket)


def respond(
    spec: _response.ViewSpec,
    view: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    """Run a decorated sync view (Quart runs it in a thread), or answer OPTIONS for it."""
    app = cast("Quart", current_app._get_current_object())  # type: ignore[attr-defined]
    state = state_of(app)  # first: installs the hooks, which look for hidden views
    if has_websocket_context():
        # A sync websocket view cannot await an async origins callable: that one refuses.
        if _handshake_refused(_current(websocket), state.policy_for_view(spec, app.config)):
            return _forbidden(app)
        return view(*args, **kwargs)
    _response.note_ran(_current(request), spec, app.view_functions)
    if request.method == "OPTIONS" and state.policy_for_view(spec, app.config).automatic_options:
        # Quart's make_default_options_response is a coroutine and this is a worker
        # thread: build the same answer (an empty 200 with Allow) synchronously.
        adapter = request_ctx.url_adapter
        methods = adapter.allowed_methods() if adapter is not None else []
        return app.response_class("", headers={"Allow": ", ".join(methods)})
    return view(*args, **kwargs)


async def respond_async(
    spec: _response.ViewSpec,
    view: Callable[..., Awaitable[Any]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    """Run a decorated `async def` view (or websocket handler), or answer OPTIONS for it."""
    app = cast("Quart", current_app._get_current_object())  # type: ignore[attr-defined]
    state = state_of(app)  # first: installs the hooks, which look for hidden views
    if has_websocket_context():
        policy = state.policy_for_view(spec, app.config)
        refusal = await _guard_handshake(_current(websocket), policy, Reason.ORIGIN_ALLOWED)
        if refusal is not None:
            return refusal
        return await view(*args, **kwargs)
    _response.note_ran(_current(request), spec, app.view_functions)
    if request.method == "OPTIONS" and state.policy_for_view(spec, app.config).automatic_options:
        return await app.make_default_options_response()
    return await view(*args, **kwargs)


async def _async_verdict(policy: Policy, current: Request) -> bool | None:
    """The awaited answer of an async origins callable, or None when the core decides."""
    origin = _response.header_values(current)[0]  # repeated lines joined, as the core sees it
    if origin is None or not core.needs_async_verdict(policy, origin):
        return None
    predicate = cast("Callable[[str], Awaitable[object]]", policy.origin_predicate)
    try:
        return (await predicate(origin)) is True
    except Exception:
        _response.LOG.exception("CORS: the origins callable raised for Origin %r; refused", origin)
        return False


async def _guard_handshake(
    current: Request, policy: Policy | None, reason: Reason
) -> Response | None:
    """A 403 for a handshake whose Origin the policy refuses, else None (let it through)."""
    if policy is None:
        _response.log_outcome(current, policy, reason)
        return None
    if _handshake_refused(current, policy, await _async_verdict(policy, current)):
        return _forbidden(cast("Quart", current_app._get_current_object()))  # type: ignore[attr-defined]
    return None


def _handshake_refused(current: Request, policy: Policy, verdict: bool | None = None) -> bool:
    reason = core.decide(policy, _response.facts_from(current), verdict).reason
    _response.log_outcome(current, policy, reason)
    return reason in _response.HANDSHAKE_REFUSALS


def _forbidden(app: Quart) -> Response:
    return app.response_class("Origin not allowed", status=403)


def _current(proxy: Any) -> Request:
    """The object behind Quart's `request` / `websocket` proxy."""
    return cast("Request", proxy._get_current_object())
