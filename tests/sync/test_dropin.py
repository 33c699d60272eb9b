"""Drop-in: flask-cors 6 apps give the same headers under both packages, except D1-D7.

Each case is an app written against flask-cors 6 (its README's examples and more). All
cases run in one subprocess per interpreter (tests/compat/harness.py): this project's, and
`.venv-ref`, which holds the reference flask-cors 6.0.5 (made by `make test`), and the CORS
headers are compared. The corpus of patterns from public code is tests/compat.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.compat.harness import App, Outcome, Request, run_apps

A = "https://a.example"
B = "https://b.example"
EVIL = "https://a.example.evil.net"

# Requests every case is asked: (method, path, headers).
REQUESTS: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/api/v1/users", {"Origin": A}),
    ("GET", "/api/v1/users", {"Origin": EVIL}),
    ("GET", "/api/v1/users", {}),
    ("GET", "/other", {"Origin": A}),
    ("GET", "/decorated", {"Origin": A}),
    ("POST", "/api/v1/users", {"Origin": A, "Content-Type": "application/json"}),
    (
        "OPTIONS",
        "/api/v1/users",
        {
            "Origin": A,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-requested-with",
        },
    ),
    ("OPTIONS", "/decorated", {"Origin": A, "Access-Control-Request-Method": "GET"}),
    ("GET", "/bp/thing", {"Origin": A}),
]

SKELETON = """
from flask_cors import CORS, cross_origin
app = Flask("dropin")
bp = Blueprint("bp", "dropin")
{setup}
if "/api/v1/users" not in [r.rule for r in app.url_map.iter_rules()]:
    app.add_url_rule("/api/v1/users", "users", lambda: "users", methods=["GET", "POST"])
if "/other" not in [r.rule for r in app.url_map.iter_rules()]:
    app.add_url_rule("/other", "other", lambda: "other")
if "decorated" not in app.view_functions:
    app.add_url_rule("/decorated", "decorated", cross_origin()(lambda: "decorated"))
if "bp" not in app.blueprints:
    bp.add_url_rule("/thing", "thing", lambda: "thing")
    app.register_blueprint(bp, url_prefix="/bp")
"""


@dataclass(frozen=True)
class Case:
    id: str
    setup: str
    differences: dict[int, list[list[str]]] = field(default_factory=dict)
    """Request index -> what we send instead of flask-cors 6, for the D1-D7 differences."""


# D4: with origins "*" the answer echoes the Origin, so the Origin-less answer ("*") varies
# too; flask-cors 6 left Vary out there, and a shared cache could hand "*" to a credentialed page.
NO_ORIGIN_VARIES = {2: [["access-control-allow-origin", "*"], ["vary", "Origin"]]}

CASES = [
    Case("readme-cors-app", "CORS(app)", NO_ORIGIN_VARIES),
    Case(
        "readme-resources",
        'CORS(app, resources={r"/api/*": {"origins": "*"}})',
        NO_ORIGIN_VARIES,
    ),
    Case(
        "readme-cors-headers-config",
        'app.config["CORS_HEADERS"] = "Content-Type"\nCORS(app)',
        NO_ORIGIN_VARIES,
    ),
    Case(
        "readme-blueprint",
        'api_v1 = Blueprint("api_v1", "dropin")\n'
        'api_v1.add_url_rule("/users", "users", lambda: "users", methods=["GET", "POST"])\n'
        "CORS(api_v1)\n"
        'app.register_blueprint(api_v1, url_prefix="/api/v1")',
        NO_ORIGIN_VARIES,
    ),
    Case(
        "credentials-and-expose",
        f'CORS(app, origins=["{A}"], supports_credentials=True, expose_headers=["X-Total"], '
        "max_age=600)",
    ),
    Case(
        "literal-origins-list",
        f'CORS(app, origins=["{A}", "{B}"], allow_headers=["Content-Type"])',
        # D4: a refusal by a multi-origin policy varies too.
        differences={1: [["vary", "Origin"]]},
    ),
    Case(
        "regex-origin-prefix-trap",
        r'CORS(app, origins=[r"https://.*\.example"])',
        # D1: the regex matches the whole origin, so the look-alike host is refused (and D4:
        # the refusal still says Vary: Origin).
        differences={1: [["vary", "Origin"]], 2: [["vary", "Origin"]]},
    ),
    Case(
        "config-only",
        f'app.config.update(CORS_ORIGINS=["{A}"], CORS_METHODS=["GET", "POST"], '
        'CORS_EXPOSE_HEADERS="X-One")\nCORS(app)',
    ),
    Case(
        "send-wildcard",
        "CORS(app, send_wildcard=True)",
    ),
    Case(
        "decorator-only",
        f'app.add_url_rule("/decorated", "decorated", cross_origin(origins=["{A}"], '
        'methods=["GET"], max_age=5)(lambda: "decorated"))',
    ),
    Case(
        "max-age-zero",
        "CORS(app, max_age=0)",
        # D6: max_age=0 means "do not cache" and is sent; flask-cors 6 dropped it.
        differences={
            6: [
                ["access-control-allow-headers", "content-type, x-requested-with"],
                ["access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"],
                ["access-control-allow-origin", A],
                ["access-control-max-age", "0"],
                ["vary", "Origin"],
            ],
            **NO_ORIGIN_VARIES,
        },
    ),
]


APPS = [
    App(
        case.id,
        SKELETON.format(setup=case.setup),
        [Request(method, path, headers) for method, path, headers in REQUESTS],
    )
    for case in CASES
]


@pytest.fixture(scope="module", name="ours")
def _ours() -> dict[str, Outcome]:
    return run_apps(APPS)


@pytest.fixture(scope="module", name="theirs")
def _theirs() -> dict[str, Outcome]:
    return run_apps(APPS, reference=True)


def headers(outcome: Outcome) -> list[list[list[str]]]:
    assert outcome.error is None
    return [[[name, value] for name, value in sent] for _, sent in outcome.responses]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_flask_cors_6_app_gets_the_same_headers_except_the_deliberate_differences(
    case: Case, ours: dict[str, Outcome], theirs: dict[str, Outcome]
) -> None:
    mine, reference = headers(ours[case.id]), headers(theirs[case.id])
    for index, expected in case.differences.items():
        assert mine[index] == expected
        assert reference[index] != expected  # the difference is real, not a stale note
    same = [i for i in range(len(REQUESTS)) if i not in case.differences]
    assert [mine[i] for i in same] == [reference[i] for i in same]
