"""The browser's side of CORS: what Chromium sends for a ``fetch()`` and what it accepts.

One model for `flask cors check` and `flask_cors.testing`. The flow is a generator that yields
the requests to send and is sent the app's answers, so the CLI, Flask's test client and
Quart's (awaited) one drive the same steps. No Flask or Quart import: the callers send.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from . import core
from ._explain import REFUSALS as REFUSALS  # re-exported for cli.py
from ._response import Outcome

# Fetch: methods a browser sends without a preflight (CORS-safelisted methods).
SAFELISTED_METHODS: Final = frozenset({"GET", "HEAD", "POST"})
# Fetch "normalize a method": only these are upper-cased; "patch" is sent as written.
_NORMALISED_METHODS: Final = frozenset({"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"})
# Headers that never need a preflight whatever their value, when only their name is known.
_ALWAYS_SAFE_HEADERS: Final = frozenset({"accept", "accept-language", "content-language"})
# Fetch "CORS-safelisted request-header": Content-Type is safe with these three essences only.
_SIMPLE_CONTENT_TYPES: Final = frozenset(
    {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
)
# Fetch "CORS-unsafe request-header byte": a value with one of these needs a preflight.
_UNSAFE_BYTES: Final = re.compile(r'[\x00-\x08\x0a-\x1f"():<>?@\[\\\]{}\x7f]')
_LANGUAGE_VALUE: Final = re.compile(r"[0-9A-Za-z *,\-.;=]*")
# Fetch: safelisted headers stop being safe when their values add up to more than 1024 bytes.
_SAFELISTED_TOTAL: Final = 1024
# Fetch "CORS-safelisted response-header name": readable without Access-Control-Expose-Headers.
SAFELISTED_RESPONSE_HEADERS: Final = frozenset(
    {
        "cache-control",
        "content-language",
        "content-length",
        "content-type",
        "expires",
        "last-modified",
        "pragma",
    }
)
# Fetch "forbidden response-header name": never readable, even when listed as exposed.
_FORBIDDEN_RESPONSE_HEADERS: Final = frozenset({"set-cookie", "set-cookie2"})
# Fetch: a preflight answer without Access-Control-Max-Age is cached for 5 seconds;
# Chromium caps any value at 2 hours.
_DEFAULT_MAX_AGE: Final = 5
_CHROMIUM_MAX_AGE: Final = 7200
_REFUSES_OPTIONS: Final = (
    "something (an authentication check?) refuses OPTIONS; let preflights through"
)
# The likely cause of a preflight's non-2xx status.
_STATUS_HINTS: Final = {
    401: _REFUSES_OPTIONS,
    403: _REFUSES_OPTIONS,
    404: "no route matches this path",
    405: "the route does not accept OPTIONS",
}


@dataclass(slots=True)
class Exchange:
    """One request a browser sends and what the app answered (or would answer)."""

    label: str
    method: str
    path: str
    request_headers: list[tuple[str, str]]
    sent: bool
    status: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    outcome: Outcome | None = None
    error: str | None = None

    @property
    def status_code(self) -> int:
        """The numeric status, 0 when nothing was sent."""
        return int(self.status.split()[0]) if self.status else 0

    def get_all(self, name: str) -> list[str]:
        """Every value of response header `name` (case-insensitive)."""
        return [v for k, v in self.headers if k.lower() == name.lower()]


@dataclass(frozen=True, slots=True)
class Step:
    """A request the flow asks its driver to send: "Preflight" or "Request"."""

    label: str
    method: str
    path: str
    headers: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Plan:
    """What a page at `origin` asks for: ``fetch(path, {method, headers, credentials})``."""

    origin: str
    method: str
    path: str
    sent_headers: tuple[tuple[str, str], ...]
    """The headers the page sets, with values (sent on the request itself)."""
    unsafe: tuple[str, ...]
    """Lower-cased, sorted names that need a preflight (Access-Control-Request-Headers)."""
    credentials: bool

    @classmethod
    def of(
        cls,
        origin: str,
        method: str,
        path: str,
        headers: Iterable[tuple[str, str | None]],
        credentials: bool,
    ) -> Plan:
        """The plan for a fetch; a header given without a value counts as not safelisted
        (the CLI knows names only), except Accept, Accept-Language and Content-Language."""
        method = method.upper() if method.upper() in _NORMALISED_METHODS else method
        given = [(name.strip(), value) for name, value in headers if name.strip()]
        unsafe = {name.lower() for name, value in given if not _safelisted(name, value)}
        safelisted = [v for n, v in given if v is not None and n.lower() not in unsafe]
        if sum(len(v.encode()) for v in safelisted) > _SAFELISTED_TOTAL:
            unsafe.update(n.lower() for n, v in given if v is not None)
        sent = tuple((n, v) for n, v in given if v is not None)
        return cls(origin, method, path, sent, tuple(sorted(unsafe)), credentials)

    @property
    def preflighted(self) -> bool:
        """A browser sends an OPTIONS preflight before the request itself."""
        return self.method not in SAFELISTED_METHODS or bool(self.unsafe)


def _safelisted(name: str, value: str | None) -> bool:
    """Fetch "CORS-safelisted request-header" (the Range form aside: it needs a preflight here)."""
    name = name.lower()
    if value is None:
        return name in _ALWAYS_SAFE_HEADERS
    if len(value.encode()) > 128:
        return False
    if name == "accept":
        return _UNSAFE_BYTES.search(value) is None
    if name in ("accept-language", "content-language"):
        return _LANGUAGE_VALUE.fullmatch(value) is not None
    if name == "content-type":
        essence = value.split(";", 1)[0].strip().lower()
        return _UNSAFE_BYTES.search(value) is None and essence in _SIMPLE_CONTENT_TYPES
    return False


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the browser did: the requests it sent and, if it refused, why (in order)."""

    plan: Plan
    exchanges: tuple[Exchange, ...]
    problems: tuple[str, ...]

    @property
    def allowed(self) -> bool:
        """The page may read the response."""
        return not self.problems


def browse(plan: Plan) -> Generator[Step, Exchange, Judgement]:
    """The browser's steps: yields each request to send, is sent the app's answer."""
    exchanges: list[Exchange] = []
    problems: list[str] = []
    if plan.preflighted:
        headers = [("Origin", plan.origin), (core.ACL_REQUEST_METHOD, plan.method)]
        if plan.unsafe:  # as a browser sends it: lower-cased, sorted, joined by a bare comma
            headers.append((core.ACL_REQUEST_HEADERS, ",".join(plan.unsafe)))
        preflight = yield Step("Preflight", "OPTIONS", plan.path, headers)
        exchanges.append(preflight)
        problems = _preflight_problems(preflight, plan)
    if not problems:
        headers = [("Origin", plan.origin), *plan.sent_headers]
        actual = yield Step("Request", plan.method, plan.path, headers)
        exchanges.append(actual)
        problems = _response_problems(actual, plan)
        if problems and 300 <= actual.status_code <= 399:
            problems.insert(0, f"the app answers {actual.status}, {_redirect(actual)}")
    return Judgement(plan, tuple(exchanges), tuple(problems))


def drive(plan: Plan, send: Callable[[Step], Exchange]) -> Judgement:
    """Run the browser's steps, sending each request with `send`."""
    flow = browse(plan)
    try:
        step = next(flow)
        while True:
            step = flow.send(send(step))
    except StopIteration as done:
        judgement: Judgement = done.value  # the generator's return value
        return judgement


def _preflight_problems(exchange: Exchange, plan: Plan) -> list[str]:
    """What makes a browser fail this preflight (Fetch CORS-preflight fetch, step 7)."""
    problems = _response_problems(exchange, plan)
    code = exchange.status_code
    if exchange.error is None and not 200 <= code <= 299:
        text = f"the preflight got status {exchange.status}, and browsers need 200-299"
        if 300 <= code <= 399:
            text += f": it is {_redirect(exchange, preflight=True)}"
        elif code in _STATUS_HINTS:
            text += f": {_STATUS_HINTS[code]}"
        problems.insert(0, text)
    if problems:
        return problems
    allow_methods = items(exchange.get_all(core.ACL_METHODS))
    method_ok = plan.method in allow_methods or ("*" in allow_methods and not plan.credentials)
    if plan.method not in SAFELISTED_METHODS and not method_ok:
        problems.append(
            f"the preflight answer's Access-Control-Allow-Methods "
            f"({', '.join(allow_methods) or 'nothing'}) does not list {plan.method!r}"
        )
    allowed = {h.lower() for h in items(exchange.get_all(core.ACL_ALLOW_HEADERS))}
    wildcard = "*" in allowed and not plan.credentials
    missing = [
        n for n in plan.unsafe if n not in allowed and not (wildcard and n != "authorization")
    ]
    if missing:
        problems.append(
            "the preflight answer's Access-Control-Allow-Headers does not list "
            + ", ".join(repr(n) for n in missing)
        )
    return problems


def _response_problems(exchange: Exchange, plan: Plan) -> list[str]:
    """What makes a browser fail the CORS check on this response (Fetch "CORS check")."""
    if exchange.error is not None:
        return [f"the app raised {exchange.error} while answering the {exchange.label.lower()}"]
    values = exchange.get_all(core.ACL_ORIGIN)
    if not values:
        return ["the response has no Access-Control-Allow-Origin header"]
    if len(values) > 1:
        listed = ", ".join(map(repr, values))
        count = f"the response has {len(values)} Access-Control-Allow-Origin headers"
        return [f"{count} ({listed}); browsers need exactly one"]
    problems: list[str] = []
    if values[0] == "*":
        if plan.credentials:
            problems.append(
                "Access-Control-Allow-Origin is '*', which browsers refuse for a request "
                "with credentials (drop send_wildcard=True and list the origins)"
            )
    elif values[0] != plan.origin:
        problems.append(f"Access-Control-Allow-Origin is {values[0]!r}, not {plan.origin!r}")
    if plan.credentials and exchange.get_all(core.ACL_CREDENTIALS) != ["true"]:
        policy = exchange.outcome.policy if exchange.outcome is not None else None
        where = f" in {policy.description}" if policy is not None else ""
        problems.append(
            "the page sends credentials but the response has no "
            f"Access-Control-Allow-Credentials: true (set supports_credentials=True{where})"
        )
    return problems


def _redirect(exchange: Exchange, preflight: bool = False) -> str:
    """A 3xx answer, which the browser does not follow without CORS headers (or at all)."""
    location = exchange.get_all("Location")
    target = f" to {location[0]!r}" if location else ""
    stops = ", which a preflight never follows" if preflight else " without CORS headers"
    return f"a redirect{target}{stops} (call the final URL; mind the trailing slash)"


def readable_headers(exchange: Exchange, credentials: bool) -> dict[str, str]:
    """The response headers the page's script may read, as ``response.headers`` shows them:
    lower-cased names, repeated headers joined by ", " (Fetch "CORS-filtered response")."""
    exposed = {name.lower() for name in items(exchange.get_all(core.ACL_EXPOSE_HEADERS))}
    every = "*" in exposed and not credentials  # "*" is a literal name with credentials
    readable: dict[str, str] = {}
    for name, value in exchange.headers:
        key = name.lower()
        if key in _FORBIDDEN_RESPONSE_HEADERS:
            continue
        if key in SAFELISTED_RESPONSE_HEADERS or key in exposed or every:
            readable[key] = f"{readable[key]}, {value}" if key in readable else value
    return readable


def preflight_cached_for(exchange: Exchange) -> int:
    """Seconds Chromium reuses a passed preflight answer (Access-Control-Max-Age)."""
    values = exchange.get_all(core.ACL_MAX_AGE)
    if len(values) != 1 or not values[0].strip().isdigit():
        return _DEFAULT_MAX_AGE
    return min(int(values[0].strip()), _CHROMIUM_MAX_AGE)


def vary_lists_origin(exchange: Exchange) -> bool:
    """The answer says ``Vary: Origin`` (or ``*``): caches keep each origin's answer apart."""
    return any(item.lower() in ("origin", "*") for item in items(exchange.get_all("Vary")))


def items(values: Sequence[str]) -> list[str]:
    """The comma-separated items of header values, stripped, empty ones dropped."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]
