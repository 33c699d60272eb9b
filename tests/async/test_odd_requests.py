"""Odd request headers (empty, huge, non-ASCII, joined or repeated Origins, malformed
preflight values) get a normal answer and never an echo of what they sent, and repeated
Access-Control-Request-Headers lines are read as one list, on Flask `def` views, Flask
`async def` views and Quart."""

from __future__ import annotations

import re

import pytest

from flask_cors import CORS
from tests.helpers import App, Framework
from tests.scenarios import ALL_METHODS_VALUE, VARY, A, B, acao


def odd_app(framework: Framework, origins: list[str | re.Pattern[str]]) -> App:
    app = framework.app()
    app.add_url_rule("/x", "x", framework.view(lambda: "x"))
    CORS(app, origins=origins)
    return app


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
def test_odd_origins_get_a_normal_answer_and_no_echo(
    framework: Framework, origin: str, answer: list[str]
) -> None:
    app = odd_app(framework, [A, re.compile(".*")])
    reply = framework.send(app, "GET", "/x", [("Origin", origin)])
    allowed = [value for name, value in reply.cors if name.endswith("allow-origin")]
    assert (reply.status, allowed) == (200, answer)


def test_duplicated_origin_headers_are_not_echoed(framework: Framework) -> None:
    app = odd_app(framework, [re.compile(".*")])
    reply = framework.send(app, "GET", "/x", [("Origin", A), ("Origin", B)])
    assert reply.cors == [VARY]


def test_repeated_request_headers_lines_are_all_answered(framework: Framework) -> None:
    app = odd_app(framework, [A])
    headers = [
        ("Origin", A),
        ("Access-Control-Request-Method", "PUT"),
        ("Access-Control-Request-Headers", "X-B"),
        ("Access-Control-Request-Headers", "X-A"),
    ]
    reply = framework.send(app, "OPTIONS", "/x", headers)
    assert reply.cors == [
        ("access-control-allow-headers", "X-A, X-B"),
        ("access-control-allow-methods", ALL_METHODS_VALUE),
        acao(A),
    ]


# A malformed request method is no preflight: the answer of a plain OPTIONS request. Empty
# request-header items are skipped: never an empty Access-Control-Allow-Headers.
AS_PLAIN_REQUEST = [acao(A)]
AS_PREFLIGHT = [("access-control-allow-methods", ALL_METHODS_VALUE), acao(A)]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param({"Access-Control-Request-Method": ""}, AS_PLAIN_REQUEST, id="empty-method"),
        pytest.param(
            {"Access-Control-Request-Method": "G ET"}, AS_PLAIN_REQUEST, id="method-with-space"
        ),
        pytest.param(
            {"Access-Control-Request-Method": ",".join(["GET"] * 1000)},
            AS_PLAIN_REQUEST,
            id="methods",
        ),
        pytest.param(
            {"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": ",,, ,"},
            AS_PREFLIGHT,
            id="only-commas",
        ),
    ],
)
def test_odd_preflight_headers_get_a_normal_answer(
    framework: Framework, headers: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    reply = framework.send(odd_app(framework, [A]), "OPTIONS", "/x", {"Origin": A, **headers})
    assert (reply.status, reply.cors) == (200, expected)
