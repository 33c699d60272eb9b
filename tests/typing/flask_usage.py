"""Each entry point on Flask, as users write it; mypy and pyright must accept it, and reject
the misuse.

Checked by `mypy` (mypy.ini covers tests/) and by pyright in strict mode ([tool.pyright] in
pyproject.toml); never imported or run. Every intended misuse carries both checkers' marks,
`# type: ignore[<code>]` and `# pyright: ignore[<rule>]`: mypy's `warn_unused_ignores` and
pyright's `reportUnnecessaryTypeIgnoreComment` fail the day either checker accepts it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import assert_type

from flask import Blueprint, Flask
from werkzeug.test import TestResponse

from flask_cors import CORS, CorsOptions, cors_exempt, cross_origin
from flask_cors.options import ResourceOptions
from flask_cors.testing import FetchResult, fetch


def extension_usage(app: Flask, blueprint: Blueprint) -> None:
    CORS(app)
    CORS(app, origins=["https://a.example", re.compile(r"https://.*\.b\.example")], max_age=600)
    CORS(app, CorsOptions(origins="https://a.example", max_age=timedelta(minutes=10)))
    CORS(app, resources={r"/api/.*": {"origins": "https://a.example"}}, max_age="600")
    CORS(blueprint, supports_credentials=True, origins=lambda origin: origin.endswith(".example"))
    cors = CORS(expose_headers=["X-Total"])
    cors.init_app(app, CorsOptions(send_wildcard=True))
    # flask-cors 6's keyword forms, as create_app() factories write them:
    CORS(app=app, origins="https://a.example")
    CORS(app=None, supports_credentials=True).init_app(app=app)
    CORS().init_app(app=blueprint, max_age=60)


def extension_misuse(app: Flask) -> None:
    CORS(app, origin="*")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    CORS(app, origins=42)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    CORS(app, supports_credentials="yes")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    CORS(42)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    CORS(app, {"origins": "*"})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    CorsOptions(max_age="600")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    CorsOptions("*")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def origin_name(origin: str) -> str:
    """Not an origins check: it returns the origin, not True or False."""
    return origin


def resources_and_origins_misuse(app: Flask) -> None:
    CORS(app, origins=origin_name)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    CORS(app, origins=lambda origin: origin)  # type: ignore[arg-type, return-value]  # pyright: ignore[reportArgumentType]
    CORS(app, resources={r"/api/.*": {"orgins": "*"}})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    CORS(app, resources={r"/api/.*": {"max_age": 1.5}})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    CORS(app, resources={"/api/*": CorsOptions(), "/b": {"methods": 1}})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    CORS(app, resources={"/a": {"supports_credentials": "yes"}})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    CORS(app, resources={"/a": {"origins": 42}})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    CORS(app, resources={"/a": {"origin": "*"}, "/b": {"origins": "*"}})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    typed: dict[str, ResourceOptions] = {"/a": {"max_age": timedelta(seconds=5)}}
    CORS(app, resources=typed)
    typo: dict[str, ResourceOptions] = {"/a": {"expose_header": "X-Total"}}  # type: ignore[typeddict-unknown-key]  # pyright: ignore[reportAssignmentType]
    CORS(app, resources=typo)
    cross_origin(origins=origin_name)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


@cross_origin(origins="https://a.example")
def get_user(user_id: int) -> str:
    return f"user {user_id}"


@cross_origin(CorsOptions(origins="https://a.example"), max_age=60)
async def get_order(order_id: int, *, verbose: bool = False) -> dict[str, int]:
    return {"order": order_id}


@cors_exempt
def health() -> str:
    return "ok"


# flask-cors 6's positional origins.
@cross_origin("*")
def anyone() -> str:
    return "anyone"


@cross_origin(["https://a.example", re.compile(r"https://.*\.b\.example")], max_age=5)
async def listed(item_id: int) -> str:
    return str(item_id)


def decorator_usage(app: Flask) -> None:
    assert_type(anyone(), str)
    assert_type(listed(1), Awaitable[str])
    cross_origin({"https://a.example", "https://b.example"})
    cross_origin(("https://a.example",))
    cross_origin(re.compile(r"https://.*\.example"))
    assert_type(get_user(1), str)
    assert_type(get_order(1, verbose=True), Awaitable[dict[str, int]])
    assert_type(health, Callable[[], str])
    app.add_url_rule("/users/<int:user_id>", view_func=get_user)
    app.add_url_rule("/orders/<int:order_id>", view_func=get_order)
    app.add_url_rule("/health", view_func=health)


def decorator_misuse() -> None:
    get_user("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    get_order(1, True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    cross_origin(max_age=timedelta(seconds=5), origns="*")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    cross_origin(methods=42)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    cross_origin(42)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    cross_origin({"origins": "*"})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    cross_origin("https://a.example", "https://b.example")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    cross_origin([42])  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]
    cross_origin(resources=r"/api/*")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def testing_usage(app: Flask) -> None:
    result = fetch(app.test_client(), "GET", "/", origin="https://a.example", credentials=True)
    assert_type(result, FetchResult[TestResponse])
    assert_type(result.response, TestResponse | None)
    assert_type(result.readable_headers.get("x-total"), str | None)
    fetch(app.test_client(), "PUT", "/", origin="https://a.example", headers=[("X-Token", "1")])


def testing_misuse(app: Flask) -> None:
    fetch(app.test_client(), "GET", "/", "https://a.example")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    fetch(app.test_client(), "GET", "/", origin="https://a.example", data={"a": 1})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
