"""Concurrency under a real ASGI server: the Quart twin of test_concurrency.py.

Hypercorn serves the Quart app on 127.0.0.1; the same 5,000 mixed requests from 20 client
connections must each get exactly their own CORS headers, with zero errors.
"""

from __future__ import annotations

from quart import Quart

from flask_cors import CORS, cross_origin

from .load import DECORATED_OPTIONS, RESOURCES, TOTAL, hammer, plan, serve_asgi


def quart_app() -> Quart:
    """Async views that echo their id, under CORS resources and one decorated view."""
    app = Quart(__name__)

    @app.route("/api/<int:n>", methods=["GET", "POST", "PUT"])
    @app.route("/open/<int:n>")
    @app.route("/plain/<int:n>")
    async def echo(n: int) -> str:
        return str(n)

    @app.route("/decorated/<int:n>")
    @cross_origin(**DECORATED_OPTIONS)
    async def decorated(n: int) -> str:
        return str(n)

    CORS(app, resources=RESOURCES)
    return app


def test_quart_under_hypercorn_answers_every_request_with_its_own_headers() -> None:
    with serve_asgi(quart_app()) as port:
        problems = hammer(port, plan(TOTAL))
    assert (len(problems), problems[:5]) == (0, [])
