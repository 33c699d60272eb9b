"""Runs flask-cors apps and reports the CORS headers they send, as JSON on stdout.

Not a test module: `tests/compat/harness.py` runs this file with `python -I` in two
interpreters (this project's and `.venv-ref`'s, which holds flask-cors 6.0.5), so it
imports nothing from the project and works under either `flask_cors`.

stdin: {"expect": text the imported `flask_cors.__file__` must contain,
        "framework": "flask" | "quart",
        "apps": [{"id", "source", "env", "requests": [[method, path, headers], ...]}]}
stdout: {id: {"error": str | None, "logged": [...], "warned": [...],
              "responses": [[status, [[name, value], ...]], ...]}}

Each app's source runs in a namespace of its own, with `Flask`, `Blueprint`, `MethodView`,
`jsonify`, `request` and `abort` bound to the framework's, and must bind `app`. Its
environment variables are set while it starts, then restored.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

Headers = list[list[str]]
Request = tuple[str, str, dict[str, str]]


def cors_headers(items: Any) -> Headers:
    """Access-Control-* and Vary headers, lower-cased names, sorted, duplicates kept."""
    return sorted(
        [name.lower(), value]
        for name, value in items
        if name.lower().startswith("access-control-") or name.lower() == "vary"
    )


class _Records(logging.Handler):
    """Keeps the messages of the `flask_cors` logger's WARNING records and above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _bindings(framework: str) -> dict[str, Any]:
    if framework == "quart":
        import quart
        import quart.views

        return {
            "Flask": quart.Quart,
            "Blueprint": quart.Blueprint,
            "MethodView": quart.views.MethodView,
            "jsonify": quart.jsonify,
            "request": quart.request,
            "abort": quart.abort,
        }
    import flask
    import flask.views

    return {
        "Flask": flask.Flask,
        "Blueprint": flask.Blueprint,
        "MethodView": flask.views.MethodView,
        "jsonify": flask.jsonify,
        "request": flask.request,
        "abort": flask.abort,
    }


def _send_flask(app: Any, requests: list[Request]) -> list[list[Any]]:
    client = app.test_client()
    out: list[list[Any]] = []
    for method, path, headers in requests:
        response = client.open(path, method=method, headers=headers)
        out.append([response.status_code, cors_headers(response.headers.items())])
    return out


def _send_quart(app: Any, requests: list[Request]) -> list[list[Any]]:
    async def send_all() -> list[list[Any]]:
        client = app.test_client()
        out: list[list[Any]] = []
        for method, path, headers in requests:
            response = await getattr(client, method.lower())(path, headers=headers)
            out.append([response.status_code, cors_headers(response.headers.items())])
        return out

    return asyncio.run(send_all())


def run_app(framework: str, spec: Mapping[str, Any]) -> dict[str, Any]:
    """Start one app, send its requests, and say what came back."""
    records = _Records()
    logger = logging.getLogger("flask_cors")
    logger.addHandler(records)
    level = logger.level
    result: dict[str, Any] = {"error": None, "warned": [], "responses": []}
    filename = f"<compat {spec['id']}>"
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            namespace = {"__name__": "compat_case", **_bindings(framework)}
            with _environment(spec["env"]):
                try:
                    exec(compile(spec["source"], filename, "exec"), namespace)
                except Exception as error:  # the start-up error is what the case compares
                    result["error"] = f"{type(error).__name__}: {error}"
            if result["error"] is None:
                requests = [(m, p, dict(h)) for m, p, h in spec["requests"]]
                send = _send_quart if framework == "quart" else _send_flask
                result["responses"] = send(namespace["app"], requests)
        # Warnings the app's own code triggered (a deprecated helper it calls).
        result["warned"] = [
            f"{w.category.__name__}: {w.message}" for w in caught if w.filename == filename
        ]
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)  # an app that turns on DEBUG leaves the next app alone
    result["logged"] = records.messages
    return result


def main() -> None:
    task = json.load(sys.stdin)
    import flask_cors

    assert task["expect"] in str(flask_cors.__file__), f"wrong flask_cors: {flask_cors.__file__}"
    out = {spec["id"]: run_app(task["framework"], spec) for spec in task["apps"]}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
