"""The browser scenarios: what the page fetches, and what Chromium did with it.

One table for the browser suite (test_demo_page.py clicks the demo's buttons,
test_browser_rules.py fetches from the page) and for test_testing_agreement.py, which asserts
that `flask_cors.testing.fetch` predicts each outcome from the app's test client alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from flask import Flask, Response, jsonify
from quart import Quart
from quart import Response as QuartResponse
from quart import jsonify as quart_jsonify

from flask_cors import CORS

__all__ = [
    "AUTHORIZATION_CASES",
    "CREDENTIAL_CASES",
    "DEMO_SCENARIOS",
    "FRAMEWORKS",
    "UNLISTED_PAGE_SCENARIO",
    "VARY_CASES",
    "DemoScenario",
    "PageFetch",
    "RuleCase",
    "VaryCase",
    "rules_api",
]

FRAMEWORKS = ["flask", "quart"]


@dataclass(frozen=True, slots=True)
class PageFetch:
    """One ``fetch(path, init)`` the page's script makes; `init` as JavaScript gets it."""

    path: str
    init: dict[str, Any] = field(default_factory=dict)

    @property
    def method(self) -> str:
        return str(self.init.get("method", "GET"))

    @property
    def headers(self) -> dict[str, str]:
        return dict(self.init.get("headers", {}))

    @property
    def credentials(self) -> bool:
        return self.init.get("credentials") == "include"

    @property
    def body(self) -> str | None:
        body = self.init.get("body")
        return None if body is None else str(body)


def _json(method: str, body: str) -> dict[str, Any]:
    """demo.js `jsonBody`: a JSON body with its Content-Type."""
    return {"method": method, "headers": {"Content-Type": "application/json"}, "body": body}


def _preflights(path: str) -> PageFetch:
    """demo.js `preflightsSeen`: the API's own count of preflights for `path`."""
    return PageFetch(f"/api/preflights?path={path.replace('/', '%2F')}")


@dataclass(frozen=True, slots=True)
class DemoScenario:
    """A row of the demo page (demo/static/demo.js SCENARIOS): the fetches its Run button
    makes, in order, and what the page showed for the one it reports (`shown`)."""

    id: str
    outcome: str
    status: int | None
    fetches: tuple[PageFetch, ...]
    shown: int = -1


DEMO_SCENARIOS = [
    DemoScenario("simple-get", "allowed", 200, (PageFetch("/api/hello"),)),
    DemoScenario(
        "json-post", "allowed", 200, (PageFetch("/api/echo", _json("POST", '{"hello":"world"}')),)
    ),
    DemoScenario(
        "custom-header-allowed",
        "allowed",
        200,
        (PageFetch("/api/hello", {"headers": {"X-Demo-Token": "42"}}),),
    ),
    DemoScenario(
        "custom-header-refused",
        "blocked",
        None,
        (PageFetch("/api/hello", {"headers": {"X-Unlisted": "1"}}),),
    ),
    DemoScenario(
        "credentials",
        "allowed",
        200,
        (
            PageFetch("/api/login", {"method": "POST", "credentials": "include"}),
            PageFetch("/api/whoami", {"credentials": "include"}),
        ),
    ),
    DemoScenario("exposed-headers", "allowed", 200, (PageFetch("/api/headers"),)),
    DemoScenario("refused-origin", "blocked", None, (PageFetch("/partner/data"),)),
    DemoScenario("error", "allowed", 500, (PageFetch("/api/boom"),)),
    DemoScenario("async-view", "allowed", 200, (PageFetch("/api/async"),)),
    *(
        DemoScenario(
            scenario,
            "allowed",
            200,
            (
                _preflights(path),
                PageFetch(path, _json("PUT", '{"attempt":1}')),
                PageFetch(path, _json("PUT", '{"attempt":2}')),
                _preflights(path),
            ),
            shown=2,
        )
        for scenario, path in [("max-age", "/api/cached"), ("max-age-zero", "/api/uncached")]
    ),
]


UNLISTED_PAGE_SCENARIO = "simple-get"
"""Clicked on the demo page served from http://evil.localhost:PORT/, an origin no API lists."""


# --- the rules: small APIs fetched from the demo page -----------------------------------


def rules_api(framework: str, page_origins: tuple[str, ...], **options: Any) -> Flask | Quart:
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


def _star_allow_headers(page_origins: tuple[str, ...]) -> Flask:
    """A hand-written answer with Access-Control-Allow-Headers: *, for comparison."""
    app = Flask("star_api")

    @app.route("/data", methods=["GET", "OPTIONS"])
    def data() -> Response:
        response = jsonify(answer=42)
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Headers"] = "*"
        return response

    return app


@dataclass(frozen=True, slots=True)
class RuleCase:
    """``fetch(path, init)`` from the demo page against `app(page_origins)`, served."""

    id: str
    app: Callable[[tuple[str, ...]], Flask | Quart]
    fetch: PageFetch
    outcome: str


CREDENTIAL_CASES = [
    RuleCase(
        f"{framework}-{label}",
        partial(rules_api, framework, supports_credentials=on),
        PageFetch("/data", {"credentials": "include"}),
        outcome,
    )
    for framework in FRAMEWORKS
    for on, label, outcome in [
        (True, "supports_credentials-allowed", "allowed"),
        (False, "no-credentials-option-blocked", "blocked"),
    ]
]
"""A credentialed fetch needs supports_credentials."""

_AUTHORIZATION = PageFetch("/data", {"headers": {"Authorization": "Bearer token"}})
AUTHORIZATION_CASES = [
    RuleCase(
        "flask-default-echoes-authorization",
        lambda origins: rules_api("flask", origins),
        _AUTHORIZATION,
        "allowed",
    ),
    RuleCase(
        "quart-default-echoes-authorization",
        lambda origins: rules_api("quart", origins),
        _AUTHORIZATION,
        "allowed",
    ),
    RuleCase(
        "literal-star-never-covers-authorization", _star_allow_headers, _AUTHORIZATION, "blocked"
    ),
]
"""Authorization passes because allowed headers are echoed; a literal "*" never covers it."""


@dataclass(frozen=True, slots=True)
class VaryCase:
    """GET /cacheable (cacheable for 600 s) from the page, then from a second page (another
    origin, also allowed) in the same browser: does the cache serve the first answer?"""

    id: str
    vary_header: bool
    second_page_outcome: str
    gets_served: int
    """How many of the two GETs reached the server."""


VARY_CASES = [
    VaryCase("vary-origin-keeps-answers-apart", True, "allowed", 2),
    VaryCase("without-vary-the-cache-mixes-origins", False, "blocked", 1),
]
