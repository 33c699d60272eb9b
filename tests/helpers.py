"""Helpers shared by the test suites (importable: `from tests.helpers import ...`).

Also the app factories the scenario table runs on (tests/async cannot be imported), and
`Framework`: one test body run on Flask `def` views, Flask `async def` views and Quart.
"""

from __future__ import annotations

import asyncio
import functools
import re
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union

import pytest
from click.testing import Result
from flask import Blueprint, Flask

import flask_cors
from flask_cors import CORS, cross_origin

from .scenarios import SCENARIO_METHODS, SCENARIO_PATH

if TYPE_CHECKING:
    # Quart only where used: the Flask-only matrix envs import this module too.
    from quart import Blueprint as QuartBlueprint
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


App = Union[Flask, "Quart"]  # a string: Quart is imported for type checking only
"""A Flask or a Quart app: what `Framework.app` makes."""

RequestHeaders = Mapping[str, str] | Iterable[tuple[str, str]]
"""Request headers: a mapping, or (name, value) pairs where a name may repeat."""

_UNDELIVERABLE = re.compile(r"[\r\n\x00]")


@dataclass(frozen=True, slots=True)
class Reply:
    """What a client got back: the status, every header line, the body."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def cors(self) -> list[tuple[str, str]]:
        """The Access-Control-* and Vary lines, as `cors_headers` lists them."""
        return cors_headers(self.headers)

    @property
    def text(self) -> str:
        """The body as UTF-8 text."""
        return self.body.decode()

    def header(self, name: str) -> str | None:
        """The first value of header `name` (any case; Quart lower-cases names), or None."""
        return next((v for n, v in self.headers if n.lower() == name.lower()), None)


@dataclass(frozen=True, slots=True)
class Framework:
    """One way to serve views: Flask with `def` views, Flask with `async def` views, Quart.

    A test takes the `framework` fixture (tests/conftest.py), builds its app and views
    through it and sends requests with `send`, which is synchronous on every framework
    (Quart's test client runs in a fresh event loop per request), so one test body runs
    on all of them. Quart is imported only when a Quart app is made: Flask-only envs
    collect these tests and leave out the `quart`-marked parameter.
    """

    id: str
    quart: bool
    async_views: bool

    def app(self, **kwargs: Any) -> App:
        """A new app named after the tests; `kwargs` go to the app class (`static_folder`)."""
        if self.quart:
            from quart import Quart

            return Quart("tests", **kwargs)
        return Flask("tests", **kwargs)

    def blueprint(self, name: str, **kwargs: Any) -> Blueprint | QuartBlueprint:
        """A new blueprint of this framework; `kwargs` go to its class (`url_prefix`)."""
        if self.quart:
            from quart import Blueprint as QuartBlueprint

            return QuartBlueprint(name, "tests", **kwargs)
        return Blueprint(name, "tests", **kwargs)

    def view(self, body: Callable[..., Any]) -> Callable[..., Any]:
        """`body` as this framework's kind of view: itself, or an `async def` running it.

        The name, docstring and attributes (such as a `@cors_exempt` mark) are kept.
        """
        if not self.async_views:
            return body

        @functools.wraps(body)
        async def view(*args: Any, **kwargs: Any) -> Any:
            return body(*args, **kwargs)

        return view

    def send(
        self,
        app: App,
        method: str = "GET",
        path: str = "/",
        headers: RequestHeaders = (),
        *,
        raw: bool = False,
    ) -> Reply:
        """One request through the app's test client; the whole body is read.

        `raw=True` hands Flask the header values unchecked, in the WSGI environ, as a
        server behind a lax proxy may (the test client would refuse CR and LF); an ASGI
        server refuses such values before Quart sees them, so use `delivers` to drop them.
        """
        if not isinstance(app, Flask):
            return asyncio.run(_quart_reply(app, method, path, headers))
        if raw:
            environ = {
                "HTTP_" + name.upper().replace("-", "_"): value for name, value in _pairs(headers)
            }
            response = app.test_client().open(path, method=method, environ_overrides=environ)
        else:
            response = app.test_client().open(path, method=method, headers=_pairs(headers))
        with response:
            return Reply(response.status_code, list(response.headers), response.get_data())

    def delivers(self, value: str) -> bool:
        """Whether a server of this framework hands a request header with `value` to the app."""
        return not (self.quart and _UNDELIVERABLE.search(value))


def _pairs(headers: RequestHeaders) -> list[tuple[str, str]]:
    return list(headers.items()) if isinstance(headers, Mapping) else list(headers)


async def _quart_reply(app: Quart, method: str, path: str, headers: RequestHeaders) -> Reply:
    from werkzeug.datastructures import Headers

    send = getattr(app.test_client(), method.lower())
    response: Response = await send(path, headers=Headers(_pairs(headers)))
    body: bytes = await response.get_data(as_text=False)
    return Reply(response.status_code, list(response.headers), body)


FLASK = Framework("flask", quart=False, async_views=False)
FLASK_ASYNC = Framework("flask-async", quart=False, async_views=True)
QUART = Framework("quart", quart=True, async_views=True)
QUART_DEF = Framework("quart-def", quart=True, async_views=False)

FRAMEWORKS = [
    pytest.param(FLASK, id=FLASK.id),
    pytest.param(FLASK_ASYNC, id=FLASK_ASYNC.id),
    pytest.param(QUART, id=QUART.id, marks=pytest.mark.quart),
]
"""The `framework` fixture's parameters; Flask-only envs deselect the `quart` one."""

FRAMEWORKS_AND_QUART_DEF = [
    *FRAMEWORKS,
    pytest.param(QUART_DEF, id=QUART_DEF.id, marks=pytest.mark.quart),
]
"""`FRAMEWORKS` and Quart with `def` views (run in Quart's thread pool), for
`@pytest.mark.parametrize("framework", FRAMEWORKS_AND_QUART_DEF)` where both kinds matter."""


def our_frames(error: BaseException) -> list[str]:
    """The frames of flask_cors's own code in `error`'s traceback, as "module:function"."""
    package = Path(flask_cors.__file__).parent
    return [
        f"{Path(frame.filename).stem}:{frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).parent == package
    ]


def propagate_exceptions(app: App) -> None:
    """Make the app's test client raise a view's exception instead of answering 500.

    Flask: `PROPAGATE_EXCEPTIONS`. Quart 0.19 also needs `testing`, while Quart 0.20 answers
    500 when `testing` is set, so the Quart app is set per version.
    """
    app.config["PROPAGATE_EXCEPTIONS"] = True
    if not isinstance(app, Flask):
        from importlib.metadata import version

        app.testing = tuple(int(part) for part in version("quart").split(".")[:2]) < (0, 20)
