"""DESIGN rules that a review found unpinned or wrong, each checked on the headers a request gets.

The Quart twins are in tests/async/test_design_rules_quart.py.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Blueprint, Flask, abort, request

from flask_cors import CORS, CorsConfigError, CorsOptions, cross_origin
from flask_cors.cli import cors_command
from tests.helpers import cors_headers

A = "https://a.example"
B = "https://b.example"


def _app(**options: Any) -> Flask:
    app = Flask(__name__)

    @app.route("/r", methods=["GET", "POST"])
    def r() -> str:
        return "r"

    CORS(app, **options)
    return app


# --- DESIGN 3: a comma string is a list, whatever its items are -----------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        pytest.param(
            "https://*.a.example, https://b.example",
            ("https://*.a.example", "https://b.example"),
            id="glob-then-literal",
        ),
        pytest.param(
            r"https://b.example,https://.*\.c\.example",
            ("https://b.example", r"https://.*\.c\.example"),
            id="literal-then-regex",
        ),
        pytest.param(
            r"https://[a-z]{1,3}\.a\.example",
            (r"https://[a-z]{1,3}\.a\.example",),
            id="comma-inside-a-repeat-stays-in-its-regex",
        ),
        pytest.param(
            r"https://(a|b)[,]?\.example, https://c.example",
            (r"https://(a|b)[,]?\.example", "https://c.example"),
            id="comma-inside-a-class-stays-in-its-regex",
        ),
    ],
)
def test_origin_comma_string_splits_at_commas_outside_regex_syntax(
    given: str, stored: tuple[str, ...]
) -> None:
    assert CorsOptions(origins=given).origins == stored


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        pytest.param("https://x.a.example", True, id="subdomain-of-the-glob"),
        pytest.param("https://b.example", True, id="the-literal"),
        pytest.param("https://a.example", False, id="glob-base-itself"),
    ],
)
def test_glob_in_a_comma_string_allows_its_subdomains_and_the_other_origins(
    origin: str, allowed: bool
) -> None:
    client = _app(origins="https://*.a.example, https://b.example").test_client()
    response = client.get("/r", headers={"Origin": origin})
    expected = [("access-control-allow-origin", origin)] if allowed else []
    assert cors_headers(response.headers) == sorted([*expected, ("vary", "Origin")])


def test_allow_headers_comma_string_splits_a_regex_from_a_name() -> None:
    client = _app(allow_headers=r"X-Custom-.*, Content-Type").test_client()
    response = client.options(
        "/r",
        headers={
            "Origin": A,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-custom-id, x-other",
        },
    )
    assert response.headers["Access-Control-Allow-Headers"] == "content-type, x-custom-id"


def test_config_origins_comma_string_with_a_glob_is_a_list() -> None:
    app = Flask(__name__)
    app.config["CORS_ORIGINS"] = "https://*.a.example, https://b.example"

    @app.route("/r")
    def r() -> str:
        return "r"

    CORS(app)
    client = app.test_client()
    answers = [
        client.get("/r", headers={"Origin": origin}).headers.get("Access-Control-Allow-Origin")
        for origin in ("https://x.a.example", B)
    ]
    assert answers == ["https://x.a.example", B]


def test_compiled_regex_with_a_comma_is_never_split() -> None:
    pattern = re.compile(r"https://[a-z]{1,3}\.example")
    assert CorsOptions(origins=pattern).origins == (pattern,)


# --- DESIGN 4: the decorator reads CORS_AUTOMATIC_OPTIONS like every other option ------------


def _options_view_app(config_automatic: object, **decorator: Any) -> tuple[Flask, list[str]]:
    app = Flask(__name__)
    app.config["CORS_AUTOMATIC_OPTIONS"] = config_automatic
    ran: list[str] = []

    @app.route("/v", methods=["GET", "OPTIONS"])
    @cross_origin(origins=A, **decorator)
    def v() -> str:
        ran.append(request.method)
        return "view body"

    return app, ran


@pytest.mark.parametrize("value", [False, "false", "off"], ids=["bool", "word-false", "word-off"])
def test_config_automatic_options_false_lets_a_decorated_view_answer_options(value: object) -> None:
    app, ran = _options_view_app(value)
    response = app.test_client().options("/v", headers={"Origin": A})
    assert (response.get_data(as_text=True), ran, cors_headers(response.headers)) == (
        "view body",
        ["OPTIONS"],
        [("access-control-allow-origin", A)],
    )


def test_decorator_automatic_options_keyword_beats_config() -> None:
    app, ran = _options_view_app(False, automatic_options=True)
    response = app.test_client().options("/v", headers={"Origin": A})
    assert (response.get_data(as_text=True), ran, cors_headers(response.headers)) == (
        "",
        [],
        [("access-control-allow-origin", A)],
    )


# --- DESIGN 3: config booleans ------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "wildcard"),
    [
        *[(word, True) for word in ("true", "TRUE", "1", "yes", "Yes", "on", " on ")],
        *[(word, False) for word in ("false", "False", "0", "no", "NO", "off", "Off")],
    ],
)
def test_config_boolean_words_mean_what_they_say(word: str, wildcard: bool) -> None:
    app = Flask(__name__)
    app.config["CORS_SEND_WILDCARD"] = word

    @app.route("/r")
    def r() -> str:
        return "r"

    CORS(app)
    response = app.test_client().get("/r", headers={"Origin": A})
    assert response.headers["Access-Control-Allow-Origin"] == ("*" if wildcard else A)


# --- DESIGN 4: per-app resolution of one decorated view and one blueprint -------------------


def test_one_decorated_view_on_two_apps_follows_each_apps_config() -> None:
    @cross_origin(max_age=5)
    def shared() -> str:
        return "shared"

    apps = []
    for origin in (A, B):
        app = Flask(__name__)
        app.config["CORS_ORIGINS"] = origin
        app.add_url_rule("/s", view_func=shared)
        apps.append(app)
    answers = [
        app.test_client()
        .get("/s", headers={"Origin": origin})
        .headers.get("Access-Control-Allow-Origin")
        for _round in range(2)  # the second round from each app's cached policy
        for app in apps
        for origin in (A, B)
    ]
    assert answers == [A, None, None, B] * 2


def test_cors_blueprint_registered_on_two_apps_follows_each_apps_config() -> None:
    bp = Blueprint("bp", __name__)

    @bp.route("/b")
    def b() -> str:
        return "b"

    CORS(bp)
    apps = []
    for origin in (A, B):
        app = Flask(__name__)
        app.config["CORS_ORIGINS"] = origin
        app.register_blueprint(bp)
        apps.append(app)
    answers = [
        app.test_client()
        .get("/b", headers={"Origin": origin})
        .headers.get("Access-Control-Allow-Origin")
        for app in apps
        for origin in (A, B)
    ]
    assert answers == [A, None, None, B]


def test_init_app_twice_installs_one_hook_and_adds_headers_once() -> None:
    app = Flask(__name__)

    @app.route("/r")
    def r() -> str:
        return "r"

    cors = CORS(origins=[A, B])
    cors.init_app(app)
    cors.init_app(app)
    response = app.test_client().get("/r", headers={"Origin": A})
    assert (len(app.after_request_funcs[None]), cors_headers(response.headers)) == (
        1,
        [("access-control-allow-origin", A), ("vary", "Origin")],
    )


def _first_requests_at_once(app: Flask, threads: int) -> list[list[tuple[str, str]]]:
    start = threading.Barrier(threads)
    answers: list[list[tuple[str, str]]] = []

    def first_request() -> None:
        client = app.test_client()
        start.wait()
        answers.append(cors_headers(client.get("/d", headers={"Origin": A}).headers))

    workers = [threading.Thread(target=first_request) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return answers


def test_racing_first_requests_to_a_decorated_view_install_one_hook() -> None:
    for _attempt in range(10):  # fresh apps: each race is at a first request
        app = Flask(__name__)

        @app.route("/d")
        @cross_origin(origins=[A, B])
        def d() -> str:
            return "d"

        answers = _first_requests_at_once(app, threads=8)
        assert (len(app.after_request_funcs[None]), answers) == (
            1,
            [[("access-control-allow-origin", A), ("vary", "Origin")]] * 8,
        )


# --- DESIGN 5.5: Vary: Origin on every kind of response of an origin-dependent policy -------

VARY_POLICIES = [
    pytest.param({"origins": [A, B]}, True, id="two-literals"),
    pytest.param({"origins": r"https://.*\.example"}, True, id="regex"),
    pytest.param({"origins": "https://*.example"}, True, id="glob"),
    pytest.param({"origins": lambda origin: origin == A}, True, id="callable"),
    pytest.param({}, True, id="star-echoed"),
    pytest.param({"always_send": False, "origins": [A, B]}, True, id="two-literals-no-always-send"),
    pytest.param({"origins": A}, False, id="one-literal"),
    pytest.param({"send_wildcard": True}, False, id="star-sent"),
    pytest.param({"origins": [A, B], "vary_header": False}, False, id="vary-header-false"),
]

VARY_REQUESTS = [
    pytest.param("GET", "/r", {"Origin": A}, id="allowed"),
    pytest.param("GET", "/r", {"Origin": "https://evil.test"}, id="refused"),
    pytest.param("GET", "/r", {"Origin": f"{A}/path"}, id="malformed"),
    pytest.param("GET", "/r", {}, id="no-origin"),
    pytest.param("GET", "/r", {"Origin": ""}, id="empty-origin"),
    pytest.param("HEAD", "/r", {"Origin": A}, id="head"),
    pytest.param("OPTIONS", "/r", {"Origin": A}, id="options-without-request-method"),
    pytest.param(
        "OPTIONS", "/r", {"Origin": A, "Access-Control-Request-Method": "PUT"}, id="preflight"
    ),
    pytest.param(
        "OPTIONS",
        "/r",
        {"Origin": "https://evil.test", "Access-Control-Request-Method": "PUT"},
        id="refused-preflight",
    ),
    pytest.param(
        "OPTIONS",
        "/r",
        {"Origin": A, "Access-Control-Request-Method": "TRACE"},
        id="preflight-method-refused",
    ),
    pytest.param("DELETE", "/r", {"Origin": A}, id="405"),
    pytest.param("GET", "/fail", {"Origin": A}, id="abort-403"),
    pytest.param("GET", "/boom", {"Origin": "https://evil.test"}, id="refused-500"),
]


def _r() -> str:
    return "r"


def _fail() -> str:
    abort(403)


def _boom() -> str:
    raise RuntimeError("boom")


def _vary_app(via: str, options: dict[str, Any]) -> Flask:
    app = Flask(__name__)
    cover: Callable[[Callable[[], str]], Callable[[], str]] = (
        cross_origin(**options) if via == "decorator" else (lambda view: view)
    )
    app.add_url_rule("/r", "r", cover(_r), methods=["GET", "PUT"])
    app.add_url_rule("/fail", "fail", cover(_fail))
    app.add_url_rule("/boom", "boom", cover(_boom))
    if via == "extension":
        CORS(app, **options)
    return app


@pytest.mark.parametrize("via", ["extension", "decorator"])
@pytest.mark.parametrize(("method", "path", "headers"), VARY_REQUESTS)
@pytest.mark.parametrize(("options", "varies"), VARY_POLICIES)
def test_vary_origin_is_on_every_response_exactly_when_the_policy_depends_on_the_origin(
    via: str,
    method: str,
    path: str,
    headers: dict[str, str],
    options: dict[str, Any],
    varies: bool,
) -> None:
    client = _vary_app(via, options).test_client()
    client.get("/r")  # a decorator-only app gets its hook at the first request of its view
    response = client.open(path, method=method, headers=headers)
    vary = [value for name, value in response.headers if name.lower() == "vary"]
    assert vary == (["Origin"] if varies else [])


@pytest.mark.parametrize("via", ["extension", "decorator"])
def test_405_on_a_covered_path_gets_the_headers_of_that_paths_view(via: str) -> None:
    app = _vary_app(via, {"origins": [A, B], "expose_headers": "X-Mine"})
    app.add_url_rule("/other", "other", _r)
    CORS(app, origins=A)  # the app-wide policy, for paths without their own
    client = app.test_client()
    response = client.delete("/r", headers={"Origin": B})
    assert (response.status_code, cors_headers(response.headers)) == (
        405,
        [
            ("access-control-allow-origin", B),
            ("access-control-expose-headers", "X-Mine"),
            ("vary", "Origin"),
        ],
    )


# --- DESIGN 4: a CorsOptions given positionally to cross_origin -----------------------------


def _typed_decorator_app(decorator: Callable[[Callable[[], str]], Callable[[], str]]) -> Flask:
    app = Flask(__name__)
    app.config.update(CORS_ORIGINS=B, CORS_SUPPORTS_CREDENTIALS=True, CORS_MAX_AGE=9)
    app.add_url_rule("/t", "t", decorator(_r), methods=["GET", "PUT"])
    return app


def test_cross_origin_with_cors_options_ignores_app_config() -> None:
    app = _typed_decorator_app(cross_origin(CorsOptions(origins=[A, "https://c.example"])))
    response = app.test_client().options(
        "/t", headers={"Origin": A, "Access-Control-Request-Method": "PUT"}
    )
    assert cors_headers(response.headers) == [
        ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("access-control-allow-origin", A),
        ("vary", "Origin"),
    ]


def test_cross_origin_keywords_beside_cors_options_override_its_fields() -> None:
    options = CorsOptions(origins=[A, "https://c.example"], max_age=1)
    app = _typed_decorator_app(cross_origin(options, max_age=60, origins=A))
    response = app.test_client().options(
        "/t", headers={"Origin": A, "Access-Control-Request-Method": "PUT"}
    )
    assert cors_headers(response.headers) == [
        ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("access-control-allow-origin", A),
        ("access-control-max-age", "60"),
    ]


def test_cross_origin_refuses_a_positional_dict_at_decoration_time() -> None:
    with pytest.raises(CorsConfigError, match=r"must be a CorsOptions"):
        cross_origin({"origins": A})  # type: ignore[arg-type]


# --- DESIGN 3: max_age ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [timedelta(seconds=-1), timedelta(seconds=-0.5), timedelta(microseconds=-1)],
    ids=["minus-one-second", "minus-half-second", "minus-one-microsecond"],
)
def test_negative_timedelta_max_age_is_an_error_even_below_one_second(value: timedelta) -> None:
    with pytest.raises(CorsConfigError, match=r"^max_age=.*must be a whole number of seconds"):
        CorsOptions(max_age=value)


def test_timedelta_max_age_is_truncated_to_whole_seconds() -> None:
    assert CorsOptions(max_age=timedelta(seconds=1.9)).max_age == 1


# --- DESIGN 3: a glob origin is normalised as a literal is ----------------------------------


@pytest.mark.parametrize(
    ("glob", "fix"),
    [
        pytest.param(
            "https://*.a.example/",
            "trailing '/' removed (browsers never send one)",
            id="trailing-slash",
        ),
        pytest.param(
            "https://*.a.example:443",
            "default port :443 removed (browsers omit it)",
            id="default-port",
        ),
    ],
)
def test_glob_origin_is_normalised_with_one_warning(
    glob: str, fix: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="flask_cors"):
        client = _app(origins=glob).test_client()
    response = client.get("/r", headers={"Origin": "https://x.a.example"})
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert (response.headers.get("Access-Control-Allow-Origin"), warnings) == (
        "https://x.a.example",
        [f"CORS origins: {glob!r}: {fix}"],
    )


@pytest.mark.parametrize("covered", ["inner", "outer"])
def test_405_inside_a_cors_blueprint_gets_that_blueprints_headers(covered: str) -> None:
    app, outer, inner = Flask(__name__), Blueprint("outer", __name__), Blueprint("inner", __name__)
    inner.add_url_rule("/i", "i", _r)
    CORS(inner if covered == "inner" else outer, origins=[A, B])
    outer.register_blueprint(inner, url_prefix="/in")
    app.register_blueprint(outer, url_prefix="/out")
    response = app.test_client().delete("/out/in/i", headers={"Origin": A})
    assert (response.status_code, cors_headers(response.headers)) == (
        405,
        [("access-control-allow-origin", A), ("vary", "Origin")],
    )


def test_cli_check_computes_the_decorators_headers_for_a_method_its_route_refuses() -> None:
    app = Flask(__name__)
    app.add_url_rule("/d", "d", cross_origin(origins=[A, B])(_r))
    CORS(app, origins="https://c.example")
    result = app.test_cli_runner().invoke(
        cors_command, ["check", "/d", "--origin", A, "--method", "DELETE"]
    )
    request_part = result.output.split("Request: DELETE /d", 1)[1]
    assert f"  Access-Control-Allow-Origin: {A}\n  Vary: Origin\n" in request_part


# --- DESIGN 3 / D5: each start-up warning once per registration, not once per resource ------

SHARED_RESOURCES = {"/a": {"max_age": 1}, "/b": {"max_age": 2}, "/c": {}}


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_origin_normalisation_warns_once_for_resources_sharing_the_origins(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="flask_cors"):
        _app(origins="https://A.example/", resources=SHARED_RESOURCES)
    assert _warnings(caplog) == [
        "CORS origins: 'https://A.example/': scheme and host lower-cased",
        "CORS origins: 'https://A.example/': trailing '/' removed (browsers never send one)",
    ]


def test_credentials_with_every_origin_warns_once_for_resources_sharing_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="flask_cors"):
        _app(supports_credentials=True, resources=SHARED_RESOURCES)
    assert len([m for m in _warnings(caplog) if "supports_credentials=True" in m]) == 1
