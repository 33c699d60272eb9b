"""A `@cross_origin` keyword that conflicts with the app's `CORS_*` config.

Only the app's config reveals the conflict, at the view's first request. That request
logs one ERROR carrying the `CorsConfigError` (the view, the keyword and the config key);
from then on the view answers without any CORS header, every origin refused (closed, never
open), and is not resolved again. `flask cors routes` / `quart cors routes` show the
conflict without a request.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import pytest
from flask import Config, Flask

from flask_cors import CorsConfigError, cross_origin
from flask_cors.cli import cors_command
from tests.helpers import App, Framework, propagate_exceptions
from tests.scenarios import VIEW_CONFLICT_NOTE, VIEW_CONFLICTS, A

PREFLIGHT = {"Origin": A, "Access-Control-Request-Method": "GET"}
CONFLICTS = pytest.mark.parametrize(
    ("kwargs", "config", "message"), list(VIEW_CONFLICTS.values()), ids=list(VIEW_CONFLICTS)
)


def conflicted() -> str:
    """The view whose @cross_origin keywords conflict with the app's config."""
    return "body"


def conflicted_app(
    framework: Framework,
    kwargs: dict[str, Any],
    config: dict[str, Any],
    methods: list[str] | None = None,
) -> App:
    app = framework.app(static_folder=None)
    app.config.update(config)
    view = cross_origin(**kwargs)(framework.view(conflicted))
    app.add_url_rule("/conflicted", "conflicted", view, methods=methods)
    return app


def errors(caplog: pytest.LogCaptureFixture) -> list[tuple[str, bool]]:
    """The ERROR records of the flask_cors logger: message, and whether they carry a
    `CorsConfigError`."""
    return [
        (
            record.getMessage(),
            record.exc_info is not None and isinstance(record.exc_info[1], CorsConfigError),
        )
        for record in caplog.records
        if record.name == "flask_cors" and record.levelno >= logging.ERROR
    ]


@CONFLICTS
def test_a_view_conflicting_with_app_config_logs_one_error_then_refuses_every_origin(
    framework: Framework,
    caplog: pytest.LogCaptureFixture,
    kwargs: dict[str, Any],
    config: dict[str, Any],
    message: str,
) -> None:
    app = conflicted_app(framework, kwargs, config)
    replies = [
        framework.send(app, "GET", "/conflicted", {"Origin": A}),
        framework.send(app, "OPTIONS", "/conflicted", PREFLIGHT),
        framework.send(app, "GET", "/conflicted", {"Origin": A}),
    ]
    assert [(reply.status, reply.text, reply.cors) for reply in replies] == [
        (200, "body", []),
        (200, "", []),
        (200, "body", []),
    ]
    assert errors(caplog) == [(f"CORS: {message}{VIEW_CONFLICT_NOTE}", True)]


def test_the_conflict_names_only_the_config_keys_involved(
    framework: Framework, caplog: pytest.LogCaptureFixture
) -> None:
    kwargs, config, message = VIEW_CONFLICTS["keyword-send-wildcard-config-credentials"]
    app = conflicted_app(framework, kwargs, {**config, "CORS_MAX_AGE": 600})
    framework.send(app, "GET", "/conflicted", {"Origin": A})
    assert errors(caplog) == [(f"CORS: {message}{VIEW_CONFLICT_NOTE}", True)]


def test_a_conflicted_view_that_answers_options_itself_still_does(framework: Framework) -> None:
    # automatic_options=False hands OPTIONS to the view; refusing every origin keeps that.
    kwargs, config, _message = VIEW_CONFLICTS["keyword-send-wildcard-config-credentials"]
    app = conflicted_app(
        framework, {**kwargs, "automatic_options": False}, config, methods=["GET", "OPTIONS"]
    )
    reply = framework.send(app, "OPTIONS", "/conflicted", PREFLIGHT)
    assert (reply.status, reply.text, reply.cors) == (200, "body", [])


@CONFLICTS
def test_cors_routes_shows_the_conflict_before_any_request(
    framework: Framework, kwargs: dict[str, Any], config: dict[str, Any], message: str
) -> None:
    app = conflicted_app(framework, kwargs, config)
    result = app.test_cli_runner().invoke(cors_command, ["routes"])
    assert (result.exit_code, result.output.splitlines()[2]) == (
        0,
        (
            "/conflicted  GET      conflicted  origins none; methods DELETE, GET, HEAD, OPTIONS, "
            f"PATCH, POST, PUT; credentials no; max-age none  [{message} (every origin refused "
            "until this is fixed)]"
        ),
    )


def test_app_config_wrong_by_itself_still_fails_a_decorated_view(framework: Framework) -> None:
    # Not a conflict: CORS(app) raises it at start-up; a decorated view, at each request.
    app = conflicted_app(framework, {}, {"CORS_MAX_AGE": "ten"})
    propagate_exceptions(app)
    with pytest.raises(CorsConfigError, match=r"^CORS_MAX_AGE='ten': "):
        framework.send(app, "GET", "/conflicted", {"Origin": A})


class SlowFirstReadConfig(Config):
    """A config whose first `items()` after `arm()` takes a while: the view's resolution
    then still runs when a second first request arrives."""

    armed = False
    reading = threading.Event()

    def arm(self) -> None:
        self.armed, self.reading = True, threading.Event()

    def items(self) -> Any:
        if self.armed:
            self.armed = False
            self.reading.set()
            time.sleep(0.3)  # the second request reaches the view's resolution meanwhile
        return super().items()


class SlowConfigFlask(Flask):
    config_class = SlowFirstReadConfig


def test_racing_first_requests_to_a_conflicting_view_log_one_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    kwargs, config, message = VIEW_CONFLICTS["keyword-send-wildcard-config-credentials"]
    app = SlowConfigFlask(__name__, static_folder=None)
    app.config.update(config)
    app.add_url_rule("/conflicted", "conflicted", cross_origin(**kwargs)(conflicted))
    app.test_client().get("/")  # a 404 first: it installs the hooks, and resolves nothing
    slow_config: Any = app.config
    slow_config.arm()
    replies: list[list[tuple[str, str]]] = []

    def first_request() -> None:
        reply = app.test_client().get("/conflicted", headers={"Origin": A})
        replies.append([(n, v) for n, v in reply.headers if n.lower().startswith("access-")])

    first = threading.Thread(target=first_request)
    first.start()
    assert slow_config.reading.wait(5)
    second = threading.Thread(target=first_request)
    second.start()
    for worker in (first, second):
        worker.join()
    assert (replies, errors(caplog)) == (
        [[], []],
        [(f"CORS: {message}{VIEW_CONFLICT_NOTE}", True)],
    )
