"""`flask cors routes` and `flask cors check` (`quart cors ...` for Quart apps).

`routes` lists every route with the CORS policy that covers it. `check` sends the requests a
browser would send through the app itself (its test client, so hooks, error handlers and
decorators all take part), prints the CORS headers of the answers and says in plain words
whether a browser at the given origin would be allowed, and if not, exactly why.

Registered through the ``flask.commands`` and ``quart.commands`` entry points; the same
click group serves both, since both CLIs hand commands a ``ScriptInfo`` that loads the app.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

import click
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import RequestRedirect, Rule
from werkzeug.sansio.request import Request
from werkzeug.sansio.response import Response

from . import _pipeline, _response, core
from ._browser import REFUSALS, Exchange, Judgement, Plan, Step, drive
from ._state import EXTENSION_KEY, AppState, layer_for
from .core import ACL_REQUEST_METHOD, Policy, Reason

__all__ = ["CheckReport", "check", "cors_command", "report", "routes_table"]

# Methods the check sends through the app; any other would run a view that may change data.
_SAFE_TO_SEND: Final = frozenset({"GET", "HEAD", "OPTIONS"})
# ASGI servers and Quart's test client give lower-case names; print them as Flask does.
_CANONICAL: Final = {
    name.lower(): name
    for name in (
        *(getattr(core, c) for c in core.__all__ if c.startswith("ACL_")),
        "Vary",
        "Location",
    )
}
_SAMPLE_ARGS: Final = {
    "int": "1",
    "float": "1.0",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
_RULE_ARG_RE: Final = re.compile(r"<(?:(?P<conv>\w+)(?:\((?P<args>[^)]*)\))?:)?\w+>")


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
@click.argument("path")
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

    Exits with status 0 when a browser would be allowed, 1 when it would be blocked.
    """
    report = check(_load_app(ctx), path, origin, method, headers, credentials, send)
    click.echo(report.text)
    ctx.exit(0 if report.allowed else 1)


def _load_app(ctx: click.Context) -> Any:
    """The app from the Flask or Quart ``ScriptInfo`` the CLI passes down."""
    info = ctx.obj
    if info is not None and hasattr(info, "load_app"):
        return info.load_app()
    from flask import current_app, has_app_context

    if has_app_context():
        return current_app._get_current_object()  # type: ignore[attr-defined]
    raise click.UsageError("No app found: run this as 'flask cors ...' or 'quart cors ...'.")


# --- routes --------------------------------------------------------------------------------


def routes_table(app: Any) -> list[str]:
    """The lines of ``flask cors routes``: rule, methods, endpoint and CORS policy."""
    rows = [["Rule", "Methods", "Endpoint", "CORS"]]
    rules: list[Rule] = sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
    for rule in rules:
        methods = ", ".join(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}))
        if rule.websocket:  # Quart: the policy guards the handshake's Origin
            methods = "WEBSOCKET"
        view = app.view_functions.get(rule.endpoint)
        request = _request("GET", sample_path(rule), [])
        blueprints = _pipeline.blueprints_of(rule.endpoint)
        policy, reason = _pipeline.select(_state(app), request, view, blueprints)
        rows.append([rule.rule, methods, rule.endpoint, describe_coverage(policy, reason)])
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


def describe_coverage(policy: Policy | None, reason: Reason) -> str:
    """One line: the effective policy of a route, or "exempt" / "no CORS"."""
    if reason is Reason.EXEMPT:
        return "exempt (@cors_exempt)"
    if policy is None:
        return "no CORS"
    return f"{describe_policy(policy)}  [{policy.description}]"


def describe_policy(policy: Policy) -> str:
    """The settings that decide what a browser may do, in one line."""
    max_age = policy.preflight_extras[0][1] if policy.preflight_extras else "none"
    return (
        f"origins {origins_text(policy)}; methods {policy.methods_value}; "
        f"credentials {'yes' if policy.credentials else 'no'}; max-age {max_age}"
    )


def origins_text(policy: Policy, limit: int = 5) -> str:
    """The allowed origins as configured: "*", a list (shortened), or the callable's name."""
    options = policy.options
    if policy.any_origin:
        return "* (answered as *)" if policy.send_wildcard else "*"
    if policy.origin_predicate is not None:
        name = getattr(policy.origin_predicate, "__qualname__", repr(policy.origin_predicate))
        return f"callable {name}()"
    items: list[str] = []
    if options is not None and isinstance(options.origins, tuple):
        items = [i.pattern if isinstance(i, re.Pattern) else str(i) for i in options.origins]
    else:
        items = [*sorted(policy.exact_origins), *(p.pattern for p in policy.origin_patterns)]
    if len(items) > limit:
        return f"{', '.join(items[:limit])} (and {len(items) - limit} more)"
    return ", ".join(items) or "none"


def _state(app: Any) -> AppState:
    """The app's flask_cors state; an empty one if nothing installed it (no hooks added)."""
    state: AppState | None = app.extensions.get(EXTENSION_KEY)
    return state if state is not None else AppState(layer_for(app), app.config)


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
    unless `send`: their CORS headers are computed from the policy the app would use.
    """
    names = [(h.split(":")[0], None) for h in headers]  # names only: values are not known
    plan = Plan.of(origin, method, path, names, credentials)
    return report(drive(plan, lambda step: _exchange(app, step, send)))


def report(judgement: Judgement) -> CheckReport:
    """The text ``flask cors check`` prints for what the browser did, and its verdict."""
    plan, exchanges, problems = judgement.plan, judgement.exchanges, list(judgement.problems)
    lines: list[str] = []
    if not plan.preflighted:
        lines.append(
            f"No preflight: a browser sends {plan.method} with only safelisted headers directly.\n"
        )
    lines.extend(_format_exchange(e) for e in exchanges)
    if problems and exchanges[-1].label == "Preflight":
        lines.append(
            f"Request: {plan.method} {plan.path} not sent: "
            "a browser stops after a failed preflight.\n"
        )
    verdict, notes = _verdict(
        exchanges[-1], problems, plan.origin, plan.method, plan.path, plan.credentials
    )
    lines.append(f"Verdict: {verdict}")
    lines.extend(f"  Also: {note}." for note in notes)
    return CheckReport(not problems, verdict, exchanges, "\n".join(lines))


def _verdict(
    last: Exchange, problems: list[str], origin: str, method: str, path: str, credentials: bool
) -> tuple[str, list[str]]:
    """The verdict sentence, and further notes."""
    if problems:
        # The configuration-level reason when flask_cors refused; else what the browser sees.
        because = _explain(last, origin, method)
        notes = [] if because else problems[1:]
        return f"a browser at {origin} would be blocked because {because or problems[0]}.", notes
    what = f"{method} {path}" + (" with credentials" if credentials else "")
    notes = []
    location = last.get_all("Location")
    if location and 300 <= last.status_code <= 399:
        notes.append(f"the response redirects to {location[0]!r}; check that URL too")
    return f"a browser at {origin} would be allowed to send {what} and read the response.", notes


def _exchange(app: Any, step: Step, send: bool) -> Exchange:
    if step.label == "Preflight" or send or step.method.upper() in _SAFE_TO_SEND:
        return _send(app, step.label, step.method, step.path, step.headers)
    return _not_sent(app, step.label, step.method, step.path, step.headers)


def _send(app: Any, label: str, method: str, path: str, headers: list[tuple[str, str]]) -> Exchange:
    """Send the request through the app's own test client, recording flask_cors' outcome."""
    exchange = Exchange(label, method, path, headers, sent=True)
    with _response.observe() as outcomes:
        try:
            if _is_quart(app):
                exchange.status, exchange.headers = asyncio.run(
                    _quart_open(app, method, path, headers)
                )
            else:
                response = app.test_client().open(path, method=method, headers=headers)
                exchange.status, exchange.headers = response.status, list(response.headers)
        except Exception as exc:  # the app's own bug, shown rather than a CLI traceback
            exchange.error = f"{type(exc).__name__}: {exc}"
    exchange.outcome = outcomes[-1] if outcomes else None
    return exchange


async def _quart_open(
    app: Any, method: str, path: str, headers: list[tuple[str, str]]
) -> tuple[str, list[tuple[str, str]]]:
    response = await app.test_client().open(path, method=method, headers=headers)
    await response.get_data()
    return f"{response.status_code} {_phrase(response.status_code)}", list(response.headers)


def _phrase(code: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(code).phrase.upper()
    except ValueError:
        return ""


def _not_sent(
    app: Any, label: str, method: str, path: str, headers: list[tuple[str, str]]
) -> Exchange:
    """The CORS headers the hooks would add, without running the view (it may change data).

    The same pipeline the hooks run, over a sans-IO request routed as the app routes it,
    and an empty response.
    """
    exchange = Exchange(label, method, path, headers, sent=False)
    request = _request(method, path, headers)
    adapter = app.url_map.bind("localhost", path_info=request.path)
    endpoint: str | None = None
    error = True  # answered by error handling, unless the route matches
    try:
        endpoint, _args = adapter.match(method=method)
        error = False
    except RequestRedirect as redirect:  # strict slashes: the browser gets a 308 first
        exchange.status = f"{redirect.code} {_phrase(redirect.code)}"
        exchange.headers.append(("Location", redirect.new_url))
    except MethodNotAllowed as not_allowed:  # a response of its path (docs/design.md 5.7)
        endpoint = _pipeline.endpoint_of_405(adapter, not_allowed)
    except HTTPException:
        pass  # 404
    if error:
        _pipeline.mark_error(request)
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
    exchange.outcome = outcomes[-1] if outcomes else None
    return exchange


def _is_quart(app: Any) -> bool:
    quart = sys.modules.get("quart")
    return quart is not None and isinstance(app, quart.Quart)


# --- the browser's side --------------------------------------------------------------------


def _explain(exchange: Exchange, origin: str, method: str) -> str | None:
    """The configuration-level reason flask_cors refused, when it refused (from its Decision)."""
    outcome = exchange.outcome
    if exchange.error is not None or outcome is None or outcome.reason not in REFUSALS:
        return None
    code = exchange.status_code
    if (exchange.label == "Preflight" and not 200 <= code <= 299) or 300 <= code <= 399:
        return None  # the status is the first thing to fix
    policy, reason = outcome.policy, outcome.reason
    where = policy.description if policy is not None else ""
    if reason is Reason.NO_POLICY:
        return (
            f"no CORS resource or @cross_origin covers {exchange.path}, so it gets no CORS headers"
        )
    if reason is Reason.EXEMPT:
        return f"the view for {exchange.path} is marked @cors_exempt, so it gets no CORS headers"
    assert policy is not None
    if reason is Reason.ORIGIN_REFUSED and policy.origin_predicate is not None:
        return f"the origins {origins_text(policy)} of {where} did not return True for {origin!r}"
    if reason is Reason.ORIGIN_REFUSED:
        text = f"{origin!r} is not one of the allowed origins ({origins_text(policy)}) of {where}"
        prefix = core.prefix_match(policy, origin)
        if prefix is not None:  # the D1 migration trap: say what flask-cors 6 did
            text += (
                f". The regex {prefix.pattern!r} matches only its start: flask-cors 6 allowed "
                f"such a prefix match, a regex must now match the whole origin. "
                f"{core.prefix_fix(prefix).removesuffix('.')}"  # the verdict adds its own
            )
        return text
    if reason is Reason.ORIGIN_MALFORMED:
        return (
            f"{origin!r} is not an origin any policy may allow: it has whitespace, a comma, "
            "a control or non-ASCII character, or over 2,048 characters"
        )
    if reason is Reason.ORIGIN_CHECK_FAILED:
        return (
            f"the origins callable of {where} raised an exception for {origin!r} (logged on "
            "the flask_cors logger), so the origin is refused"
        )
    if reason is Reason.METHOD_NOT_ALLOWED:
        return (
            f"the preflight asks for method {method!r}, which is not in methods "
            f"({policy.methods_value}) of {where}"
        )
    if reason is Reason.HEADER_NOT_ALLOWED:
        refused = outcome.decision.refused_headers if outcome.decision is not None else ()
        return (
            f"the preflight asks for header {', '.join(map(repr, refused))}, which "
            f"allow_headers ({_response.allow_headers_text(policy)}) of {where} does not allow"
        )
    return (
        f"the response comes from error handling (status {exchange.status or 'unknown'}) "
        f"and {where} has intercept_exceptions=False"
    )


def _format_exchange(exchange: Exchange) -> str:
    lines = [f"{exchange.label}: {exchange.method} {exchange.path}"]
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
    if not shown and exchange.error is None:
        lines.append("  (no CORS headers)")
    outcome = exchange.outcome
    if outcome is not None:
        if outcome.policy is not None:
            lines.append(f"Policy: {outcome.policy.description}: {describe_policy(outcome.policy)}")
        text, args = _response.why(
            outcome.policy, outcome.reason, outcome.decision, _header(exchange, ACL_REQUEST_METHOD)
        )
        lines.append(f"flask_cors: {text % args}")
    return "\n".join(lines) + "\n"


def _header(exchange: Exchange, name: str) -> str | None:
    for key, value in exchange.request_headers:
        if key.lower() == name.lower():
            return value
    return None
