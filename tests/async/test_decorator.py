"""`@cross_origin` on a view: its headers, automatic OPTIONS, its place beside `CORS(app)`,
app config, and the headers a view sets itself, on Flask `def` views, Flask `async def`
views and Quart."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from flask import Flask

from flask_cors import CORS, CorsConfigError, CorsOptions, cross_origin
from tests.helpers import FRAMEWORKS_AND_QUART_DEF, App, Framework, Reply, cors_headers
from tests.scenarios import ALL_METHODS_VALUE, VARY, A, B, acao

PREFLIGHT = {"Origin": A, "Access-Control-Request-Method": "PUT"}
# A decorated `def` view gets a sync wrapper, which Quart runs in its thread pool: its own path.
EVERY_KIND_OF_VIEW = pytest.mark.parametrize("framework", FRAMEWORKS_AND_QUART_DEF)


def add_view(
    framework: Framework,
    app: App,
    body: Any = "d",
    methods: list[str] | None = None,
    *typed: CorsOptions,
    **options: Any,
) -> None:
    """`/d`: a view answering `body` (a value, or a function run per request), decorated
    with `@cross_origin(*typed, **options)`."""
    view = framework.view(body if callable(body) else (lambda: body))
    app.add_url_rule("/d", "d", cross_origin(*typed, **options)(view), methods=methods)


def get(framework: Framework, app: App, path: str = "/d", origin: str = A) -> Reply:
    return framework.send(app, "GET", path, {"Origin": origin})


def test_decorator_alone_adds_headers(framework: Framework) -> None:
    app = framework.app()
    add_view(framework, app, origins=[A], expose_headers=["X-Total"])
    assert get(framework, app).cors == [acao(A), ("access-control-expose-headers", "X-Total")]


def test_decorated_view_receives_url_arguments(framework: Framework) -> None:
    app = framework.app()
    view = cross_origin(origins=A)(framework.view(lambda user_id: f"user {user_id}"))
    app.add_url_rule("/users/<int:user_id>", "user", view)
    reply = get(framework, app, "/users/7")
    assert (reply.text, reply.cors) == ("user 7", [acao(A)])


@EVERY_KIND_OF_VIEW
@pytest.mark.parametrize(
    "methods", [["GET", "PUT", "OPTIONS"], ["GET", "PUT"]], ids=["lists-options", "does-not"]
)
def test_decorator_answers_options_without_running_the_view(
    framework: Framework, methods: list[str]
) -> None:
    app = framework.app()
    calls: list[str] = []

    def d() -> str:
        calls.append("ran")
        return "d"

    add_view(framework, app, d, methods=methods, origins=[A], max_age=60)
    reply = framework.send(app, "OPTIONS", "/d", PREFLIGHT)
    allow = reply.header("Allow") or ""
    assert (reply.status, calls, sorted(allow.split(", "))) == (
        200,
        [],
        ["GET", "HEAD", "OPTIONS", "PUT"],
    )
    assert reply.cors == [
        ("access-control-allow-methods", ALL_METHODS_VALUE),
        acao(A),
        ("access-control-max-age", "60"),
    ]


def test_decorator_without_automatic_options_lets_the_view_answer_options(
    framework: Framework,
) -> None:
    app = framework.app()
    add_view(
        framework,
        app,
        "the view's own options",
        methods=["GET", "OPTIONS"],
        origins=[A],
        automatic_options=False,
    )
    reply = framework.send(app, "OPTIONS", "/d", PREFLIGHT)
    assert (reply.text, reply.cors) == (
        "the view's own options",
        [("access-control-allow-methods", ALL_METHODS_VALUE), acao(A)],
    )


@pytest.mark.parametrize(
    ("decorator_origins", "expected"),
    [
        pytest.param([A, B], [acao(A), VARY], id="same-origins"),
        pytest.param(A, [acao(A)], id="decorator-narrower"),
    ],
)
def test_decorator_and_extension_on_one_view_add_headers_once(
    framework: Framework, decorator_origins: Any, expected: list[tuple[str, str]]
) -> None:
    app = framework.app()
    CORS(app, origins=[A, B])
    add_view(framework, app, origins=decorator_origins)
    assert get(framework, app).cors == expected


def test_decorator_refusal_is_final_even_under_an_allowing_extension(
    framework: Framework,
) -> None:
    app = framework.app()
    CORS(app)
    add_view(framework, app, origins=[B])
    assert get(framework, app).cors == []


def test_decorator_reads_app_config_for_unset_options(framework: Framework) -> None:
    app = framework.app()
    app.config["CORS_EXPOSE_HEADERS"] = ["X-From-Config"]
    add_view(framework, app, origins=[A])
    assert get(framework, app).cors == [
        acao(A),
        ("access-control-expose-headers", "X-From-Config"),
    ]


def test_decorator_only_app_is_warned_once_about_unknown_config_keys(
    framework: Framework, caplog: pytest.LogCaptureFixture
) -> None:
    # flask-cors's README pairs @cross_origin with CORS_HEADERS, a key it never read.
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = framework.app()
    app.config.update(CORS_HEADERS="Content-Type", CORS_XYZZY=1)
    add_view(framework, app, origins=[A])
    for _ in range(2):
        assert get(framework, app).cors == [acao(A)]
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        (
            "CORS_HEADERS has no effect (flask-cors never read it either). Use "
            "CORS_ALLOW_HEADERS; its default '*' already allows Content-Type."
        ),
        "CORS_XYZZY is not a flask_cors option and is ignored.",
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"origin": A}, r"^origin=.*Did you mean 'origins'\?", id="misspelt"),
        pytest.param({"max_age": "soon"}, r"^max_age='soon': ", id="bad-value"),
        pytest.param(
            {"resources": "/x"}, r"^resources='/x': resources applies to CORS", id="resources"
        ),
    ],
)
def test_decorator_checks_options_at_decoration_time(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(CorsConfigError, match=message):
        cross_origin(**kwargs)


def test_decorator_keeps_the_view_name_and_docstring() -> None:
    @cross_origin()
    def listing() -> str:
        """List things."""
        return "x"

    assert (listing.__name__, listing.__doc__) == ("listing", "List things.")


# --- headers the view set, and Vary ---------------------------------------------------------


def own_headers_app(framework: Framework, headers: dict[str, str]) -> App:
    """CORS(app) over `/own`, whose response carries `headers`."""
    app = framework.app()
    CORS(app)
    response_class: Any = app.response_class
    app.add_url_rule("/own", "own", framework.view(lambda: response_class("x", headers=headers)))
    return app


def test_response_that_already_has_allow_origin_is_left_alone(framework: Framework) -> None:
    app = own_headers_app(framework, {"Access-Control-Allow-Origin": "https://own.example"})
    assert get(framework, app, "/own").cors == [acao("https://own.example")]


@pytest.mark.parametrize(
    ("vary", "expected"),
    [
        pytest.param("Accept-Encoding", "Accept-Encoding, Origin", id="add"),
        pytest.param("Accept,", "Accept, Origin", id="trailing-comma"),
        pytest.param("", "Origin", id="empty-value"),
        pytest.param("Accept, origin", "Accept, origin", id="already-listed"),
        pytest.param("*", "*", id="star-covers-it"),
    ],
)
def test_vary_origin_joins_the_existing_vary_line_only_when_missing(
    framework: Framework, vary: str, expected: str
) -> None:
    app = own_headers_app(framework, {"Vary": vary})
    assert get(framework, app, "/own").cors == [acao(A), ("vary", expected)]


def test_vary_false_sends_no_vary(framework: Framework) -> None:
    app = framework.app()
    app.add_url_rule("/public", "public", framework.view(lambda: "public"))
    CORS(app, vary_header=False)
    assert get(framework, app, "/public").cors == [acao(A)]


# --- CORS_AUTOMATIC_OPTIONS is read like every other option ---------------------------------


def options_view_app(
    framework: Framework, config_automatic: object, **decorator: Any
) -> tuple[App, list[str]]:
    app = framework.app()
    app.config["CORS_AUTOMATIC_OPTIONS"] = config_automatic
    ran: list[str] = []

    def v() -> str:
        ran.append("ran")
        return "view body"

    add_view(framework, app, v, methods=["GET", "OPTIONS"], origins=A, **decorator)
    return app, ran


@EVERY_KIND_OF_VIEW
@pytest.mark.parametrize("value", [False, "false", "off"], ids=["bool", "word-false", "word-off"])
def test_config_automatic_options_false_lets_a_decorated_view_answer_options(
    framework: Framework, value: object
) -> None:
    app, ran = options_view_app(framework, value)
    reply = framework.send(app, "OPTIONS", "/d", {"Origin": A})
    assert (reply.text, ran, reply.cors) == ("view body", ["ran"], [acao(A)])


@EVERY_KIND_OF_VIEW
def test_decorator_automatic_options_keyword_beats_config(framework: Framework) -> None:
    app, ran = options_view_app(framework, False, automatic_options=True)
    reply = framework.send(app, "OPTIONS", "/d", {"Origin": A})
    assert (reply.text, ran, reply.cors) == ("", [], [acao(A)])


# --- one decorated view, resolved per app --------------------------------------------------


def test_one_decorated_view_on_two_apps_follows_each_apps_config(framework: Framework) -> None:
    shared = cross_origin(max_age=5)(framework.view(lambda: "shared"))
    apps = []
    for origin in (A, B):
        app = framework.app()
        app.config["CORS_ORIGINS"] = origin
        app.add_url_rule("/s", "shared", shared)
        apps.append(app)
    answers = [
        framework.send(app, "GET", "/s", {"Origin": origin}).header("Access-Control-Allow-Origin")
        for _round in range(2)  # the second round from each app's cached policy
        for app in apps
        for origin in (A, B)
    ]
    assert answers == [A, None, None, B] * 2


def test_racing_first_requests_to_a_decorated_flask_view_install_one_hook() -> None:
    for _attempt in range(10):  # fresh apps: each race is at a first request
        app = Flask(__name__)
        app.add_url_rule("/d", "d", cross_origin(origins=[A, B])(lambda: "d"))
        start = threading.Barrier(8)
        answers: list[list[tuple[str, str]]] = []

        def first_request(
            app: Flask = app,
            start: threading.Barrier = start,
            answers: list[list[tuple[str, str]]] = answers,
        ) -> None:
            client = app.test_client()
            start.wait()
            answers.append(cors_headers(client.get("/d", headers={"Origin": A}).headers))

        workers = [threading.Thread(target=first_request) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert (len(app.after_request_funcs[None]), answers) == (1, [[acao(A), VARY]] * 8)


# --- a CorsOptions given positionally --------------------------------------------------------


def typed_decorator_app(framework: Framework, *args: Any, **kwargs: Any) -> App:
    app = framework.app()
    app.config.update(CORS_ORIGINS=B, CORS_SUPPORTS_CREDENTIALS=True, CORS_MAX_AGE=9)
    add_view(framework, app, "t", ["GET", "PUT"], *args, **kwargs)
    return app


def test_cross_origin_with_cors_options_ignores_app_config(framework: Framework) -> None:
    app = typed_decorator_app(framework, CorsOptions(origins=[A, "https://c.example"]))
    assert framework.send(app, "OPTIONS", "/d", PREFLIGHT).cors == [
        ("access-control-allow-methods", ALL_METHODS_VALUE),
        acao(A),
        VARY,
    ]


def test_cross_origin_keywords_beside_cors_options_override_its_fields(
    framework: Framework,
) -> None:
    options = CorsOptions(origins=[A, "https://c.example"], max_age=1)
    app = typed_decorator_app(framework, options, max_age=60, origins=A)
    assert framework.send(app, "OPTIONS", "/d", PREFLIGHT).cors == [
        ("access-control-allow-methods", ALL_METHODS_VALUE),
        acao(A),
        ("access-control-max-age", "60"),
    ]
