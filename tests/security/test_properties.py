"""Properties that must hold for every policy and every request, however odd.

Each test states one guarantee of docs/security.md and lets hypothesis look for a
counterexample among arbitrary policies (`policy_specs`) and hostile requests
(`request_facts`: odd schemes, ports, case, unicode, `null`, spaces, commas, CR/LF, NUL,
very long values, arbitrary method and header lists); the app-level ones run on Flask
`def` and `async def` views and on Quart, whose websocket handshakes are checked too.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
from typing import TYPE_CHECKING, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flask_cors import CORS, cross_origin
from flask_cors.core import ACL_CREDENTIALS, ACL_ORIGIN, Decision, RequestFacts, decide
from flask_cors.options import CorsOptions, check_kwargs
from flask_cors.resolve import compile_policy, resource_table
from tests.helpers import VIA, Framework, cors_headers

if TYPE_CHECKING:
    from quart import Quart  # imported in the Quart test: Flask-only envs collect this file

from .reference import allows, well_formed
from .strategies import (
    BOUNDED,
    DEFAULT_PORTS,
    LiteralOrigin,
    PolicySpec,
    literal_origins,
    origin_headers,
    policies_and_requests,
    policy_specs,
    request_facts,
)

# Facts with no structure at all: every field arbitrary text (or absent).
anything = st.one_of(st.none(), st.text(max_size=40))
unstructured_facts = st.builds(
    RequestFacts,
    method=st.text(max_size=10),
    origin=anything,
    request_method=anything,
    request_headers=anything,
    request_private_network=anything,
)


def _decide(spec: PolicySpec, facts: RequestFacts) -> Decision:
    return decide(compile_policy(CorsOptions(**spec.kwargs())), facts)


def _d2_malformed(origin: str) -> bool:
    """D2 (docs/differences.md) literally: whitespace, comma, control, non-ASCII, too long."""
    return (
        len(origin) > 2048
        or not origin.isascii()
        or any(char.isspace() or char == "," or ord(char) < 0x20 for char in origin)
        or "\x7f" in origin
    )


@BOUNDED
@given(policy_specs(), st.one_of(request_facts(), unstructured_facts))
def test_core_never_raises_on_any_request(spec: PolicySpec, facts: RequestFacts) -> None:
    # And what it answers is a set of Access-Control-* headers, each named once.
    names = [name for name, _ in _decide(spec, facts).headers]
    assert (len(set(names)), [n for n in names if not n.startswith("Access-Control-")]) == (
        len(names),
        [],
    )


@BOUNDED
@given(policies_and_requests())
def test_core_never_allows_an_origin_the_policy_does_not_allow(
    case: tuple[PolicySpec, RequestFacts],
) -> None:
    spec, facts = case
    granted = bool(facts.origin) and any(name == ACL_ORIGIN for name, _ in _decide(*case).headers)
    assert not granted or allows(spec, facts.origin or "")


@BOUNDED
@given(policies_and_requests())
def test_core_answers_with_the_request_origin_or_a_star_and_nothing_else(
    case: tuple[PolicySpec, RequestFacts],
) -> None:
    spec, facts = case
    acao = [value for name, value in _decide(spec, facts).headers if name == ACL_ORIGIN]
    if facts.origin:
        assert acao in ([], [facts.origin], ["*"])
    else:  # not a CORS request: a constant (docs/design.md 5.2), never anything from the request
        constants = [
            [],
            ["*"],
            *([min(spec.literal_origins())] for _ in spec.literal_origins()[:1]),
        ]
        assert acao in constants


@BOUNDED
@given(policies_and_requests())
def test_core_never_echoes_a_malformed_origin(case: tuple[PolicySpec, RequestFacts]) -> None:
    spec, facts = case
    echoed = [
        value for name, value in _decide(spec, facts).headers if name == ACL_ORIGIN and value != "*"
    ]
    for value in echoed:
        assert not _d2_malformed(value)


@BOUNDED
@given(policy_specs(), st.one_of(request_facts(), unstructured_facts))
def test_no_header_value_contains_cr_lf_or_nul(spec: PolicySpec, facts: RequestFacts) -> None:
    for name, value in _decide(spec, facts).headers:
        assert not re.search(r"[\r\n\x00]", name + value)


@BOUNDED
@given(policies_and_requests())
def test_a_star_is_never_sent_with_credentials(case: tuple[PolicySpec, RequestFacts]) -> None:
    headers = dict(_decide(*case).headers)
    assert not (headers.get(ACL_ORIGIN) == "*" and headers.get(ACL_CREDENTIALS) == "true")


@BOUNDED
@given(policy_specs(), request_facts(), st.data())
def test_a_response_cached_without_vary_never_grants_another_origin_what_it_would_not_get(
    spec: PolicySpec, facts: RequestFacts, data: st.DataObject
) -> None:
    # Without Vary: Origin a shared cache hands one request's response to the next, whatever
    # its Origin. That must never let a browser origin read what its own request would not.
    other = data.draw(origin_headers(spec).filter(lambda o: o is not None and well_formed(o)))
    assert other is not None
    policy = compile_policy(CorsOptions(**spec.kwargs()))
    cached = decide(policy, facts)
    own = decide(policy, RequestFacts(facts.method, other, *_rest(facts)))
    cached_headers, own_headers = dict(cached.headers), dict(own.headers)
    replayed = not cached.vary_origin and cached_headers.get(ACL_ORIGIN) in ("*", other)
    assert not replayed or (
        own_headers.get(ACL_ORIGIN) in ("*", other)
        and own_headers.get(ACL_CREDENTIALS) == cached_headers.get(ACL_CREDENTIALS)
    )


def _rest(facts: RequestFacts) -> tuple[str | None, str | None, str | None]:
    return facts.request_method, facts.request_headers, facts.request_private_network


@BOUNDED
@given(policies_and_requests())
def test_vary_origin_is_never_sent_when_vary_header_is_off(
    case: tuple[PolicySpec, RequestFacts],
) -> None:
    spec, facts = case
    assert not _decide(dataclasses.replace(spec, vary_header=False), facts).vary_origin


# --- the same guarantees through an app, on each framework ---------------------------------

APP_METHODS = st.sampled_from(("GET", "POST", "OPTIONS", "HEAD", "PUT", "DELETE"))


def _ok() -> str:
    return "ok"


@BOUNDED
@given(policies_and_requests(), APP_METHODS, st.sampled_from(VIA))
def test_an_app_sends_exactly_the_core_answer_once_with_clean_values(
    framework: Framework, case: tuple[PolicySpec, RequestFacts], method: str, via: str
) -> None:
    spec, facts = case
    app = framework.app()
    view = framework.view(_ok)
    if via == "decorator":
        view = cross_origin(**spec.kwargs())(view)
    app.add_url_rule("/r", "r", view, methods=["GET", "POST", "PUT", "DELETE"])
    if via == "extension":
        CORS(app, **spec.kwargs())
    # Raw values: a proxy may hand a WSGI app CR/LF; an ASGI server refuses them first.
    headers = {
        name: value
        for name, value in (
            ("Origin", facts.origin),
            ("Access-Control-Request-Method", facts.request_method),
            ("Access-Control-Request-Headers", facts.request_headers),
            ("Access-Control-Request-Private-Network", facts.request_private_network),
        )
        if value is not None and framework.delivers(value)
    }
    reply = framework.send(app, method, "/r", headers, raw=True)
    sent = RequestFacts(
        method,
        headers.get("Origin"),
        headers.get("Access-Control-Request-Method"),
        headers.get("Access-Control-Request-Headers"),
        headers.get("Access-Control-Request-Private-Network"),
    )
    decision = _decide(spec, sent)
    vary = [("Vary", "Origin")] if decision.vary_origin else []
    assert reply.cors == cors_headers([*decision.headers, *vary])
    assert [line for line in reply.headers if re.search(r"[\r\n\x00]", "".join(line))] == []


async def _handshake(app: Quart, origin: str | None) -> int | str:
    """The first message of an accepted handshake, or the HTTP status of the denial."""
    from quart.testing.connections import WebsocketResponseError

    headers = {"Origin": origin} if origin is not None else {}
    try:
        async with app.test_client().websocket("/ws", headers=headers) as connection:
            async with asyncio.timeout(10):  # a bound, not a timing check
                return cast("str", await connection.receive())
    except WebsocketResponseError as denial:
        return int(denial.response.status_code)


@pytest.mark.quart
@BOUNDED
@given(policy_specs(), st.data(), st.booleans())
def test_quart_websocket_handshakes_open_only_for_origins_the_policy_allows(
    spec: PolicySpec, data: st.DataObject, decorated: bool
) -> None:
    from quart import Quart, websocket

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
    # Browsers apply no CORS to websockets, so this check is the only one (docs/design.md
    # 7); a request without Origin is not from a browser page and passes.
    opens = not origin or allows(spec, origin)
    outcome = asyncio.run(_handshake(app, origin))
    assert (outcome, ran) == (("hello", [origin]) if opens else (403, []))


# --- the resolver -------------------------------------------------------------------------

RESOURCE_PATTERNS: tuple[str | re.Pattern[str], ...] = (
    "/api",
    "/api/v1",
    r"/api/.*",
    r"/api/v1/.*",
    re.compile(r"/API/.*"),
    "/files/a b",
    "/files/a+b",
    r"/files/.*",
    "*",
    r"/.*",
    r"/a\+b",
    "/caf\u00e9",
    r"/caf.*",
)
PATHS = st.one_of(
    st.sampled_from(
        (
            "/api",
            "/API",
            "/api/",
            "/apix",
            "/api/v1",
            "/api/v1/users",
            "/API/v1/users",
            "/files/a b",
            "/files/a+b",
            "/files/a%20b",
            "/files/a%2520b",
            "/a+b",
            "/a b",
            "/caf\u00e9",
            "/CAF\u00c9",
            "/",
            "",
        )
    ),
    st.text(max_size=30).map(lambda text: "/" + text),
)


def _group(pattern: str | re.Pattern[str]) -> int:
    if isinstance(pattern, re.Pattern):
        return 1
    return 2 if any(char in pattern for char in "*\\]?$^[()") else 0


def _reference_lookup(patterns: list[str | re.Pattern[str]], path: str) -> int | None:
    """docs/design.md 4: literals, compiled, regexes; more '/' then longer first; first match."""

    def text(p: str | re.Pattern[str]) -> str:
        return p.pattern if isinstance(p, re.Pattern) else p

    order = sorted(
        range(len(patterns)),
        key=lambda i: (_group(patterns[i]), -text(patterns[i]).count("/"), -len(text(patterns[i]))),
    )
    for index in order:
        pattern = patterns[index]
        if pattern == "*":
            return index
        if _group(pattern) == 0:
            if path == pattern:
                return index
        elif re.match(pattern, path):  # from the start, case-sensitive
            return index
    return None


@BOUNDED
@given(
    st.lists(st.sampled_from(RESOURCE_PATTERNS), min_size=1, max_size=6, unique=True),
    st.lists(PATHS, min_size=1, max_size=5),
)
def test_resource_lookup_picks_the_resource_design_section_4_orders_first(
    patterns: list[str | re.Pattern[str]], paths: list[str]
) -> None:
    # Each resource is tagged by its own max_age, so the policy found names its resource.
    resources = {pattern: {"max_age": index} for index, pattern in enumerate(patterns)}
    table = resource_table({}, None, check_kwargs({"resources": resources}))
    for path in paths:
        policy = table.lookup(path)
        found = (
            None if policy is None else int(dict(policy.preflight_extras)["Access-Control-Max-Age"])
        )
        assert found == _reference_lookup(patterns, path)


LAYER_VALUES = st.fixed_dictionaries(
    {},
    optional={"max_age": st.integers(0, 1000), "supports_credentials": st.booleans()},
)


@BOUNDED
@given(LAYER_VALUES, LAYER_VALUES, LAYER_VALUES, LAYER_VALUES)
def test_resolution_takes_each_option_from_the_highest_layer_that_sets_it(
    config: dict[str, object],
    constructor: dict[str, object],
    init: dict[str, object],
    resource: dict[str, object],
) -> None:
    app_config = {f"CORS_{name.upper()}": str(value).lower() for name, value in config.items()}
    table = resource_table(
        app_config,
        None,
        check_kwargs({**constructor, "resources": {"/r": resource}}),
        check_kwargs(init),
    )
    layers = (resource, init, constructor, config)  # docs/design.md 4, highest first
    max_age = next((layer["max_age"] for layer in layers if "max_age" in layer), None)
    credentials = next(
        (layer["supports_credentials"] for layer in layers if "supports_credentials" in layer),
        False,
    )
    policy = table.lookup("/r")
    assert policy is not None
    expected_extras = () if max_age is None else (("Access-Control-Max-Age", str(max_age)),)
    assert (policy.preflight_extras, policy.credentials) == (expected_extras, credentials)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@BOUNDED
@given(literal_origins())
def test_start_up_warnings_name_exactly_the_fixes_made_to_a_configured_origin(
    literal: LiteralOrigin,
) -> None:
    written = literal.written
    expected: set[str] = set()
    if written.rstrip("/") != written.rstrip("/").lower():
        expected.add("scheme and host lower-cased")
    if written.endswith("/"):
        expected.add("trailing '/' removed (browsers never send one)")
    scheme = written.split("://")[0].lower()
    if scheme in DEFAULT_PORTS and written.rstrip("/").endswith(DEFAULT_PORTS[scheme]):
        expected.add(f"default port {DEFAULT_PORTS[scheme]} removed (browsers omit it)")
    logger = logging.getLogger("flask_cors")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        compile_policy(CorsOptions(origins=[written]))
    finally:
        logger.removeHandler(handler)
    assert {message.split(": ", 2)[-1] for message in handler.messages} == expected
