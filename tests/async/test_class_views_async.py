"""`@cross_origin` wherever the decorated function runs (docs/design.md 4), on Flask
`async def` views and on Quart: `MethodView` methods (async, and sync on Quart),
`View.decorators`, and under a hand-written decorator without `functools.wraps`.
(Flask-RESTful calls methods directly, so it has no async views.)
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Awaitable, Callable
from importlib.metadata import version
from types import ModuleType
from typing import Any, ClassVar

import flask
import flask.views
import pytest
from flask import Flask
from werkzeug.exceptions import Forbidden

from flask_cors import CORS, cross_origin
from tests.helpers import Framework, cors_headers, quart_send
from tests.scenarios import (
    CLASS_VIEW_APP_ORIGINS,
    CLASS_VIEW_OPTIONS,
    CLASS_VIEW_REQUESTS,
    VARY,
    A,
    ClassViewRequest,
    acao,
)


def no_wraps(view: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """A hand-written async decorator that copies the name only (no functools.wraps)."""

    async def inner(*args: Any, **kwargs: Any) -> Any:
        return await view(*args, **kwargs)

    inner.__name__ = view.__name__
    return inner


# --- the patterns, for either framework: `web` is the flask or quart module ----------------
# (Both raise Werkzeug's HTTP exceptions: Forbidden is what abort(403) raises.)


def method_view(app: Any, web: ModuleType, views: ModuleType) -> None:
    class Thing(views.MethodView):  # type: ignore[name-defined,misc]  # either framework
        @cross_origin(**CLASS_VIEW_OPTIONS)
        async def get(self) -> str:
            return "thing"

        @cross_origin(**CLASS_VIEW_OPTIONS)
        async def put(self) -> str:
            raise Forbidden

    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))


def method_view_no_wraps(app: Any, web: ModuleType, views: ModuleType) -> None:
    class Thing(views.MethodView):  # type: ignore[name-defined,misc]  # either framework
        @no_wraps
        @cross_origin(**CLASS_VIEW_OPTIONS)
        async def get(self) -> str:
            return "thing"

        @no_wraps
        @cross_origin(**CLASS_VIEW_OPTIONS)
        async def put(self) -> str:
            raise Forbidden

    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))


def view_decorators(app: Any, web: ModuleType, views: ModuleType) -> None:
    class Thing(views.View):  # type: ignore[name-defined,misc]  # either framework
        methods: ClassVar[list[str]] = ["GET", "PUT"]
        decorators: ClassVar[list[Any]] = [cross_origin(**CLASS_VIEW_OPTIONS)]

        async def dispatch_request(self) -> str:
            if web.request.method == "PUT":
                raise Forbidden
            return "thing"

    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))


def plain_view_no_wraps(app: Any, web: ModuleType, views: ModuleType) -> None:
    @no_wraps
    @cross_origin(**CLASS_VIEW_OPTIONS)
    async def thing() -> str:
        if web.request.method == "PUT":
            raise Forbidden
        return "thing"

    app.add_url_rule("/thing", "thing", thing, methods=["GET", "PUT"])


def sync_method_view(app: Any, web: ModuleType, views: ModuleType) -> None:
    class Thing(views.MethodView):  # type: ignore[name-defined,misc]  # either framework
        @cross_origin(**CLASS_VIEW_OPTIONS)
        def get(self) -> str:
            return "thing"

        @cross_origin(**CLASS_VIEW_OPTIONS)
        def put(self) -> str:
            raise Forbidden

    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))


ASYNC_PATTERNS = [method_view, method_view_no_wraps, view_decorators, plain_view_no_wraps]
# Flask awaits `async def` methods of class-based views from 2.2 on (View.dispatch_request
# calls ensure_sync); before, only plain async views run, with or without flask_cors.
FLASK_ASYNC_PATTERNS = (
    ASYNC_PATTERNS
    if tuple(int(part) for part in version("flask").split(".")[:2]) >= (2, 2)
    else [plain_view_no_wraps]
)
REQUESTS = pytest.mark.parametrize("case", CLASS_VIEW_REQUESTS, ids=lambda case: case.id)


def _ids(pattern: Callable[..., None]) -> str:
    return pattern.__name__.replace("_", "-")


@pytest.mark.parametrize("pattern", FLASK_ASYNC_PATTERNS, ids=_ids)
@REQUESTS
def test_flask_async_class_view_method_is_answered_by_its_decorator(
    pattern: Callable[..., None], case: ClassViewRequest
) -> None:
    app = Flask(__name__)
    CORS(app, origins=CLASS_VIEW_APP_ORIGINS)
    pattern(app, flask, flask.views)
    response = app.test_client().open("/thing", method=case.method, headers=dict(case.request))
    assert (response.status_code, cors_headers(response.headers)) == (case.status, case.expected)


@pytest.mark.quart
@pytest.mark.parametrize("pattern", [*ASYNC_PATTERNS, sync_method_view], ids=_ids)
@REQUESTS
async def test_quart_class_view_method_is_answered_by_its_decorator(
    pattern: Callable[..., None], case: ClassViewRequest
) -> None:
    import quart
    import quart.views

    app = quart.Quart(__name__)
    CORS(app, origins=CLASS_VIEW_APP_ORIGINS)
    pattern(app, quart, quart.views)
    response = await quart_send(app.test_client(), case.method, "/thing", case.request)
    assert (response.status_code, cors_headers(response.headers)) == (case.status, case.expected)


@pytest.mark.quart
@pytest.mark.parametrize("pattern", [*ASYNC_PATTERNS, sync_method_view], ids=_ids)
@REQUESTS
async def test_quart_class_view_method_works_without_cors_app_after_a_first_request(
    pattern: Callable[..., None], case: ClassViewRequest
) -> None:
    import quart
    import quart.views

    app = quart.Quart(__name__)
    pattern(app, quart, quart.views)
    client = app.test_client()
    await client.get("/thing")  # installs flask_cors's hooks (no CORS(app) here)
    response = await quart_send(client, case.method, "/thing", case.request)
    assert (response.status_code, cors_headers(response.headers)) == (case.status, case.expected)


def sync_view_decorators(app: Any, web: ModuleType, views: ModuleType) -> None:
    class Thing(views.View):  # type: ignore[name-defined,misc]  # either framework
        decorators: ClassVar[list[Any]] = [cross_origin(**CLASS_VIEW_OPTIONS)]

        def dispatch_request(self) -> str:
            return "thing"

    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))


# `View.decorators` decorate a function local to `as_view`: the DEBUG line names the class,
# as `flask cors routes` does, not `View.as_view.<locals>.view`.
DEBUG_LINE = (
    f"CORS GET '/thing' Origin={A!r}: CORS headers added: origin allowed by "
    "@cross_origin on {pattern}.<locals>.Thing"
)


# The async pattern runs where Flask awaits class views (FLASK_ASYNC_PATTERNS: 2.2 on).
FLASK_VIEW_DECORATORS = [sync_view_decorators] + [
    pattern for pattern in FLASK_ASYNC_PATTERNS if pattern is view_decorators
]


@pytest.mark.parametrize("pattern", FLASK_VIEW_DECORATORS, ids=_ids)
def test_flask_debug_line_names_a_view_decorators_view_by_its_class(
    pattern: Callable[..., None], caplog: pytest.LogCaptureFixture
) -> None:
    app = Flask(__name__)
    pattern(app, flask, flask.views)
    with caplog.at_level(logging.DEBUG, logger="flask_cors"):
        app.test_client().get("/thing", headers={"Origin": A})
    assert caplog.messages == [DEBUG_LINE.format(pattern=pattern.__name__)]


@pytest.mark.quart
async def test_quart_debug_line_names_a_view_decorators_view_by_its_class(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import quart
    import quart.views

    app = quart.Quart(__name__)
    view_decorators(app, quart, quart.views)
    with caplog.at_level(logging.DEBUG, logger="flask_cors"):
        await app.test_client().get("/thing", headers={"Origin": A})
    assert caplog.messages == [DEBUG_LINE.format(pattern="view_decorators")]


def test_debug_line_names_a_view_decorators_view_by_its_class_after_the_origins_callable(
    framework: Framework, caplog: pytest.LogCaptureFixture
) -> None:
    # The origins callable answers after the response is made (Quart awaits it): the line
    # written then names the class too.
    views: Any = importlib.import_module("quart.views" if framework.quart else "flask.views")

    # Flask awaits an async class view from 2.2 on; before, its Flask async run is a def one.
    awaited = framework.quart or FLASK_ASYNC_PATTERNS is ASYNC_PATTERNS

    class Thing(views.View):  # type: ignore[misc]  # either framework
        decorators: ClassVar[list[Any]] = [cross_origin(origins=lambda origin: origin == A)]
        dispatch_request = (
            framework.view(lambda self: "thing") if awaited else (lambda self: "thing")
        )

    app = framework.app()
    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))
    with caplog.at_level(logging.DEBUG, logger="flask_cors"):
        reply = framework.send(app, "GET", "/thing", {"Origin": A})
    assert (reply.cors, caplog.messages) == (
        [acao(A), VARY],
        [
            (
                f"CORS GET '/thing' Origin={A!r}: CORS headers added: origin allowed by "
                "@cross_origin on test_debug_line_names_a_view_decorators_view_by_its_class_"
                "after_the_origins_callable.<locals>.Thing"
            )
        ],
    )


CONFLICT = (
    "send_wildcard=True: browsers refuse '*' with credentials (the decorator's "
    "send_wildcard=True conflicts with app config CORS_SUPPORTS_CREDENTIALS=True). Drop "
    "send_wildcard or list origins (flask_cors.E013)"
)


def own_acao(self: object) -> tuple[str, dict[str, str]]:
    return "thing", {"Access-Control-Allow-Origin": "*"}


def forbidden(self: object) -> str:
    raise Forbidden


@pytest.mark.parametrize(
    ("options", "config", "body", "expected"),
    [
        pytest.param(
            {},
            {},
            own_acao,
            [
                (
                    logging.DEBUG,
                    (
                        f"CORS GET '/thing' Origin={A!r}: left as it is: the response already has "
                        "Access-Control-Allow-Origin (@cross_origin on {name})"
                    ),
                )
            ],
            id="already-set",
        ),
        pytest.param(
            {"intercept_exceptions": False},
            {},
            forbidden,
            [
                (
                    logging.WARNING,
                    (
                        "@cross_origin on {name}: intercept_exceptions=False: error "
                        "responses (abort(), 404/405, unhandled 500s and the app's error "
                        "handlers) get no CORS headers, so a page cannot read them. flask-cors "
                        "6 ignored this option and sent them; remove it to keep them."
                    ),
                ),
                (
                    logging.DEBUG,
                    (
                        f"CORS GET '/thing' Origin={A!r}: no CORS headers: an error response, and "
                        "@cross_origin on {name} has intercept_exceptions=False"
                    ),
                ),
            ],
            id="error-not-intercepted",
        ),
        pytest.param(
            {"origins": "*", "send_wildcard": True},
            {"CORS_SUPPORTS_CREDENTIALS": True},
            lambda self: "thing",
            [
                (
                    logging.ERROR,
                    "CORS: @cross_origin on {name}: " + CONFLICT + ". Until this is fixed, "
                    "{name} sends no CORS headers: every origin is refused.",
                ),
                (
                    logging.DEBUG,
                    f"CORS GET '/thing' Origin={A!r}: no CORS headers: origin not allowed by "
                    "@cross_origin on {name}: " + CONFLICT + " (every origin refused until "
                    "this is fixed)",
                ),
            ],
            id="conflict-with-config",
        ),
    ],
)
def test_every_line_about_a_view_decorators_view_names_its_class(
    framework: Framework,
    caplog: pytest.LogCaptureFixture,
    options: dict[str, Any],
    config: dict[str, Any],
    body: Callable[[object], Any],
    expected: list[tuple[int, str]],
) -> None:
    # Warnings and errors written when the view's policy is resolved (its first request)
    # name the class too, not `View.as_view.<locals>.view`.
    views: Any = importlib.import_module("quart.views" if framework.quart else "flask.views")
    awaited = framework.quart or FLASK_ASYNC_PATTERNS is ASYNC_PATTERNS

    class Thing(views.View):  # type: ignore[misc]  # either framework
        decorators: ClassVar[list[Any]] = [cross_origin(**{"origins": [A], **options})]
        dispatch_request = framework.view(body) if awaited else body

    app = framework.app()
    app.config.update(config)
    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))
    with caplog.at_level(logging.DEBUG, logger="flask_cors"):
        framework.send(app, "GET", "/thing", {"Origin": A})
    name = Thing.__qualname__
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (level, text.format(name=name)) for level, text in expected
    ]
