"""Real servers on 127.0.0.1 for the demo and the browser tests, each in a thread.

Sockets are bound (and listening) before the apps are built, so each app knows the other
origins, and a client can connect as soon as `bind_loopback` returns: the kernel queues
connections until the server thread accepts them. The Flask API runs under Werkzeug's
threaded server, the Quart API under Hypercorn; both stop on `stop()`.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from hypercorn.asyncio import serve
from hypercorn.config import Config
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from hypercorn.typing import ASGIFramework, ASGIReceiveCallable, ASGISendCallable, Scope

__all__ = [
    "AsgiServer",
    "Request",
    "RequestLog",
    "Server",
    "WsgiServer",
    "bind_loopback",
    "stop_all",
]

HOST = "127.0.0.1"
_THREAD_TIMEOUT = 10.0  # seconds to wait for a server thread to start or stop; never hang on one


def bind_loopback(port: int = 0) -> socket.socket:
    """A listening TCP socket on 127.0.0.1: `port` if it is free, else an ephemeral one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        if port == 0 or exc.errno != errno.EADDRINUSE:
            sock.close()
            raise
        sock.bind((HOST, 0))
    sock.listen(128)
    return sock


@dataclass(frozen=True, slots=True)
class Request:
    """One request as a server saw it, before the app answered."""

    method: str
    path: str
    origin: str | None
    preflight: bool
    """OPTIONS with Access-Control-Request-Method: what a browser sends as a preflight."""


class RequestLog:
    """Thread-safe record of the requests an app received (to count preflights)."""

    def __init__(self, name: str, echo: Callable[[str], None] | None = None) -> None:
        self.name = name
        self._echo = echo
        self._lock = threading.Lock()
        self._requests: list[Request] = []

    def record(self, method: str, path: str, origin: str | None, acrm: str | None) -> None:
        """Remember one request (and print it when the log echoes, as in the demo)."""
        request = Request(method, path, origin, method == "OPTIONS" and acrm is not None)
        with self._lock:
            self._requests.append(request)
        if self._echo is not None:
            kind = " (preflight)" if request.preflight else ""
            self._echo(f"{self.name:>5} {method} {path}{kind}  Origin: {origin or '-'}")

    def requests(self) -> list[Request]:
        """A copy of everything recorded so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def preflights(self, path: str) -> int:
        """How many preflights for `path` reached the server."""
        return sum(1 for r in self.requests() if r.preflight and r.path == path)

    def count(self, method: str, path: str) -> int:
        """How many `method` requests for `path` reached the server."""
        return sum(1 for r in self.requests() if r.method == method and r.path == path)

    def clear(self) -> None:
        """Forget everything recorded so far."""
        with self._lock:
            self._requests.clear()

    def wsgi(self, app: WSGIApplication) -> WSGIApplication:
        """`app` wrapped so that every request is recorded first."""

        def logged(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            self.record(
                environ["REQUEST_METHOD"],
                environ.get("PATH_INFO", ""),
                environ.get("HTTP_ORIGIN"),
                environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"),
            )
            return app(environ, start_response)

        return logged

    def asgi(self, app: ASGIFramework) -> ASGIFramework:
        """`app` (ASGI) wrapped so that every HTTP request is recorded first."""

        async def logged(
            scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable
        ) -> None:
            if scope["type"] == "http":
                headers = {k.decode("latin-1").lower(): v for k, v in scope["headers"]}
                origin = headers.get("origin")
                acrm = headers.get("access-control-request-method")
                self.record(
                    scope["method"],
                    scope["path"],
                    None if origin is None else origin.decode("latin-1"),
                    None if acrm is None else acrm.decode("latin-1"),
                )
            await app(scope, receive, send)

        return logged


class Server(Protocol):
    """A server running in a thread of this process."""

    port: int

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # the RequestLog prints requests where wanted; errors are still logged


class WsgiServer:
    """A WSGI app under Werkzeug's threaded server, on an already listening socket."""

    def __init__(self, app: WSGIApplication, sock: socket.socket) -> None:
        self.port: int = sock.getsockname()[1]
        # Werkzeug duplicates the descriptor, so the original can be closed at once.
        self._server: BaseWSGIServer = make_server(
            HOST, self.port, app, threaded=True, request_handler=_QuietHandler, fd=sock.fileno()
        )
        sock.close()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"wsgi-{self.port}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting, close the socket and wait for the serving thread."""
        self._server.shutdown()
        self._thread.join(_THREAD_TIMEOUT)


class AsgiServer:
    """An ASGI app under Hypercorn, in a thread with its own event loop."""

    def __init__(self, app: ASGIFramework, sock: socket.socket) -> None:
        self.port: int = sock.getsockname()[1]
        config = Config()
        config.bind = [f"fd://{sock.detach()}"]  # Hypercorn takes the descriptor over
        # A logger without handlers: Hypercorn's start-up banner stays quiet, while
        # warnings and errors still reach Python's last-resort handler.
        config.errorlog = logging.getLogger("demo.hypercorn")
        config.graceful_timeout = 1.0
        self._app = app
        self._config = config
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._shutdown: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"asgi-{self.port}", daemon=True)
        self._thread.start()
        self._ready.wait(_THREAD_TIMEOUT)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported by stop(), not lost in a thread
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._shutdown = asyncio.Event()
        self._ready.set()
        await serve(self._app, self._config, shutdown_trigger=self._wait_for_shutdown)

    async def _wait_for_shutdown(self) -> None:
        assert self._shutdown is not None
        await self._shutdown.wait()

    def stop(self) -> None:
        """Ask Hypercorn to shut down gracefully and wait for its thread."""
        if self._loop is not None and self._shutdown is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._shutdown.set)
        self._thread.join(_THREAD_TIMEOUT)
        if self._error is not None:
            raise RuntimeError(f"the ASGI server on port {self.port} failed") from self._error


def stop_all(servers: Iterable[Server]) -> None:
    """Stop every server, even if one of them fails to stop."""
    errors: list[BaseException] = []
    for server in servers:
        try:
            server.stop()
        except Exception as exc:  # stop the others first, then report
            errors.append(exc)
    if errors:
        raise errors[0]
