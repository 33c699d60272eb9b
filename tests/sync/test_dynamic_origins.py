"""A callable `origins` (docs/design.md 7): asked only about well-formed origins, its errors
refuse the origin (never a 500 with CORS headers), and `Vary: Origin` is always sent."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from flask_cors import CORS, cross_origin
from tests.helpers import cors_headers

TENANTS = {"https://a.tenant.example", "https://b.tenant.example"}
VARY = ("vary", "Origin")


class Recorder:
    """An origins callable that records what it was asked and answers from TENANTS."""

    def __init__(self, answer: object = None, error: Exception | None = None) -> None:
        self.calls: list[str] = []
        self.answer = answer
        self.error = error

    def __call__(self, origin: str) -> bool:
        self.calls.append(origin)
        if self.error is not None:
            raise self.error
        if self.answer is not None:
            return self.answer  # type: ignore[return-value]  # a wrong answer, on purpose
        return origin in TENANTS


def make_app(check: Recorder) -> Flask:
    app = Flask(__name__)
    CORS(app, origins=check)

    @app.route("/data", methods=["GET", "PUT"])
    def data() -> str:
        return "data"

    return app


def test_allowed_origin_is_echoed_with_vary_origin() -> None:
    client = make_app(Recorder()).test_client()
    response = client.get("/data", headers={"Origin": "https://a.tenant.example"})
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://a.tenant.example"),
        VARY,
    ]


def test_preflight_from_an_allowed_origin_gets_the_full_answer() -> None:
    client = make_app(Recorder()).test_client()
    response = client.options(
        "/data",
        headers={"Origin": "https://b.tenant.example", "Access-Control-Request-Method": "PUT"},
    )
    assert cors_headers(response.headers) == [
        ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("access-control-allow-origin", "https://b.tenant.example"),
        VARY,
    ]


def test_private_network_request_from_an_allowed_origin_gets_its_header() -> None:
    # The callable's verdict comes after the request's facts were read: they all count.
    app = Flask(__name__)
    CORS(app, origins=Recorder(), allow_private_network=True)
    app.add_url_rule("/data", "data", lambda: "data")
    headers = {
        "Origin": "https://a.tenant.example",
        "Access-Control-Request-Private-Network": "true",
    }
    response = app.test_client().get("/data", headers=headers)
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://a.tenant.example"),
        ("access-control-allow-private-network", "true"),
        VARY,
    ]


def test_refused_origin_gets_only_vary_origin() -> None:
    client = make_app(Recorder()).test_client()
    response = client.get("/data", headers={"Origin": "https://evil.example"})
    assert cors_headers(response.headers) == [VARY]


def test_request_without_origin_gets_only_vary_origin() -> None:
    client = make_app(Recorder()).test_client()
    response = client.get("/data")
    assert cors_headers(response.headers) == [VARY]


def test_origin_is_passed_to_the_callable_exactly_as_sent() -> None:
    check = Recorder()
    make_app(check).test_client().get("/data", headers={"Origin": "HTTPS://A.Tenant.example"})
    assert check.calls == ["HTTPS://A.Tenant.example"]


@pytest.mark.parametrize(
    "answer",
    ["yes", 1, object()],
    ids=["string", "one", "object"],
)
def test_a_truthy_answer_that_is_not_true_refuses_the_origin(answer: object) -> None:
    client = make_app(Recorder(answer=answer)).test_client()
    response = client.get("/data", headers={"Origin": "https://a.tenant.example"})
    assert cors_headers(response.headers) == [VARY]


@pytest.mark.parametrize(
    "origin",
    [
        "https://a.tenant.example, https://b.tenant.example",
        "https://a tenant.example",
        "https://a.tenant.example\t",
        "https://" + "a" * 2050 + ".example",
        "https://ä.tenant.example",
    ],
    ids=["comma-list", "space", "tab", "too-long", "non-ascii"],
)
def test_callable_is_never_asked_about_a_malformed_origin(origin: str) -> None:
    check = Recorder(answer=True)
    client = make_app(check).test_client()
    response = client.get("/data", environ_overrides={"HTTP_ORIGIN": origin})
    assert (check.calls, cors_headers(response.headers)) == ([], [VARY])


@pytest.mark.parametrize(
    "origin",
    ["a.tenant.example", "https://a.tenant.example/", "https://user@a.tenant.example"],
    ids=["no-scheme", "trailing-slash", "userinfo"],
)
def test_callable_decides_origins_outside_the_d2_list(origin: str) -> None:
    # D2's list is exhaustive: flask-cors 6 would have matched these, so the callable is asked.
    check = Recorder(answer=True)
    client = make_app(check).test_client()
    response = client.get("/data", headers={"Origin": origin})
    assert (check.calls, response.headers.get("Access-Control-Allow-Origin")) == (
        [origin],
        origin,
    )


def test_callable_that_raises_refuses_the_origin_without_a_500() -> None:
    client = make_app(Recorder(error=RuntimeError("tenant database down"))).test_client()
    response = client.get("/data", headers={"Origin": "https://a.tenant.example"})
    assert (response.status_code, cors_headers(response.headers)) == (200, [VARY])


def test_callable_exception_is_logged_with_the_origin_and_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="flask_cors")
    client = make_app(Recorder(error=RuntimeError("tenant database down"))).test_client()
    client.get("/data", headers={"Origin": "https://a.tenant.example"})
    [record] = caplog.records
    assert (record.getMessage(), str(record.exc_info[1]) if record.exc_info else None) == (
        "CORS: the origins callable raised for Origin 'https://a.tenant.example'; refused",
        "tenant database down",
    )


def test_callable_is_asked_once_per_request() -> None:
    check = Recorder()
    client = make_app(check).test_client()
    client.get("/data", headers={"Origin": "https://a.tenant.example"})
    client.get("/data", headers={"Origin": "https://evil.example"})
    assert check.calls == ["https://a.tenant.example", "https://evil.example"]


def test_callable_works_in_cross_origin_on_a_sync_view() -> None:
    app = Flask(__name__)

    @app.get("/view")
    @cross_origin(origins=Recorder())
    def view() -> str:
        return "view"

    response = app.test_client().get("/view", headers={"Origin": "https://a.tenant.example"})
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://a.tenant.example"),
        VARY,
    ]


def test_callable_works_on_an_async_flask_view() -> None:
    app = Flask(__name__)
    CORS(app, origins=Recorder())

    @app.get("/view")
    async def view() -> str:
        return "view"

    response = app.test_client().get("/view", headers={"Origin": "https://b.tenant.example"})
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://b.tenant.example"),
        VARY,
    ]


def test_callable_with_credentials_sends_allow_credentials_to_allowed_origins_only() -> None:
    app = Flask(__name__)
    CORS(app, origins=Recorder(), supports_credentials=True)

    @app.get("/me")
    def me() -> str:
        return "me"

    client = app.test_client()
    allowed = client.get("/me", headers={"Origin": "https://a.tenant.example"})
    refused = client.get("/me", headers={"Origin": "https://evil.example"})
    assert (cors_headers(allowed.headers), cors_headers(refused.headers)) == (
        [
            ("access-control-allow-credentials", "true"),
            ("access-control-allow-origin", "https://a.tenant.example"),
            VARY,
        ],
        [VARY],
    )
