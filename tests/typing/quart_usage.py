"""Each entry point on Quart, as users write it; mypy and pyright must accept it, and reject
the misuse.

Checked like flask_usage.py: every intended misuse carries `# type: ignore[<code>]` for mypy
and `# pyright: ignore[<rule>]` for pyright, each failing the day its checker accepts it.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import assert_type

from quart import Blueprint, Quart, Response, websocket

from flask_cors import CORS, CorsOptions, cors_exempt, cross_origin
from flask_cors.testing import FetchResult, fetch_async


async def tenant_allowed(origin: str) -> bool:
    """An async origins check (a database lookup): allowed on Quart."""
    return origin.endswith(".tenant.example")


async def tenant_name(origin: str) -> str:
    """Not an origins check: it awaits to a name, not to True or False."""
    return origin.removesuffix(".tenant.example")


def extension_usage(app: Quart, blueprint: Blueprint) -> None:
    CORS(app, origins=tenant_allowed)
    CORS(app, CorsOptions(origins=tenant_allowed, supports_credentials=True))
    CORS(blueprint, origins=["https://a.example"], resources=r"/api/.*")
    CORS().init_app(app, max_age=600)
    CORS(app=app, origins="https://a.example")
    CORS().init_app(app=blueprint)


def extension_misuse(app: Quart) -> None:
    CORS(app, orgins=tenant_allowed)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    CORS(app, origins=tenant_allowed, max_age=1.5)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    CORS(app, resources={r"/api/.*": {"orgins": tenant_allowed}})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    CORS(app, resources={r"/api/.*": {"origins": tenant_name}})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    CORS(app, origins=tenant_name)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


@cross_origin(origins=tenant_allowed)
async def get_item(item_id: int) -> dict[str, int]:
    return {"item": item_id}


@cross_origin("https://a.example")  # flask-cors 6's positional origins
def sync_item(item_id: int) -> str:
    return str(item_id)


@cross_origin(origins="https://a.example")
async def feed() -> None:
    await websocket.send("hello")  # the first send accepts the connection


@cors_exempt
async def health() -> str:
    return "ok"


def decorator_usage(app: Quart) -> None:
    assert_type(get_item(1), Awaitable[dict[str, int]])
    assert_type(sync_item(1), str)
    app.add_url_rule("/items/<int:item_id>", view_func=get_item)
    app.add_url_rule("/sync/<int:item_id>", view_func=sync_item)
    app.add_url_rule("/health", view_func=health)
    app.add_websocket("/feed", view_func=feed)


def decorator_misuse() -> None:
    get_item(item_id="1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    sync_item()  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


async def testing_usage(app: Quart) -> None:
    result = await fetch_async(app.test_client(), "PUT", "/", origin="https://a.example")
    assert_type(result, FetchResult[Response])
    assert_type(result.preflight, Response | None)
