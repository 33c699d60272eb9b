"""All of flask_cors's caches together keep at most `CACHE_BUDGET` bytes, whatever clients
send (Flask; the Quart twin is test_quart_cache_budget.py).

Measured with `tracemalloc`: the bytes allocated while a real app answers the worst traffic
(budget.py) that are still alive afterwards. Requests go straight to the WSGI app, as a
server sends them: the test client's URL parsing has a cache of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask

from flask_cors import CORS, _cache
from tests.security.budget import (
    TIMES_THE_BUDGET,
    Request,
    hostile_requests,
    registrations,
    retained_bytes,
    wsgi_environ,
)

FLOOD = 1400
"""Requests enough to charge TIMES_THE_BUDGET budgets (checked by the test)."""


def flask_app() -> Flask:
    """An app with many registrations and one view under them (requests reach it or 404)."""
    app = Flask(__name__)
    for options in registrations():
        CORS(app, **options)

    @app.route("/r<group>/<path:rest>", methods=["GET", "PUT"])
    def resource(group: str, rest: str) -> str:
        return "ok"

    return app


def send(app: Flask, requests: Iterable[Request]) -> None:
    """Each request through the WSGI app, its body read and closed, as a server does."""

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        return None

    for method, path, headers in requests:
        body = app(wsgi_environ(method, path, headers), start_response)
        b"".join(body)
        getattr(body, "close", lambda: None)()


def test_flask_caches_stay_within_the_byte_budget_under_the_worst_traffic(
    charged: list[int],
) -> None:
    app = flask_app()
    send(app, hostile_requests(10))  # first requests set up what any app keeps
    held = retained_bytes(lambda: send(app, hostile_requests(FLOOD)))
    assert sum(charged) >= TIMES_THE_BUDGET * _cache.CACHE_BUDGET
    assert held <= _cache.CACHE_BUDGET


def test_flask_caches_are_charged_at_least_what_they_keep_alive() -> None:
    # The budget holds only if each entry's charge covers what it keeps: traffic below
    # the budget (nothing emptied) retains no more than the caches were charged.
    app = flask_app()
    send(app, hostile_requests(10))
    _cache.empty_all()
    held = retained_bytes(lambda: send(app, hostile_requests(300)))
    assert 0 < held <= _cache.bytes_in_use() < _cache.CACHE_BUDGET
