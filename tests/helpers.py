"""Helpers shared by the test suites (importable: `from tests.helpers import ...`).

Also the app factories the scenario table runs on (tests/async cannot be imported).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from click.testing import Result
from flask import Flask

import flask_cors
from flask_cors import CORS, cross_origin

from .scenarios import SCENARIO_METHODS, SCENARIO_PATH

if TYPE_CHECKING:
    # Quart only where used: the Flask-only matrix envs import this module too.
    from quart import Quart, Response
    from quart.typing import TestClientProtocol as QuartClient


def cors_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Access-Control-* and Vary headers, lower-cased names, sorted, duplicates kept.

    One list pins presence, absence, exact values and "added once" in a single assert.
    Pass `response.headers` (Werkzeug `Headers` iterate as (name, value) pairs).
    """
    return sorted(
        (name.lower(), value)
        for name, value in headers
        if name.lower().startswith("access-control-") or name.lower() == "vary"
    )


Via = Literal["extension", "decorator"]
VIA: tuple[Via, ...] = ("extension", "decorator")
"""The two ways a view gets a policy: `CORS(app, **options)` or `@cross_origin(**options)`."""

AppT = TypeVar("AppT", Flask, "Quart")


def flask_app(options: Mapping[str, Any], via: Via, *, async_view: bool = False) -> Flask:
    """A Flask app serving `SCENARIO_PATH`, covered by `options` through `via`."""
    return _serve(Flask(__name__), options, via, async_view)


def quart_app(options: Mapping[str, Any], via: Via, *, async_view: bool = True) -> Quart:
    """A Quart app serving `SCENARIO_PATH`, covered by `options` through `via`."""
    from quart import Quart

    return _serve(Quart(__name__), options, via, async_view)


async def quart_send(
    client: QuartClient, method: str, path: str, headers: Mapping[str, str]
) -> Response:
    """`client.<method>(path, headers=...)`: Quart's typed `open` insists on a `json` argument."""
    send = getattr(client, method.lower())
    response: Response = await send(path, headers=dict(headers))
    return response


def _serve(app: AppT, options: Mapping[str, Any], via: Via, async_view: bool) -> AppT:
    app.testing = True
    if via == "extension":
        CORS(app, **options)

    async def things_async() -> str:
        return "things"

    def things() -> str:
        return "things"

    view: Any = things_async if async_view else things
    if via == "decorator":
        view = cross_origin(**options)(view)
    app.add_url_rule(SCENARIO_PATH, "things", view, methods=list(SCENARIO_METHODS))
    return app


def cli_verdict(result: Result) -> tuple[int, str]:
    """`flask/quart cors check`'s exit code and its "Verdict: ..." line (else all output)."""
    lines = [line for line in result.output.splitlines() if line.startswith("Verdict: ")]
    return result.exit_code, lines[0].removeprefix("Verdict: ") if lines else result.output


def our_frames(error: BaseException) -> list[str]:
    """The frames of flask_cors's own code in `error`'s traceback, as "module:function"."""
    package = Path(flask_cors.__file__).parent
    return [
        f"{Path(frame.filename).stem}:{frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).parent == package
    ]
