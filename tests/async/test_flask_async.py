"""`async def` views on Flask (run through asgiref) with @cross_origin and CORS(app)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import NoReturn

import pytest
from flask import Flask, Response, abort, session

from flask_cors import CORS, CorsConfigError, CorsOptions, cross_origin
from tests.helpers import VIA, Via, cors_headers, our_frames
from tests.scenarios import VARY, A, B, acao

PREFLIGHT = {"Origin": A, "Access-Control-Request-Method": "POST"}


@pytest.fixture(name="app")
def _app() -> Flask:
    app = Flask(__name__)
    app.testing = True
    return app


async def get_user(user_id: int) -> str:
    """A typical async view, to decorate."""
    return f"user {user_id}"


def test_decorated_async_view_keeps_its_name_and_signature() -> None:
    wrapped = cross_origin()(get_user)
    assert (wrapped.__name__, inspect.signature(wrapped)) == (
        "get_user",
        inspect.signature(get_user),
    )


def test_decorated_async_view_stays_a_coroutine_function() -> None:
    assert inspect.iscoroutinefunction(cross_origin()(get_user))


def test_decorated_async_view_receives_url_arguments(app: Flask) -> None:
    app.add_url_rule("/users/<int:user_id>", "user", cross_origin(origins=A)(get_user))
    response = app.test_client().get("/users/7", headers={"Origin": A})
    assert (response.get_data(as_text=True), cors_headers(response.headers)) == (
        "user 7",
        [acao(A)],
    )


def test_automatic_options_does_not_run_the_async_view(app: Flask) -> None:
    calls: list[str] = []

    @app.route("/view", methods=["POST"])
    @cross_origin(origins=A)
    async def view() -> str:
        calls.append("ran")
        return "body"

    response = app.test_client().options("/view", headers=PREFLIGHT)
    assert (calls, cors_headers(response.headers)) == (
        [],
        [
            ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
            acao(A),
        ],
    )


@pytest.mark.parametrize(
    ("intercept", "expected"),
    [(True, [acao(A)]), (False, [])],
    ids=["intercepted", "not-intercepted"],
)
def test_abort_inside_async_view_gets_the_decorators_headers_when_intercepted(
    app: Flask, intercept: bool, expected: list[tuple[str, str]]
) -> None:
    @app.route("/forbidden")
    @cross_origin(origins=A, intercept_exceptions=intercept)
    async def forbidden() -> NoReturn:
        abort(403)

    response = app.test_client().get("/forbidden", headers={"Origin": A})
    assert (response.status_code, cors_headers(response.headers)) == (403, expected)


def test_unhandled_exception_in_async_view_gets_headers(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False
    CORS(app, origins=[A, B])

    @app.route("/boom")
    async def boom() -> NoReturn:
        raise RuntimeError("boom")

    response = app.test_client().get("/boom", headers={"Origin": A})
    assert (response.status_code, cors_headers(response.headers)) == (500, [acao(A), VARY])


def test_decorator_and_extension_on_async_view_send_headers_once(app: Flask) -> None:
    CORS(app, origins=[A, B])

    @app.route("/both")
    @cross_origin(origins=A)
    async def both() -> str:
        return "both"

    response = app.test_client().get("/both", headers={"Origin": A})
    assert cors_headers(response.headers) == [acao(A)]


@pytest.mark.parametrize("via", VIA)
@pytest.mark.parametrize(
    ("origin", "granted"),
    [(A, [acao(A)]), ("https://evil.example", [])],
    ids=["allowed", "refused"],
)
def test_async_view_keeps_vary_origin_when_the_session_adds_cookie(
    app: Flask, via: Via, origin: str, granted: list[tuple[str, str]]
) -> None:
    # Flask's session runs `response.vary.add("Cookie")` after our hook: Werkzeug's
    # `vary` reads only the first Vary line, so Origin must be in that line.
    app.secret_key = "test"
    if via == "extension":
        CORS(app, origins=[A, B])

    async def user() -> Response:
        session.get("user")
        return Response("user", headers={"Vary": "Accept-Encoding"})

    app.add_url_rule(
        "/user", "user", cross_origin(origins=[A, B])(user) if via == "decorator" else user
    )
    response = app.test_client().get("/user", headers={"Origin": origin})
    assert cors_headers(response.headers) == [*granted, ("vary", "Accept-Encoding, Origin, Cookie")]


async def allow_b(origin: str) -> bool:
    """An async origins callable, which Flask cannot await."""
    return origin == B


@pytest.mark.parametrize(
    "register",
    [
        lambda app: CORS(app, origins=allow_b),
        lambda app: CORS(app, CorsOptions(origins=allow_b)),
        lambda app: CORS(app, resources={"/api/*": {"origins": allow_b}}),
        lambda app: CORS().init_app(app, origins=allow_b),
    ],
    ids=["keyword", "typed-options", "resource-options", "init-app"],
)
def test_async_origins_callable_on_flask_is_an_error_at_cors(
    app: Flask, register: Callable[[Flask], object]
) -> None:
    with pytest.raises(CorsConfigError, match=r"^origins=<function allow_b .*Use Quart"):
        register(app)


def test_async_origins_callable_in_flask_config_is_an_error_at_cors(app: Flask) -> None:
    app.config["CORS_ORIGINS"] = allow_b
    with pytest.raises(CorsConfigError, match=r"^origins=<function allow_b .*plain def"):
        CORS(app)


@pytest.mark.parametrize("async_view", [False, True], ids=["sync-view", "async-view"])
def test_async_origins_callable_on_decorated_flask_view_fails_at_first_request(
    app: Flask, async_view: bool
) -> None:
    async def view_async() -> str:
        return "body"

    def view_sync() -> str:
        return "body"

    decorate = cross_origin(origins=allow_b)
    app.add_url_rule("/view", "view", decorate(view_async) if async_view else decorate(view_sync))
    with pytest.raises(CorsConfigError, match=r"^origins=<function allow_b .*Use Quart"):
        app.test_client().get("/view", headers={"Origin": B})


def test_an_async_views_exception_has_no_frame_of_flask_cors_in_its_traceback(
    app: Flask,
) -> None:
    @app.route("/boom")
    async def boom() -> str:
        raise RuntimeError("boom")

    CORS(app, intercept_exceptions=False)
    with pytest.raises(RuntimeError, match="boom") as raised:
        app.test_client().get("/boom", headers={"Origin": A})
    assert our_frames(raised.value) == []
