"""Flask `def` views: what the view or other code set stays as it is."""

from __future__ import annotations

import pytest
from flask import Flask, Response

from flask_cors import CORS
from tests.helpers import cors_headers
from tests.scenarios import A


@pytest.fixture(name="app")
def _app() -> Flask:
    return Flask(__name__)


@pytest.mark.parametrize(
    "name",
    ["Access-Control-Allow-Origin", "access-control-allow-origin", "ACCESS-CONTROL-ALLOW-ORIGIN"],
)
def test_allow_origin_set_by_the_view_in_any_case_is_left_alone(app: Flask, name: str) -> None:
    @app.route("/own")
    def own() -> Response:
        return Response("own", headers={name: "https://mine.example"})

    CORS(app, origins=[A, "https://b.example"])
    response = app.test_client().get("/own", headers={"Origin": A})
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://mine.example")
    ]


def test_allow_origin_check_sees_headers_replaced_by_a_plain_dict(app: Flask) -> None:
    @app.route("/plain")
    def plain() -> Response:
        return Response("plain")

    CORS(app)

    @app.after_request
    def replace_headers(response: Response) -> Response:
        # Runs before flask_cors's hook (Flask runs after_request functions in reverse).
        response.headers = {"Access-Control-Allow-Origin": "https://mine.example"}  # type: ignore[assignment]
        return response

    response = app.test_client().get("/plain", headers={"Origin": A})
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://mine.example")
    ]
