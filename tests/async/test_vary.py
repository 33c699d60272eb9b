"""`Vary: Origin` on every kind of response of a policy that answers origins differently, and
on none of a policy that does not (docs/design.md 5.5), on Flask `def` views, Flask
`async def` views and Quart, through `CORS(app)` and `@cross_origin`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import pytest
from werkzeug.exceptions import Forbidden

from flask_cors import CORS, cross_origin
from tests.helpers import FRAMEWORKS_AND_QUART_DEF, VIA, App, Framework, Via
from tests.scenarios import VARY, A, B, acao

VARY_POLICIES = [
    pytest.param({"origins": [A, B]}, True, id="two-literals"),
    pytest.param({"origins": r"https://.*\.example"}, True, id="regex"),
    pytest.param({"origins": "https://*.example"}, True, id="glob"),
    pytest.param({"origins": lambda origin: origin == A}, True, id="callable"),
    pytest.param({}, True, id="star-echoed"),
    pytest.param({"always_send": False, "origins": [A, B]}, True, id="two-literals-no-always-send"),
    pytest.param({"origins": A}, False, id="one-literal"),
    pytest.param({"send_wildcard": True}, False, id="star-sent"),
    pytest.param({"origins": [A, B], "vary_header": False}, False, id="vary-header-false"),
]

VARY_REQUESTS = [
    pytest.param("GET", "/r", {"Origin": A}, id="allowed"),
    pytest.param("GET", "/r", {"Origin": "https://evil.test"}, id="refused"),
    pytest.param("GET", "/r", {"Origin": f"{A}/path"}, id="malformed"),
    pytest.param("GET", "/r", {}, id="no-origin"),
    pytest.param("GET", "/r", {"Origin": ""}, id="empty-origin"),
    pytest.param("HEAD", "/r", {"Origin": A}, id="head"),
    pytest.param("OPTIONS", "/r", {"Origin": A}, id="options-without-request-method"),
    pytest.param(
        "OPTIONS", "/r", {"Origin": A, "Access-Control-Request-Method": "PUT"}, id="preflight"
    ),
    pytest.param(
        "OPTIONS",
        "/r",
        {"Origin": "https://evil.test", "Access-Control-Request-Method": "PUT"},
        id="refused-preflight",
    ),
    pytest.param(
        "OPTIONS",
        "/r",
        {"Origin": A, "Access-Control-Request-Method": "TRACE"},
        id="preflight-method-refused",
    ),
    pytest.param("DELETE", "/r", {"Origin": A}, id="405"),
    pytest.param("GET", "/fail", {"Origin": A}, id="abort-403"),
    pytest.param("GET", "/boom", {"Origin": "https://evil.test"}, id="refused-500"),
]


def fail() -> NoReturn:
    raise Forbidden


def boom() -> NoReturn:
    raise RuntimeError("boom")


def vary_app(framework: Framework, via: Via, options: dict[str, Any]) -> App:
    """/r (GET, PUT), /fail (403) and /boom (500), covered by `options` through `via`."""
    app = framework.app()
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def cover(body: Callable[[], Any]) -> Callable[..., Any]:
        view = framework.view(body)
        return cross_origin(**options)(view) if via == "decorator" else view

    app.add_url_rule("/r", "r", cover(lambda: "r"), methods=["GET", "PUT"])
    app.add_url_rule("/fail", "fail", cover(fail))
    app.add_url_rule("/boom", "boom", cover(boom))
    if via == "extension":
        CORS(app, **options)
    return app


@pytest.mark.parametrize("via", VIA)
@pytest.mark.parametrize(("method", "path", "headers"), VARY_REQUESTS)
@pytest.mark.parametrize(("options", "varies"), VARY_POLICIES)
def test_vary_origin_is_on_every_response_exactly_when_the_policy_depends_on_the_origin(
    framework: Framework,
    via: Via,
    method: str,
    path: str,
    headers: dict[str, str],
    options: dict[str, Any],
    varies: bool,
) -> None:
    app = vary_app(framework, via, options)
    framework.send(app, "GET", "/r")  # a decorator-only app gets its hook at the first request
    reply = framework.send(app, method, path, headers)
    vary = [value for name, value in reply.headers if name.lower() == "vary"]
    assert vary == (["Origin"] if varies else [])


@pytest.mark.parametrize("framework", FRAMEWORKS_AND_QUART_DEF)
@pytest.mark.parametrize("via", VIA)
def test_405_on_a_covered_path_gets_the_headers_of_that_paths_view(
    framework: Framework, via: Via
) -> None:
    app = vary_app(framework, via, {"origins": [A, B], "expose_headers": "X-Mine"})
    app.add_url_rule("/other", "other", framework.view(lambda: "other"))
    CORS(app, origins=A, resources="/other")  # another policy, for a path without its own
    reply = framework.send(app, "DELETE", "/r", {"Origin": B})
    assert (reply.status, reply.cors) == (
        405,
        [acao(B), ("access-control-expose-headers", "X-Mine"), VARY],
    )


@pytest.mark.parametrize(
    "vary",
    [
        pytest.param("Accept-Encoding,Origin", id="without-spaces"),
        pytest.param("Origin ,Cookie", id="space-before-comma"),
    ],
)
def test_a_vary_that_already_lists_origin_is_left_as_it_is(framework: Framework, vary: str) -> None:
    app = framework.app()
    CORS(app)
    app.add_url_rule("/v", "v", framework.view(lambda: ("x", {"Vary": vary})))
    reply = framework.send(app, "GET", "/v", {"Origin": A})
    assert reply.cors == [acao(A), ("vary", vary)]


ORIGINS_KINDS = [
    pytest.param([A, B], id="literals"),
    pytest.param(lambda origin: origin == A, id="callable"),  # decided after asking it
]


@pytest.mark.parametrize("origins", ORIGINS_KINDS)
@pytest.mark.parametrize(
    ("own", "expected"),
    [
        pytest.param(["Accept"], ["Accept, Origin"], id="one-line"),
        pytest.param(["Accept", "Cookie"], ["Accept, Origin", "Cookie"], id="first-of-two"),
        pytest.param(["X"], ["X, Origin"], id="one-letter-name"),
        pytest.param(["Accept, X"], ["Accept, X, Origin"], id="ends-in-x"),
        pytest.param(["\x0b"], ["\x0b, Origin"], id="odd-whitespace-kept"),
    ],
)
def test_vary_origin_joins_the_first_of_the_views_own_vary_lines(
    framework: Framework, origins: Any, own: list[str], expected: list[str]
) -> None:
    # The view's Vary lines come first in its response; `Origin` joins the first, which is
    # the one `response.vary` reads, and none of the app's own values is dropped.
    app = framework.app()
    CORS(app, origins=origins)
    response_class: Any = app.response_class
    lines = [("Vary", value) for value in own]
    app.add_url_rule("/v", "v", framework.view(lambda: response_class("x", headers=lines)))
    reply = framework.send(app, "GET", "/v", {"Origin": A})
    vary = [value for name, value in reply.headers if name.lower() == "vary"]
    assert (reply.header("Access-Control-Allow-Origin"), vary) == (A, expected)
