"""The examples work: through the test client, and served by `python examples/<name>.py`."""

from __future__ import annotations

import contextlib
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from quart import Quart
from quart.testing.connections import WebsocketResponseError

from tests.helpers import cors_headers
from tests.scenarios import VARY, acao

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TENANT = "https://acme.tenants.example"


def load(name: str) -> dict[str, Any]:
    """The example's globals, imported without running its server."""
    return runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name=f"example_{name}")


@pytest.fixture(name="flask_example")
def _flask_example() -> Flask:
    app: Flask = load("async_flask")["app"]
    app.testing = True
    return app


@pytest.fixture(name="quart_example")
def _quart_example() -> Quart:
    app: Quart = load("quart_app")["app"]
    app.testing = True
    return app


def test_async_flask_example_answers_the_front_end(flask_example: Flask) -> None:
    response = flask_example.test_client().get(
        "/api/users/1", headers={"Origin": "https://app.example"}
    )
    assert (response.json, cors_headers(response.headers)) == (
        {"id": 1, "name": "Ada"},
        [acao("https://app.example")],
    )


def test_async_flask_example_answers_a_preflight(flask_example: Flask) -> None:
    response = flask_example.test_client().options(
        "/api/users/1",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "PUT"},
    )
    assert cors_headers(response.headers) == [
        ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        acao("https://app.example"),
        ("access-control-max-age", "600"),
    ]


def test_async_flask_example_404_is_readable_cross_origin(flask_example: Flask) -> None:
    response = flask_example.test_client().get(
        "/api/users/99", headers={"Origin": "https://app.example"}
    )
    assert (response.status_code, cors_headers(response.headers)) == (
        404,
        [acao("https://app.example")],
    )


def test_async_flask_example_status_is_public(flask_example: Flask) -> None:
    response = flask_example.test_client().get("/status", headers={"Origin": "https://x.example"})
    assert cors_headers(response.headers) == [acao("*")]


@pytest.mark.parametrize(
    ("origin", "expected"),
    [(TENANT, [acao(TENANT), VARY]), ("https://evil.example", [VARY])],
    ids=["tenant", "stranger"],
)
async def test_quart_example_checks_tenants_asynchronously(
    quart_example: Quart, origin: str, expected: list[tuple[str, str]]
) -> None:
    response = await quart_example.test_client().get("/api/items", headers={"Origin": origin})
    assert cors_headers(response.headers) == expected


async def test_quart_example_admin_has_its_own_policy(quart_example: Quart) -> None:
    response = await quart_example.test_client().get("/api/admin", headers={"Origin": TENANT})
    assert cors_headers(response.headers) == []


async def test_quart_example_feed_refuses_strangers(quart_example: Quart) -> None:
    client = quart_example.test_client()
    with pytest.raises(WebsocketResponseError) as denial:
        async with client.websocket("/ws/feed", headers={"Origin": "https://evil.example"}) as ws:
            await ws.receive()
    assert denial.value.response.status_code == 403


async def test_quart_example_feed_welcomes_tenants(quart_example: Quart) -> None:
    async with quart_example.test_client().websocket("/ws/feed", headers={"Origin": TENANT}) as ws:
        assert await ws.receive() == "welcome"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(name: str) -> Iterator[str]:
    """Run `python examples/<name>.py` on a free local port; stop it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(EXAMPLES / f"{name}.py")],
        env={**os.environ, "PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30  # a bound on start-up, not a timing check
        while time.monotonic() < deadline and server.poll() is None:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize(
    ("name", "path", "origin"),
    [("async_flask", "/api/users/1", "https://app.example"), ("quart_app", "/api/items", TENANT)],
    ids=["async_flask", "quart_app"],
)
def test_example_serves_cors_headers_when_run(name: str, path: str, origin: str) -> None:
    with serving(name) as base:
        request = urllib.request.Request(base + path, headers={"Origin": origin})
        with urllib.request.urlopen(request, timeout=30) as response:
            allowed = response.headers["Access-Control-Allow-Origin"]
    assert allowed == origin


def handshake_status(base: str, path: str, origin: str) -> int:
    """The HTTP status a real server answers a websocket handshake with."""
    host, port = base.removeprefix("http://").split(":")
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request.encode())
        status_line = connection.recv(4096).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])  # b"HTTP/1.1 403 ..." -> 403


def test_quart_example_server_answers_refused_handshake_with_http_403() -> None:
    with serving("quart_app") as base:
        statuses = (
            handshake_status(base, "/ws/feed", "https://evil.example"),
            handshake_status(base, "/ws/feed", TENANT),
        )
    assert statuses == (403, 101)
