"""Error responses (404, 405, `abort`, unhandled exceptions, the app's own error handlers)
get the CORS headers of their path unless `intercept_exceptions=False`, on Flask `def`
views, Flask `async def` views and Quart (docs/design.md 5.7)."""

from __future__ import annotations

from typing import Any, NoReturn

import pytest
from flask import Flask
from werkzeug.exceptions import Forbidden, Unauthorized

from flask_cors import CORS, cross_origin
from flask_cors.cli import cors_command
from tests.helpers import App, Framework
from tests.scenarios import VARY, A, B, acao


class Teapot(Exception):
    """Answered by the app's own error handler."""


def forbidden() -> NoReturn:
    raise Forbidden


def boom() -> NoReturn:
    raise RuntimeError("unexpected")


def teapot() -> NoReturn:
    raise Teapot


def unauthorized() -> NoReturn:
    raise Unauthorized


def error_app(framework: Framework, **options: Any) -> App:
    app = framework.app()
    app.config.update(TESTING=True, PROPAGATE_EXCEPTIONS=False)
    CORS(app, origins=[A], **options)
    app.add_url_rule("/abort", "abort", framework.view(forbidden))
    app.add_url_rule("/boom", "boom", framework.view(boom))
    app.add_url_rule("/teapot", "teapot", framework.view(teapot))
    app.register_error_handler(Teapot, lambda error: ("short and stout", 418))
    app.add_url_rule(
        "/decorated", "decorated", cross_origin(origins=[B])(framework.view(unauthorized))
    )
    return app


@pytest.mark.parametrize(
    ("method", "path", "status", "origin"),
    [
        pytest.param("GET", "/missing", 404, A, id="404"),
        pytest.param("DELETE", "/abort", 405, A, id="405"),
        pytest.param("GET", "/abort", 403, A, id="abort"),
        pytest.param("GET", "/boom", 500, A, id="unhandled-exception"),
        pytest.param("GET", "/teapot", 418, A, id="app-error-handler"),
        pytest.param("GET", "/decorated", 401, B, id="abort-in-a-decorated-view-gets-its-headers"),
    ],
)
def test_error_responses_get_cors_headers(
    framework: Framework, method: str, path: str, status: int, origin: str
) -> None:
    reply = framework.send(error_app(framework), method, path, {"Origin": origin})
    assert (reply.status, reply.cors) == (status, [acao(origin)])


@pytest.mark.parametrize(
    ("path", "status"),
    [
        pytest.param("/missing", 404, id="404"),
        pytest.param("/abort", 403, id="abort"),
        pytest.param("/boom", 500, id="unhandled-exception"),
        pytest.param("/teapot", 418, id="app-error-handler"),
    ],
)
def test_intercept_exceptions_false_leaves_error_responses_alone(
    framework: Framework, path: str, status: int
) -> None:
    app = error_app(framework, intercept_exceptions=False)
    reply = framework.send(app, "GET", path, {"Origin": A})
    assert (reply.status, reply.cors) == (status, [])


def test_intercept_exceptions_false_still_answers_normal_responses(framework: Framework) -> None:
    app = error_app(framework, intercept_exceptions=False)
    app.add_url_rule("/ok", "ok", framework.view(lambda: "ok"))
    assert framework.send(app, "GET", "/ok", {"Origin": A}).cors == [acao(A)]


@pytest.mark.parametrize(
    ("intercept", "expected"),
    [(True, [acao(A)]), (False, [])],
    ids=["intercepted", "not-intercepted"],
)
def test_abort_in_a_decorated_view_gets_the_decorators_headers_when_intercepted(
    framework: Framework, intercept: bool, expected: list[tuple[str, str]]
) -> None:
    app = framework.app()
    view = cross_origin(origins=A, intercept_exceptions=intercept)(framework.view(forbidden))
    app.add_url_rule("/forbidden", "forbidden", view)
    reply = framework.send(app, "GET", "/forbidden", {"Origin": A})
    assert (reply.status, reply.cors) == (403, expected)


def test_unhandled_exception_under_an_origin_dependent_policy_gets_vary(
    framework: Framework,
) -> None:
    app = framework.app()
    app.config["PROPAGATE_EXCEPTIONS"] = False
    CORS(app, origins=[A, B])
    app.add_url_rule("/boom", "boom", framework.view(boom))
    reply = framework.send(app, "GET", "/boom", {"Origin": A})
    assert (reply.status, reply.cors) == (500, [acao(A), VARY])


def test_cli_check_computes_the_decorators_headers_for_a_method_its_route_refuses() -> None:
    app = Flask(__name__)
    app.add_url_rule("/d", "d", cross_origin(origins=[A, B])(lambda: "d"))
    CORS(app, origins="https://c.example")
    result = app.test_cli_runner().invoke(
        cors_command, ["check", "/d", "--origin", A, "--method", "DELETE"]
    )
    request_part = result.output.split("Request: DELETE /d", 1)[1]
    assert f"  Access-Control-Allow-Origin: {A}\n  Vary: Origin\n" in request_part


def test_405_of_a_redirecting_rule_gets_the_apps_headers() -> None:
    # Flask's redirect_to (Quart's rules take none): matched again under GET, the path
    # redirects, so no view answers its 405: the app's policy does, not the decorator's.
    app = Flask(__name__)
    app.add_url_rule("/old", "old", redirect_to="/new", methods=["GET"])
    app.add_url_rule("/new", "new", cross_origin(origins=[B])(lambda: "new"))
    CORS(app, origins=[A])
    response = app.test_client().post("/old", headers={"Origin": A})
    allow_origin = response.headers.get("Access-Control-Allow-Origin")
    assert (response.status_code, allow_origin, "Vary" in response.headers) == (405, A, False)
