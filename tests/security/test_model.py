"""Model-based check: the core's answer equals the independent reference in `reference.py`."""

from __future__ import annotations

from hypothesis import example, given

from flask_cors.core import RequestFacts, decide
from flask_cors.options import CorsOptions
from flask_cors.resolve import compile_policy

from .reference import reference
from .strategies import (
    BOUNDED,
    GlobOrigin,
    LiteralOrigin,
    PolicySpec,
    RegexOrigin,
    policies_and_requests,
)


def _only(*origins: LiteralOrigin | RegexOrigin | GlobOrigin) -> PolicySpec:
    return PolicySpec(
        origins=origins,
        methods=("GET",),
        allow_headers="*",
        expose_headers=None,
        supports_credentials=True,
        max_age=None,
        send_wildcard=False,
        vary_header=True,
        always_send=True,
        allow_private_network=False,
    )


@BOUNDED
@given(policies_and_requests())
# D1: a regex is matched against the whole origin, never a prefix.
@example(
    (
        _only(RegexOrigin(r"https://.*\.example\.com", compiled=False)),
        RequestFacts("GET", origin="https://a.example.com.evil.net"),
    )
)
# Fetch writes "null" in lower case; "NULL" is not on D2's exhaustive list, so it is
# matched as flask-cors 6 matched it: a literal case-insensitively, a regex as written.
@example((_only(LiteralOrigin("null", "null")), RequestFacts("GET", origin="NULL")))
@example((_only(RegexOrigin(".*", compiled=False)), RequestFacts("GET", origin="NULL")))
# SPEC 3.1: an IPv6 host is bracketed; "[" and "]" here are not a regex character class.
@example(
    (
        _only(LiteralOrigin("http://[::1]:8080", "http://[::1]:8080")),
        RequestFacts("GET", origin="http://[::1]:8080"),
    )
)
@example(
    (_only(LiteralOrigin("http://[::1]", "http://[::1]")), RequestFacts("GET", origin="http://1"))
)
# D7: a glob needs at least one label in place of the `*`.
@example(
    (
        _only(GlobOrigin("https", "example.com", "")),
        RequestFacts("GET", origin="https://example.com"),
    )
)
# D7: the port glob is any port or none, on that host only.
@example(
    (
        _only(GlobOrigin("http", "localhost", ":*", subdomains=False)),
        RequestFacts("GET", origin="http://localhost:"),
    )
)
@example(
    (
        _only(GlobOrigin("http", "localhost", ":*", subdomains=False)),
        RequestFacts("GET", origin="http://localhost.evil.net:3000"),
    )
)
@example(
    (
        _only(GlobOrigin("https", "example.com", ":*")),
        RequestFacts("GET", origin="https://a.example.com:8443"),
    )
)
def test_core_answers_every_request_as_the_reference_model_does(
    case: tuple[PolicySpec, RequestFacts],
) -> None:
    spec, facts = case
    decision = decide(compile_policy(CorsOptions(**spec.kwargs())), facts)
    assert (sorted(decision.headers), decision.vary_origin) == reference(spec, facts)
