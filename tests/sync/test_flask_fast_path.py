"""The Flask hook's shortcuts answer as the plain steps they replace.

The hook reads the request's CORS headers straight from the WSGI environ, looks for a
view-set Access-Control-Allow-Origin without `in` (which raises and catches a KeyError),
and runs `answer`, the flat form of `find_policy` then `apply`; these tests pin each to
what the plain reads and the two steps give.
"""

from __future__ import annotations

import pytest
from flask import Blueprint, Flask, Response, abort, request

from flask_cors import CORS, cors_exempt, cross_origin
from flask_cors._response import (
    EXTENSION_KEY,
    answer,
    apply,
    find_policy,
    header_values,
    mark_error,
    observe,
)
from tests.helpers import cors_headers

A = "https://a.example"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="none"),
        pytest.param({"Origin": A}, id="origin"),
        pytest.param({"Origin": ""}, id="empty-origin"),
        pytest.param(
            {
                "Origin": A,
                "Access-Control-Request-Method": "PUT",
                "Access-Control-Request-Headers": "X-A, X-B",
                "Access-Control-Request-Private-Network": "true",
            },
            id="preflight",
        ),
        pytest.param({"access-control-request-method": "put"}, id="lower-case-names"),
    ],
)
def test_header_values_are_what_request_headers_hold(headers: dict[str, str]) -> None:
    with Flask(__name__).test_request_context(headers=headers):
        assert header_values(request) == (
            request.headers.get("Origin"),
            request.headers.get("Access-Control-Request-Method"),
            request.headers.get("Access-Control-Request-Headers"),
            request.headers.get("Access-Control-Request-Private-Network"),
        )


def test_header_values_read_request_headers_when_the_environ_holds_bytes() -> None:
    with Flask(__name__).test_request_context():
        # Not PEP 3333; Werkzeug 2 decodes such a value, so the hook must ask Werkzeug.
        request.environ["HTTP_ORIGIN"] = A.encode()
        assert header_values(request) == (request.headers.get("Origin"), None, None, None)


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


def _configure(app: Flask, case: str) -> None:
    @app.route("/exempt")
    @cors_exempt
    def exempt() -> str:
        return "exempt"

    @app.route("/decorated")
    @cross_origin(origins=["https://b.example"])
    def decorated() -> str:
        return "decorated"

    @app.route("/fail")
    def fail() -> str:
        abort(403)

    bp = Blueprint("bp", __name__)

    @bp.route("/bp")
    def in_blueprint() -> str:
        return "bp"

    if case == "blueprint":
        CORS(bp, origins=["https://c.example"])
        CORS(app, origins=[A])
    elif case == "resources":
        CORS(app, resources={r"/api/.*": {"origins": [A, "https://b.example"]}})
    elif case == "no-intercept":
        CORS(app, origins=[A, "https://b.example"], intercept_exceptions=False)
    else:
        CORS(app, origins=[A, "https://b.example"], allow_private_network=True, max_age=5)
    app.register_blueprint(bp)


REQUESTS = [
    ("GET", {"Origin": A}),
    ("GET", {"Origin": A, "Access-Control-Request-Private-Network": "true"}),
    ("GET", {"Origin": "https://b.example"}),
    ("GET", {"Origin": "https://evil.example"}),
    ("GET", {}),
    ("GET", {"Origin": A, "Access-Control-Request-Method": "PUT"}),
    ("OPTIONS", {"Origin": A, "Access-Control-Request-Method": "PUT"}),
    ("OPTIONS", {"Origin": A, "Access-Control-Request-Method": "put", "X-Y": "1"}),
    ("OPTIONS", {"Origin": A}),
]


@pytest.mark.parametrize("case", ["default", "blueprint", "resources", "no-intercept"])
@pytest.mark.parametrize("path", ["/api/items", "/public", "/exempt", "/decorated", "/bp", "/fail"])
@pytest.mark.parametrize("preset", [None, "view-set-allow-origin", "vary", "vary-origin"])
def test_answer_writes_and_reports_what_find_policy_then_apply_do(
    case: str, path: str, preset: str | None
) -> None:
    app = Flask(__name__)

    @app.route("/api/items", methods=["GET", "POST"])
    def items() -> str:
        return "items"

    @app.route("/public")
    def public() -> str:
        return "public"

    _configure(app, case)
    state = app.extensions[EXTENSION_KEY]
    for method, headers in REQUESTS * 2:  # twice: the second time answers are remembered
        written = []
        for flat in (True, False):
            with app.test_request_context(path, method=method, headers=headers):
                current = request._get_current_object()  # type: ignore[attr-defined]
                view = app.view_functions.get(request.endpoint or "")
                response = app.make_response("x")
                if preset == "view-set-allow-origin":
                    response.headers["access-control-allow-origin"] = "https://mine.example"
                elif preset == "vary":
                    response.headers["Vary"] = "Accept"
                elif preset == "vary-origin":
                    response.headers.add("Vary", "Accept")
                    response.headers.add("vary", "Cookie, origin")
                if path == "/fail":
                    mark_error(current)
                with observe() as outcomes:
                    if flat:
                        answer(state, response, current, view, app.config)
                    else:
                        policy, reason = find_policy(
                            state, current, view, request.blueprints, app.config
                        )
                        apply(response, current, policy, reason)
                written.append((cors_headers(response.headers), outcomes))
        assert written[0] == written[1], (method, headers)
