"""Reading a WSGI request's CORS headers: `header_values` reads the environ directly.

The Quart (ASGI) side is tests/async/test_header_values.py.
"""

from __future__ import annotations

import pytest
from flask import Flask, request

from flask_cors._pipeline import header_values

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
