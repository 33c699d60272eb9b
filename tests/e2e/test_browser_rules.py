"""CORS rules as Chromium applies them to flask_cors answers, with fetch() from the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, Response, jsonify
from playwright.sync_api import BrowserContext, Page
from quart import Quart
from quart import Response as QuartResponse
from quart import jsonify as quart_jsonify

from demo.run import RunningDemo
from flask_cors import CORS

from .browsing import click_scenario, fetch_from, open_page
from .conftest import ServeApi


@pytest.mark.parametrize("api", ["flask", "quart"])
def test_page_on_an_unlisted_origin_can_read_nothing(
    context: BrowserContext, demo: RunningDemo, api: str
) -> None:
    port = demo.page_url.rsplit(":", 1)[1].rstrip("/")
    page = open_page(context, f"http://evil.localhost:{port}/")
    seen = click_scenario(page, api, "simple-get")
    assert seen["outcome"] == "blocked"


FRAMEWORKS = ["flask", "quart"]


def _api(framework: str, page_origins: tuple[str, ...], **options: Any) -> Flask | Quart:
    """/data and a browser-cacheable /cacheable, with `CORS(app, origins=..., **options)`."""
    return (_flask_api if framework == "flask" else _quart_api)(page_origins, **options)


def _flask_api(page_origins: tuple[str, ...], **options: Any) -> Flask:
    app = Flask("rules_flask_api")
    CORS(app, origins=list(page_origins), **options)

    @app.get("/data")
    def data() -> Response:
        return jsonify(answer=42)

    @app.get("/cacheable")
    def cacheable() -> Response:
        response = jsonify(answer=42)
        response.headers["Cache-Control"] = "public, max-age=600"
        return response

    return app


def _quart_api(page_origins: tuple[str, ...], **options: Any) -> Quart:
    app = Quart("rules_quart_api")
    CORS(app, origins=list(page_origins), **options)

    @app.get("/data")
    async def data() -> QuartResponse:
        return quart_jsonify(answer=42)

    @app.get("/cacheable")
    async def cacheable() -> QuartResponse:
        response = quart_jsonify(answer=42)
        response.headers["Cache-Control"] = "public, max-age=600"
        return response

    return app


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(
    ("supports_credentials", "outcome"),
    [(True, "allowed"), (False, "blocked")],
    ids=["supports_credentials-allowed", "no-credentials-option-blocked"],
)
def test_credentialed_fetch_needs_supports_credentials(
    page: Page,
    demo: RunningDemo,
    serve_api: ServeApi,
    framework: str,
    supports_credentials: bool,
    outcome: str,
) -> None:
    app = _api(framework, demo.page_origins, supports_credentials=supports_credentials)
    base, _ = serve_api(app)
    seen = fetch_from(page, f"{base}/data", {"credentials": "include"})
    assert seen["outcome"] == outcome


def _star_allow_headers() -> Flask:
    """A hand-written answer with Access-Control-Allow-Headers: *, for comparison."""
    app = Flask("star_api")

    @app.route("/data", methods=["GET", "OPTIONS"])
    def data() -> Response:
        response = jsonify(answer=42)
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Headers"] = "*"
        return response

    return app


@pytest.mark.parametrize(
    ("make_app", "outcome"),
    [
        (lambda origins: _api("flask", origins), "allowed"),
        (lambda origins: _api("quart", origins), "allowed"),
        (lambda origins: _star_allow_headers(), "blocked"),
    ],
    ids=[
        "flask-default-echoes-authorization",
        "quart-default-echoes-authorization",
        "literal-star-never-covers-authorization",
    ],
)
def test_authorization_header_passes_because_allowed_headers_are_echoed(
    page: Page,
    demo: RunningDemo,
    serve_api: ServeApi,
    make_app: Callable[[tuple[str, ...]], Flask | Quart],
    outcome: str,
) -> None:
    base, _ = serve_api(make_app(demo.page_origins))
    seen = fetch_from(page, f"{base}/data", {"headers": {"Authorization": "Bearer token"}})
    assert seen["outcome"] == outcome


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(
    ("vary_header", "second_page_outcome", "gets_served"),
    [(True, "allowed", 2), (False, "blocked", 1)],
    ids=["vary-origin-keeps-answers-apart", "without-vary-the-cache-mixes-origins"],
)
def test_vary_origin_stops_the_browser_cache_serving_one_origin_answer_to_another(
    context: BrowserContext,
    demo: RunningDemo,
    serve_api: ServeApi,
    second_page_url: str,
    framework: str,
    vary_header: bool,
    second_page_outcome: str,
    gets_served: int,
) -> None:
    second_origin = second_page_url.rstrip("/")
    api = _api(framework, (*demo.page_origins, second_origin), vary_header=vary_header)
    base, log = serve_api(api)
    first = fetch_from(open_page(context, demo.page_url), f"{base}/cacheable")
    second = fetch_from(open_page(context, second_page_url), f"{base}/cacheable")
    assert (first["outcome"], second["outcome"], log.count("GET", "/cacheable")) == (
        "allowed",
        second_page_outcome,
        gets_served,
    )
