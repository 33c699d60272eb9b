"""The Quart twins of tests/sync/test_design_rules.py, and Flask/Quart parity of whole apps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import flask
import pytest
import quart
from quart import Quart, request
from werkzeug.datastructures import Headers
from werkzeug.exceptions import Forbidden, NotFound

from flask_cors import CORS, CorsOptions, cors_exempt, cross_origin
from tests.helpers import cors_headers

A = "https://a.example"
B = "https://b.example"
C = "https://c.example"


def _options_view_app(config_automatic: object, *, async_view: bool, **decorator: Any) -> Quart:
    app = Quart(__name__)
    app.config["CORS_AUTOMATIC_OPTIONS"] = config_automatic

    if async_view:

        @app.route("/v", methods=["GET", "OPTIONS"])
        @cross_origin(origins=A, **decorator)
        async def v() -> str:
            return f"view body {request.method}"

    else:

        @app.route("/v", methods=["GET", "OPTIONS"])
        @cross_origin(origins=A, **decorator)
        def v_sync() -> str:
            return f"view body {request.method}"

    return app


@pytest.mark.parametrize("async_view", [True, False], ids=["async-view", "sync-view"])
async def test_config_automatic_options_false_lets_a_decorated_view_answer_options(
    async_view: bool,
) -> None:
    app = _options_view_app("off", async_view=async_view)
    response = await app.test_client().options("/v", headers={"Origin": A})
    assert (await response.get_data(as_text=True), cors_headers(response.headers)) == (
        "view body OPTIONS",
        [("access-control-allow-origin", A)],
    )


@pytest.mark.parametrize("async_view", [True, False], ids=["async-view", "sync-view"])
async def test_decorator_automatic_options_keyword_beats_config(async_view: bool) -> None:
    app = _options_view_app(False, async_view=async_view, automatic_options=True)
    response = await app.test_client().options("/v", headers={"Origin": A})
    assert (await response.get_data(as_text=True), cors_headers(response.headers)) == (
        "",
        [("access-control-allow-origin", A)],
    )


# --- The Flask hook's flat fast path and the Quart hook answer every request alike ---------

Answer = tuple[int, list[tuple[str, str]]]


def _plain() -> str:
    return "plain"


def _fail() -> str:
    raise Forbidden()


def _boom() -> str:
    raise RuntimeError("boom")


def _not_found() -> str:
    raise NotFound()


def _parity_app(framework: str, case: Mapping[str, Any]) -> Any:
    """One app, built the same way on Flask or Quart: every kind of route DESIGN 4-5 names."""
    lib: Any = flask if framework == "flask" else quart
    app = lib.Flask(__name__) if framework == "flask" else lib.Quart(__name__)
    app.config.update(case.get("config", {}))
    decorate = cross_origin(**case.get("decorator", {"origins": [B, C]}))

    def own() -> Any:
        return lib.Response("own", headers={"Access-Control-Allow-Origin": "https://mine.example"})

    def vary() -> Any:
        return lib.Response("vary", headers={"Vary": "Accept-Encoding, origin"})

    def as_dict() -> Any:
        response = lib.Response("dict")
        response.headers = {"X-Plain": "dict"}  # some libraries replace the Headers
        return response

    routes: list[tuple[str, str, Any]] = [
        ("/plain", "plain", _plain),
        ("/fail", "fail", _fail),
        ("/boom", "boom", _boom),
        ("/own", "own", own),
        ("/vary", "vary", vary),
        ("/dict", "dict", as_dict),
        ("/exempt", "exempt", cors_exempt(lambda: "exempt")),
        ("/decorated", "decorated", decorate(_plain)),
        ("/decorated-fail", "decorated_fail", decorate(_fail)),
    ]
    for path, endpoint, view in routes:
        app.add_url_rule(path, endpoint, view, methods=["GET", "POST", "PUT"])
    outer, inner, other = (lib.Blueprint(name, __name__) for name in ("outer", "inner", "other"))
    outer.add_url_rule("/o", "o", _plain)
    inner.add_url_rule("/i", "i", _plain)
    inner.add_url_rule("/i-fail", "i_fail", _not_found)
    other.add_url_rule("/p", "p", _plain)
    blueprints = {"outer": outer, "inner": inner, "other": other}
    for name, options in case.get("blueprints", []):
        CORS(blueprints[name], **options)
    outer.register_blueprint(inner, url_prefix="/in")
    app.register_blueprint(outer, url_prefix="/out")
    app.register_blueprint(other, url_prefix="/other")
    if "app" in case:
        CORS(app, **case["app"])
    return app


PARITY_CASES = {
    "no-cors-app": {},
    "defaults": {"app": {}},
    "origins-credentials-max-age": {
        "app": {
            "origins": [A, B],
            "max_age": 5,
            "expose_headers": "X-E",
            "supports_credentials": True,
        }
    },
    "no-intercept": {
        "app": {"origins": [A, B], "intercept_exceptions": False},
        "decorator": {"origins": [B, C], "intercept_exceptions": False},
    },
    "no-vary": {"app": {"vary_header": False}, "decorator": {"vary_header": False}},
    "no-always-send": {"app": {"always_send": False, "origins": [A]}},
    "private-network-regex": {
        "app": {"allow_private_network": True, "origins": r"https://.*\.example"}
    },
    "resources": {
        "app": {"resources": {"/plain": {"origins": A}, r"/out/.*": {"origins": [B]}, "/own": {}}}
    },
    "blueprints-only": {
        "blueprints": [("outer", {"origins": [A]}), ("inner", {"origins": [B, C]})]
    },
    "inner-blueprint-only": {"blueprints": [("inner", {"origins": [B]})]},
    "blueprints-and-app": {
        "blueprints": [("inner", {"origins": [B]}), ("other", {"send_wildcard": True})],
        "app": {"origins": [A, C]},
    },
    "config": {
        "config": {
            "CORS_ORIGINS": f"{A}, {B}",
            "CORS_SUPPORTS_CREDENTIALS": "yes",
            "CORS_MAX_AGE": "60",
        },
        "app": {},
        "decorator": {},
    },
    "config-under-blueprint": {
        "config": {"CORS_ORIGINS": [A], "CORS_VARY_HEADER": "off"},
        "blueprints": [("outer", {})],
    },
    "registered-twice": {
        "app": {"origins": [A]},
        "blueprints": [("outer", {"origins": [B]}), ("outer", {"origins": [A]})],
    },
}

PARITY_PATHS = (
    "/plain", "/fail", "/boom", "/own", "/vary", "/dict", "/exempt", "/decorated",
    "/decorated-fail", "/out/o", "/out/in/i", "/out/in/i-fail", "/other/p", "/nowhere",
)  # fmt: skip

PARITY_REQUESTS: tuple[tuple[str, list[tuple[str, str]]], ...] = (
    ("GET", [("Origin", A)]),
    ("GET", [("Origin", B)]),
    ("GET", [("Origin", "https://evil.example")]),
    ("GET", []),
    ("GET", [("Origin", "")]),
    ("GET", [("Origin", A), ("Origin", B)]),
    ("GET", [("Origin", A), ("Access-Control-Request-Private-Network", "true")]),
    ("HEAD", [("Origin", A)]),
    ("POST", [("Origin", B)]),
    ("DELETE", [("Origin", A)]),
    ("OPTIONS", [("Origin", A)]),
    (
        "OPTIONS",
        [
            ("Origin", A),
            ("Access-Control-Request-Method", "PUT"),
            ("Access-Control-Request-Headers", "X-a, ,Content-Type"),
            ("Access-Control-Request-Headers", "X-b"),
        ],
    ),
    (
        "OPTIONS",
        [
            ("Origin", B),
            ("Access-Control-Request-Method", "patch"),
            ("Access-Control-Request-Private-Network", "TRUE"),
        ],
    ),
    ("OPTIONS", [("Origin", B), ("Access-Control-Request-Method", "ET")]),
    ("OPTIONS", [("Access-Control-Request-Method", "GET")]),
)


def _flask_answers(app: flask.Flask) -> list[Answer]:
    client = app.test_client()
    answers = []
    for path in PARITY_PATHS:
        for method, headers in PARITY_REQUESTS:
            response = client.open(path, method=method, headers=Headers(headers))
            answers.append((response.status_code, cors_headers(response.headers)))
    return answers


async def _quart_answers(app: Quart) -> list[Answer]:
    send: Any = app.test_client().open  # its typed signature insists on a json argument
    answers = []
    for path in PARITY_PATHS:
        for method, headers in PARITY_REQUESTS:
            response = await send(path, method=method, headers=Headers(headers))
            answers.append((response.status_code, cors_headers(response.headers)))
    return answers


@pytest.mark.parametrize("case", list(PARITY_CASES.values()), ids=list(PARITY_CASES))
async def test_flask_and_quart_send_the_same_cors_headers_for_every_route_and_request(
    case: Mapping[str, Any],
) -> None:
    flask_app, quart_app = _parity_app("flask", case), _parity_app("quart", case)
    # Twice: the second round is answered from the decisions remembered in the first.
    flask_answers = _flask_answers(flask_app) + _flask_answers(flask_app)
    quart_answers = await _quart_answers(quart_app) + await _quart_answers(quart_app)
    assert flask_answers == quart_answers
    assert any(headers for _status, headers in flask_answers)  # not alike by saying nothing


async def test_two_origin_lines_are_one_malformed_origin_on_quart_as_on_flask(app: Quart) -> None:
    @app.route("/r")
    async def r() -> str:
        return "r"

    CORS(app, origins=[A, B])
    send: Any = app.test_client().get
    response = await send("/r", headers=Headers([("Origin", A), ("Origin", B)]))
    assert cors_headers(response.headers) == [("vary", "Origin")]


async def test_repeated_request_headers_lines_are_all_answered_on_quart(app: Quart) -> None:
    @app.route("/r", methods=["PUT"])
    async def r() -> str:
        return "r"

    CORS(app)
    send: Any = app.test_client().options
    headers = Headers(
        [
            ("Origin", A),
            ("Access-Control-Request-Method", "PUT"),
            ("Access-Control-Request-Headers", "X-B"),
            ("Access-Control-Request-Headers", "X-A"),
        ]
    )
    response = await send("/r", headers=headers)
    assert response.headers["Access-Control-Allow-Headers"] == "X-A, X-B"


@pytest.mark.parametrize("async_view", [True, False], ids=["async-view", "sync-view"])
async def test_405_on_a_decorated_path_gets_the_decorators_headers(async_view: bool) -> None:
    app = Quart(__name__)

    async def async_r() -> str:
        return "r"

    view: Any = async_r if async_view else _plain
    app.add_url_rule("/r", "r", cross_origin(origins=[A, B], expose_headers="X-Mine")(view))
    CORS(app, origins=A)  # the app-wide policy, for paths without their own
    client = app.test_client()
    send: Any = client.delete
    response = await send("/r", headers={"Origin": B})
    assert (response.status_code, cors_headers(response.headers)) == (
        405,
        [
            ("access-control-allow-origin", B),
            ("access-control-expose-headers", "X-Mine"),
            ("vary", "Origin"),
        ],
    )


# --- DESIGN 4 on Quart: per-app resolution, typed decorator options -------------------------


async def test_one_decorated_view_on_two_quart_apps_follows_each_apps_config() -> None:
    @cross_origin(max_age=5)
    async def shared() -> str:
        return "shared"

    apps = []
    for origin in (A, B):
        app = Quart(__name__)
        app.config["CORS_ORIGINS"] = origin
        app.add_url_rule("/s", "s", shared)
        apps.append(app)
    answers = []
    for _round in range(2):  # the second round from each app's cached policy
        for app in apps:
            for origin in (A, B):
                send: Any = app.test_client().get
                response = await send("/s", headers={"Origin": origin})
                answers.append(response.headers.get("Access-Control-Allow-Origin"))
    assert answers == [A, None, None, B] * 2


async def test_cors_blueprint_registered_on_two_quart_apps_follows_each_apps_config() -> None:
    bp = quart.Blueprint("bp", __name__)
    bp.add_url_rule("/b", "b", _plain)
    CORS(bp)
    answers = []
    for origin in (A, B):
        app = Quart(__name__)
        app.config["CORS_ORIGINS"] = origin
        app.register_blueprint(bp)
        for sent in (A, B):
            send: Any = app.test_client().get
            response = await send("/b", headers={"Origin": sent})
            answers.append(response.headers.get("Access-Control-Allow-Origin"))
    assert answers == [A, None, None, B]


async def test_cross_origin_with_cors_options_on_quart_ignores_config_but_not_keywords() -> None:
    app = Quart(__name__)
    app.config.update(CORS_ORIGINS=B, CORS_SUPPORTS_CREDENTIALS=True)

    async def typed() -> str:
        return "typed"

    options = CorsOptions(origins=[A, C], max_age=1)
    app.add_url_rule("/t", "t", cross_origin(options, max_age=60)(typed), methods=["PUT"])
    send: Any = app.test_client().options
    response = await send("/t", headers={"Origin": A, "Access-Control-Request-Method": "PUT"})
    assert cors_headers(response.headers) == [
        ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("access-control-allow-origin", A),
        ("access-control-max-age", "60"),
        ("vary", "Origin"),
    ]


async def test_405_inside_a_cors_blueprint_gets_that_blueprints_headers_on_quart() -> None:
    app, outer, inner = (
        Quart(__name__),
        quart.Blueprint("outer", __name__),
        quart.Blueprint("inner", __name__),
    )
    inner.add_url_rule("/i", "i", _plain)
    CORS(inner, origins=[A, B])
    outer.register_blueprint(inner, url_prefix="/in")
    app.register_blueprint(outer, url_prefix="/out")
    send: Any = app.test_client().delete
    response = await send("/out/in/i", headers={"Origin": A})
    assert (response.status_code, cors_headers(response.headers)) == (
        405,
        [("access-control-allow-origin", A), ("vary", "Origin")],
    )
