"""Each deliberate difference from flask-cors 6 (docs/design.md section 6) and its hole."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse as Response

from flask_cors import CORS, CorsConfigError, cross_origin
from tests.helpers import cors_headers

A = "https://a.example"


def app_with(path: str = "/x", **options: Any) -> Flask:
    app = Flask(__name__)
    app.add_url_rule(path, "x", lambda: "x", methods=["GET", "POST"])
    CORS(app, **options)
    return app


def allow_origin(response: Response) -> list[str]:
    return [v for k, v in cors_headers(response.headers) if k == "access-control-allow-origin"]


def test_d1_regex_origin_matches_the_whole_origin_so_a_lookalike_host_is_refused() -> None:
    app = app_with(origins=[r"https://.*\.example\.com"])
    client = app.test_client()
    evil = client.get("/x", headers={"Origin": "https://a.example.com.evil.net"})
    good = client.get("/x", headers={"Origin": "https://a.example.com"})
    assert (allow_origin(evil), allow_origin(good)) == ([], ["https://a.example.com"])


@pytest.mark.parametrize(
    "origin",
    [
        pytest.param("https://a.example https://b.example", id="space"),
        pytest.param("https://a.example,https://evil.example", id="comma"),
        pytest.param("https://évil.example", id="non-ascii"),
        pytest.param("https://" + "a" * 2100 + ".example", id="over-2048"),
    ],
)
def test_d2_malformed_origin_is_never_echoed_even_by_an_allow_all_policy(origin: str) -> None:
    response = app_with().test_client().get("/x", headers={"Origin": origin})
    assert allow_origin(response) == []


def test_d3_misspelt_option_is_an_error_not_an_allow_all_app() -> None:
    with pytest.raises(CorsConfigError, match=r"^origin=.*Did you mean 'origins'\?"):
        app_with(origin="https://a.example")


def test_d3_decorator_raises_at_decoration_time_not_per_request() -> None:
    with pytest.raises(CorsConfigError, match=r"^max_age=-1: "):
        cross_origin(max_age=-1)


def test_d4_refused_origin_still_gets_vary_origin() -> None:
    app = app_with(origins=[A, "https://b.example"])
    response = app.test_client().get("/x", headers={"Origin": "https://evil.example"})
    assert cors_headers(response.headers) == [("vary", "Origin")]


def test_d4_originless_response_of_an_echoing_policy_gets_vary_origin() -> None:
    response = app_with().test_client().get("/x")
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "*"),
        ("vary", "Origin"),
    ]


def test_d5_credentials_with_every_origin_logs_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = app_with(supports_credentials=True)
    response = app.test_client().get("/x", headers={"Origin": A})
    assert allow_origin(response) == [A]
    assert len([r for r in caplog.records if "credentialed" in r.getMessage()]) == 1


def test_d5_credentials_with_a_sent_wildcard_is_an_error() -> None:
    with pytest.raises(CorsConfigError, match=r"^send_wildcard=True: browsers refuse"):
        app_with(supports_credentials=True, send_wildcard=True)


def test_d6_max_age_zero_is_sent() -> None:
    response = (
        app_with(max_age=0)
        .test_client()
        .options("/x", headers={"Origin": A, "Access-Control-Request-Method": "POST"})
    )
    assert ("access-control-max-age", "0") in cors_headers(response.headers)


def test_d6_methods_match_exact_tokens_so_et_is_not_get() -> None:
    response = (
        app_with(methods=["GET"])
        .test_client()
        .options("/x", headers={"Origin": A, "Access-Control-Request-Method": "ET"})
    )
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", A),
        ("vary", "Origin"),
    ]


def test_d6_empty_request_header_items_are_dropped() -> None:
    response = (
        app_with()
        .test_client()
        .options(
            "/x",
            headers={
                "Origin": A,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "x-a,,x-b,",
            },
        )
    )
    assert ("access-control-allow-headers", "x-a, x-b") in cors_headers(response.headers)


@pytest.mark.parametrize(
    ("route", "requested", "covered"),
    [
        pytest.param("/a b", "/a%20b", True, id="decoded-once"),
        pytest.param("/a b", "/a%2520b", False, id="not-decoded-twice"),
        pytest.param("/a%20b", "/a%2520b", True, id="escaped-percent-stays-literal"),
        pytest.param("/c++", "/c++", True, id="plus-stays-plus"),
        pytest.param("/c++", "/c%2B%2B", True, id="encoded-plus-is-plus"),
    ],
)
def test_d6_the_path_is_decoded_exactly_once(route: str, requested: str, covered: bool) -> None:
    app = Flask(__name__)
    app.add_url_rule("/<path:anything>", "any", lambda anything: anything)
    CORS(app, resources=[route], origins=[A])
    response = app.test_client().get(requested, headers={"Origin": A})
    assert allow_origin(response) == ([A] if covered else [])


def test_d6_comma_strings_are_lists() -> None:
    app = app_with(origins=f"{A}, https://b.example")
    response = app.test_client().get("/x", headers={"Origin": "https://b.example"})
    assert allow_origin(response) == ["https://b.example"]


def test_d6_config_boolean_false_string_is_false() -> None:
    app = Flask(__name__)
    app.add_url_rule("/x", "x", lambda: "x")
    app.config.update(CORS_SUPPORTS_CREDENTIALS="False", CORS_ORIGINS=[A])
    CORS(app)
    response = app.test_client().get("/x", headers={"Origin": A})
    assert ("access-control-allow-credentials", "true") not in cors_headers(response.headers)


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        pytest.param("https://a.example.com", True, id="subdomain"),
        pytest.param("https://a.b.example.com", True, id="deeper-subdomain"),
        pytest.param("https://example.com", False, id="apex-is-not-a-subdomain"),
        pytest.param("https://ax.example.com.evil.net", False, id="suffix-trap"),
        pytest.param("https://aexample.com", False, id="no-dot"),
        pytest.param("http://a.example.com", False, id="other-scheme"),
    ],
)
def test_d7_glob_origin_means_subdomains_only(origin: str, allowed: bool) -> None:
    app = app_with(origins=["https://*.example.com"])
    response = app.test_client().get("/x", headers={"Origin": origin})
    assert allow_origin(response) == ([origin] if allowed else [])


def test_intercept_exceptions_false_warns_once_that_errors_lose_their_headers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # D6: flask-cors 6 ignored the option, so an app moving over must hear what changes.
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    CORS(app, resources={r"/a/.*": {}, r"/b/.*": {}}, intercept_exceptions=False)

    @app.route("/a/fail")
    def fail() -> str:
        raise LookupError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/a/fail", headers={"Origin": "https://a.example"})
    assert (response.status_code, cors_headers(response.headers)) == (500, [])
    expected = (
        "CORS(app) resource '/a/.*': intercept_exceptions=False: error responses (abort(), "
        "404/405, unhandled 500s and the app's error handlers) get no CORS headers, so a page "
        "cannot read them. flask-cors 6 ignored this option and sent them; remove it to keep "
        "them."
    )
    assert [r.getMessage() for r in caplog.records if r.name == "flask_cors"] == [expected]
