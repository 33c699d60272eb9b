"""What is particular to `async def` views on Flask (run through asgiref): the decorator keeps
a coroutine function, and an async `origins` callable, which Flask cannot await, is an error.

Behaviours shared with `def` views and Quart run on all three in the other tests/async files.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest
from flask import Flask

from flask_cors import CORS, CorsConfigError, CorsOptions, cross_origin
from tests.scenarios import B


@pytest.fixture(name="app")
def _app() -> Flask:
    app = Flask(__name__)
    app.testing = True
    return app


async def get_user(user_id: int) -> str:
    """A typical async view, to decorate."""
    return f"user {user_id}"


def test_decorated_async_view_keeps_its_name_and_signature() -> None:
    wrapped = cross_origin()(get_user)
    assert (wrapped.__name__, inspect.signature(wrapped)) == (
        "get_user",
        inspect.signature(get_user),
    )


def test_decorated_async_view_stays_a_coroutine_function() -> None:
    assert inspect.iscoroutinefunction(cross_origin()(get_user))


async def allow_b(origin: str) -> bool:
    """An async origins callable, which Flask cannot await."""
    return origin == B


@pytest.mark.parametrize(
    "register",
    [
        lambda app: CORS(app, origins=allow_b),
        lambda app: CORS(app, CorsOptions(origins=allow_b)),
        lambda app: CORS(app, resources={"/api/*": {"origins": allow_b}}),
        lambda app: CORS().init_app(app, origins=allow_b),
    ],
    ids=["keyword", "typed-options", "resource-options", "init-app"],
)
def test_async_origins_callable_on_flask_is_an_error_at_cors(
    app: Flask, register: Callable[[Flask], object]
) -> None:
    with pytest.raises(CorsConfigError, match=r"^origins=<function allow_b .*Use Quart"):
        register(app)


def test_async_origins_callable_in_flask_config_is_an_error_at_cors(app: Flask) -> None:
    app.config["CORS_ORIGINS"] = allow_b
    with pytest.raises(CorsConfigError, match=r"^origins=<function allow_b .*plain def"):
        CORS(app)


@pytest.mark.parametrize("async_view", [False, True], ids=["sync-view", "async-view"])
def test_async_origins_callable_on_decorated_flask_view_fails_at_first_request(
    app: Flask, async_view: bool
) -> None:
    async def view_async() -> str:
        return "body"

    def view_sync() -> str:
        return "body"

    decorate = cross_origin(origins=allow_b)
    app.add_url_rule("/view", "view", decorate(view_async) if async_view else decorate(view_sync))
    with pytest.raises(CorsConfigError, match=r"^origins=<function allow_b .*Use Quart"):
        app.test_client().get("/view", headers={"Origin": B})
