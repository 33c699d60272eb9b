"""The browser's checks behind `flask_cors.testing.fetch` and ``flask cors check`` that the
shared fetch table does not reach: request headers' safelisting, and answers a view shapes."""

from __future__ import annotations

import pytest
from flask import Flask, redirect
from werkzeug.wrappers import Response

from flask_cors import CORS
from flask_cors.cli import check
from flask_cors.testing import fetch

APP = "https://app.example"


@pytest.fixture(name="app")
def _app() -> Flask:
    app = Flask(__name__)
    CORS(
        app, resources={r"/api/*": {}}, allow_headers="*", expose_headers=["Set-Cookie", "X-Total"]
    )

    @app.route("/api/things", methods=["GET", "PUT"])
    def things() -> str:
        return "things"

    @app.get("/old")
    def old() -> Response:
        return redirect("/api/things")

    @app.get("/api/two")
    def two() -> tuple[str, int, list[tuple[str, str]]]:
        acao = "Access-Control-Allow-Origin"
        return "", 200, [(acao, "https://a.example"), (acao, "https://b.example")]

    @app.get("/api/other")
    def other() -> tuple[str, int, dict[str, str]]:
        return "", 200, {"Access-Control-Allow-Origin": "https://other.example"}

    @app.get("/api/cookie")
    def cookie() -> tuple[str, int, list[tuple[str, str]]]:
        return "ok", 200, [("Set-Cookie", "session=1"), ("X-Total", "3")]

    return app


@pytest.mark.parametrize(
    ("headers", "preflighted"),
    [
        ([("Accept", "text/html")], False),
        ([("Accept", "text/html(")], True),
        ([("Accept", "a" * 129)], True),
        ([("Content-Language", "en-US")], False),
        ([("Accept-Language", "en@US")], True),
        ([("Accept", "a" * 100)] * 10, False),
        ([("Accept", "a" * 100)] * 11, True),
    ],
    ids=[
        "plain-accept",
        "accept-with-unsafe-byte",
        "value-over-128-bytes",
        "language-tag",
        "language-with-unsafe-character",
        "safelisted-values-within-1024-bytes",
        "safelisted-values-over-1024-bytes",
    ],
)
def test_only_safelisted_request_headers_skip_the_preflight(
    app: Flask, headers: list[tuple[str, str]], preflighted: bool
) -> None:
    result = fetch(app.test_client(), "GET", "/api/things", origin=APP, headers=headers)
    assert (result.preflighted, result.allowed) == (preflighted, True)


@pytest.mark.parametrize(
    ("path", "problems"),
    [
        (
            "/old",
            (
                (
                    "the app answers 302 FOUND, a redirect to '/api/things' without CORS "
                    "headers (call the final URL; mind the trailing slash)"
                ),
                "the response has no Access-Control-Allow-Origin header",
            ),
        ),
        (
            "/api/two",
            (
                (
                    "the response has 2 Access-Control-Allow-Origin headers "
                    "('https://a.example', 'https://b.example'); browsers need exactly one"
                ),
            ),
        ),
        (
            "/api/other",
            ("Access-Control-Allow-Origin is 'https://other.example', not 'https://app.example'",),
        ),
    ],
    ids=["redirect-without-cors-headers", "two-allow-origins", "another-allow-origin"],
)
def test_browser_refuses_an_answer_a_view_shaped_wrongly(
    app: Flask, path: str, problems: tuple[str, ...]
) -> None:
    # Werkzeug before 2.1 makes a redirect's Location absolute: the report quotes it as sent.
    location = app.test_client().get("/old").headers["Location"]
    problems = tuple(p.replace("'/api/things'", repr(location)) for p in problems)
    result = fetch(app.test_client(), "GET", path, origin=APP)
    assert (result.allowed, result.problems) == (False, problems)


def test_check_names_the_exception_the_app_raised_on_the_preflight(app: Flask) -> None:
    @app.before_request
    def auth_down() -> None:
        raise RuntimeError("auth down")

    app.testing = True  # the test client raises the exception instead of answering 500
    report = check(app, "/api/things", APP, "PUT", [])
    assert report.verdict == (
        f"a browser at {APP} would be blocked because the app raised "
        "RuntimeError: auth down while answering the preflight."
    )


def test_set_cookie_is_never_readable_even_when_exposed(app: Flask) -> None:
    result = fetch(app.test_client(), "GET", "/api/cookie", origin=APP)
    assert dict(result.readable_headers) == {
        "content-length": "2",
        "content-type": "text/html; charset=utf-8",
        "x-total": "3",
    }
