"""All of flask_cors's caches together keep at most `CACHE_BUDGET` bytes, whatever clients
send, on Flask and on Quart.

Measured with `tracemalloc`: the bytes allocated while a real app answers the worst traffic
(budget.py) that are still alive afterwards. Requests go straight to the WSGI or ASGI app,
as a server sends them: the test clients' URL parsing has a cache of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask

from flask_cors import CORS, _cache
from tests.helpers import FLASK, QUART, App, Framework
from tests.security.budget import (
    TIMES_THE_BUDGET,
    Request,
    asgi_scope,
    hostile_requests,
    registrations,
    retained_bytes,
    wsgi_environ,
)

if TYPE_CHECKING:
    from quart import Quart  # imported by Framework.app: Flask-only envs collect this file

FLOOD = 1400
"""Requests enough to charge TIMES_THE_BUDGET budgets (checked by the test)."""

# One view kind per server interface: the caches are the layer's, not the view's.
SERVERS = pytest.mark.parametrize(
    "framework",
    [pytest.param(FLASK, id="flask"), pytest.param(QUART, id="quart", marks=pytest.mark.quart)],
)


def budget_app(framework: Framework) -> App:
    """An app with many registrations and one view under them (requests reach it or 404)."""
    app = framework.app()
    for options in registrations():
        CORS(app, **options)

    def resource(group: str, rest: str) -> str:
        return "ok"

    app.add_url_rule(
        "/r<group>/<path:rest>", view_func=framework.view(resource), methods=["GET", "PUT"]
    )
    return app


def send(app: App, requests: Iterable[Request]) -> None:
    """Each request straight through the WSGI or ASGI app, as a server sends it."""
    if isinstance(app, Flask):
        send_wsgi(app, requests)
    else:
        asyncio.run(send_asgi(app, requests))


def send_wsgi(app: Flask, requests: Iterable[Request]) -> None:
    """Each request through the WSGI app, its body read and closed, as a server does."""

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        return None

    for method, path, headers in requests:
        body = app(wsgi_environ(method, path, headers), start_response)
        b"".join(body)
        getattr(body, "close", lambda: None)()


async def send_asgi(app: Quart, requests: Iterable[Request]) -> None:
    """Each request through the ASGI app, as a server sends it."""
    for method, path, headers in requests:
        await send_one(app, asgi_scope(method, path, headers))


async def send_one(app: Quart, scope: dict[str, Any]) -> None:
    """One request: its empty body, then nothing until Quart has answered and cancels."""
    messages: list[dict[str, Any]] = [{"type": "http.request", "body": b""}]

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop()
        await asyncio.Event().wait()  # the client stays connected until the answer
        return {"type": "http.disconnect"}

    async def reply(message: dict[str, Any]) -> None:
        pass

    await app(scope, receive, reply)  # type: ignore[arg-type]


@SERVERS
def test_caches_stay_within_the_byte_budget_under_the_worst_traffic(
    framework: Framework, charged: list[int]
) -> None:
    app = budget_app(framework)
    send(app, hostile_requests(10))  # first requests set up what any app keeps
    held = retained_bytes(lambda: send(app, hostile_requests(FLOOD)))
    assert sum(charged) >= TIMES_THE_BUDGET * _cache.CACHE_BUDGET
    assert held <= _cache.CACHE_BUDGET


@SERVERS
def test_caches_are_charged_at_least_what_they_keep_alive(framework: Framework) -> None:
    # The budget holds only if each entry's charge covers what it keeps: traffic below
    # the budget (nothing emptied) retains no more than the caches were charged.
    app = budget_app(framework)
    send(app, hostile_requests(10))
    _cache.empty_all()
    held = retained_bytes(lambda: send(app, hostile_requests(300)))
    assert 0 < held <= _cache.bytes_in_use() < _cache.CACHE_BUDGET
