"""The cases of `flask_cors.testing.fetch`, for Flask sync and async views and for Quart.

tests/sync/test_testing.py and tests/async/test_testing_async.py run this one table; each
case is a ``fetch()`` a page makes and what the browser then does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from flask import Flask, request

from flask_cors import CORS

if TYPE_CHECKING:
    from quart import Quart

    from flask_cors.testing import FetchResult

APP = "https://app.example"
EVIL = "https://evil.example"
PATH = "/things"
POLICY = "CORS(app) resource '/*'"
EXTRA_HEADERS = {"X-Total": "3", "X-Secret": "hidden"}
"""What the view adds to every answer: a page may read X-Total only where it is exposed."""


class Seen(NamedTuple):
    """What a test can observe of one fetch."""

    allowed: bool
    preflighted: bool
    sent: bool
    """The request itself reached the view."""
    readable: tuple[str, ...]
    cached_for: int | None
    verdict: str


@dataclass(frozen=True)
class FetchCase:
    """One ``fetch()`` from a page at `origin` against an app with `CORS(app, **options)`."""

    id: str
    options: Mapping[str, Any]
    expected: Seen
    method: str = "GET"
    headers: Mapping[str, str] = field(default_factory=dict)
    credentials: bool = False
    origin: str = APP


def _allowed(method: str, credentials: bool = False) -> str:
    what = f"{method} {PATH}" + (" with credentials" if credentials else "")
    return f"a browser at {APP} would be allowed to send {what} and read the response."


BODY = ("content-length", "content-type")
JSON = {"Content-Type": "application/json"}

FETCH_CASES = [
    FetchCase(
        "simple-get-no-preflight",
        {"origins": [APP]},
        Seen(True, False, True, BODY, None, _allowed("GET")),
    ),
    FetchCase(
        "refused-origin-request-still-sent",
        {"origins": [APP]},
        Seen(
            False,
            False,
            True,
            (),
            None,
            f"a browser at {EVIL} would be blocked because {EVIL!r} is not one of the "
            f"allowed origins ({APP}) of {POLICY}.",
        ),
        origin=EVIL,
    ),
    FetchCase(
        "form-post-safelisted-content-type-no-preflight",
        {"origins": [APP], "allow_headers": []},
        Seen(True, False, True, BODY, None, _allowed("POST")),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    ),
    FetchCase(
        "json-post-preflighted-then-sent",
        {"origins": [APP], "allow_headers": ["Content-Type"]},
        Seen(True, True, True, BODY, 5, _allowed("POST")),
        method="POST",
        headers=JSON,
    ),
    FetchCase(
        "unlisted-header-stops-after-preflight",
        {"origins": [APP], "allow_headers": ["Content-Type"]},
        Seen(
            False,
            True,
            False,
            (),
            None,
            f"a browser at {APP} would be blocked because the preflight asks for header "
            f"'x-unlisted', which allow_headers (content-type) of {POLICY} does not allow.",
        ),
        headers={"X-Unlisted": "1"},
    ),
    FetchCase(
        "method-not-in-methods-stops-after-preflight",
        {"origins": [APP], "methods": ["GET", "POST"]},
        Seen(
            False,
            True,
            False,
            (),
            None,
            f"a browser at {APP} would be blocked because the preflight asks for method "
            f"'PUT', which is not in methods (GET, POST) of {POLICY}.",
        ),
        method="PUT",
    ),
    FetchCase(
        "max-age-caches-the-preflight",
        {"origins": [APP], "max_age": 600},
        Seen(True, True, True, BODY, 600, _allowed("PUT")),
        method="PUT",
    ),
    FetchCase(
        "credentials-need-supports-credentials",
        {"origins": [APP]},
        Seen(
            False,
            False,
            True,
            (),
            None,
            f"a browser at {APP} would be blocked because the page sends credentials but "
            "the response has no Access-Control-Allow-Credentials: true (set "
            f"supports_credentials=True in {POLICY}).",
        ),
        credentials=True,
    ),
    FetchCase(
        "credentials-with-supports-credentials",
        {"origins": [APP], "supports_credentials": True},
        Seen(True, False, True, BODY, None, _allowed("GET", credentials=True)),
        credentials=True,
    ),
    FetchCase(
        "exposed-header-readable-unexposed-not",
        {"origins": [APP], "expose_headers": ["X-Total"]},
        Seen(True, False, True, (*BODY, "x-total"), None, _allowed("GET")),
    ),
    FetchCase(
        "expose-star-without-credentials-exposes-all",
        {"origins": [APP], "expose_headers": "*"},
        Seen(
            True,
            False,
            True,
            # "*" names every header, Access-Control-* included (Set-Cookie never).
            (
                "access-control-allow-origin",
                "access-control-expose-headers",
                *BODY,
                "x-secret",
                "x-total",
            ),
            None,
            _allowed("GET"),
        ),
    ),
    FetchCase(
        "expose-star-with-credentials-is-a-literal-name",
        {"origins": [APP], "expose_headers": "*", "supports_credentials": True},
        Seen(True, False, True, BODY, None, _allowed("GET", credentials=True)),
        credentials=True,
    ),
    FetchCase(
        "wildcard-answer-refused-with-credentials",
        {"send_wildcard": True},
        Seen(
            False,
            False,
            True,
            (),
            None,
            f"a browser at {APP} would be blocked because Access-Control-Allow-Origin is "
            "'*', which browsers refuse for a request with credentials (drop "
            "send_wildcard=True and list the origins).",
        ),
        credentials=True,
    ),
]


def seen(result: FetchResult[Any]) -> Seen:
    """What a test observes of a `FetchResult`."""
    return Seen(
        result.allowed,
        result.preflighted,
        result.sent,
        tuple(sorted(result.readable_headers)),
        result.preflight_cached_for,
        result.verdict,
    )


def view_calls(case: FetchCase) -> list[str]:
    """The calls the view records when `fetch` sends exactly what the case expects."""
    return [case.method] if case.expected.sent else []


def flask_things(options: Mapping[str, Any], *, async_view: bool = False) -> Flask:
    """`CORS(app, **options)` over PATH, whose view records each call in config["calls"]."""
    app = Flask(__name__)
    app.config.update(TESTING=True, calls=[])
    CORS(app, **options)

    def things() -> tuple[str, dict[str, str]]:
        app.config["calls"].append(request.method)
        return "things", EXTRA_HEADERS

    async def things_async() -> tuple[str, dict[str, str]]:
        return things()

    view: Any = things_async if async_view else things
    app.add_url_rule(PATH, "things", view, methods=["GET", "POST", "PUT"])
    return app


def quart_things(options: Mapping[str, Any]) -> Quart:
    """The Quart twin of `flask_things`, with an `async def` view."""
    from quart import Quart
    from quart import request as quart_request

    app = Quart(__name__)
    app.testing = True
    app.config["calls"] = []
    CORS(app, **options)

    async def things() -> tuple[str, dict[str, str]]:
        app.config["calls"].append(quart_request.method)
        return "things", EXTRA_HEADERS

    app.add_url_rule(PATH, "things", things, methods=["GET", "POST", "PUT"])
    return app
