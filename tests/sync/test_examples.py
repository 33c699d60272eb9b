"""The examples/ apps: the headers each sends, and that each runs as a script on 127.0.0.1."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask

from tests.helpers import cors_headers

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = "http://localhost:5173"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type",
}
ALL = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


def example_app(name: str) -> Flask:
    app = importlib.import_module(f"examples.{name}").app
    assert isinstance(app, Flask)
    return app


@dataclass(frozen=True)
class Case:
    id: str
    example: str
    path: str
    origin: str
    expected: list[tuple[str, str]]
    method: str = "GET"
    extra: dict[str, str] = field(default_factory=dict)


CASES = [
    Case(
        "app-api-echoes-an-allowed-origin",
        "app",
        "/api/v1/users/",
        FRONTEND,
        [("access-control-allow-origin", FRONTEND), ("vary", "Origin")],
    ),
    Case(
        "app-api-refuses-another-origin-with-vary",
        "app",
        "/api/v1/users/",
        "https://evil.example",
        [("vary", "Origin")],
    ),
    Case("app-page-outside-api-gets-nothing", "app", "/", FRONTEND, []),
    Case(
        "app-answers-the-json-post-preflight",
        "app",
        "/api/v1/users/create",
        "http://127.0.0.1:5173",
        [
            ("access-control-allow-headers", "content-type"),
            ("access-control-allow-methods", ALL),
            ("access-control-allow-origin", "http://127.0.0.1:5173"),
            ("vary", "Origin"),
        ],
        method="OPTIONS",
        extra=PREFLIGHT,
    ),
    Case(
        "blueprint-api-exposes-its-header",
        "blueprint_app",
        "/api/v1/users",
        FRONTEND,
        [
            ("access-control-allow-origin", FRONTEND),
            ("access-control-expose-headers", "X-Total-Count"),
        ],
    ),
    Case("blueprint-public-gets-nothing", "blueprint_app", "/", FRONTEND, []),
    Case(
        "view-default-decorator-echoes-any-origin",
        "view_app",
        "/",
        "https://anyone.example",
        [("access-control-allow-origin", "https://anyone.example"), ("vary", "Origin")],
    ),
    Case(
        "view-send-wildcard-answers-star",
        "view_app",
        "/api/public",
        "https://anyone.example",
        [("access-control-allow-origin", "*")],
    ),
    Case(
        "view-decorator-answers-preflight-with-max-age",
        "view_app",
        "/api/items",
        FRONTEND,
        [
            ("access-control-allow-headers", "content-type"),
            ("access-control-allow-methods", ALL),
            ("access-control-allow-origin", FRONTEND),
            ("access-control-max-age", "600"),
        ],
        method="OPTIONS",
        extra=PREFLIGHT,
    ),
    Case("view-undecorated-gets-nothing", "view_app", "/api/internal", FRONTEND, []),
    Case(
        "credentials-login-allows-credentials",
        "credentials_app",
        "/login",
        FRONTEND,
        [("access-control-allow-credentials", "true"), ("access-control-allow-origin", FRONTEND)],
        method="POST",
    ),
    Case(
        "typed-glob-origin-allows-a-preview-subdomain",
        "typed_options",
        "/api/items",
        "https://pr-42.preview.example.com",
        [
            ("access-control-allow-origin", "https://pr-42.preview.example.com"),
            ("access-control-expose-headers", "X-Total-Count"),
            ("vary", "Origin"),
        ],
    ),
    Case(
        "typed-glob-origin-refuses-the-bare-domain",
        "typed_options",
        "/api/items",
        "https://preview.example.com",
        [("vary", "Origin")],
    ),
    Case(
        "typed-preflight-uses-the-options-object",
        "typed_options",
        "/api/items",
        "https://app.example.com",
        [
            ("access-control-allow-headers", "authorization, content-type"),
            ("access-control-allow-methods", "GET, POST"),
            ("access-control-allow-origin", "https://app.example.com"),
            ("access-control-expose-headers", "X-Total-Count"),
            ("access-control-max-age", "600"),
            ("vary", "Origin"),
        ],
        method="OPTIONS",
        extra={
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    ),
    Case(
        "typed-decorator-options-answer-star",
        "typed_options",
        "/status",
        "https://anyone.example",
        [("access-control-allow-origin", "*")],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_example_sends_exactly_the_expected_cors_headers(case: Case) -> None:
    client = example_app(case.example).test_client()
    response = client.open(
        case.path, method=case.method, headers={"Origin": case.origin, **case.extra}
    )
    assert cors_headers(response.headers) == case.expected


def test_app_example_error_response_is_readable_cross_origin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = example_app("app")
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = app.test_client().get("/api/exception", headers={"Origin": FRONTEND})
    assert (response.status_code, cors_headers(response.headers)) == (
        500,
        [("access-control-allow-origin", FRONTEND), ("vary", "Origin")],
    )


def test_credentials_example_recognises_the_cookie_set_by_login() -> None:
    client = example_app("credentials_app").test_client()
    client.post("/login", headers={"Origin": FRONTEND})
    response = client.get("/me", headers={"Origin": FRONTEND})
    assert response.get_json() == {"user": "ada"}


def test_credentials_example_without_the_cookie_is_a_readable_401() -> None:
    response = example_app("credentials_app").test_client().get("/me", headers={"Origin": FRONTEND})
    assert (response.status_code, response.headers.get("Access-Control-Allow-Origin")) == (
        401,
        FRONTEND,
    )


RUNNABLE = {
    "app": "/api/hello",
    "blueprint_app": "/api/v1/users",
    "view_app": "/api/public",
    "credentials_app": "/me",
    "typed_options": "/status",
}


@pytest.mark.parametrize(("example", "path"), RUNNABLE.items(), ids=list(RUNNABLE))
def test_example_serves_cors_on_loopback_when_run_as_a_script(example: str, path: str) -> None:
    with subprocess.Popen(
        [sys.executable, str(ROOT / "examples" / f"{example}.py")],
        env={**_plain_shell_environment(), "PORT": "0", "PYTHONUNBUFFERED": "1"},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    ) as process:
        try:
            acao = _origin_allowed_by(_announced_url(process) + path)
        finally:
            # Not SIGINT: a run started from a non-interactive shell's `&` inherits SIGINT
            # ignored, the server never stops, and Popen's exit waits for it forever.
            process.terminate()
            process.wait(timeout=30)
    assert acao in {FRONTEND, "*"}


def _plain_shell_environment() -> dict[str, str]:
    """This process's environment without FLASK_RUN_FROM_CLI, which turns app.run() into a
    no-op and leaks into os.environ from any test that invokes Flask's CLI group."""
    return {name: value for name, value in os.environ.items() if name != "FLASK_RUN_FROM_CLI"}


def _announced_url(process: subprocess.Popen[str]) -> str:
    """The address Werkzeug announces on stderr (PORT=0 lets the kernel choose)."""
    assert process.stderr is not None
    for line in process.stderr:
        found = re.search(r"Running on (http://127\.0\.0\.1:\d+)", line)
        if found:
            return found.group(1)
    raise AssertionError("the example exited without saying where it listens")


def _origin_allowed_by(url: str) -> str | None:
    request = urllib.request.Request(url, headers={"Origin": FRONTEND})
    acao: str | None
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            acao = response.headers.get("Access-Control-Allow-Origin")
    except urllib.error.HTTPError as error:  # the credentials example's 401 /me
        with error:
            acao = error.headers.get("Access-Control-Allow-Origin")
    return acao
