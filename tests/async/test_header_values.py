"""Reading the CORS request headers of an ASGI (Quart) request in one pass.

Quart's request headers are Werkzeug `Headers`, not a WSGI environ; `header_values` reads
the four the core needs in one pass instead of four `get()`s. These tests pin it to what
`get()` returns: the first value of each name, whatever its case, or None.
"""

from __future__ import annotations

import pytest
from werkzeug.datastructures import Headers
from werkzeug.sansio.request import Request

from flask_cors._response import header_values

A = "https://a.example"


def request_with(headers: list[tuple[str, str]]) -> Request:
    return Request("OPTIONS", "http", ("localhost", 80), "", "/", b"", Headers(headers), None)


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param([], id="none"),
        pytest.param([("Host", "localhost"), ("Origin", A)], id="origin"),
        pytest.param([("Origin", A), ("origin", "https://b.example")], id="first-of-two-wins"),
        pytest.param(
            [
                ("Access-Control-Request-Private-Network", "true"),
                ("access-control-request-method", "PUT"),
                ("ACCESS-CONTROL-REQUEST-HEADERS", "X-A, X-B"),
                ("Origin", ""),
            ],
            id="any-case-any-order",
        ),
        pytest.param([("Origins", A), ("Access-Control-Request-Methods", "PUT")], id="near-names"),
    ],
)
def test_header_values_of_an_asgi_request_are_what_get_returns(
    headers: list[tuple[str, str]],
) -> None:
    request = request_with(headers)
    assert header_values(request) == (
        request.headers.get("Origin"),
        request.headers.get("Access-Control-Request-Method"),
        request.headers.get("Access-Control-Request-Headers"),
        request.headers.get("Access-Control-Request-Private-Network"),
    )
