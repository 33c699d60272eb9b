"""The Flask hook's shortcuts answer as the plain reads they replace.

The hook reads the request's CORS headers straight from the WSGI environ and looks for a
view-set Access-Control-Allow-Origin without `in` (which raises and catches a KeyError);
these tests pin that both see exactly what `request.headers` and `response.headers` hold.
"""

from __future__ import annotations

import pytest
from flask import Flask, Response, request

from flask_cors import CORS
from flask_cors._response import header_values
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
