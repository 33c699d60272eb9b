"""Properties through Quart: for any policy and hostile request, an app (extension or
decorator) sends exactly the core's answer, once, with clean values; and a websocket
handshake opens only for an origin the policy allows."""

from __future__ import annotations

import asyncio
import re
from typing import cast

from hypothesis import given
from hypothesis import strategies as st
from quart import Quart, websocket
from quart.testing.connections import WebsocketResponseError

from flask_cors import CORS, cross_origin
from flask_cors.core import RequestFacts
from tests.helpers import cors_headers

from .reference import allows
from .strategies import BOUNDED, PolicySpec, origin_headers, policies_and_requests, policy_specs
from .test_properties import FLASK_METHODS, _decide


async def _ok() -> str:
    return "ok"


def _headers(facts: RequestFacts) -> dict[str, str]:
    # Quart's test client takes header values as given; CR/LF would be refused by any
    # ASGI server before the app, so only values a server can deliver are sent here.
    raw = {
        "Origin": facts.origin,
        "Access-Control-Request-Method": facts.request_method,
        "Access-Control-Request-Headers": facts.request_headers,
        "Access-Control-Request-Private-Network": facts.request_private_network,
    }
    return {
        name: value
        for name, value in raw.items()
        if value is not None and not re.search(r"[\r\n\x00]", value)
    }


@BOUNDED
@given(policies_and_requests(), FLASK_METHODS, st.booleans())
def test_quart_sends_exactly_the_core_answer_once_with_clean_values(
    case: tuple[PolicySpec, RequestFacts], method: str, decorated: bool
) -> None:
    spec, facts = case
    headers = _headers(facts)
    app = Quart(__name__)
    view = cross_origin(**spec.kwargs())(_ok) if decorated else _ok
    app.add_url_rule("/r", "r", view, methods=["GET", "POST", "PUT", "DELETE"])
    if not decorated:
        CORS(app, **spec.kwargs())

    async def send() -> list[tuple[str, str]]:
        client = app.test_client()
        send_as = {
            "GET": client.get,
            "POST": client.post,
            "OPTIONS": client.options,
            "HEAD": client.head,
            "PUT": client.put,
            "DELETE": client.delete,
        }[method]
        response = await send_as("/r", headers=headers)
        return list(response.headers.items())

    got = asyncio.run(send())
    sent = RequestFacts(
        method,
        headers.get("Origin"),
        headers.get("Access-Control-Request-Method"),
        headers.get("Access-Control-Request-Headers"),
        headers.get("Access-Control-Request-Private-Network"),
    )
    decision = _decide(spec, sent)
    vary = [("Vary", "Origin")] if decision.vary_origin else []
    assert cors_headers(got) == cors_headers([*decision.headers, *vary])
    for name, value in got:
        assert not re.search(r"[\r\n\x00]", name + value)


async def _handshake(app: Quart, origin: str | None) -> int | str:
    """The first message of an accepted handshake, or the HTTP status of the denial."""
    headers = {"Origin": origin} if origin is not None else {}
    try:
        async with app.test_client().websocket("/ws", headers=headers) as connection:
            async with asyncio.timeout(10):  # a bound, not a timing check
                return cast("str", await connection.receive())
    except WebsocketResponseError as denial:
        return int(denial.response.status_code)


@BOUNDED
@given(policy_specs(), st.data(), st.booleans())
def test_quart_websocket_handshakes_open_only_for_origins_the_policy_allows(
    spec: PolicySpec, data: st.DataObject, decorated: bool
) -> None:
    origin = data.draw(
        origin_headers(spec).filter(lambda o: o is None or not re.search(r"[\r\n\x00]", o))
    )
    ran: list[str | None] = []

    async def socket() -> None:
        ran.append(origin)
        await websocket.accept()
        await websocket.send("hello")

    app = Quart(__name__)
    app.add_websocket("/ws", "ws", cross_origin(**spec.kwargs())(socket) if decorated else socket)
    if not decorated:
        CORS(app, **spec.kwargs())
    # Browsers apply no CORS to websockets, so this check is the only one (DESIGN 7); a
    # request without Origin is not from a browser page and passes.
    opens = not origin or allows(spec, origin)
    outcome = asyncio.run(_handshake(app, origin))
    assert (outcome, ran) == (("hello", [origin]) if opens else (403, []))
