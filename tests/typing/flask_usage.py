"""Each entry point on Flask, as users write it; mypy must accept it, and reject the misuse.

Checked by `mypy` (mypy.ini covers tests/); never imported or run. Every intended misuse
carries `# type: ignore[<code>]`, so `warn_unused_ignores` fails the day it type-checks.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import assert_type

from flask import Blueprint, Flask

from flask_cors import CORS, CorsOptions, cors_exempt, cross_origin


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
    CORS(app, origin="*")  # type: ignore[call-arg]
    CORS(app, origins=42)  # type: ignore[arg-type]
    CORS(app, supports_credentials="yes")  # type: ignore[arg-type]
    CORS(42)  # type: ignore[arg-type]
    CORS(app, {"origins": "*"})  # type: ignore[arg-type]
    CorsOptions(max_age="600")  # type: ignore[arg-type]
    CorsOptions("*")  # type: ignore[call-arg]


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
    get_user("1")  # type: ignore[arg-type]
    get_order(1, True)  # type: ignore[call-arg]
    cross_origin(max_age=timedelta(seconds=5), origns="*")  # type: ignore[call-arg]
    cross_origin(methods=42)  # type: ignore[arg-type]
    cross_origin(42)  # type: ignore[arg-type]
    cross_origin({"origins": "*"})  # type: ignore[arg-type]
    cross_origin("https://a.example", "https://b.example")  # type: ignore[call-arg]
    cross_origin([42])  # type: ignore[list-item]
