"""`CORS(blueprint)`: which routes it covers, the app config it reads, its precedence over
`CORS(app)`, nesting, on Flask `def` views, Flask `async def` views and Quart."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from flask_cors import CORS, CorsConfigError
from tests.helpers import App, Framework, Reply

if TYPE_CHECKING:
    from flask import Blueprint
    from quart import Blueprint as QuartBlueprint
from tests.scenarios import VARY, A, B, acao


def blueprint_app(
    framework: Framework, name: str = "api"
) -> tuple[App, Blueprint | QuartBlueprint]:
    """An app serving /home, and a blueprint serving /items (not registered yet)."""
    app = framework.app()
    bp = framework.blueprint(name)
    bp.add_url_rule("/items", "items", framework.view(lambda: "items"))
    app.add_url_rule("/home", "home", framework.view(lambda: "home"))
    return app, bp


def get(framework: Framework, app: App, path: str, origin: str = A) -> Reply:
    return framework.send(app, "GET", path, {"Origin": origin})


def test_cors_on_a_blueprint_covers_only_its_routes(framework: Framework) -> None:
    app, bp = blueprint_app(framework)
    CORS(bp, origins=A)
    app.register_blueprint(bp, url_prefix="/api")
    assert (get(framework, app, "/api/items").cors, get(framework, app, "/home").cors) == (
        [acao(A)],
        [],
    )


def test_cors_on_a_blueprint_reads_app_config_when_registered(framework: Framework) -> None:
    app, bp = blueprint_app(framework)
    CORS(bp)
    app.config["CORS_ORIGINS"] = [A]  # set after CORS(bp): read at registration
    app.register_blueprint(bp, url_prefix="/api")
    assert get(framework, app, "/api/items").cors == [acao(A)]


def test_nested_blueprint_cors_applies_to_the_inner_routes(framework: Framework) -> None:
    app, inner = blueprint_app(framework)
    outer = framework.blueprint("outer")
    CORS(inner, origins=[B])
    outer.register_blueprint(inner, url_prefix="/inner")
    app.register_blueprint(outer, url_prefix="/outer")
    assert get(framework, app, "/outer/inner/items", origin=B).cors == [acao(B)]


@pytest.mark.parametrize("app_first", [True, False], ids=["app-first", "blueprint-first"])
def test_blueprint_cors_takes_precedence_over_app_cors_for_its_routes(
    framework: Framework, app_first: bool
) -> None:
    app, bp = blueprint_app(framework)
    if app_first:
        CORS(app, origins=[A])
    CORS(bp, origins=[B])
    if not app_first:
        CORS(app, origins=[A])
    app.register_blueprint(bp, url_prefix="/api")
    assert (
        get(framework, app, "/api/items", origin=B).cors,
        get(framework, app, "/api/items", origin=A).cors,
        get(framework, app, "/home", origin=A).cors,
    ) == ([acao(B)], [], [acao(A)])


def test_404_inside_a_blueprint_prefix_gets_the_apps_headers(framework: Framework) -> None:
    app, bp = blueprint_app(framework)
    app.register_blueprint(bp, url_prefix="/bp")
    CORS(app, origins=A)
    reply = get(framework, app, "/bp/missing")
    assert (reply.status, reply.cors) == (404, [acao(A)])


def test_bad_blueprint_options_raise_before_registration(framework: Framework) -> None:
    _, bp = blueprint_app(framework)
    with pytest.raises(CorsConfigError, match=r"^max_age=-2: "):
        CORS(bp, max_age=-2)


def test_cors_blueprint_registered_on_two_apps_follows_each_apps_config(
    framework: Framework,
) -> None:
    bp = framework.blueprint("bp")
    bp.add_url_rule("/b", "b", framework.view(lambda: "b"))
    CORS(bp)
    apps = []
    for origin in (A, B):
        app = framework.app()
        app.config["CORS_ORIGINS"] = origin
        app.register_blueprint(bp)
        apps.append(app)
    answers = [
        get(framework, app, "/b", origin).header("Access-Control-Allow-Origin")
        for app in apps
        for origin in (A, B)
    ]
    assert answers == [A, None, None, B]


@pytest.mark.parametrize("covered", ["inner", "outer"])
def test_405_inside_a_cors_blueprint_gets_that_blueprints_headers(
    framework: Framework, covered: str
) -> None:
    # A 405 has no endpoint, so no `request.blueprints`: every enclosing blueprint of the
    # path's view counts, the outer one too.
    app, inner = blueprint_app(framework, "inner")
    outer = framework.blueprint("outer")
    CORS(inner if covered == "inner" else outer, origins=[A, B])
    outer.register_blueprint(inner, url_prefix="/in")
    app.register_blueprint(outer, url_prefix="/out")
    reply = framework.send(app, "DELETE", "/out/in/items", {"Origin": A})
    assert (reply.status, reply.cors) == (405, [acao(A), VARY])
