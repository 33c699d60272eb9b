"""`flask cors routes` and `flask cors check` (`quart cors ...` for Quart apps).

`check` sends what a browser would send through the app's own test client (so hooks, error
handlers and decorators take part) and says whether a page at the origin may read the answer,
and if not, why. One click group serves both CLIs: each hands commands a ``ScriptInfo``.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Final

import click
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import RequestRedirect, Rule, WebsocketMismatch
from werkzeug.sansio.request import Request
from werkzeug.sansio.response import Response

from . import _pipeline, _response, core
from ._browser import Exchange, Judgement, Plan, Step, drive, items
from ._explain import blocked_text, handshake_text, log_text, origins_text
from ._response import HANDSHAKE_REFUSALS
from ._state import EXTENSION_KEY, AppState, layer_for
from .core import ACL_REQUEST_METHOD, Policy, Reason

__all__ = ["CheckReport", "check", "check_path", "cors_command", "report", "routes_table"]

# Methods the check sends through the app; any other would run a view that may change data.
_SAFE_TO_SEND: Final = frozenset({"GET", "HEAD", "OPTIONS"})
# ASGI servers and Quart's test client give lower-case names; print them as Flask does.
_SHOWN: Final = (
    *(getattr(core, c) for c in core.__all__ if c.startswith("ACL_")),
    "Vary",
    "Location",
)
_CANONICAL: Final = {name.lower(): name for name in _SHOWN}
_PHRASES: Final = {status.value: status.phrase.upper() for status in HTTPStatus}
_SAMPLE_ARGS: Final = {"int": "1", "float": "1.0", "uuid": "00000000-0000-0000-0000-000000000000"}
_RULE_ARG_RE: Final = re.compile(r"<(?:(?P<conv>\w+)(?:\((?P<args>[^)]*)\))?:)?\w+>")
# How long `check` waits for a websocket handler to accept or refuse the handshake.
_HANDSHAKE_WAIT: Final = 10.0


# --- the commands --------------------------------------------------------------------------


@click.group("cors")
def cors_command() -> None:
    """Show and test the app's CORS configuration."""


@cors_command.command("routes")
@click.pass_context
def routes_command(ctx: click.Context) -> None:
    """List every route with the CORS policy that covers it."""
    for line in routes_table(_load_app(ctx)):
        click.echo(line.rstrip())


@cors_command.command(
    "check", short_help="Simulate a browser request to PATH; say if CORS allows it."
)
@click.argument("path", callback=lambda _ctx, _param, value: check_path(value))
@click.option("--origin", required=True, help="The page's origin, e.g. https://app.example.")
@click.option("--method", default="GET", show_default=True, help="The method fetch() uses.")
@click.option(
    "--header",
    "headers",
    multiple=True,
    metavar="NAME",
    help="A request header the page sets (e.g. Content-Type for JSON, Authorization). "
    "Repeat for several.",
)
@click.option(
    "--credentials", is_flag=True, help="The page sends cookies (credentials: 'include')."
)
@click.option(
    "--send",
    is_flag=True,
    help="Also send a POST/PUT/PATCH/DELETE request through the app (runs the view).",
)
@click.pass_context
def check_command(
    ctx: click.Context,
    path: str,
    origin: str,
    method: str,
    headers: tuple[str, ...],
    credentials: bool,
    send: bool,
) -> None:
    """Simulate a browser request to PATH and explain whether CORS lets the page read it.

    A Quart websocket route is checked as the handshake a browser's ``new WebSocket``
    sends. Exits with status 0 when a browser would be allowed, 1 when it would be blocked
    or the route does not accept the method.
    """
    report = check(_load_app(ctx), path, origin, method, headers, credentials, send)
    click.echo(report.text)
    ctx.exit(0 if report.allowed else 1)


def check_path(value: str) -> str:
    """PATH as given, when it is a path; else the `click.BadParameter` naming the fix."""
    if value.startswith("/"):
        return value
    scheme, _, rest = value.partition("://")
    if rest and scheme.isalpha():  # a whole URL: the path is what the app routes
        path = "/" + rest.partition("/")[2]
        raise click.BadParameter(f"{value!r} is a URL; give its path, e.g. {path!r}.")
    raise click.BadParameter(f"{value!r} does not start with '/'. Did you mean '/{value}'?")


def _load_app(ctx: click.Context) -> Any:
    """The app from the Flask or Quart ``ScriptInfo`` the CLI passes down."""
    if not hasattr(ctx.obj, "load_app"):
        raise click.UsageError("No app found: run this as 'flask cors ...' or 'quart cors ...'.")
    return ctx.obj.load_app()


# --- routes --------------------------------------------------------------------------------


def routes_table(app: Any) -> list[str]:
    """The lines of ``flask cors routes``: rule, methods, endpoint and CORS policy."""
    rows = [["Rule", "Methods", "Endpoint", "CORS"]]
    rules: list[Rule] = sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
    for rule in rules:
        methods = ", ".join(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}))
        if rule.websocket:  # Quart: the policy guards the handshake's Origin
            methods = "WEBSOCKET"
        request = _request("GET", sample_path(rule), [])
        view = app.view_functions.get(rule.endpoint)
        blueprints = _pipeline.blueprints_of(rule.endpoint)
        policy, reason = _pipeline.select(_state(app), request, view, blueprints)
        if reason is Reason.EXEMPT:
            coverage = "exempt (@cors_exempt)"
        elif policy is None:
            coverage = "no CORS"
        else:
            coverage = f"{describe_policy(policy)}  [{policy.description}]"
        rows.append([rule.rule, methods, rule.endpoint, coverage])
    if len(rows) == 1:
        return ["No routes were registered."]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    rows.insert(1, ["-" * w for w in widths] + ["-" * 4])
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, [*widths, 0], strict=True)) for row in rows
    ]


def sample_path(rule: Rule) -> str:
    """A concrete path the rule matches (``/users/<int:id>`` -> ``/users/1``)."""

    def sample(match: re.Match[str]) -> str:
        converter = match.group("conv") or "default"
        if converter == "any" and match.group("args"):
            return match.group("args").split(",")[0].strip().strip("'\"")
        return _SAMPLE_ARGS.get(converter, "x")

    return _RULE_ARG_RE.sub(sample, rule.rule)


def describe_policy(policy: Policy) -> str:
    """The settings that decide what a browser may do, in one line."""
    max_age = policy.preflight_extras[0][1] if policy.preflight_extras else "none"
    return (
        f"origins {origins_text(policy)}; methods {policy.methods_value}; "
        f"credentials {'yes' if policy.credentials else 'no'}; max-age {max_age}"
    )


def _state(app: Any) -> AppState:
    """The app's flask_cors state; an empty one if nothing installed it (no hooks added)."""
    state: AppState | None = app.extensions.get(EXTENSION_KEY)
    return state if state is not None else AppState(layer_for(app), app.config, app=app)


def _request(method: str, path: str, headers: list[tuple[str, str]]) -> Request:
    """A sans-IO request, as the hooks would see it (for requests the CLI does not send)."""
    path, _, query = path.partition("?")
    return Request(
        method, "http", ("localhost", None), "", path, query.encode(), Headers(headers), None
    )


# --- check ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``flask cors check`` prints, and whether the browser would be allowed."""

    allowed: bool
    """The page may read the answer, and the route accepts the method (not a 405)."""
    verdict: str
    exchanges: tuple[Exchange, ...]
    text: str


def check(
    app: Any,
    path: str,
    origin: str,
    method: str = "GET",
    headers: Iterable[str] = (),
    credentials: bool = False,
    send: bool = False,
) -> CheckReport:
    """Simulate what a browser at `origin` does for ``fetch(path, {method, headers})``.

    Methods other than GET, HEAD and OPTIONS are not sent (their view may change data)
    unless `send`: their CORS headers are computed. A websocket route gets a handshake.
    """
    if _is_websocket_route(app, path):
        if method.upper() != "GET" or headers:
            raise click.UsageError(
                f"{path} is a websocket route: a browser opens it with a GET handshake and "
                "cannot set its headers. Drop --method and --header."
            )
        return check_handshake(app, path, origin)
    names = [(h.split(":")[0], None) for h in headers]  # names only: values are not known
    plan = Plan.of(origin, method, path, names, credentials)
    return report(drive(plan, lambda step: _exchange(app, step, send)))


def report(judgement: Judgement) -> CheckReport:
    """The text ``flask cors check`` prints for what the browser did, and its verdict."""
    plan, exchanges, problems = judgement.plan, judgement.exchanges, judgement.problems
    origin, method, path, last = plan.origin, plan.method, plan.path, exchanges[-1]
    lines: list[str] = []
    if not plan.preflighted:
        lines.append(
            f"No preflight: a browser sends {plan.method} with only safelisted headers directly.\n"
        )
    lines.extend(_format_exchange(e) for e in exchanges)
    if problems:
        if last.label == "Preflight":
            lines.append(
                f"Request: {method} {path} not sent: a browser stops after a failed preflight.\n"
            )
        # The configuration-level reason when flask_cors refused; else what the browser sees.
        because = _because(last, origin, method)
        blocked = f"a browser at {origin} would be blocked because {because or problems[0]}."
        return _finish(lines, exchanges, False, blocked, *([] if because else problems[1:]))
    if last.status_code == 405:  # CORS lets the page read it, but not what was asked for
        accepted = ", ".join(sorted(items(last.get_all("Allow")))) or "no method"
        refused = (
            f"a browser at {origin} would get {last.status}: {path} does not accept {method} "
            f"(it accepts {accepted}); CORS lets the page read that answer."
        )
        return _finish(lines, exchanges, False, refused)
    what = f"{method} {path}" + (" with credentials" if plan.credentials else "")
    location = last.get_all("Location") if 300 <= last.status_code <= 399 else []
    notes = [f"the response redirects to {url!r}; check that URL too" for url in location[:1]]
    allowed = f"a browser at {origin} would be allowed to send {what} and read the response."
    return _finish(lines, exchanges, True, allowed, *notes)


def check_handshake(app: Any, path: str, origin: str) -> CheckReport:
    """What a page at `origin` gets for ``new WebSocket(path)`` on a Quart app.

    Browsers apply no CORS to websockets: the app accepts the handshake (101) or refuses
    it; flask_cors answers 403, before the handler runs, to an Origin its policy refuses.
    """
    exchange = _send(app, Step("Handshake", "GET", path, [("Origin", origin)]))
    lines, outcome = [_format_exchange(exchange)], exchange.outcome
    blocked = f"a browser at {origin} would be blocked because "
    if exchange.error is not None:
        blocked += f"the app raised {exchange.error} while answering the handshake."
        return _finish(lines, (exchange,), False, blocked)
    if exchange.status_code != 101:
        blocked += f"the app answers the websocket handshake with {exchange.status}"
        refused = outcome is not None and outcome.reason in HANDSHAKE_REFUSALS
        because = _because(exchange, origin, "GET") if refused else None
        return _finish(lines, (exchange,), False, blocked + (f": {because}." if because else "."))
    notes = []
    if outcome is None or outcome.policy is None:  # no policy covers it, or @cors_exempt
        unguarded = "no CORS policy checks the Origin of this handshake"
        notes.append(f"{unguarded}: pages on every origin may open {path}")
    allowed = f"a browser at {origin} would be allowed to open a websocket to {path}: the app "
    return _finish(lines, (exchange,), True, allowed + "accepts the handshake.", *notes)


def _finish(
    lines: list[str], exchanges: tuple[Exchange, ...], allowed: bool, verdict: str, *notes: str
) -> CheckReport:
    lines.append(f"Verdict: {verdict}")
    lines.extend(f"  Also: {note}." for note in notes)
    return CheckReport(allowed, verdict, exchanges, "\n".join(lines))


def _exchange(app: Any, step: Step, send: bool) -> Exchange:
    if step.label == "Preflight" or send or step.method.upper() in _SAFE_TO_SEND:
        return _send(app, step)
    return _not_sent(app, step)


@contextlib.contextmanager
def _recording(exchange: Exchange) -> Iterator[None]:
    """Record flask_cors' outcome for `exchange`, and an exception as its error."""
    with _response.observe() as outcomes:
        try:
            yield
        except Exception as exc:  # the app's own bug, shown rather than a CLI traceback
            exchange.error = f"{type(exc).__name__}: {exc}"
    exchange.outcome = outcomes[-1] if outcomes else None


def _send(app: Any, step: Step) -> Exchange:
    """Send the request (or a websocket handshake) through the app's own test client."""
    exchange = Exchange(step.label, step.method, step.path, step.headers, sent=True)
    with _recording(exchange):
        if step.label == "Handshake":
            exchange.status = asyncio.run(_quart_handshake(app, step.path, step.headers))
        elif _is_quart(app):
            exchange.status, exchange.headers = asyncio.run(_quart_open(app, step))
        else:
            response = app.test_client().open(step.path, method=step.method, headers=step.headers)
            exchange.status, exchange.headers = response.status, list(response.headers)
    return exchange


async def _quart_open(app: Any, step: Step) -> tuple[str, list[tuple[str, str]]]:
    response = await app.test_client().open(step.path, method=step.method, headers=step.headers)
    await response.get_data()
    return _status(response.status_code), list(response.headers)


async def _quart_handshake(app: Any, path: str, headers: list[tuple[str, str]]) -> str:
    """The status a browser gets for the handshake: 101 when the app accepts it."""
    from quart.testing.connections import WebsocketDisconnectError, WebsocketResponseError

    async with app.test_client().websocket(path, headers=Headers(headers)) as connection:
        # The first thing the app does: accept (the handler asks for a message, or sends
        # one), answer with an HTTP response (a denial), or close before accepting.
        first = asyncio.ensure_future(connection.receive())
        # The app's task ends first when the handler raises: leaving the block re-raises it.
        app_task = getattr(connection, "_task", None)
        try:
            async with asyncio.timeout(_HANDSHAKE_WAIT):
                while not (first.done() or connection.accepted or _done(app_task)):
                    await asyncio.sleep(0.001)
        except TimeoutError as late:
            wait = f"no answer to the handshake within {_HANDSHAKE_WAIT:g} seconds"
            raise TimeoutError(wait) from late
        finally:
            first.cancel()
        error = first.exception() if first.done() and not first.cancelled() else None
    if isinstance(error, WebsocketResponseError):
        return _status(error.response.status_code)
    if isinstance(error, WebsocketDisconnectError) and not connection.accepted:
        return _status(403)  # what ASGI servers answer a close before the accept
    return _status(101)  # accepted, whatever the handler did next


def _done(task: object) -> bool:
    return isinstance(task, asyncio.Future) and task.done()


def _is_websocket_route(app: Any, path: str) -> bool:
    """Whether `path` is a Quart websocket route (and no HTTP route): a handshake's path."""
    try:  # a Flask app has no websocket rules, so never a mismatch
        app.url_map.bind("localhost").match(path.partition("?")[0], "GET", websocket=False)
    except HTTPException as error:
        return isinstance(error, WebsocketMismatch)  # only a websocket rule matches
    return False


def _status(code: int) -> str:
    return f"{code} {_PHRASES.get(code, '')}"


def _not_sent(app: Any, step: Step) -> Exchange:
    """The CORS headers the hooks would add, without running the view (it may change data):
    the hooks' pipeline over a sans-IO request, routed as the app routes it."""
    exchange = Exchange(step.label, step.method, step.path, step.headers, sent=False)
    request = _request(step.method, step.path, step.headers)
    adapter = app.url_map.bind("localhost", path_info=request.path)
    endpoint: str | None = None
    accepted: Iterable[str] = ()
    try:
        endpoint, _args = adapter.match(method=step.method)
    except HTTPException as error:  # answered by error handling; a 404 gets no endpoint
        _pipeline.mark_error(request)
        if isinstance(error, RequestRedirect):  # strict slashes: the browser gets a 308 first
            exchange.status = _status(error.code)
            exchange.headers.append(("Location", error.new_url))
        elif isinstance(error, MethodNotAllowed):  # a response of its path (docs/design.md 5.7)
            endpoint = _pipeline.endpoint_of_405(adapter, error)
            exchange.status, accepted = _status(405), error.valid_methods or ()
    view = app.view_functions.get(endpoint) if endpoint else None
    response = Response()
    written = len(response.headers)  # after its own Content-Type
    with _response.observe() as outcomes:
        pending = _pipeline.answer(
            _state(app), response, request, view, _pipeline.blueprints_of(endpoint or "")
        )
        if pending is not None:  # the origins callable decides: ask it, as the hooks do
            if pending.policy.predicate_is_async:
                verdict = asyncio.run(_pipeline.await_origins(pending.policy, pending.origin))
            else:
                verdict = core.call_origins(pending.policy, pending.origin)
            _pipeline.finish(pending, verdict)
    exchange.headers.extend(list(response.headers)[written:])
    if accepted:
        exchange.headers.append(("Allow", ", ".join(sorted(accepted))))
    exchange.outcome = outcomes[-1] if outcomes else None
    return exchange


def _is_quart(app: Any) -> bool:
    quart = sys.modules.get("quart")
    return quart is not None and isinstance(app, quart.Quart)


# --- the browser's side --------------------------------------------------------------------


def _because(exchange: Exchange, origin: str, method: str) -> str | None:
    """The configuration-level reason flask_cors refused, when it refused (from its Decision)."""
    outcome, code = exchange.outcome, exchange.status_code
    if exchange.error is not None or outcome is None:
        return None
    if (exchange.label == "Preflight" and not 200 <= code <= 299) or 300 <= code <= 399:
        return None  # the status is the first thing to fix
    return blocked_text(
        outcome.policy,
        outcome.reason,
        outcome.decision,
        origin=origin,
        method=method,
        path=exchange.path,
        status=exchange.status or "unknown",
    )


def _format_exchange(exchange: Exchange) -> str:
    handshake = exchange.label == "Handshake"  # a websocket's: no CORS headers to show
    lines = [f"{exchange.label}: {exchange.method} {exchange.path}"]
    if handshake:
        lines[0] += " (websocket)"
    lines.extend(f"  {name}: {value}" for name, value in exchange.request_headers)
    if exchange.error is not None:
        lines.append(f"Raised: {exchange.error}")
    elif exchange.sent:
        lines.append(f"Response: {exchange.status}")
    else:
        lines.append(
            f"Response (not sent: {exchange.method} may change data; CORS headers computed "
            "from the policy, --send runs the view):"
        )
    shown = [
        (k, v)
        for k, v in exchange.headers
        if k.lower().startswith("access-control-") or k.lower() in ("vary", "location")
    ]
    lines.extend(f"  {_CANONICAL.get(name.lower(), name)}: {value}" for name, value in shown)
    if not shown and exchange.error is None and not handshake:
        lines.append("  (no CORS headers)")
    outcome = exchange.outcome
    if outcome is not None:
        policy = outcome.policy
        if policy is not None:
            lines.append(f"Policy: {policy.description}: {describe_policy(policy)}")
        requested = Headers(exchange.request_headers).get(ACL_REQUEST_METHOD)
        text = log_text(policy, outcome.reason, outcome.decision, requested)
        if handshake:
            text = handshake_text(text, outcome.reason in HANDSHAKE_REFUSALS)
        lines.append(f"flask_cors: {text}")
    return "\n".join(lines) + "\n"
