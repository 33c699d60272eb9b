"""DESIGN rules that a review found unpinned or wrong, each checked on the headers a request gets.

The Quart twins are in tests/async/test_design_rules_quart.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask, request

from flask_cors import CORS, CorsOptions, cross_origin
from tests.helpers import cors_headers

A = "https://a.example"
B = "https://b.example"


def _app(**options: Any) -> Flask:
    app = Flask(__name__)

    @app.route("/r", methods=["GET", "POST"])
    def r() -> str:
        return "r"

    CORS(app, **options)
    return app


# --- DESIGN 3: a comma string is a list, whatever its items are -----------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        pytest.param(
            "https://*.a.example, https://b.example",
            ("https://*.a.example", "https://b.example"),
            id="glob-then-literal",
        ),
        pytest.param(
            r"https://b.example,https://.*\.c\.example",
            ("https://b.example", r"https://.*\.c\.example"),
            id="literal-then-regex",
        ),
        pytest.param(
            r"https://[a-z]{1,3}\.a\.example",
            (r"https://[a-z]{1,3}\.a\.example",),
            id="comma-inside-a-repeat-stays-in-its-regex",
        ),
        pytest.param(
            r"https://(a|b)[,]?\.example, https://c.example",
            (r"https://(a|b)[,]?\.example", "https://c.example"),
            id="comma-inside-a-class-stays-in-its-regex",
        ),
    ],
)
def test_origin_comma_string_splits_at_commas_outside_regex_syntax(
    given: str, stored: tuple[str, ...]
) -> None:
    assert CorsOptions(origins=given).origins == stored


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        pytest.param("https://x.a.example", True, id="subdomain-of-the-glob"),
        pytest.param("https://b.example", True, id="the-literal"),
        pytest.param("https://a.example", False, id="glob-base-itself"),
    ],
)
def test_glob_in_a_comma_string_allows_its_subdomains_and_the_other_origins(
    origin: str, allowed: bool
) -> None:
    client = _app(origins="https://*.a.example, https://b.example").test_client()
    response = client.get("/r", headers={"Origin": origin})
    expected = [("access-control-allow-origin", origin)] if allowed else []
    assert cors_headers(response.headers) == sorted([*expected, ("vary", "Origin")])


def test_allow_headers_comma_string_splits_a_regex_from_a_name() -> None:
    client = _app(allow_headers=r"X-Custom-.*, Content-Type").test_client()
    response = client.options(
        "/r",
        headers={
            "Origin": A,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-custom-id, x-other",
        },
    )
    assert response.headers["Access-Control-Allow-Headers"] == "content-type, x-custom-id"


def test_config_origins_comma_string_with_a_glob_is_a_list() -> None:
    app = Flask(__name__)
    app.config["CORS_ORIGINS"] = "https://*.a.example, https://b.example"

    @app.route("/r")
    def r() -> str:
        return "r"

    CORS(app)
    client = app.test_client()
    answers = [
        client.get("/r", headers={"Origin": origin}).headers.get("Access-Control-Allow-Origin")
        for origin in ("https://x.a.example", B)
    ]
    assert answers == ["https://x.a.example", B]


def test_compiled_regex_with_a_comma_is_never_split() -> None:
    pattern = re.compile(r"https://[a-z]{1,3}\.example")
    assert CorsOptions(origins=pattern).origins == (pattern,)


# --- DESIGN 4: the decorator reads CORS_AUTOMATIC_OPTIONS like every other option ------------


def _options_view_app(config_automatic: object, **decorator: Any) -> tuple[Flask, list[str]]:
    app = Flask(__name__)
    app.config["CORS_AUTOMATIC_OPTIONS"] = config_automatic
    ran: list[str] = []

    @app.route("/v", methods=["GET", "OPTIONS"])
    @cross_origin(origins=A, **decorator)
    def v() -> str:
        ran.append(request.method)
        return "view body"

    return app, ran


@pytest.mark.parametrize("value", [False, "false", "off"], ids=["bool", "word-false", "word-off"])
def test_config_automatic_options_false_lets_a_decorated_view_answer_options(value: object) -> None:
    app, ran = _options_view_app(value)
    response = app.test_client().options("/v", headers={"Origin": A})
    assert (response.get_data(as_text=True), ran, cors_headers(response.headers)) == (
        "view body",
        ["OPTIONS"],
        [("access-control-allow-origin", A)],
    )


def test_decorator_automatic_options_keyword_beats_config() -> None:
    app, ran = _options_view_app(False, automatic_options=True)
    response = app.test_client().options("/v", headers={"Origin": A})
    assert (response.get_data(as_text=True), ran, cors_headers(response.headers)) == (
        "",
        [],
        [("access-control-allow-origin", A)],
    )
