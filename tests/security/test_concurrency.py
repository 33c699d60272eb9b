"""Concurrency under real servers: every response carries exactly its own request's headers.

A multi-threaded Werkzeug server runs the Flask app; 20 client connections send 5,000
mixed requests (allowed and refused origins, simple requests and preflights, resources,
a decorated view and an uncovered path) on 127.0.0.1. Bounded in count and time; the
server stops when the test ends.
"""

from __future__ import annotations

from flask import Flask

from flask_cors import CORS, cross_origin

from .load import DECORATED_OPTIONS, RESOURCES, TOTAL, hammer, plan, serve_wsgi


def flask_app() -> Flask:
    """Views that echo their id, under CORS resources and one decorated view."""
    app = Flask(__name__)

    @app.route("/api/<int:n>", methods=["GET", "POST", "PUT"])
    @app.route("/open/<int:n>")
    @app.route("/plain/<int:n>")
    def echo(n: int) -> str:
        return str(n)

    @app.route("/decorated/<int:n>")
    @cross_origin(**DECORATED_OPTIONS)
    def decorated(n: int) -> str:
        return str(n)

    CORS(app, resources=RESOURCES)
    return app


def test_flask_under_a_threaded_server_answers_every_request_with_its_own_headers() -> None:
    with serve_wsgi(flask_app()) as port:
        problems = hammer(port, plan(TOTAL))
    assert (len(problems), problems[:5]) == (0, [])
