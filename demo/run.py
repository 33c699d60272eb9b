"""Start the demo's three servers (page, Flask API, Quart API) and stop them again."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass

from .flask_api import create_flask_api
from .page import create_page_app
from .servers import AsgiServer, RequestLog, Server, WsgiServer, bind_loopback, stop_all

__all__ = ["DEFAULT_PORTS", "RunningDemo", "start_demo"]

DEFAULT_PORTS = {"page": 8000, "flask": 5000, "quart": 5001}
"""Used when free; otherwise an ephemeral port is taken."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RunningDemo:
    """The demo's servers, their URLs and their request logs."""

    page_url: str
    """The page, on http://localhost:PORT/."""
    page_origins: tuple[str, ...]
    """The origins the APIs allow: the page on localhost and on 127.0.0.1."""
    flask_port: int
    quart_port: int | None
    flask_log: RequestLog
    quart_log: RequestLog | None
    servers: tuple[Server, ...]

    def api_url(self, api: str, host: str = "localhost") -> str:
        """Base URL of the "flask" or "quart" API, on `host`."""
        port = self.flask_port if api == "flask" else self.quart_port
        if port is None:
            raise LookupError(f"the {api} API is not running")
        return f"http://{host}:{port}"

    def stop(self) -> None:
        """Stop every server and wait for their threads."""
        stop_all(self.servers)


def start_demo(
    page_port: int = 0,
    flask_port: int = 0,
    quart_port: int | None = 0,
    echo: Callable[[str], None] | None = None,
) -> RunningDemo:
    """Start the page and the APIs on 127.0.0.1; port 0 (or a busy port) means ephemeral.

    `quart_port=None` leaves the Quart API out. `echo` receives one line per request.
    """
    sockets: list[socket.socket] = [bind_loopback(page_port), bind_loopback(flask_port)]
    if quart_port is not None:
        sockets.append(bind_loopback(quart_port))
    ports = [sock.getsockname()[1] for sock in sockets]
    origins = (f"http://localhost:{ports[0]}", f"http://127.0.0.1:{ports[0]}")
    flask_log = RequestLog("flask", echo)
    quart_log = RequestLog("quart", echo) if quart_port is not None else None
    servers: list[Server] = []
    try:
        servers.append(WsgiServer(flask_log.wsgi(create_flask_api(origins, flask_log)), sockets[1]))
        if quart_log is not None:
            from .quart_api import create_quart_api  # Quart is imported only when wanted

            servers.append(
                AsgiServer(quart_log.asgi(create_quart_api(origins, quart_log)), sockets[2])
            )
        page = create_page_app(ports[1], ports[2] if quart_log is not None else None)
        servers.append(WsgiServer(page, sockets[0]))
    except BaseException:
        stop_all(servers)
        for sock in sockets:
            sock.close()
        raise
    return RunningDemo(
        page_url=f"http://localhost:{ports[0]}/",
        page_origins=origins,
        flask_port=ports[1],
        quart_port=ports[2] if quart_log is not None else None,
        flask_log=flask_log,
        quart_log=quart_log,
        servers=tuple(servers),
    )
