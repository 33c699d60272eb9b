"""Run flask-cors 6 apps under this package and under flask-cors 6.0.5, and compare.

The apps run in subprocesses (`tests/compat/_runner.py`): one per interpreter and framework
for a whole batch of apps, since starting Python costs more than the requests. This
project's interpreter imports this package; `.venv-ref` (made by `make test`) imports the
reference flask-cors 6.0.5. Used by the corpus (tests/compat) and by
tests/sync/test_dropin.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_PYTHON = ROOT / ".venv-ref" / "bin" / "python"
RUNNER = Path(__file__).with_name("_runner.py")

Headers = list[tuple[str, str]]
"""CORS headers as `tests.helpers.cors_headers` gives them: lower-cased, sorted."""

Label = Literal["D1", "D2", "D3", "D4", "D5", "D6", "D7"]


@dataclass(frozen=True)
class Request:
    """One request an app is sent: method, path and headers."""

    method: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)


def get(path: str, origin: str | None = None, **headers: str) -> Request:
    """A GET (or a simple request), with `Origin` when given."""
    return Request("GET", path, {**({"Origin": origin} if origin else {}), **headers})


def post(path: str, origin: str, content_type: str = "application/json") -> Request:
    """A POST as a page's `fetch` sends it."""
    return Request("POST", path, {"Origin": origin, "Content-Type": content_type})


def preflight(
    path: str, origin: str, method: str = "POST", headers: str | None = "content-type"
) -> Request:
    """The OPTIONS request a browser sends before a non-simple request."""
    sent = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers is not None:
        sent["Access-Control-Request-Headers"] = headers
    return Request("OPTIONS", path, sent)


@dataclass(frozen=True)
class Outcome:
    """What one app did: its start-up error, or the responses to its requests."""

    error: str | None
    responses: list[tuple[int, Headers]]
    logged: list[str]
    """WARNING (and above) messages of the `flask_cors` logger, start-up and requests."""
    warned: list[str]
    """Python warnings the app's own source triggered, as `Category: message`."""


@dataclass(frozen=True)
class App:
    """An app to run: its source (which binds `app`), environment and requests."""

    id: str
    source: str
    requests: Sequence[Request]
    env: Mapping[str, str] = field(default_factory=dict)


def run_apps(
    apps: Sequence[App], *, reference: bool = False, framework: str = "flask"
) -> dict[str, Outcome]:
    """Run every app in one subprocess: this package's, or flask-cors 6.0.5's."""
    python = REFERENCE_PYTHON if reference else Path(sys.executable)
    assert python.exists(), "run `make test` (it makes .venv-ref with flask-cors 6.0.5)"
    task = {
        # Never the project's flask_cors in the reference run, and always it in ours.
        "expect": ".venv-ref" if reference else str(ROOT / "flask_cors"),
        "framework": framework,
        "apps": [
            {
                "id": app.id,
                "source": app.source,
                "env": dict(app.env),
                "requests": [[r.method, r.path, dict(r.headers)] for r in app.requests],
            }
            for app in apps
        ],
    }
    result = subprocess.run(
        [str(python), "-I", str(RUNNER)],
        input=json.dumps(task),
        capture_output=True,
        text=True,
        cwd=ROOT / "tests",  # never the project root: -I keeps it off sys.path anyway
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    raw: dict[str, Any] = json.loads(result.stdout)
    return {
        app_id: Outcome(
            error=out["error"],
            responses=[
                (status, [(name, value) for name, value in headers])
                for status, headers in out["responses"]
            ],
            logged=out["logged"],
            warned=out["warned"],
        )
        for app_id, out in raw.items()
    }
