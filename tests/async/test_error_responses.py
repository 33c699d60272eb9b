"""Error responses (404, 405, `abort`, unhandled exceptions, the app's own error handlers)
get the CORS headers of their path unless `intercept_exceptions=False`, and a view's
exception reaches the developer unchanged, on Flask `def` views, Flask `async def` views and
Quart (docs/design.md 5.7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import pytest
from flask import Flask
from werkzeug.exceptions import Forbidden, Unauthorized

from flask_cors import CORS, cross_origin
from flask_cors.cli import cors_command
from tests.helpers import FRAMEWORKS_AND_QUART_DEF, App, Framework, our_frames, propagate_exceptions
from tests.scenarios import VARY, A, B, acao

# Quart runs `def` views in its thread pool: an exception there reaches Quart another way.
EVERY_KIND_OF_VIEW = pytest.mark.parametrize("framework", FRAMEWORKS_AND_QUART_DEF)


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


@EVERY_KIND_OF_VIEW
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


@EVERY_KIND_OF_VIEW
@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        pytest.param("GET", "/missing", 404, id="404"),
        pytest.param("DELETE", "/abort", 405, id="405"),
        pytest.param("GET", "/abort", 403, id="abort"),
        pytest.param("GET", "/boom", 500, id="unhandled-exception"),
        pytest.param("GET", "/teapot", 418, id="app-error-handler"),
    ],
)
def test_intercept_exceptions_false_leaves_error_responses_alone(
    framework: Framework, method: str, path: str, status: int
) -> None:
    app = error_app(framework, intercept_exceptions=False)
    reply = framework.send(app, method, path, {"Origin": A})
    assert (reply.status, reply.cors) == (status, [])


def test_intercept_exceptions_false_still_answers_normal_responses(framework: Framework) -> None:
    app = error_app(framework, intercept_exceptions=False)
    app.add_url_rule("/ok", "ok", framework.view(lambda: "ok"))
    assert framework.send(app, "GET", "/ok", {"Origin": A}).cors == [acao(A)]


@EVERY_KIND_OF_VIEW
@pytest.mark.parametrize(
    ("body", "status"),
    [pytest.param(forbidden, 403, id="abort"), pytest.param(boom, 500, id="unhandled")],
)
@pytest.mark.parametrize(
    ("intercept", "expected"),
    [(True, [acao(A)]), (False, [])],
    ids=["intercepted", "not-intercepted"],
)
def test_error_in_a_decorated_view_gets_the_decorators_headers_when_intercepted(
    framework: Framework,
    body: Callable[[], NoReturn],
    status: int,
    intercept: bool,
    expected: list[tuple[str, str]],
) -> None:
    app = framework.app()
    app.config["PROPAGATE_EXCEPTIONS"] = False
    view = cross_origin(origins=A, intercept_exceptions=intercept)(framework.view(body))
    app.add_url_rule("/failing", "failing", view)
    reply = framework.send(app, "GET", "/failing", {"Origin": A})
    assert (reply.status, reply.cors) == (status, expected)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        pytest.param("GET", "/missing", 404, id="404"),
        pytest.param("DELETE", "/boom", 405, id="405"),
        pytest.param("GET", "/boom", 500, id="unhandled-exception"),
    ],
)
def test_error_response_under_an_origin_dependent_policy_gets_vary(
    framework: Framework, method: str, path: str, status: int
) -> None:
    app = framework.app()
    app.config["PROPAGATE_EXCEPTIONS"] = False
    CORS(app, origins=[A, B])
    app.add_url_rule("/boom", "boom", framework.view(boom))
    reply = framework.send(app, method, path, {"Origin": A})
    assert (reply.status, reply.cors) == (status, [acao(A), VARY])


def test_answer_of_the_apps_500_handler_gets_cors_headers(framework: Framework) -> None:
    app = error_app(framework)
    app.register_error_handler(500, lambda error: ("sorry", 500))
    reply = framework.send(app, "GET", "/boom", {"Origin": A})
    assert (reply.status, reply.text, reply.cors) == (500, "sorry", [acao(A)])


def test_a_views_exception_has_no_frame_of_flask_cors_in_its_traceback(
    framework: Framework,
) -> None:
    app = error_app(framework, intercept_exceptions=False)
    propagate_exceptions(app)  # the exception a debugger or error tracker sees
    with pytest.raises(RuntimeError, match=r"^unexpected$") as raised:
        framework.send(app, "GET", "/boom", {"Origin": A})
    assert our_frames(raised.value) == []


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
