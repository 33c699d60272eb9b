"""CORS(quart_app), init_app, CORS_* config and blueprints on Quart."""

from __future__ import annotations

import logging

import pytest
from quart import Blueprint, Quart

from flask_cors import CORS, CorsConfigError, CorsOptions
from tests.helpers import cors_headers
from tests.scenarios import VARY, A, B, acao

ORIGIN_A = {"Origin": A}


@pytest.fixture(name="app")
def _app(app: Quart) -> Quart:
    @app.route("/api/items")
    async def items() -> str:
        return "items"

    @app.route("/public")
    async def public() -> str:
        return "public"

    return app


def make_blueprint(name: str = "bp") -> Blueprint:
    blueprint = Blueprint(name, __name__)

    @blueprint.route("/inside")
    async def inside() -> str:
        return "inside"

    return blueprint


async def test_cors_app_covers_every_route_by_default(app: Quart) -> None:
    CORS(app)
    response = await app.test_client().get("/public", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A), VARY]


async def test_init_app_later_covers_the_app(app: Quart) -> None:
    cors = CORS(origins=A)
    cors.init_app(app)
    response = await app.test_client().get("/public", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_init_app_keywords_override_constructor_keywords(app: Quart) -> None:
    CORS(origins=B).init_app(app, origins=A)
    response = await app.test_client().get("/public", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_resources_limit_which_paths_get_headers(app: Quart) -> None:
    CORS(app, resources=r"/api/.*", origins=A)
    client = app.test_client()
    covered = await client.get("/api/items", headers=ORIGIN_A)
    uncovered = await client.get("/public", headers=ORIGIN_A)
    assert (cors_headers(covered.headers), cors_headers(uncovered.headers)) == ([acao(A)], [])


async def test_resource_options_override_the_top_level(app: Quart) -> None:
    CORS(app, origins=B, resources={r"/api/.*": {"origins": A}})
    response = await app.test_client().get("/api/items", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_cors_config_keys_are_read(app: Quart) -> None:
    app.config.update(CORS_ORIGINS=A, CORS_SUPPORTS_CREDENTIALS="true", CORS_MAX_AGE="60")
    CORS(app)
    response = await app.test_client().options(
        "/public", headers={"Origin": A, "Access-Control-Request-Method": "GET"}
    )
    assert cors_headers(response.headers) == [
        ("access-control-allow-credentials", "true"),
        ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        acao(A),
        ("access-control-max-age", "60"),
    ]


async def test_keywords_override_cors_config(app: Quart) -> None:
    app.config["CORS_ORIGINS"] = B
    CORS(app, origins=A)
    response = await app.test_client().get("/public", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_typed_options_ignore_cors_config(app: Quart) -> None:
    app.config["CORS_ORIGINS"] = B
    CORS(app, CorsOptions(origins=A))
    response = await app.test_client().get("/public", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


def test_bad_cors_config_value_is_an_error_naming_the_key(app: Quart) -> None:
    app.config["CORS_MAX_AGE"] = "-1"
    with pytest.raises(CorsConfigError, match=r"^CORS_MAX_AGE='-1': "):
        CORS(app)


async def test_init_app_twice_sends_headers_once(app: Quart) -> None:
    cors = CORS(origins=A)
    cors.init_app(app)
    cors.init_app(app)
    response = await app.test_client().get("/public", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_cors_blueprint_covers_its_routes(app: Quart) -> None:
    blueprint = make_blueprint()
    CORS(blueprint, origins=A)
    app.register_blueprint(blueprint, url_prefix="/bp")
    response = await app.test_client().get("/bp/inside", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_cors_blueprint_leaves_app_routes_alone(app: Quart) -> None:
    blueprint = make_blueprint()
    CORS(blueprint, origins=A)
    app.register_blueprint(blueprint, url_prefix="/bp")
    response = await app.test_client().get("/public", headers=ORIGIN_A)
    assert cors_headers(response.headers) == []


async def test_cors_blueprint_reads_app_config_when_registered(app: Quart) -> None:
    blueprint = make_blueprint()
    CORS(blueprint)
    app.config["CORS_ORIGINS"] = A
    app.register_blueprint(blueprint, url_prefix="/bp")
    response = await app.test_client().get("/bp/inside", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_blueprint_policy_wins_over_app_policy_inside_it(app: Quart) -> None:
    blueprint = make_blueprint()
    CORS(blueprint, origins=A)
    CORS(app, origins=B)
    app.register_blueprint(blueprint, url_prefix="/bp")
    response = await app.test_client().get("/bp/inside", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_nested_blueprint_is_covered_by_its_own_registration(app: Quart) -> None:
    parent = Blueprint("parent", __name__)
    child = make_blueprint("child")
    CORS(child, origins=A)
    parent.register_blueprint(child, url_prefix="/child")
    app.register_blueprint(parent, url_prefix="/parent")
    response = await app.test_client().get("/parent/child/inside", headers=ORIGIN_A)
    assert cors_headers(response.headers) == [acao(A)]


async def test_404_inside_blueprint_prefix_gets_app_headers(app: Quart) -> None:
    app.register_blueprint(make_blueprint(), url_prefix="/bp")
    CORS(app, origins=A)
    response = await app.test_client().get("/bp/missing", headers=ORIGIN_A)
    assert (response.status_code, cors_headers(response.headers)) == (404, [acao(A)])


@pytest.mark.parametrize(
    ("origin", "why"),
    [
        pytest.param(A, "CORS headers added: origin allowed by", id="allowed"),
        pytest.param(
            "https://evil.example", "no CORS headers: origin not allowed by", id="refused"
        ),
    ],
)
async def test_each_request_logs_one_debug_line_saying_why(
    app: Quart, caplog: pytest.LogCaptureFixture, origin: str, why: str
) -> None:
    CORS(app, origins=[A, B])
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    await app.test_client().get("/public", headers={"Origin": origin})
    lines = [r.getMessage() for r in caplog.records if r.name == "flask_cors"]
    assert lines == [f"CORS GET '/public' Origin={origin!r}: {why} CORS(app) resource '/*'"]
