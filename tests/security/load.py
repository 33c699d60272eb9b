"""A bounded load test: real servers on 127.0.0.1, many concurrent clients, and a check
that every response carries exactly the CORS headers of its own request.

Requests are unique where it matters: each allowed origin is `https://client-<n>...`, each
preflight asks for `X-Req-<n>`, each view echoes the request id. A header leaked from
another request, a response sent to the wrong client or a shared mutable answer therefore
shows up as a mismatch, never as a coincidence.
"""

from __future__ import annotations

import asyncio
import http.client
import random
import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

from hypercorn.asyncio import serve
from hypercorn.config import Config
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.helpers import cors_headers

TOTAL: Final = 5000
"""Requests per run."""
CLIENTS: Final = 20
"""Concurrent client connections."""
TIMEOUT: Final = 10.0
"""Seconds a client waits for one response before counting an error."""

API_OPTIONS: Final[dict[str, Any]] = {
    "origins": [r"https://client-\d+\.example\.com", "https://fixed.example"],
    "methods": ["GET", "POST", "PUT"],
    "expose_headers": ["X-Total"],
    "supports_credentials": True,
    "max_age": 600,
}
"""The policy of /api/<id>: regex and literal origins, credentials, a preflight cache."""
OPEN_OPTIONS: Final[dict[str, Any]] = {"origins": "*", "send_wildcard": True}
"""The policy of /open/<id>: any origin, answered with *."""
DECORATED_OPTIONS: Final[dict[str, Any]] = {"origins": r"https://client-\d+\.example\.com"}
"""The policy of the @cross_origin view /decorated/<id>."""
RESOURCES: Final[dict[str, Any]] = {r"/api/.*": API_OPTIONS, r"/open/.*": OPEN_OPTIONS}
"""What `CORS(app, resources=RESOURCES)` covers; /plain/<id> gets no CORS at all."""


@dataclass(frozen=True, slots=True)
class Planned:
    """One request to send and the exact answer it must get."""

    id: int
    method: str
    path: str
    headers: dict[str, str]
    expected: list[tuple[str, str]]
    """`cors_headers()` of the response: Access-Control-* and Vary, sorted."""


def _api_allowed(origin: str) -> list[tuple[str, str]]:
    return [
        ("access-control-allow-credentials", "true"),
        ("access-control-allow-origin", origin),
        ("access-control-expose-headers", "X-Total"),
        ("vary", "Origin"),
    ]


def _plan_one(rng: random.Random, n: int) -> Planned:
    """Request n of a mixed load: allowed and refused origins, simple and preflight."""
    allowed = f"https://client-{n}.example.com"
    refused = f"https://client-{n}.example.com.evil.net"  # D1's trap, under load
    path = f"/api/{n}"
    vary = [("vary", "Origin")]
    kind = rng.randrange(11)
    if kind == 0:
        return Planned(n, "GET", path, {"Origin": allowed}, _api_allowed(allowed))
    if kind == 1:
        return Planned(n, "POST", path, {"Origin": refused}, vary)
    if kind == 2:
        headers = {
            "Origin": allowed,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": f"x-req-{n},content-type",
        }
        expected = [
            *_api_allowed(allowed),
            ("access-control-allow-headers", f"content-type, x-req-{n}"),
            ("access-control-allow-methods", "GET, POST, PUT"),
            ("access-control-max-age", "600"),
        ]
        return Planned(n, "OPTIONS", path, headers, sorted(expected))
    if kind == 3:  # a preflight for a method the policy does not allow
        headers = {"Origin": allowed, "Access-Control-Request-Method": "DELETE"}
        return Planned(n, "OPTIONS", path, headers, _api_allowed(allowed))
    if kind == 4:
        headers = {"Origin": refused, "Access-Control-Request-Method": "PUT"}
        return Planned(n, "OPTIONS", path, headers, vary)
    if kind == 5:  # no Origin: always_send answers with the one literal origin
        return Planned(n, "GET", path, {}, _api_allowed("https://fixed.example"))
    if kind == 6:
        origin = rng.choice((allowed, refused, "null"))
        expected = [("access-control-allow-origin", "*")]
        return Planned(n, "GET", f"/open/{n}", {"Origin": origin}, expected)
    if kind == 7:
        return Planned(n, "GET", f"/plain/{n}", {"Origin": allowed}, [])
    if kind == 8:
        expected = [("access-control-allow-origin", allowed), ("vary", "Origin")]
        return Planned(n, "GET", f"/decorated/{n}", {"Origin": allowed}, expected)
    if kind == 9:
        return Planned(n, "GET", f"/decorated/{n}", {"Origin": refused}, vary)
    headers = {  # the decorator answers the preflight itself (automatic_options)
        "Origin": allowed,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": f"X-Req-{n}",
    }
    expected = [
        ("access-control-allow-headers", f"X-Req-{n}"),
        ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("access-control-allow-origin", allowed),
        ("vary", "Origin"),
    ]
    return Planned(n, "OPTIONS", f"/decorated/{n}", headers, expected)


def plan(total: int = TOTAL, seed: int = 7) -> list[Planned]:
    """A fixed, mixed list of requests (the same on every run)."""
    rng = random.Random(seed)
    return [_plan_one(rng, n) for n in range(total)]


def _check(planned: Planned, status: int, headers: list[tuple[str, str]], body: str) -> str:
    """'' when the response is right, else what is wrong with it."""
    if status != 200:
        return f"#{planned.id} {planned.method} {planned.path}: status {status}"
    if planned.method != "OPTIONS" and body != str(planned.id):
        return f"#{planned.id}: body {body!r} belongs to another request"
    got = cors_headers(headers)
    if got != planned.expected:
        return f"#{planned.id} {planned.method} {planned.path}: {got} != {planned.expected}"
    return ""


def hammer(port: int, requests: list[Planned], clients: int = CLIENTS) -> list[str]:
    """Send `requests` from `clients` concurrent connections; the problems found."""
    shares = [requests[index::clients] for index in range(clients)]

    def run(share: list[Planned]) -> list[str]:
        problems: list[str] = []
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        try:
            for planned in share:
                try:
                    connection.request(planned.method, planned.path, headers=planned.headers)
                    response = connection.getresponse()
                    body = response.read().decode()
                    problem = _check(planned, response.status, response.getheaders(), body)
                except (OSError, http.client.HTTPException) as exc:
                    connection.close()  # the next request opens a new connection
                    problem = f"#{planned.id}: {type(exc).__name__}: {exc}"
                if problem:
                    problems.append(problem)
        finally:
            connection.close()
        return problems

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return [problem for found in pool.map(run, shares) for problem in found]


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # 5,000 access-log lines would only slow the run down


@contextmanager
def serve_wsgi(app: Callable[..., Any]) -> Iterator[int]:
    """Serve a WSGI app on 127.0.0.1 from a multi-threaded Werkzeug server; yields the port."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=TIMEOUT)


@contextmanager
def serve_asgi(app: Any) -> Iterator[int]:
    """Serve an ASGI app on 127.0.0.1 with hypercorn in its own thread; yields the port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)  # clients queue here until hypercorn accepts
    port = listener.getsockname()[1]
    config = Config()
    config.bind = [f"fd://{listener.detach()}"]  # hypercorn owns (and closes) the socket
    config.accesslog = None
    config.graceful_timeout = 1.0
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()

    async def until_stopped() -> None:
        await stop.wait()

    def run() -> None:
        loop.run_until_complete(serve(app, config, shutdown_trigger=until_stopped))

    thread = threading.Thread(target=run)
    thread.start()
    try:
        yield port
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=TIMEOUT)
        loop.close()
