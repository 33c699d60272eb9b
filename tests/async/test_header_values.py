"""Reading the CORS request headers of an ASGI (Quart) request in one pass.

Quart's request headers are Werkzeug `Headers`, not a WSGI environ; `header_values` reads
the four the core needs in one pass instead of four `get()`s. These tests pin it to what
a WSGI server puts in the environ: the values of each name, whatever its case, joined with
", " when the name is repeated (RFC 9110 5.3), or None.
"""

from __future__ import annotations

import pytest
from werkzeug.datastructures import Headers
from werkzeug.sansio.request import Request

from flask_cors._pipeline import header_values

A = "https://a.example"


def request_with(headers: list[tuple[str, str]]) -> Request:
    return Request("OPTIONS", "http", ("localhost", 80), "", "/", b"", Headers(headers), None)


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param([], id="none"),
        pytest.param([("Host", "localhost"), ("Origin", A)], id="origin"),
        pytest.param([("Origin", A), ("origin", "https://b.example")], id="two-lines-joined"),
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
def test_header_values_of_an_asgi_request_are_its_lines_joined_as_wsgi_does(
    headers: list[tuple[str, str]],
) -> None:
    request = request_with(headers)
    assert header_values(request) == tuple(
        _joined(request.headers.getlist(name))
        for name in (
            "Origin",
            "Access-Control-Request-Method",
            "Access-Control-Request-Headers",
            "Access-Control-Request-Private-Network",
        )
    )


def _joined(values: list[str]) -> str | None:
    return ", ".join(values) if values else None
