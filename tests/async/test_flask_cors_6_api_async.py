"""flask-cors 6's signatures and registration order on Flask `async def` views and Quart
(docs/design.md 4): positional origins, the app by keyword, the last registration answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from flask import Flask

from flask_cors import CORS, cross_origin
from tests.helpers import cors_headers
from tests.scenarios import VARY, A, B, acao

if TYPE_CHECKING:
    from quart import Quart  # the Quart tests are marked: Flask-only envs leave them out

C = "https://c.example"


async def view() -> str:
    return "view"


def test_positional_origins_on_a_flask_async_view() -> None:
    app = Flask(__name__)
    app.add_url_rule("/v", "v", cross_origin(A)(view))
    client = app.test_client()
    answers = [client.get("/v", headers={"Origin": origin}) for origin in (A, B)]
    assert [cors_headers(r.headers) for r in answers] == [[acao(A)], []]


async def _answers(app: Quart, path: str, *origins: str) -> list[list[tuple[str, str]]]:
    client = app.test_client()
    return [
        cors_headers((await client.get(path, headers={"Origin": origin})).headers)
        for origin in origins
    ]


@pytest.mark.quart
@pytest.mark.parametrize(
    ("positional", "expected"),
    [
        pytest.param(A, [[acao(A)], []], id="string"),
        pytest.param([A, C], [[acao(A), VARY], [VARY]], id="list"),
    ],
)
async def test_positional_origins_on_a_quart_view(
    app: Quart, positional: str | list[str], expected: list[list[tuple[str, str]]]
) -> None:
    app.add_url_rule("/v", "v", cross_origin(positional)(view))
    assert await _answers(app, "/v", A, B) == expected


@pytest.mark.quart
@pytest.mark.parametrize(
    "register",
    [
        pytest.param(lambda app: CORS(app=app, origins=A), id="CORS(app=app)"),
        pytest.param(lambda app: CORS(app=None, origins=A).init_app(app), id="CORS(app=None)"),
        pytest.param(lambda app: CORS(origins=A).init_app(app=app), id="init_app(app=app)"),
    ],
)
async def test_quart_app_given_by_keyword_is_registered(
    app: Quart, register: Callable[[Quart], object]
) -> None:
    register(app)
    app.add_url_rule("/v", "v", view)
    assert await _answers(app, "/v", A, B) == [[acao(A)], []]


@pytest.mark.quart
async def test_quart_narrower_registration_after_cors_app_answers_its_paths(app: Quart) -> None:
    app.add_url_rule("/me/profile", "profile", view)
    app.add_url_rule("/things", "things", view)
    CORS(app, origins=[A, B])
    CORS(app, resources=r"/me/.*", origins=A)
    assert [
        *await _answers(app, "/me/profile", A, B),
        *await _answers(app, "/things", B),
    ] == [[acao(A)], [], [acao(B), VARY]]
