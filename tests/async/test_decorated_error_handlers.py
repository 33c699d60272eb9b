"""`@cross_origin` on an error handler (`@app.errorhandler(404)`, `register_error_handler`,
`@bp.errorhandler`): the handler's own policy answers the response it makes, as flask-cors 6
did, beside `CORS(app)` and under `intercept_exceptions=False`, on Flask `def` views, Flask
`async def` views (and handlers) and Quart (docs/choices.md)."""

from __future__ import annotations

from typing import Any, NoReturn

import pytest
from werkzeug.exceptions import NotFound

from flask_cors import CORS, cross_origin
from tests.helpers import App, Framework, Reply
from tests.scenarios import ALL_METHODS_VALUE, EVIL, VARY, A, B, acao, preflight

CREDENTIALS = ("access-control-allow-credentials", "true")
HANDLER_EXPOSES = ("access-control-expose-headers", "X-Handler")
HANDLER_ANSWER = sorted([acao(A), CREDENTIALS, HANDLER_EXPOSES])
"""What the handler's policy (origins=[A], credentials, X-Handler) adds for Origin A."""
HANDLER_PREFLIGHT = sorted(
    [acao(A), CREDENTIALS, ("access-control-allow-methods", "GET, POST"), HANDLER_EXPOSES]
)
APP_ANSWER = sorted([acao(B), ("access-control-expose-headers", "X-App"), VARY])
"""What `CORS(app, origins=[A, B], expose_headers="X-App")` adds for Origin B."""


class Teapot(Exception):
    """Raised by /teapot, answered by a handler registered with `register_error_handler`."""


def missing() -> NoReturn:
    raise NotFound


def teapot() -> NoReturn:
    raise Teapot


def handler_app(framework: Framework, *, cors: dict[str, Any] | None = None, **handler: Any) -> App:
    """/ok, /missing (404) and /teapot (a custom exception), with both errors answered by
    handlers decorated with `@cross_origin(origins=[A], supports_credentials=True, ...)`."""
    app = framework.app()
    app.config["PROPAGATE_EXCEPTIONS"] = False
    if cors is not None:
        CORS(app, **cors)
    app.add_url_rule("/ok", "ok", framework.view(lambda: "ok"))
    app.add_url_rule("/missing", "missing", framework.view(missing))
    app.add_url_rule("/teapot", "teapot", framework.view(teapot))
    options: dict[str, Any] = {
        "origins": [A],
        "supports_credentials": True,
        "methods": ["GET", "POST"],
        "expose_headers": "X-Handler",
        **handler,
    }
    decorate = cross_origin(**options)
    not_found = decorate(framework.view(lambda error=None: ({"message": "not found"}, 404)))
    app.register_error_handler(404, not_found)
    app.register_error_handler(Teapot, decorate(framework.view(lambda error: ("stout", 418))))
    return app


def get(framework: Framework, app: App, path: str, origin: str | None = A) -> Reply:
    return framework.send(app, "GET", path, {"Origin": origin} if origin else {})


ERRORS = pytest.mark.parametrize(
    ("path", "status"),
    [
        pytest.param("/no-such-page", 404, id="404-from-routing"),
        pytest.param("/missing", 404, id="abort-404-in-a-view"),
        pytest.param("/teapot", 418, id="custom-exception"),
    ],
)


@ERRORS
def test_decorated_error_handler_alone_adds_its_headers(
    framework: Framework, path: str, status: int
) -> None:
    app = handler_app(framework)
    # Twice: the first request is the one that installs the hooks in a decorator-only app.
    replies = [get(framework, app, path) for _ in range(2)]
    assert [(r.status, r.cors) for r in replies] == [(status, HANDLER_ANSWER)] * 2


@ERRORS
def test_decorated_error_handler_refuses_an_origin_it_does_not_list(
    framework: Framework, path: str, status: int
) -> None:
    reply = get(framework, handler_app(framework), path, EVIL)
    assert (reply.status, reply.cors) == (status, [])


def test_decorated_404_handler_answers_a_preflight_to_a_missing_path(
    framework: Framework,
) -> None:
    # flask-cors 6's wrapper answered OPTIONS itself, for an error handler too.
    app = handler_app(framework)
    reply = framework.send(app, "OPTIONS", "/no-such-page", preflight(A, "GET"))
    assert (reply.status, reply.cors) == (200, HANDLER_PREFLIGHT)


@ERRORS
def test_decorated_error_handler_answers_instead_of_cors_app(
    framework: Framework, path: str, status: int
) -> None:
    app = handler_app(framework, cors={"origins": [A, B], "expose_headers": "X-App"})
    answers = [(r.status, r.cors) for r in (get(framework, app, path, o) for o in (A, B))]
    # B is allowed by the app but not by the handler, which answers its own response.
    assert answers == [(status, HANDLER_ANSWER), (status, [])]
    assert get(framework, app, "/ok", B).cors == APP_ANSWER


@ERRORS
@pytest.mark.parametrize(
    ("cors", "handler", "config"),
    [
        pytest.param({"intercept_exceptions": False}, {}, {}, id="cors-app"),
        pytest.param(None, {}, {"CORS_INTERCEPT_EXCEPTIONS": False}, id="config"),
        pytest.param(None, {"intercept_exceptions": False}, {}, id="handler-keyword"),
    ],
)
def test_decorated_error_handler_adds_its_headers_under_intercept_exceptions_false(
    framework: Framework,
    path: str,
    status: int,
    cors: dict[str, Any] | None,
    handler: dict[str, Any],
    config: dict[str, Any],
) -> None:
    app = handler_app(framework, cors=cors, **handler)
    app.config.update(config)
    reply = get(framework, app, path)
    assert (reply.status, reply.cors) == (status, HANDLER_ANSWER)


def test_undecorated_error_handler_still_follows_intercept_exceptions_false(
    framework: Framework,
) -> None:
    app = handler_app(framework, cors={"intercept_exceptions": False})
    app.register_error_handler(500, framework.view(lambda error: ("sorry", 500)))
    app.add_url_rule("/boom", "boom", framework.view(lambda: 1 / 0))
    reply = get(framework, app, "/boom")
    assert (reply.status, reply.text, reply.cors) == (500, "sorry", [])


def test_decorated_error_handler_answers_an_error_of_a_decorated_view(
    framework: Framework,
) -> None:
    app = handler_app(framework)
    view = cross_origin(origins=[B], expose_headers="X-View")(framework.view(missing))
    app.add_url_rule("/decorated", "decorated", view)
    answers = [get(framework, app, "/decorated", origin).cors for origin in (A, B)]
    assert answers == [HANDLER_ANSWER, []]


def test_decorated_blueprint_error_handler_answers_its_blueprints_errors(
    framework: Framework,
) -> None:
    app = framework.app()
    CORS(app, origins=[A, B], expose_headers="X-App")
    bp = framework.blueprint("api")
    bp.add_url_rule("/gone", "gone", framework.view(missing))
    bp.register_error_handler(
        404,
        cross_origin(supports_credentials=True, origins=[A])(
            framework.view(lambda error=None: ("gone", 404))
        ),
    )
    app.register_blueprint(bp, url_prefix="/api")
    # A 404 from routing never reaches a blueprint's handler: the app's policy answers it.
    assert [
        (r.status, r.cors) for r in (get(framework, app, p, B) for p in ("/api/gone", "/x"))
    ] == [
        (404, []),
        (404, APP_ANSWER),
    ]
    assert get(framework, app, "/api/gone").cors == sorted([acao(A), CREDENTIALS])


def test_view_with_its_own_allow_origin_gets_nothing_more_from_a_decorated_after_request(
    framework: Framework,
) -> None:
    # `@bp.after_request` over `@cross_origin(...)`, from public code: the hook adds its own
    # Access-Control-Allow-Origin. flask-cors 6 added a second value beside it (browsers
    # refuse two); here the response keeps the one it set (docs/differences.md D6).
    app = framework.app()
    bp = framework.blueprint("errors")

    def add_star(response: Any) -> Any:
        response.headers.add("Access-Control-Allow-Origin", "*")
        return response

    bp.after_request(cross_origin(supports_credentials=True)(add_star))
    bp.add_url_rule("/e", "e", framework.view(lambda: "e"))
    app.register_blueprint(bp)
    assert get(framework, app, "/e").cors == [acao("*")]
    reply = framework.send(app, "OPTIONS", "/e", preflight(A, "POST"))
    methods = ("access-control-allow-methods", ALL_METHODS_VALUE)
    assert reply.cors == sorted([acao(A), CREDENTIALS, methods, VARY])
