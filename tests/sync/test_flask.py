"""The Flask layer: error responses, the decorator, headers the view set, odd requests.

`CORS(app)`, `init_app`, config and blueprints on every framework: tests/async/test_extension.py
and tests/async/test_blueprints.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask, Response, abort

from flask_cors import CORS, CorsConfigError, cross_origin
from tests.helpers import cors_headers

if TYPE_CHECKING:
    # Not at run time: Werkzeug < 2.1 lacks TestResponse.__test__ = False, so pytest would
    # try to collect it as a test class (an error under filterwarnings=error).
    from werkzeug.test import TestResponse

A = "https://a.example"
B = "https://b.example"
ALL = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


def get(app: Flask, path: str, origin: str | None = A, **headers: str) -> TestResponse:
    if origin is not None:
        headers["Origin"] = origin
    return app.test_client().get(path, headers=headers)


def preflight(app: Flask, path: str, method: str = "PUT", origin: str = A) -> TestResponse:
    return app.test_client().options(
        path, headers={"Origin": origin, "Access-Control-Request-Method": method}
    )


# --- errors ---------------------------------------------------------------------------------


def error_app(**options: Any) -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True, PROPAGATE_EXCEPTIONS=False)
    CORS(app, origins=[A], **options)

    @app.route("/abort")
    def aborting() -> str:
        abort(403)

    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("unexpected")

    @app.route("/teapot")
    def teapot() -> str:
        raise LookupError("handled by the app")

    @app.errorhandler(LookupError)
    def handle_lookup(error: LookupError) -> tuple[str, int]:
        return "short and stout", 418

    @app.route("/decorated")
    @cross_origin(origins=[B])
    def decorated() -> str:
        abort(401)

    return app


@pytest.mark.parametrize(
    ("path", "status", "origin"),
    [
        pytest.param("/missing", 404, A, id="404"),
        pytest.param("/abort", 403, A, id="abort"),
        pytest.param("/boom", 500, A, id="unhandled-exception"),
        pytest.param("/teapot", 418, A, id="app-error-handler"),
        pytest.param("/decorated", 401, B, id="abort-in-a-decorated-view-gets-its-headers"),
    ],
)
def test_error_responses_get_cors_headers(path: str, status: int, origin: str) -> None:
    response = get(error_app(), path, origin=origin)
    assert (response.status_code, cors_headers(response.headers)) == (
        status,
        [("access-control-allow-origin", origin)],
    )


def test_method_not_allowed_gets_cors_headers() -> None:
    response = error_app().test_client().delete("/abort", headers={"Origin": A})
    assert (response.status_code, cors_headers(response.headers)) == (
        405,
        [("access-control-allow-origin", A)],
    )


@pytest.mark.parametrize(
    ("path", "status"),
    [
        pytest.param("/missing", 404, id="404"),
        pytest.param("/abort", 403, id="abort"),
        pytest.param("/boom", 500, id="unhandled-exception"),
        pytest.param("/teapot", 418, id="app-error-handler"),
    ],
)
def test_intercept_exceptions_false_leaves_error_responses_alone(path: str, status: int) -> None:
    response = get(error_app(intercept_exceptions=False), path)
    assert (response.status_code, cors_headers(response.headers)) == (status, [])


def test_intercept_exceptions_false_still_answers_normal_responses() -> None:
    app = error_app(intercept_exceptions=False)
    app.add_url_rule("/ok", "ok", lambda: "ok")
    assert cors_headers(get(app, "/ok").headers) == [("access-control-allow-origin", A)]


# --- decorator ------------------------------------------------------------------------------


def test_decorator_alone_adds_headers(app: Flask) -> None:
    @app.route("/d")
    @cross_origin(origins=[A], expose_headers=["X-Total"])
    def d() -> str:
        return "d"

    assert cors_headers(get(app, "/d").headers) == [
        ("access-control-allow-origin", A),
        ("access-control-expose-headers", "X-Total"),
    ]


def test_decorator_answers_options_without_running_the_view(app: Flask) -> None:
    calls: list[str] = []

    @app.route("/d", methods=["GET", "PUT", "OPTIONS"])
    @cross_origin(origins=[A], max_age=60)
    def d() -> str:
        calls.append("ran")
        return "d"

    response = preflight(app, "/d")
    assert (response.status_code, calls) == (200, [])
    assert sorted(response.headers["Allow"].split(", ")) == ["GET", "HEAD", "OPTIONS", "PUT"]
    assert cors_headers(response.headers) == [
        ("access-control-allow-methods", ALL),
        ("access-control-allow-origin", A),
        ("access-control-max-age", "60"),
    ]


def test_decorator_without_automatic_options_lets_the_view_answer_options(app: Flask) -> None:
    @app.route("/d", methods=["GET", "OPTIONS"])
    @cross_origin(origins=[A], automatic_options=False)
    def d() -> str:
        return "the view's own options"

    response = preflight(app, "/d")
    assert response.get_data(as_text=True) == "the view's own options"
    assert ("access-control-allow-origin", A) in cors_headers(response.headers)


def test_decorator_and_extension_on_one_view_add_headers_once(app: Flask) -> None:
    CORS(app, origins=[A, B])

    @app.route("/d")
    @cross_origin(origins=[A, B])
    def d() -> str:
        return "d"

    assert cors_headers(get(app, "/d").headers) == [
        ("access-control-allow-origin", A),
        ("vary", "Origin"),
    ]


def test_decorator_refusal_is_final_even_under_an_allowing_extension(app: Flask) -> None:
    CORS(app)

    @app.route("/d")
    @cross_origin(origins=[B])
    def d() -> str:
        return "d"

    assert cors_headers(get(app, "/d").headers) == []


def test_decorator_reads_app_config_for_unset_options(app: Flask) -> None:
    app.config["CORS_EXPOSE_HEADERS"] = ["X-From-Config"]

    @app.route("/d")
    @cross_origin(origins=[A])
    def d() -> str:
        return "d"

    assert ("access-control-expose-headers", "X-From-Config") in cors_headers(
        get(app, "/d").headers
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"origin": A}, r"^origin=.*Did you mean 'origins'\?", id="misspelt"),
        pytest.param({"max_age": "soon"}, r"^max_age='soon': ", id="bad-value"),
        pytest.param(
            {"resources": "/x"}, r"^resources='/x': resources applies to CORS", id="resources"
        ),
    ],
)
def test_decorator_checks_options_at_decoration_time(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(CorsConfigError, match=message):
        cross_origin(**kwargs)


def test_decorator_keeps_the_view_name_and_docstring() -> None:
    @cross_origin()
    def listing() -> str:
        """List things."""
        return "x"

    assert (listing.__name__, listing.__doc__) == ("listing", "List things.")


# --- headers the view set, and Vary ---------------------------------------------------------


def test_response_that_already_has_allow_origin_is_left_alone(app: Flask) -> None:
    CORS(app)

    @app.route("/own")
    def own() -> Response:
        return Response("x", headers={"Access-Control-Allow-Origin": "https://own.example"})

    assert cors_headers(get(app, "/own").headers) == [
        ("access-control-allow-origin", "https://own.example")
    ]


@pytest.mark.parametrize(
    ("vary", "expected"),
    [
        pytest.param("Accept-Encoding", [("vary", "Accept-Encoding, Origin")], id="add"),
        pytest.param("Accept,", [("vary", "Accept, Origin")], id="trailing-comma"),
        pytest.param("", [("vary", "Origin")], id="empty-value"),
        pytest.param("Accept, origin", [("vary", "Accept, origin")], id="already-listed"),
        pytest.param("*", [("vary", "*")], id="star-covers-it"),
    ],
)
def test_vary_origin_joins_the_existing_vary_line_only_when_missing(
    app: Flask, vary: str, expected: list[tuple[str, str]]
) -> None:
    CORS(app)

    @app.route("/v")
    def v() -> Response:
        return Response("x", headers={"Vary": vary})

    headers = cors_headers(get(app, "/v").headers)
    assert [h for h in headers if h[0] == "vary"] == expected


def test_vary_false_sends_no_vary(app: Flask) -> None:
    CORS(app, vary_header=False)
    assert cors_headers(get(app, "/public").headers) == [("access-control-allow-origin", A)]


# --- odd requests never crash ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "answer"),
    [
        # An empty Origin counts as absent: always_send answers the smallest literal.
        pytest.param("", [A], id="empty"),
        pytest.param("https://" + "a" * 70_000, [], id="very-long"),
        pytest.param("https://ümlaut.example", [], id="non-ascii"),
        pytest.param("not an origin", [], id="malformed"),
        pytest.param(f"{A}, {B}", [], id="two-joined"),
    ],
)
def test_odd_origins_get_a_normal_answer_and_no_echo(origin: str, answer: list[str]) -> None:
    app = Flask(__name__)
    app.add_url_rule("/x", "x", lambda: "x")
    CORS(app, origins=[A, re.compile(".*")])
    response = app.test_client().get("/x", headers=[("Origin", origin)])
    assert response.status_code == 200
    assert [v for k, v in cors_headers(response.headers) if k.endswith("allow-origin")] == answer


def test_duplicated_origin_headers_are_not_echoed() -> None:
    app = Flask(__name__)
    app.add_url_rule("/x", "x", lambda: "x")
    CORS(app, origins=[re.compile(".*")])
    response = app.test_client().get("/x", headers=[("Origin", A), ("Origin", B)])
    assert cors_headers(response.headers) == [("vary", "Origin")]


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"Access-Control-Request-Method": ""}, id="empty-method"),
        pytest.param({"Access-Control-Request-Method": "G ET"}, id="method-with-space"),
        pytest.param({"Access-Control-Request-Method": ",".join(["GET"] * 1000)}, id="methods"),
        pytest.param(
            {"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": ",,, ,"},
            id="only-commas",
        ),
    ],
)
def test_odd_preflight_headers_never_raise(headers: dict[str, str]) -> None:
    app = Flask(__name__)
    app.add_url_rule("/x", "x", lambda: "x")
    CORS(app, origins=[A])
    response = app.test_client().options("/x", headers={"Origin": A, **headers})
    assert response.status_code == 200
    assert ("access-control-allow-headers", "") not in cors_headers(response.headers)
