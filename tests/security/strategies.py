"""Hypothesis strategies for arbitrary CORS policies and hostile requests.

A generated policy is a `PolicySpec`: the keywords given to `CorsOptions` *and* what each
configured origin means (a literal with its canonical form, a regex, a glob ...), so a test's
reference model can judge a request without reading flask_cors's own parsing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from flask_cors.core import RequestFacts

BOUNDED: Final = settings(
    max_examples=300,
    deadline=None,  # CI machines stall; time bounds live in the hostile-size tests
    derandomize=True,  # the same examples on every run: CI stays stable
    database=None,  # no .hypothesis/ directory; nothing carried between runs
    suppress_health_check=[HealthCheck.too_slow],
)
"""Settings for every property test in this suite."""

SCHEMES: Final = ("http", "https", "chrome-extension", "moz-extension", "app")
HOSTS: Final = (
    "a.example",
    "b.example",
    "api.example.com",
    "example.com",
    "xn--bcher-kva.example",
    "localhost",
    "127.0.0.1",
    "[::1]",
)
PORTS: Final = ("", ":80", ":443", ":8080", ":3000")
DEFAULT_PORTS: Final = {"http": ":80", "https": ":443"}


@dataclass(frozen=True)
class LiteralOrigin:
    """A configured exact origin: `written` is given to flask_cors, `canonical` is meant."""

    written: str
    canonical: str


@dataclass(frozen=True)
class RegexOrigin:
    """A configured regex origin, as a string (case-insensitive) or compiled (as compiled)."""

    text: str
    compiled: bool

    def configured(self) -> str | re.Pattern[str]:
        """What the user passes in `origins`."""
        return re.compile(self.text) if self.compiled else self.text


@dataclass(frozen=True)
class GlobOrigin:
    """`scheme://*.host[:port]`: one or more DNS labels in place of the `*`; a `port` of
    ":*" is any port or none, alone (`scheme://host:*`) or with `*.` (docs/options.md)."""

    scheme: str
    host: str
    port: str
    subdomains: bool = True

    def configured(self) -> str:
        """What the user passes in `origins`."""
        return f"{self.scheme}://{'*.' if self.subdomains else ''}{self.host}{self.port}"


OriginConf = LiteralOrigin | RegexOrigin | GlobOrigin


@dataclass(frozen=True)
class Predicate:
    """A callable `origins`: allows a fixed set, and raises for origins containing "boom"."""

    allowed: frozenset[str]

    def __call__(self, origin: str) -> bool:
        if "boom" in origin:
            raise RuntimeError("tenant database unavailable")
        return origin in self.allowed


@dataclass(frozen=True)
class PolicySpec:
    """One generated policy: what the test means, and the keywords that say it."""

    origins: str | tuple[OriginConf, ...] | Predicate
    methods: tuple[str, ...]
    allow_headers: str | tuple[str | re.Pattern[str], ...]
    expose_headers: tuple[str, ...] | None
    supports_credentials: bool
    max_age: int | None
    send_wildcard: bool
    vary_header: bool
    always_send: bool
    allow_private_network: bool

    def kwargs(self) -> dict[str, Any]:
        """The keywords that configure this policy, as a user would write them."""
        origins: Any = self.origins
        if isinstance(self.origins, tuple):
            origins = [
                item.written if isinstance(item, LiteralOrigin) else item.configured()
                for item in self.origins
            ]
        return {
            "origins": origins,
            "methods": list(self.methods),
            "allow_headers": (
                self.allow_headers
                if isinstance(self.allow_headers, str)
                else list(self.allow_headers)
            ),
            "expose_headers": None if self.expose_headers is None else list(self.expose_headers),
            "supports_credentials": self.supports_credentials,
            "max_age": self.max_age,
            "send_wildcard": self.send_wildcard,
            "vary_header": self.vary_header,
            "always_send": self.always_send,
            "allow_private_network": self.allow_private_network,
        }

    def literal_origins(self) -> list[str]:
        """Canonical forms of the configured literal origins."""
        if not isinstance(self.origins, tuple):
            return []
        return [item.canonical for item in self.origins if isinstance(item, LiteralOrigin)]


# --- policies -----------------------------------------------------------------------------


@st.composite
def literal_origins(draw: st.DrawFn) -> LiteralOrigin:
    """An exact origin, sometimes written the way users get it wrong (case, slash, :443)."""
    if draw(st.integers(0, 9)) == 0:
        return LiteralOrigin("null", "null")
    scheme = draw(st.sampled_from(SCHEMES))
    host = draw(st.sampled_from(HOSTS))
    port = draw(st.sampled_from(PORTS))
    canonical = f"{scheme}://{host}{'' if DEFAULT_PORTS.get(scheme) == port else port}"
    written = f"{scheme}://{host}{port}"
    if draw(st.booleans()):
        written = written.upper()
    if draw(st.booleans()):
        written += "/"
    return LiteralOrigin(written, canonical)


REGEX_ORIGINS: Final = (
    RegexOrigin(r"https://.*\.example\.com", compiled=False),
    RegexOrigin(r"https?://(a|b)\.example(:\d+)?", compiled=False),
    RegexOrigin(r"https://a\.example", compiled=False),
    RegexOrigin(r"https://[a-z]+\.example", compiled=True),  # case-sensitive, as compiled
    RegexOrigin(r"chrome-extension://[a-p]{3,32}", compiled=False),
    RegexOrigin(r".*", compiled=False),  # everything well-formed, nothing malformed
    RegexOrigin(r"null", compiled=True),
)

GLOB_ORIGINS: Final = (
    GlobOrigin("https", "example.com", ""),
    GlobOrigin("http", "a.example", ":8080"),
    GlobOrigin("HTTPS", "Example.COM", ""),
    GlobOrigin("http", "localhost", ":*", subdomains=False),
    GlobOrigin("https", "example.com", ":*"),
)

origin_confs: Final = st.one_of(
    literal_origins(), st.sampled_from(REGEX_ORIGINS), st.sampled_from(GLOB_ORIGINS)
)

# Origins a request may come from: the ones configured above, near misses and strangers.
KNOWN_ORIGINS: Final = (
    "https://a.example",
    "http://a.example:8080",
    "https://api.example.com",
    "https://x.y.example.com",
    "https://example.com",
    "https://xexample.com",
    "http://b.example",
    "chrome-extension://abcdef",
    "http://127.0.0.1:3000",
    "http://[::1]:8080",
    "app://localhost",
    "null",
)

predicates: Final = st.builds(Predicate, st.frozensets(st.sampled_from(KNOWN_ORIGINS), max_size=4))

METHOD_POOL: Final = (
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
    "HEAD",
    "patch",
    "Get",
    "PROPFIND",
    "X-CUSTOM",
)
HEADER_CONF_POOL: Final[tuple[str | re.Pattern[str], ...]] = (
    "X-Custom",
    "content-type",
    "Authorization",
    "x-requested-with",
    r"X-Trace-.*",
    re.compile(r"x-[a-z]+"),  # compiled: case-sensitive
)
EXPOSE_POOL: Final = ("X-Total", "X-Page", "ETag", "x-request-id")


@st.composite
def policy_specs(draw: st.DrawFn) -> PolicySpec:
    """An arbitrary valid policy: any mix of origins, methods, headers and flags."""
    origins: str | tuple[OriginConf, ...] | Predicate = draw(
        st.one_of(
            st.lists(origin_confs, min_size=1, max_size=4).map(tuple),
            st.just("*"),
            predicates,
        )
    )
    credentials = draw(st.booleans())
    send_wildcard = draw(st.booleans())
    if credentials and origins == "*":
        send_wildcard = False  # a CorsConfigError (D5); not a policy anyone can run
    allow_headers: str | tuple[str | re.Pattern[str], ...] = draw(
        st.one_of(
            st.just("*"),
            st.lists(st.sampled_from(HEADER_CONF_POOL), min_size=1, max_size=4, unique=True).map(
                tuple
            ),
        )
    )
    expose = draw(
        st.one_of(
            st.none(),
            st.lists(st.sampled_from(EXPOSE_POOL), min_size=1, max_size=3, unique=True).map(tuple),
        )
    )
    return PolicySpec(
        origins=origins,
        methods=tuple(draw(st.lists(st.sampled_from(METHOD_POOL), min_size=1, max_size=5))),
        allow_headers=allow_headers,
        expose_headers=expose,
        supports_credentials=credentials,
        max_age=draw(st.one_of(st.none(), st.integers(0, 86400))),
        send_wildcard=send_wildcard,
        vary_header=draw(st.booleans()),
        always_send=draw(st.booleans()),
        allow_private_network=draw(st.booleans()),
    )


# --- requests -----------------------------------------------------------------------------

# Characters that break parsers, headers and logs, and look-alikes of ASCII ones.
HOSTILE_CHARS: Final = (
    "\r",
    "\n",
    "\x00",
    "\t",
    " ",
    ",",
    ";",
    "/",
    "@",
    "#",
    "?",
    "%",
    "(",
    ")",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x7f",
    "\x85",
    "\xa0",
    "\u2028",
    "\u212a",  # KELVIN SIGN: lower() is ASCII "k"
    "\u0130",  # I WITH DOT: lower() is two characters
    "\uff0e",  # FULLWIDTH FULL STOP
    "é",
)

MUTATIONS: Final[tuple[Callable[[str], str], ...]] = (
    lambda o: o,
    str.upper,
    str.swapcase,
    lambda o: o + "/",
    lambda o: o + ".evil.net",
    lambda o: "x" + o,
    lambda o: o + ":1",
    lambda o: o + "/path",
    lambda o: o + ", https://evil.example",
    lambda o: o + "\r\nSet-Cookie: session=stolen",
    lambda o: o.replace("://", "://user@"),
    lambda o: o.replace(".", "\uff0e"),
    lambda o: o.replace("k", "\u212a"),
    lambda o: o.replace("://", "://boom."),
)


def _hits(spec: PolicySpec | None) -> list[str]:
    """Origins the policy is likely to allow: its literals, and matches of its globs."""
    hits = list(KNOWN_ORIGINS)
    if spec is not None and isinstance(spec.origins, tuple):
        for item in spec.origins:
            if isinstance(item, LiteralOrigin):
                hits.append(item.canonical)
            elif isinstance(item, GlobOrigin):
                labels = "x.y." if item.subdomains else ""
                port = ":5173" if item.port == ":*" else item.port
                hits.append(f"{item.scheme}://{labels}{item.host}{port}".lower())
    if spec is not None and isinstance(spec.origins, Predicate):
        hits.extend(spec.origins.allowed)
    return hits


@st.composite
def origin_headers(draw: st.DrawFn, spec: PolicySpec | None = None) -> str | None:
    """An Origin header value (or None): mostly likely hits, then near misses and junk."""
    kind = draw(st.integers(0, 9))  # 0, the simplest draw, is the most useful case
    hit = draw(st.sampled_from(_hits(spec)))
    if kind <= 3:
        return hit
    if kind == 9:
        return None
    if kind <= 6:
        return draw(st.sampled_from(MUTATIONS))(hit)
    return draw(
        st.one_of(
            st.sampled_from(["", "null", "NULL", "Null", "file://", "https://", "://a"]),
            st.builds(
                lambda scheme, host, port: f"{scheme}://{host}{port}",
                st.sampled_from((*SCHEMES, "HTTPS", "javascript", "data", "h", "1http")),
                st.sampled_from(("x.example.com", "a.b.example.com", "A.EXAMPLE", "a.example")),
                st.sampled_from((*PORTS, ":", ":99999", ":0080", ":abc")),
            ),
            st.text(max_size=30),
            st.text(alphabet=st.sampled_from(HOSTILE_CHARS), max_size=5).map(
                lambda junk: f"https://a.exam{junk}ple"
            ),
            st.integers(2030, 2060).map(lambda n: "https://" + "a" * n + ".example.com"),
        )
    )


HEADER_NAME_POOL: Final = (
    "X-Custom",
    "x-custom",
    "Content-Type",
    "authorization",
    "X-Trace-Id",
    "x-trace-ABC",
    "X-Other",
    "",
    " ",
    "X Bad",
    "X-\u00e9",
    "X-Inj\r\nSet-Cookie: a=b",
    "x-a\x00",
    "x-\u212a",
)

request_header_lists: Final = st.one_of(
    st.builds(
        lambda names, sep: sep.join(names),
        st.lists(
            st.one_of(st.sampled_from(HEADER_NAME_POOL), st.text(max_size=8)),
            min_size=1,
            max_size=6,
        ),
        st.sampled_from((",", ", ", " , ", ",,", "\t,")),
    ),
    st.none(),
)

request_methods: Final = st.one_of(
    st.sampled_from(METHOD_POOL),
    st.none(),
    st.sampled_from(
        ("GET", "get", "PATCH", "patch", "DELETE", "PROPFIND", "X-CUSTOM", " PUT ", "GET, POST")
    ),
    st.sampled_from(("", "G ET", "\tpatch\t", "ET", "PATCH\r\nX: y", "p\u0130")),
    st.text(max_size=10),
)

private_network_values: Final = st.one_of(
    st.sampled_from(("true", "TRUE", " true ", "false", "", "true\r\n", "1")),
    st.none(),
    st.text(max_size=6),
)


CASE_VARIANTS: Final[tuple[Callable[[str], str], ...]] = (str, str.lower, str.upper, str.swapcase)


def _case_variant(draw: st.DrawFn) -> Callable[[str], str]:
    return draw(st.sampled_from(CASE_VARIANTS))


@st.composite
def request_facts(draw: st.DrawFn, spec: PolicySpec | None = None) -> RequestFacts:
    """An arbitrary request: method, Origin and the Access-Control-Request-* headers."""
    method = (
        "OPTIONS"
        if draw(st.booleans())
        else draw(
            st.one_of(
                st.sampled_from(("GET", "POST", "OPTIONS", "HEAD", "PUT", "options")),
                st.text(max_size=8),
            )
        )
    )
    request_method = draw(request_methods)
    request_headers = draw(request_header_lists)
    if spec is not None and draw(st.booleans()):
        # A preflight the policy is likely to allow: its own methods and header names.
        request_method = draw(st.sampled_from(spec.methods).map(_case_variant(draw)))
        names = [item for item in spec.allow_headers if isinstance(item, str)]
        if names and names != list("*") and draw(st.booleans()):
            picked = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3))
            request_headers = ",".join(name.replace(".*", "abc") for name in picked)
    return RequestFacts(
        method=method,
        origin=draw(origin_headers(spec)),
        request_method=request_method,
        request_headers=request_headers,
        request_private_network=draw(private_network_values),
    )


@st.composite
def policies_and_requests(draw: st.DrawFn) -> tuple[PolicySpec, RequestFacts]:
    """A policy and a request aimed at it."""
    spec = draw(policy_specs())
    return spec, draw(request_facts(spec))
