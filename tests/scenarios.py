"""The behaviour table shared by the Flask sync, Flask async and Quart suites (as data).

Each `Scenario` is one request to `SCENARIO_PATH` on an app whose view is covered by the
given options (through `CORS(app, **options)` or `@cross_origin(**options)`), and the exact
Access-Control-* and Vary headers the response must carry (docs/design.md sections 3-6).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Final

SCENARIO_PATH: Final = "/api/things"
"""The one route every scenario app serves (GET, POST, PUT, PATCH, DELETE)."""
SCENARIO_METHODS: Final = ("GET", "POST", "PUT", "PATCH", "DELETE")

A: Final = "https://a.example"
B: Final = "https://b.example"
EVIL: Final = "https://evil.example"
ALL_METHODS_VALUE: Final = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"

Headers = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Scenario:
    """One request and the exact CORS headers its response must get."""

    id: str
    options: Mapping[str, Any]
    expected: Headers
    """Sorted (lower-case name, value) pairs of the Access-Control-* and Vary headers."""
    method: str = "GET"
    request: Mapping[str, str] = field(default_factory=dict)
    path: str = SCENARIO_PATH

    def __post_init__(self) -> None:
        object.__setattr__(self, "expected", sorted(self.expected))  # written readably


def acao(value: str) -> tuple[str, str]:
    """An Access-Control-Allow-Origin pair."""
    return ("access-control-allow-origin", value)


VARY: Final = ("vary", "Origin")


VIEW_CONFLICT_NOTE: Final = (
    ". Until this is fixed, conflicted sends no CORS headers: every origin is refused."
)
"""How the one ERROR logged for a view whose options conflict with app config ends."""

VIEW_CONFLICTS: Final[dict[str, tuple[dict[str, Any], dict[str, Any], str]]] = {
    "keyword-send-wildcard-config-credentials": (
        {"send_wildcard": True},
        {"CORS_SUPPORTS_CREDENTIALS": True},
        (
            "@cross_origin on conflicted: send_wildcard=True: browsers refuse '*' with credentials "
            "(the decorator's send_wildcard=True conflicts with app config "
            "CORS_SUPPORTS_CREDENTIALS=True). Drop send_wildcard or list origins "
            "(flask_cors.E013)"
        ),
    ),
    "keyword-credentials-config-send-wildcard": (
        {"supports_credentials": True},
        {"CORS_SEND_WILDCARD": "true"},
        (
            "@cross_origin on conflicted: CORS_SEND_WILDCARD='true': browsers refuse '*' with "
            "credentials (the decorator's supports_credentials=True conflicts with app config "
            "CORS_SEND_WILDCARD='true'). Drop send_wildcard or list origins "
            "(flask_cors.E013)"
        ),
    ),
    "two-keywords-config-credentials": (
        {"origins": "*", "send_wildcard": True},
        {"CORS_SUPPORTS_CREDENTIALS": True, "CORS_ORIGINS": ["https://a.example"]},
        (
            "@cross_origin on conflicted: send_wildcard=True: browsers refuse '*' with credentials "
            "(the decorator's origins='*' and the decorator's send_wildcard=True conflicts with "
            "app config CORS_SUPPORTS_CREDENTIALS=True). Drop send_wildcard or list origins "
            "(flask_cors.E013)"
        ),
    ),
}
"""id -> (decorator keywords, app config, the CorsConfigError's text): found per app."""


def preflight(origin: str | None, method: str, **extra: str) -> dict[str, str]:
    """Request headers of a preflight (OPTIONS with Access-Control-Request-Method)."""
    headers = {"Access-Control-Request-Method": method, **extra}
    if origin is not None:
        headers["Origin"] = origin
    return headers


SCENARIOS: Final[list[Scenario]] = [
    # --- simple requests: Origin present (docs/design.md 5.1) ---------------------------------
    Scenario("default-echoes-origin-with-vary", {}, [acao(A), VARY], request={"Origin": A}),
    Scenario("post-is-answered-like-get", {}, [acao(A), VARY], "POST", {"Origin": A}),
    Scenario(
        "literal-origin-echoed-without-vary",
        {"origins": A},
        [acao(A)],
        request={"Origin": A},
    ),
    Scenario(
        "literal-origin-matches-case-insensitively-and-echoes-as-sent",
        {"origins": A},
        [acao("https://A.Example")],
        request={"Origin": "https://A.Example"},
    ),
    Scenario(
        "refused-origin-single-literal-gets-nothing",
        {"origins": A},
        [],
        request={"Origin": EVIL},
    ),
    Scenario(
        "refused-origin-gets-vary-when-answer-depends-on-origin",
        {"origins": [A, B]},
        [VARY],
        request={"Origin": EVIL},
    ),
    Scenario(
        "second-of-two-literals-echoed-with-vary",
        {"origins": [A, B]},
        [acao(B), VARY],
        request={"Origin": B},
    ),
    Scenario(
        "comma-string-origins-are-a-list",
        {"origins": f"{A}, {B}"},
        [acao(B), VARY],
        request={"Origin": B},
    ),
    Scenario(
        "configured-trailing-slash-is-normalised",
        {"origins": f"{A}/"},
        [acao(A)],
        request={"Origin": A},
    ),
    Scenario(
        "null-origin-echoed-by-wildcard", {}, [acao("null"), VARY], request={"Origin": "null"}
    ),
    Scenario("empty-origin-counts-as-absent", {}, [acao("*"), VARY], request={"Origin": ""}),
    # --- regex and glob origins (D1, D7) ------------------------------------------------
    Scenario(
        "regex-origin-matching-whole-origin-echoed",
        {"origins": r"https://.*\.example\.com"},
        [acao("https://a.example.com"), VARY],
        request={"Origin": "https://a.example.com"},
    ),
    Scenario(
        "regex-origin-never-matches-a-prefix",
        {"origins": r"https://.*\.example\.com"},
        [VARY],
        request={"Origin": "https://a.example.com.evil.net"},
    ),
    Scenario(
        "string-regex-origin-matches-case-insensitively",
        {"origins": r"https://.*\.example\.com"},
        [acao("https://A.EXAMPLE.com"), VARY],
        request={"Origin": "https://A.EXAMPLE.com"},
    ),
    Scenario(
        "compiled-regex-origin-keeps-its-own-flags",
        {"origins": re.compile(r"https://api\.example\.com")},
        [VARY],
        request={"Origin": "https://API.example.com"},
    ),
    Scenario(
        "glob-origin-allows-nested-subdomain",
        {"origins": "https://*.example.com"},
        [acao("https://a.b.example.com"), VARY],
        request={"Origin": "https://a.b.example.com"},
    ),
    Scenario(
        "glob-origin-refuses-bare-domain",
        {"origins": "https://*.example.com"},
        [VARY],
        request={"Origin": "https://example.com"},
    ),
    Scenario(
        "glob-origin-refuses-lookalike-host",
        {"origins": "https://*.example.com"},
        [VARY],
        request={"Origin": "https://ax.example.com.evil.net"},
    ),
    Scenario(
        "glob-origin-refuses-other-scheme",
        {"origins": "https://*.example.com"},
        [VARY],
        request={"Origin": "http://a.example.com"},
    ),
    Scenario(
        "port-glob-allows-any-port",
        {"origins": "http://localhost:*"},
        [acao("http://localhost:5173"), VARY],
        request={"Origin": "http://localhost:5173"},
    ),
    Scenario(
        "port-glob-allows-no-port",
        {"origins": "http://localhost:*"},
        [acao("http://localhost"), VARY],
        request={"Origin": "http://localhost"},
    ),
    Scenario(
        "port-glob-refuses-lookalike-host",
        {"origins": "http://localhost:*"},
        [VARY],
        request={"Origin": "http://localhost.evil.net"},
    ),
    Scenario(
        "port-glob-with-subdomains",
        {"origins": "https://*.example.com:*"},
        [acao("https://a.example.com:8443"), VARY],
        request={"Origin": "https://a.example.com:8443"},
    ),
    Scenario(
        "non-ascii-glob-host-matches-its-punycode",
        {"origins": "https://*.bücher.example"},
        [acao("https://a.xn--bcher-kva.example"), VARY],
        request={"Origin": "https://a.xn--bcher-kva.example"},
    ),
    # --- values no browser sends, which test suites do (D2's list is exhaustive) -------
    Scenario(
        "scheme-less-origin-echoed-under-star",
        {},
        [acao("www.example.com"), VARY],
        request={"Origin": "www.example.com"},
    ),
    Scenario(
        "host-and-port-origin-echoed-under-star",
        {},
        [acao("localhost:3000"), VARY],
        request={"Origin": "localhost:3000"},
    ),
    Scenario(
        "origin-with-path-echoed-under-star",
        {},
        [acao(f"{A}/path"), VARY],
        request={"Origin": f"{A}/path"},
    ),
    Scenario(
        "scheme-less-literal-matches-exactly-that-value",
        {"origins": ["localhost:3000", A]},
        [acao("localhost:3000"), VARY],
        request={"Origin": "localhost:3000"},
    ),
    Scenario(
        "scheme-less-literal-does-not-match-the-origin-meant",
        {"origins": ["localhost:3000", A]},
        [VARY],
        request={"Origin": "http://localhost:3000"},
    ),
    Scenario(
        "file-literal-matches-that-value",
        {"origins": "file://"},
        [acao("file://")],
        request={"Origin": "file://"},
    ),
    Scenario(
        "scheme-less-origin-is-not-a-literal-with-scheme",
        {"origins": [A, B]},
        [VARY],
        request={"Origin": "a.example"},
    ),
    # --- malformed origins are never echoed (D2) ----------------------------------------
    Scenario(
        "origin-list-with-comma-is-malformed",
        {},
        [VARY],
        request={"Origin": f"{A}, {B}"},
    ),
    Scenario("origin-with-space-is-malformed", {}, [VARY], request={"Origin": f"{A} x"}),
    Scenario("origin-with-tab-is-malformed", {}, [VARY], request={"Origin": f"{A}\tx"}),
    Scenario(
        "origin-with-non-ascii-is-malformed",
        {},
        [VARY],
        request={"Origin": "https://bücher.example"},
    ),
    Scenario(
        "origin-longer-than-2048-is-malformed",
        {},
        [VARY],
        request={"Origin": "https://" + "a" * 2048 + ".example"},
    ),
    # --- no Origin: always_send (docs/design.md 5.2) --------------------------------------------
    Scenario("no-origin-wildcard-answers-star", {}, [acao("*"), VARY]),
    Scenario("no-origin-without-always-send-gets-only-vary", {"always_send": False}, [VARY]),
    Scenario(
        "no-origin-without-always-send-single-literal-gets-nothing",
        {"origins": A, "always_send": False},
        [],
    ),
    Scenario("no-origin-single-literal-answers-it", {"origins": A}, [acao(A)]),
    Scenario(
        "no-origin-literals-answer-the-smallest",
        {"origins": [B, A]},
        [acao(A), VARY],
    ),
    Scenario(
        "no-origin-regex-only-answers-nothing-but-vary",
        {"origins": r"https://.*\.example\.com"},
        [VARY],
    ),
    Scenario(
        "no-origin-wildcard-with-credentials-answers-nothing-but-vary",
        {"supports_credentials": True},
        [VARY],
    ),
    # --- send_wildcard, credentials, expose headers (docs/design.md 5.1, 5.3) -------------------
    Scenario(
        "send-wildcard-answers-star", {"send_wildcard": True}, [acao("*")], request={"Origin": A}
    ),
    Scenario("send-wildcard-without-origin-answers-star", {"send_wildcard": True}, [acao("*")]),
    Scenario(
        "credentials-with-literal-origin",
        {"origins": A, "supports_credentials": True},
        [("access-control-allow-credentials", "true"), acao(A)],
        request={"Origin": A},
    ),
    Scenario(
        "credentials-with-every-origin-echoes-the-origin",
        {"supports_credentials": True},
        [("access-control-allow-credentials", "true"), acao(A), VARY],
        request={"Origin": A},
    ),
    Scenario(
        "credentials-not-sent-to-refused-origin",
        {"origins": A, "supports_credentials": True},
        [],
        request={"Origin": EVIL},
    ),
    Scenario(
        "expose-headers-sorted-and-joined",
        {"origins": A, "expose_headers": ["X-Total", "X-Page"]},
        [acao(A), ("access-control-expose-headers", "X-Page, X-Total")],
        request={"Origin": A},
    ),
    Scenario(
        "expose-headers-from-comma-string",
        {"origins": A, "expose_headers": "X-Total,X-Page"},
        [acao(A), ("access-control-expose-headers", "X-Page, X-Total")],
        request={"Origin": A},
    ),
    Scenario(
        "expose-headers-not-sent-to-refused-origin",
        {"origins": A, "expose_headers": "X-Total"},
        [],
        request={"Origin": EVIL},
    ),
    # --- preflight (docs/design.md 5.4) ---------------------------------------------------------
    Scenario(
        "preflight-allowed-gets-all-methods",
        {},
        [acao(A), ("access-control-allow-methods", ALL_METHODS_VALUE), VARY],
        "OPTIONS",
        preflight(A, "PUT"),
    ),
    Scenario(
        "preflight-echoes-requested-headers-sorted-by-code-point",
        {},
        [
            ("access-control-allow-headers", "X-Custom, content-type"),
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            VARY,
        ],
        "OPTIONS",
        preflight(A, "POST", **{"Access-Control-Request-Headers": "content-type, X-Custom"}),
    ),
    Scenario(
        "preflight-drops-empty-header-items",
        {},
        [
            ("access-control-allow-headers", "X-A, X-B"),
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            VARY,
        ],
        "OPTIONS",
        preflight(A, "POST", **{"Access-Control-Request-Headers": "X-B,, X-A, "}),
    ),
    Scenario(
        "preflight-allows-only-listed-headers",
        {"allow_headers": ["X-Allowed"]},
        [
            ("access-control-allow-headers", "X-Allowed"),
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            VARY,
        ],
        "OPTIONS",
        preflight(A, "POST", **{"Access-Control-Request-Headers": "X-Allowed, X-Other"}),
    ),
    Scenario(
        "preflight-with-no-allowed-header-omits-allow-headers",
        {"allow_headers": ["X-Allowed"]},
        [acao(A), ("access-control-allow-methods", ALL_METHODS_VALUE), VARY],
        "OPTIONS",
        preflight(A, "POST", **{"Access-Control-Request-Headers": "X-Other"}),
    ),
    Scenario(
        "preflight-allow-headers-regex",
        {"allow_headers": [r"X-Custom-.*"]},
        [
            ("access-control-allow-headers", "x-custom-one"),
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            VARY,
        ],
        "OPTIONS",
        preflight(A, "POST", **{"Access-Control-Request-Headers": "x-custom-one, X-Other"}),
    ),
    Scenario(
        "preflight-refused-method-gets-no-allow-methods",
        {"methods": ["GET", "POST"]},
        [acao(A), VARY],
        "OPTIONS",
        preflight(A, "PUT"),
    ),
    Scenario(
        "preflight-methods-match-exact-tokens",
        {"methods": ["GET"]},
        [acao(A), VARY],
        "OPTIONS",
        preflight(A, "ET"),
    ),
    Scenario(
        "preflight-methods-from-comma-string-upper-cased",
        {"methods": "get, post"},
        [acao(A), ("access-control-allow-methods", "GET, POST"), VARY],
        "OPTIONS",
        preflight(A, "POST"),
    ),
    Scenario(
        "preflight-lower-case-patch-is-echoed-beside-the-list",
        {},
        [acao(A), ("access-control-allow-methods", f"{ALL_METHODS_VALUE}, patch"), VARY],
        "OPTIONS",
        preflight(A, "patch"),
    ),
    Scenario(
        "preflight-from-refused-origin-gets-only-vary",
        {"origins": [A, B]},
        [VARY],
        "OPTIONS",
        preflight(EVIL, "PUT"),
    ),
    Scenario(
        "preflight-max-age-sent",
        {"origins": A, "max_age": 600},
        [
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            ("access-control-max-age", "600"),
        ],
        "OPTIONS",
        preflight(A, "GET"),
    ),
    Scenario(
        "preflight-max-age-zero-sent",
        {"origins": A, "max_age": 0},
        [
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            ("access-control-max-age", "0"),
        ],
        "OPTIONS",
        preflight(A, "GET"),
    ),
    Scenario(
        "preflight-max-age-from-timedelta-in-whole-seconds",
        {"origins": A, "max_age": timedelta(minutes=10, milliseconds=900)},
        [
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            ("access-control-max-age", "600"),
        ],
        "OPTIONS",
        preflight(A, "GET"),
    ),
    Scenario(
        "preflight-max-age-from-digit-string",
        {"origins": A, "max_age": "600"},
        [
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            ("access-control-max-age", "600"),
        ],
        "OPTIONS",
        preflight(A, "GET"),
    ),
    Scenario(
        "max-age-not-sent-on-simple-request",
        {"origins": A, "max_age": 600},
        [acao(A)],
        request={"Origin": A},
    ),
    Scenario(
        "max-age-not-sent-when-method-refused",
        {"origins": A, "max_age": 600, "methods": "GET"},
        [acao(A)],
        "OPTIONS",
        preflight(A, "DELETE"),
    ),
    Scenario(
        "options-without-request-method-is-not-a-preflight",
        {"origins": A, "max_age": 600},
        [acao(A)],
        "OPTIONS",
        {"Origin": A},
    ),
    Scenario(
        "preflight-with-credentials-and-expose-headers",
        {"origins": A, "supports_credentials": True, "expose_headers": "X-Total"},
        [
            ("access-control-allow-credentials", "true"),
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            ("access-control-expose-headers", "X-Total"),
        ],
        "OPTIONS",
        preflight(A, "GET"),
    ),
    # --- private network access -----------------------------------------------------------
    Scenario(
        "private-network-request-answered-false-by-default",
        {"origins": A},
        [("access-control-allow-private-network", "false"), acao(A)],
        request={"Origin": A, "Access-Control-Request-Private-Network": "true"},
    ),
    Scenario(
        "private-network-request-answered-true-when-allowed",
        {"origins": A, "allow_private_network": True},
        [
            acao(A),
            ("access-control-allow-methods", ALL_METHODS_VALUE),
            ("access-control-allow-private-network", "true"),
        ],
        "OPTIONS",
        preflight(A, "GET", **{"Access-Control-Request-Private-Network": "true"}),
    ),
    Scenario(
        "private-network-header-not-sent-unasked",
        {"origins": A, "allow_private_network": True},
        [acao(A)],
        request={"Origin": A},
    ),
    Scenario(
        "private-network-not-answered-for-refused-origin",
        {"origins": A, "allow_private_network": True},
        [],
        "OPTIONS",
        preflight(EVIL, "GET", **{"Access-Control-Request-Private-Network": "true"}),
    ),
    # --- Vary rules (docs/design.md 5.5, D4) ----------------------------------------------------
    Scenario(
        "vary-header-false-sends-no-vary", {"vary_header": False}, [acao(A)], request={"Origin": A}
    ),
    Scenario(
        "vary-header-false-refusal-gets-nothing",
        {"origins": [A, B], "vary_header": False},
        [],
        request={"Origin": EVIL},
    ),
    Scenario(
        "callable-origins-vary",
        {"origins": lambda origin: origin == B},
        [acao(B), VARY],
        request={"Origin": B},
    ),
    Scenario(
        "callable-origins-refusal-gets-vary",
        {"origins": lambda origin: origin == B},
        [VARY],
        request={"Origin": A},
    ),
    Scenario(
        "callable-origins-without-origin-answers-nothing-but-vary",
        {"origins": lambda origin: origin == B},
        [VARY],
    ),
]
"""Every scenario; ids are unique (checked by a test)."""


# --- @cross_origin inside class-based views (docs/design.md 4) -------------------------------
# Each app serves /thing: GET returns "thing", PUT aborts with 403, both decorated with
# CLASS_VIEW_OPTIONS, under CORS(app, origins=[A, B]). The decorator's answer has no Vary
# (one origin), the app's has Vary: Origin, so the exact headers say who answered.

CLASS_VIEW_OPTIONS: Final[Mapping[str, Any]] = {
    "origins": A,
    "methods": ["GET", "PUT"],
    "max_age": 5,
}
CLASS_VIEW_APP_ORIGINS: Final = [A, B]


@dataclass(frozen=True, slots=True)
class ClassViewRequest:
    """One request to /thing and what the response must be."""

    id: str
    method: str
    request: Mapping[str, str]
    status: int
    expected: Headers


CLASS_VIEW_REQUESTS: Final[list[ClassViewRequest]] = [
    ClassViewRequest("actual-request", "GET", {"Origin": A}, 200, [acao(A)]),
    ClassViewRequest(
        "preflight",
        "OPTIONS",
        preflight(A, "GET"),
        200,
        [
            ("access-control-allow-methods", "GET, PUT"),
            acao(A),
            ("access-control-max-age", "5"),
        ],
    ),
    ClassViewRequest("error-inside-the-method", "PUT", {"Origin": A}, 403, [acao(A)]),
    # The app-wide policy allows B; the decorator's refusal is final.
    ClassViewRequest("refusal-is-final", "GET", {"Origin": B}, 200, []),
]
