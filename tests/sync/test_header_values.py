"""Reading a WSGI request's CORS headers: `header_values` reads the environ directly.

The Quart (ASGI) side is tests/async/test_header_values.py.
"""

from __future__ import annotations

import pytest
from flask import Flask, request

from flask_cors import CORS
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


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param({"HTTP_ORIGIN": A.encode()}, (A, None, None, None), id="bytes-origin"),
        pytest.param(
            {"HTTP_ORIGIN": A, "HTTP_ACCESS_CONTROL_REQUEST_METHOD": b"PUT"},
            (A, "PUT", None, None),
            id="bytes-beside-str",
        ),
        pytest.param({"HTTP_ORIGIN": "é".encode("latin-1")}, ("é", None, None, None), id="latin-1"),
        pytest.param({"HTTP_ORIGIN": 42}, (None, None, None, None), id="not-a-string"),
        pytest.param(
            {
                "HTTP_ORIGIN": A.encode(),
                "HTTP_ACCESS_CONTROL_REQUEST_METHOD": b"PUT",
                "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": b"X-A",
                "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK": b"true",
            },
            (A, "PUT", "X-A", "true"),
            id="all-four-bytes",
        ),
    ],
)
def test_header_values_read_a_non_pep_3333_environ_as_wsgi_strings(
    environ: dict[str, object], expected: tuple[str | None, ...]
) -> None:
    # A server passing bytes breaks PEP 3333 and Werkzeug 3 no longer decodes them; the
    # hook reads them as the latin-1 strings WSGI means, and ignores anything else.
    with Flask(__name__).test_request_context():
        request.environ.update(environ)
        assert header_values(request) == expected


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        pytest.param(A.encode(), [("Access-Control-Allow-Origin", A)], id="allowed"),
        pytest.param(b"https://b.example", [], id="refused"),
        pytest.param(42, None, id="not-a-string-is-no-origin"),
    ],
)
def test_a_non_pep_3333_origin_never_raises(
    origin: object, expected: list[tuple[str, str]] | None
) -> None:
    app = Flask(__name__)
    CORS(app, origins=[A, "https://c.example"])
    app.add_url_rule("/", "index", lambda: "ok")
    with app.test_client() as client:
        response = client.get("/", environ_overrides={"HTTP_ORIGIN": origin})
        if expected is None:  # what a request without Origin gets
            expected = [(k, v) for k, v in client.get("/").headers if k.startswith("Access-")]
    assert response.status_code == 200
    assert [(k, v) for k, v in response.headers if k.startswith("Access-Control-")] == expected
    assert response.headers["Vary"] == "Origin"


@pytest.mark.parametrize(
    "origin", [pytest.param(A, id="str-origin"), pytest.param(A.encode(), id="bytes-origin")]
)
def test_a_non_pep_3333_private_network_request_header_is_read_on_a_get(origin: object) -> None:
    # A GET reads the environ inline (not through header_values): bytes there are decoded too.
    app = Flask(__name__)
    CORS(app, origins=[A, "https://c.example"], allow_private_network=True)
    app.add_url_rule("/", "index", lambda: "ok")
    environ = {"HTTP_ORIGIN": origin, "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK": b"true"}
    response = app.test_client().get("/", environ_overrides=environ)
    assert [(k, v) for k, v in response.headers if k.startswith("Access-Control-")] == [
        ("Access-Control-Allow-Origin", A),
        ("Access-Control-Allow-Private-Network", "true"),
    ]
