"""The Flask layer: CORS(app), init_app, config, errors, OPTIONS, blueprints, the decorator."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import pytest
from flask import Blueprint, Flask, Response, abort

from flask_cors import CORS, CorsConfigError, CorsOptions, cross_origin
from tests.helpers import cors_headers, our_frames

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


def test_cors_app_echoes_the_origin_with_vary_on_every_route(app: Flask) -> None:
    CORS(app)
    assert cors_headers(get(app, "/public").headers) == [
        ("access-control-allow-origin", A),
        ("vary", "Origin"),
    ]


def test_init_app_pattern_works_like_the_constructor(app: Flask) -> None:
    cors = CORS(origins=[A])
    cors.init_app(app)
    assert cors_headers(get(app, "/public").headers) == [("access-control-allow-origin", A)]


def test_paths_outside_resources_get_no_cors_headers(app: Flask) -> None:
    CORS(app, resources={r"/api/*": {"origins": A}})
    assert cors_headers(get(app, "/public").headers) == []
    assert cors_headers(get(app, "/api/items").headers) == [("access-control-allow-origin", A)]


@pytest.mark.parametrize(
    ("path", "covered"),
    [
        pytest.param("/api", True, id="the-prefix-itself"),
        pytest.param("/api/v1/users", True, id="below"),
        pytest.param("/apix", True, id="regex-prefix-also-apix"),
        pytest.param("/other/api", False, id="matched-from-the-start-only"),
    ],
)
def test_regex_resource_matches_from_the_start_of_the_path(path: str, covered: bool) -> None:
    app = Flask(__name__)
    app.add_url_rule(path, "view", lambda: "ok")
    CORS(app, resources=r"/api/*", origins=A)
    expected = [("access-control-allow-origin", A)] if covered else []
    assert cors_headers(get(app, path).headers) == expected


def test_literal_resource_matches_the_path_exactly(app: Flask) -> None:
    CORS(app, resources=["/api"], origins=A)
    assert cors_headers(get(app, "/api/items").headers) == []


def test_most_specific_resource_wins_whatever_the_dict_order(app: Flask) -> None:
    CORS(app, resources={r"/*": {"origins": B}, "/api/items": {"origins": A}})
    assert cors_headers(get(app, "/api/items").headers) == [("access-control-allow-origin", A)]
    assert cors_headers(get(app, "/public", origin=B).headers) == [
        ("access-control-allow-origin", B)
    ]


def test_precedence_resource_over_init_app_over_constructor_over_config(app: Flask) -> None:
    app.config.update(CORS_MAX_AGE=1, CORS_EXPOSE_HEADERS="X-Config", CORS_METHODS="GET")
    cors = CORS(max_age=2, expose_headers="X-Ctor")
    cors.init_app(app, max_age=3, resources={"/api/items": {"max_age": 4}, "/public": {}})
    response = preflight(app, "/api/items", method="GET")
    assert ("access-control-max-age", "4") in cors_headers(response.headers)
    assert ("access-control-max-age", "3") in cors_headers(preflight(app, "/public", "GET").headers)
    assert ("access-control-expose-headers", "X-Ctor") in cors_headers(get(app, "/public").headers)
    assert ("access-control-allow-methods", "GET") in cors_headers(response.headers)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param(
            {"CORS_ORIGINS": f"{A}, {B}"},
            [("access-control-allow-origin", A), ("vary", "Origin")],
            id="comma-string-origins",
        ),
        pytest.param(
            {"CORS_SUPPORTS_CREDENTIALS": "False", "CORS_ORIGINS": [A]},
            [("access-control-allow-origin", A)],
            id="string-False-is-false",
        ),
        pytest.param(
            {"CORS_SUPPORTS_CREDENTIALS": "yes", "CORS_ORIGINS": [A]},
            [("access-control-allow-credentials", "true"), ("access-control-allow-origin", A)],
            id="string-yes-is-true",
        ),
        pytest.param(
            {"CORS_SEND_WILDCARD": "on"},
            [("access-control-allow-origin", "*")],
            id="string-on-is-true",
        ),
        pytest.param(
            {"CORS_ORIGINS": None},
            [("access-control-allow-origin", A), ("vary", "Origin")],
            id="none-values-are-unset",
        ),
    ],
)
def test_cors_config_keys_configure_the_extension(
    app: Flask, config: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    app.config.update(config)
    CORS(app)
    assert cors_headers(get(app, "/public").headers) == expected


def test_config_max_age_digit_string_is_accepted(app: Flask) -> None:
    app.config["CORS_MAX_AGE"] = "600"
    CORS(app)
    assert ("access-control-max-age", "600") in cors_headers(preflight(app, "/public").headers)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param(
            {"CORS_MAX_AGE": "ten"}, r"^CORS_MAX_AGE='ten': must be a whole number", id="max-age"
        ),
        pytest.param(
            {"CORS_SUPPORTS_CREDENTIALS": "maybe"},
            r"^CORS_SUPPORTS_CREDENTIALS='maybe': expected True or False",
            id="bool-word",
        ),
        pytest.param(
            {"CORS_ORIGINS": "https://(x"}, r"^CORS_ORIGINS='https://\(x': invalid regex", id="re"
        ),
    ],
)
def test_bad_config_values_raise_at_start_up_naming_the_config_key(
    app: Flask, config: dict[str, Any], message: str
) -> None:
    app.config.update(config)
    with pytest.raises(CorsConfigError, match=message):
        CORS(app)


def test_cors_headers_config_key_warns_that_it_has_no_effect(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app.config["CORS_HEADERS"] = "Content-Type"
    CORS(app)
    assert [r.getMessage() for r in caplog.records] == [
        (
            "CORS_HEADERS has no effect (flask-cors never read it either). "
            "Use CORS_ALLOW_HEADERS; its default '*' already allows Content-Type."
        )
    ]


def test_unknown_cors_config_key_warns(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app.config["CORS_ALLOWED_ORIGINS"] = A  # another extension's key
    CORS(app)
    assert [r.getMessage() for r in caplog.records] == [
        "CORS_ALLOWED_ORIGINS is not a flask_cors option and is ignored."
    ]


def test_misspelt_cors_config_key_is_an_error_not_an_open_app(app: Flask) -> None:
    app.config["CORS_ORIGIN"] = A  # ignored, it would leave every origin allowed
    with pytest.raises(CorsConfigError, match=r"^CORS_ORIGIN=.*Did you mean CORS_ORIGINS\?$"):
        CORS(app)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"origin": A}, r"^origin='https://a\.example': not a CORS option\. Did you mean", id="n"
        ),
        pytest.param({"max_age": -1}, r"^max_age=-1: ", id="value"),
        pytest.param(
            {"send_wildcard": True, "supports_credentials": True}, r"^send_wildcard=True: ", id="c"
        ),
    ],
)
def test_bad_keywords_raise_when_cors_is_constructed(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(CorsConfigError, match=message):
        CORS(**kwargs)


def test_positional_argument_after_the_app_must_be_cors_options(app: Flask) -> None:
    with pytest.raises(CorsConfigError, match=r"^options=\{'origins': '\*'\}: the positional"):
        CORS(app, {"origins": "*"})  # type: ignore[arg-type]


def test_typed_options_are_complete_and_ignore_config(app: Flask) -> None:
    app.config["CORS_ORIGINS"] = [B]
    CORS(app, CorsOptions(origins=[A], max_age=5))
    assert cors_headers(get(app, "/public").headers) == [("access-control-allow-origin", A)]


def test_keywords_beside_typed_options_override_its_fields(app: Flask) -> None:
    CORS(app, CorsOptions(origins=[A], max_age=5), max_age=7)
    assert ("access-control-max-age", "7") in cors_headers(preflight(app, "/public").headers)


def test_resource_given_as_cors_options_is_taken_whole(app: Flask) -> None:
    CORS(app, max_age=9, resources={"/public": CorsOptions(origins=[A])})
    assert cors_headers(preflight(app, "/public").headers) == [
        ("access-control-allow-methods", ALL),
        ("access-control-allow-origin", A),
    ]


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


def test_a_views_exception_has_no_frame_of_flask_cors_in_its_traceback(app: Flask) -> None:
    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    CORS(app, intercept_exceptions=False)
    app.testing = True  # Flask re-raises the view's exception, as a debugger sees it
    with pytest.raises(RuntimeError, match="boom") as raised:
        get(app, "/boom")
    assert our_frames(raised.value) == []


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
    "name",
    ["Access-Control-Allow-Origin", "access-control-allow-origin", "ACCESS-CONTROL-ALLOW-ORIGIN"],
)
def test_allow_origin_set_by_the_view_in_any_case_is_left_alone(app: Flask, name: str) -> None:
    @app.route("/own")
    def own() -> Response:
        return Response("own", headers={name: "https://mine.example"})

    CORS(app, origins=[A, "https://b.example"])
    response = app.test_client().get("/own", headers={"Origin": A})
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://mine.example")
    ]


def test_allow_origin_check_sees_headers_replaced_by_a_plain_dict(app: Flask) -> None:
    @app.route("/plain")
    def plain() -> Response:
        return Response("plain")

    CORS(app)

    @app.after_request
    def replace_headers(response: Response) -> Response:
        # Runs before flask_cors's hook (Flask runs after_request functions in reverse).
        response.headers = {"Access-Control-Allow-Origin": "https://mine.example"}  # type: ignore[assignment]
        return response

    response = app.test_client().get("/plain", headers={"Origin": A})
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://mine.example")
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


# --- blueprints -----------------------------------------------------------------------------


def blueprint_app() -> tuple[Flask, Blueprint]:
    app = Flask(__name__)
    bp = Blueprint("api", __name__)
    bp.add_url_rule("/items", "items", lambda: "items")
    app.add_url_rule("/home", "home", lambda: "home")
    return app, bp


def test_cors_on_a_blueprint_covers_only_its_routes_and_reads_app_config() -> None:
    app, bp = blueprint_app()
    app.config["CORS_ORIGINS"] = [A]
    CORS(bp)
    app.register_blueprint(bp, url_prefix="/api")
    assert cors_headers(get(app, "/api/items").headers) == [("access-control-allow-origin", A)]
    assert cors_headers(get(app, "/home").headers) == []


def test_nested_blueprint_cors_applies_to_the_inner_routes() -> None:
    app, inner = blueprint_app()
    outer = Blueprint("outer", __name__)
    CORS(inner, origins=[B])
    outer.register_blueprint(inner, url_prefix="/inner")
    app.register_blueprint(outer, url_prefix="/outer")
    response = get(app, "/outer/inner/items", origin=B)
    assert cors_headers(response.headers) == [("access-control-allow-origin", B)]


def test_blueprint_cors_takes_precedence_over_app_cors_for_its_routes() -> None:
    app, bp = blueprint_app()
    CORS(app, origins=[A])
    CORS(bp, origins=[B])
    app.register_blueprint(bp, url_prefix="/api")
    assert cors_headers(get(app, "/api/items", origin=B).headers) == [
        ("access-control-allow-origin", B)
    ]
    assert cors_headers(get(app, "/home", origin=A).headers) == [("access-control-allow-origin", A)]


def test_bad_blueprint_options_raise_before_registration() -> None:
    _, bp = blueprint_app()
    with pytest.raises(CorsConfigError, match=r"^max_age=-2: "):
        CORS(bp, max_age=-2)


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
