"""DEBUG logging (docs/design.md 1.6): one plain-language line per request on the `flask_cors`
logger, saying which resource matched and why headers were or were not added, with
request values escaped by %r so a client cannot forge log lines."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask, Response, abort

from flask_cors import CORS, cors_exempt, cross_origin
from flask_cors._explain import EXPLANATIONS, REFUSALS
from flask_cors.core import Reason

APP_RESOURCE = "CORS(app) resource '/api/.*'"


def make_app() -> Flask:
    app = Flask(__name__)
    CORS(
        app,
        resources={
            r"/api/.*": {
                "origins": ["https://app.example", "https://admin.example"],
                "methods": ["GET", "PUT"],
                "allow_headers": ["Content-Type"],
            },
            r"/regex/.*": {"origins": r"https://.*\.example"},
            r"/strict/.*": {"origins": "https://app.example", "intercept_exceptions": False},
        },
    )

    @app.route("/api/items", methods=["GET", "PUT"])
    def items() -> str:
        return "items"

    @app.get("/api/exempt")
    @cors_exempt
    def exempt() -> str:
        return "exempt"

    @app.get("/api/own")
    def own() -> Response:
        return Response("own", headers={"Access-Control-Allow-Origin": "https://own.example"})

    @app.get("/regex/items")
    def regex_items() -> str:
        return "regex"

    @app.get("/strict/fail")
    def strict_fail() -> str:
        abort(500)

    @app.get("/plain")
    def plain() -> str:
        return "plain"

    @app.get("/decorated")
    @cross_origin(origins="https://app.example")
    def decorated() -> str:
        return "decorated"

    return app


def debug_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "flask_cors" and r.levelno == logging.DEBUG
    ]


ORIGIN = "https://app.example"

# (id, method, path, request headers, the one DEBUG line)
CASES: list[tuple[str, str, str, dict[str, str], str]] = [
    (
        "origin-allowed",
        "GET",
        "/api/items",
        {"Origin": ORIGIN},
        (
            f"CORS GET '/api/items' Origin='{ORIGIN}': CORS headers added: origin allowed by "
            f"{APP_RESOURCE}"
        ),
    ),
    (
        "origin-refused",
        "GET",
        "/api/items",
        {"Origin": "https://evil.example"},
        (
            "CORS GET '/api/items' Origin='https://evil.example': no CORS headers: origin not "
            f"allowed by {APP_RESOURCE}"
        ),
    ),
    (
        "origin-malformed",
        "GET",
        "/api/items",
        {"Origin": "https://app.example, https://b.example"},
        (
            "CORS GET '/api/items' Origin='https://app.example, https://b.example': no CORS "
            "headers: the Origin "
            f"header is not a well-formed origin ({APP_RESOURCE})"
        ),
    ),
    (
        "no-origin",
        "GET",
        "/regex/items",
        {},
        (
            "CORS GET '/regex/items' Origin=None: no CORS headers: the request has no Origin "
            "header (CORS(app) resource '/regex/.*')"
        ),
    ),
    (
        "no-origin-always-send",
        "GET",
        "/api/items",
        {},
        (
            "CORS GET '/api/items' Origin=None: CORS headers added although there is no Origin "
            f"(always_send) by {APP_RESOURCE}"
        ),
    ),
    (
        "preflight-allowed",
        "OPTIONS",
        "/api/items",
        {"Origin": ORIGIN, "Access-Control-Request-Method": "PUT"},
        (
            f"CORS OPTIONS '/api/items' Origin='{ORIGIN}': preflight for method 'PUT' allowed by "
            f"{APP_RESOURCE}"
        ),
    ),
    (
        "method-not-allowed",
        "OPTIONS",
        "/api/items",
        {"Origin": ORIGIN, "Access-Control-Request-Method": "DELETE"},
        (
            f"CORS OPTIONS '/api/items' Origin='{ORIGIN}': preflight refused: method 'DELETE' is "
            f"not in methods (GET, PUT) of {APP_RESOURCE}"
        ),
    ),
    (
        "header-not-allowed",
        "OPTIONS",
        "/api/items",
        {
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type,x-token",
        },
        (
            f"CORS OPTIONS '/api/items' Origin='{ORIGIN}': preflight refused: header(s) "
            f"'x-token' not allowed by allow_headers (content-type) of {APP_RESOURCE}"
        ),
    ),
    (
        "headers-not-allowed",
        "OPTIONS",
        "/api/items",
        {
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "x-b,content-type,x-a",
        },
        (
            f"CORS OPTIONS '/api/items' Origin='{ORIGIN}': preflight refused: header(s) "
            f"'x-b', 'x-a' not allowed by allow_headers (content-type) of {APP_RESOURCE}"
        ),
    ),
    (
        "exempt",
        "GET",
        "/api/exempt",
        {"Origin": ORIGIN},
        (
            f"CORS GET '/api/exempt' Origin='{ORIGIN}': no CORS headers: the view is marked "
            "@cors_exempt"
        ),
    ),
    (
        "no-policy",
        "GET",
        "/plain",
        {"Origin": ORIGIN},
        (
            f"CORS GET '/plain' Origin='{ORIGIN}': no CORS headers: no CORS resource or "
            "@cross_origin covers this path"
        ),
    ),
    (
        "already-set",
        "GET",
        "/api/own",
        {"Origin": ORIGIN},
        (
            f"CORS GET '/api/own' Origin='{ORIGIN}': left as it is: the response already has "
            f"Access-Control-Allow-Origin ({APP_RESOURCE})"
        ),
    ),
    (
        "error-not-intercepted",
        "GET",
        "/strict/fail",
        {"Origin": ORIGIN},
        (
            f"CORS GET '/strict/fail' Origin='{ORIGIN}': no CORS headers: an error response, and "
            "CORS(app) resource '/strict/.*' has intercept_exceptions=False"
        ),
    ),
    (
        "decorated-view",
        "GET",
        "/decorated",
        {"Origin": ORIGIN},
        (
            f"CORS GET '/decorated' Origin='{ORIGIN}': CORS headers added: origin allowed by "
            "@cross_origin on make_app.<locals>.decorated"
        ),
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "headers", "line"),
    [row[1:] for row in CASES],
    ids=[row[0] for row in CASES],
)
def test_each_request_logs_one_line_saying_why(
    caplog: pytest.LogCaptureFixture, method: str, path: str, headers: dict[str, str], line: str
) -> None:
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    make_app().test_client().open(path, method=method, headers=headers)
    assert debug_lines(caplog) == [line]


@pytest.mark.parametrize(
    ("allow_headers", "requested", "shown"),
    [
        pytest.param("*", "x bad", "*", id="star-refuses-what-is-no-header-name"),
        pytest.param(["X-Token", "Content-Type"], "x-other", "content-type, x-token", id="names"),
        pytest.param([], "x-token", "none", id="none-allowed"),
        pytest.param([], "x-a, x-b", "none", id="two-refused"),
    ],
)
@pytest.mark.parametrize(
    "origins",
    [
        pytest.param("*", id="any-origin"),
        pytest.param(lambda origin: origin == ORIGIN, id="origins-callable"),  # asked first
    ],
)
def test_a_refused_header_is_logged_beside_the_allowed_ones(
    caplog: pytest.LogCaptureFixture,
    origins: Any,
    allow_headers: str | list[str],
    requested: str,
    shown: str,
) -> None:
    app = Flask(__name__)
    CORS(app, origins=origins, allow_headers=allow_headers)
    app.add_url_rule("/r", "r", lambda: "r", methods=["GET", "PUT"])
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    app.test_client().options(
        "/r",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": requested,
        },
    )
    quoted = ", ".join(repr(name.strip()) for name in requested.split(","))  # each quoted
    line = (
        f"CORS OPTIONS '/r' Origin='{ORIGIN}': preflight refused: header(s) {quoted} not "
        f"allowed by allow_headers ({shown}) of CORS(app) resource '/*'"
    )
    assert debug_lines(caplog) == [line]


def test_origins_callable_that_raises_logs_the_refusal_in_words(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(origin: str) -> bool:
        raise LookupError(origin)

    app = Flask(__name__)
    CORS(app, origins=broken)

    @app.get("/")
    def index() -> str:
        return "index"

    caplog.set_level(logging.DEBUG, logger="flask_cors")
    app.test_client().get("/", headers={"Origin": ORIGIN})
    assert debug_lines(caplog) == [
        (
            f"CORS GET '/' Origin='{ORIGIN}': no CORS headers: the origins callable raised, so "
            "the origin is refused (CORS(app) resource '/*')"
        )
    ]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (
            {"HTTP_ORIGIN": "https://app.example\r\nFORGED: line"},
            (
                "CORS GET '/plain' Origin='https://app.example\\r\\nFORGED: line': "
                "no CORS headers: no CORS resource or @cross_origin covers this path"
            ),
        ),
        (
            {"PATH_INFO": "/plain\r\nFORGED: line"},
            (
                f"CORS GET '/plain\\r\\nFORGED: line' Origin='{ORIGIN}': "
                "no CORS headers: no CORS resource or @cross_origin covers this path"
            ),
        ),
        (
            {"REQUEST_METHOD": "GET\r\nFORGED: line"},
            (
                f"CORS 'GET\\r\\nFORGED: LINE' '/plain' Origin='{ORIGIN}': "
                "no CORS headers: no CORS resource or @cross_origin covers this path"
            ),
        ),
    ],
    ids=["origin", "path", "method"],
)
def test_request_values_are_escaped_so_no_line_can_be_forged(
    caplog: pytest.LogCaptureFixture, environ: dict[str, str], expected: str
) -> None:
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    make_app().test_client().get("/plain", headers={"Origin": ORIGIN}, environ_overrides=environ)
    assert debug_lines(caplog) == [expected]


def test_refused_header_values_are_escaped(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    make_app().test_client().options(
        "/api/items",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "PUT"},
        environ_overrides={"HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "x-a\nFORGED"},
    )
    assert debug_lines(caplog) == [
        (
            f"CORS OPTIONS '/api/items' Origin='{ORIGIN}': preflight refused: header(s) "
            f"'x-a\\nFORGED' not allowed by allow_headers (content-type) of {APP_RESOURCE}"
        )
    ]


def test_nothing_is_logged_above_debug_for_an_ordinary_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = make_app().test_client()  # start-up warnings are not the request's
    caplog.clear()
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    client.get("/api/items", headers={"Origin": "https://evil.example"})
    assert [r.levelno for r in caplog.records if r.name == "flask_cors"] == [logging.DEBUG]


def test_the_library_leaves_the_logger_level_alone() -> None:
    make_app().test_client().get("/api/items", headers={"Origin": ORIGIN})
    logger = logging.getLogger("flask_cors")
    assert (logger.level, logger.handlers) == (logging.NOTSET, [])


def test_every_reason_has_its_words_in_the_one_table() -> None:
    missing = [r for r in Reason if r not in EXPLANATIONS or not EXPLANATIONS[r].log.strip()]
    assert missing == []


def test_the_check_names_as_the_cause_exactly_the_reasons_flask_cors_refused_for() -> None:
    assert sorted(reason.value for reason in REFUSALS) == [
        "error-not-intercepted",
        "exempt",
        "header-not-allowed",
        "method-not-allowed",
        "no-policy",
        "origin-check-failed",
        "origin-malformed",
        "origin-refused",
    ]
