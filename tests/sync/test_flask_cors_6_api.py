"""flask-cors 6's API as real code uses it: signatures, positional origins, the names it
imports, the deprecated helpers of `flask_cors.core` (compared with flask-cors 6.0.5 in
`.venv-ref`), and several registrations on one path (docs/design.md 2 and 4)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Blueprint, Flask
from werkzeug.datastructures import Headers

import flask_cors
from flask_cors import CORS, CorsConfigError, cross_origin
from flask_cors import core as core_module
from tests.helpers import cors_headers
from tests.scenarios import VARY, A, B, acao

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_PYTHON = ROOT / ".venv-ref" / "bin" / "python"
C = "https://c.example"


def _app() -> Flask:
    app = Flask(__name__)
    app.testing = True
    app.add_url_rule("/things", "things", lambda: "things")
    return app


def _answer(app: Flask, origin: str, path: str = "/things") -> list[tuple[str, str]]:
    return cors_headers(app.test_client().get(path, headers={"Origin": origin}).headers)


# --- signatures: app by keyword, as create_app() factories write it --------------------------


@pytest.mark.parametrize(
    "register",
    [
        pytest.param(lambda app: CORS(app=app, origins=A), id="CORS(app=app)"),
        pytest.param(lambda app: CORS(app=None, origins=A).init_app(app), id="CORS(app=None)"),
        pytest.param(lambda app: CORS(origins=A).init_app(app=app), id="init_app(app=app)"),
        pytest.param(lambda app: CORS().init_app(app=app, origins=A), id="init_app-keywords"),
    ],
)
def test_app_given_by_keyword_is_registered(register: Callable[[Flask], object]) -> None:
    app = _app()
    register(app)
    assert (_answer(app, A), _answer(app, B)) == ([acao(A)], [])


# --- @cross_origin("...") : a positional string or list is origins -----------------------------


@pytest.mark.parametrize(
    ("positional", "expected"),
    [
        pytest.param(A, ([acao(A)], []), id="string"),
        pytest.param([A], ([acao(A)], []), id="list"),
        pytest.param((A,), ([acao(A)], []), id="tuple"),
        pytest.param({A}, ([acao(A)], []), id="set"),
        pytest.param(re.compile(re.escape(A)), ([acao(A), VARY], [VARY]), id="compiled-regex"),
        pytest.param(f"{A}, {C}", ([acao(A), VARY], [VARY]), id="comma-string"),
        pytest.param([A, C], ([acao(A), VARY], [VARY]), id="two-origins"),
    ],
)
def test_positional_argument_of_cross_origin_is_origins(
    positional: Any, expected: tuple[list[tuple[str, str]], list[tuple[str, str]]]
) -> None:
    app = Flask(__name__)
    app.add_url_rule("/v", "v", cross_origin(positional)(lambda: "v"))
    assert (_answer(app, A, "/v"), _answer(app, B, "/v")) == expected


def test_positional_star_allows_every_origin_as_flask_cors_6_users_meant() -> None:
    app = Flask(__name__)
    app.add_url_rule("/v", "v", cross_origin("*", max_age=5)(lambda: "v"))
    assert _answer(app, B, "/v") == [acao(B), VARY]


def test_positional_origins_beside_other_keywords_keep_both() -> None:
    app = Flask(__name__)
    app.add_url_rule("/v", "v", cross_origin([A], expose_headers="X-Total")(lambda: "v"))
    assert _answer(app, A, "/v") == [acao(A), ("access-control-expose-headers", "X-Total")]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(
            lambda: cross_origin(A, origins=B),
            r"^origins='https://a\.example': given twice: positionally and as "
            r"origins='https://b\.example'\. Give the origins once \(flask_cors\.E020\)$",
            id="positional-and-keyword",
        ),
        pytest.param(
            lambda: cross_origin({"origins": A}),  # type: ignore[arg-type]
            r"^options=\{'origins': 'https://a\.example'\}: the positional argument must be "
            r"the origins \(a string or a list\) or a CorsOptions\. Pass options as keywords",
            id="dict",
        ),
        pytest.param(
            lambda: cross_origin(42),  # type: ignore[arg-type]
            r"^options=42: the positional argument must be the origins",
            id="number",
        ),
        pytest.param(
            lambda: cross_origin(_app),  # type: ignore[arg-type]
            r"cross_origin takes options, not the view\. Write @cross_origin\(\) with "
            r"parentheses",
            id="missing-parentheses",
        ),
        pytest.param(
            lambda: cross_origin("https://(a.example"),
            r"^origins='https://\(a\.example': invalid regex",
            id="bad-positional-regex",
        ),
    ],
)
def test_wrong_positional_argument_is_an_error_at_decoration_time(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(CorsConfigError, match=message):
        call()


# --- names real code imports ----------------------------------------------------------------


def test_flask_cors_module_still_has_logging() -> None:
    from flask_cors import logging as imported

    assert imported is logging
    assert "logging" not in flask_cors.__all__


def test_star_import_of_core_gives_exactly_the_documented_names() -> None:
    namespace: dict[str, object] = {}
    exec("from flask_cors.core import *", namespace)
    del namespace["__builtins__"]
    assert sorted(namespace) == sorted(
        [
            *(name for name in dir(core_module) if name.startswith("ACL_")),
            "ALL_METHODS",
            "CONFIG_OPTIONS",
            "DEFAULT_OPTIONS",
            "LOG",
            "RegexObject",
            "flexible_str",
            "get_allow_headers",
            "get_cors_headers",
            "get_cors_options",
            "parse_resources",
            "probably_regex",
            "re",
            "serialize_options",
            "try_match_pattern",
        ]
    )
    assert len([name for name in namespace if name.startswith("ACL_")]) == 10


def test_core_log_is_the_flask_cors_logger() -> None:
    assert core_module.LOG is logging.getLogger("flask_cors")


def test_regex_object_is_the_compiled_regex_type() -> None:
    assert core_module.RegexObject is re.Pattern


# --- the deprecated helpers warn, and answer as flask-cors 6.0.5 does --------------------------


def _full_options() -> Any:
    with pytest.deprecated_call():
        return core_module.get_cors_options(_app(), {"origins": A})


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("serialize_options", lambda: core_module.serialize_options({"origins": A})),
        ("get_cors_options", lambda: core_module.get_cors_options(_app())),
        ("get_cors_headers", lambda: core_module.get_cors_headers(_full_options(), {}, "GET")),
        ("get_allow_headers", lambda: core_module.get_allow_headers(_full_options(), "X-A")),
        ("parse_resources", lambda: core_module.parse_resources("/api/*")),
        ("probably_regex", lambda: core_module.probably_regex("/api/*")),
        ("try_match_pattern", lambda: core_module.try_match_pattern("/a", "/a")),
        ("flexible_str", lambda: core_module.flexible_str(["b", "a"])),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_flask_cors_6_helper_warns_that_it_is_deprecated(
    name: str, call: Callable[[], object]
) -> None:
    with pytest.warns(DeprecationWarning, match=rf"^flask_cors\.core\.{name} is deprecated"):
        call()


@pytest.mark.parametrize(
    "origins",
    [
        pytest.param([A, B], id="listed-origins"),
        pytest.param(lambda origin: origin in (A, B), id="origins-callable-asked-by-the-helper"),
    ],
)
def test_get_cors_headers_answers_from_this_packages_policy(origins: object) -> None:
    with pytest.deprecated_call():
        options = core_module.get_cors_options(_app(), {"origins": origins, "max_age": 600})
        headers = core_module.get_cors_headers(
            options,
            Headers({"Origin": A, "Access-Control-Request-Method": "PUT"}),
            "OPTIONS",
        )
    assert list(headers.items(multi=True)) == [
        ("Access-Control-Allow-Origin", A),
        ("Access-Control-Max-Age", 600),
        ("Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("Vary", "Origin"),
    ]


def test_serialize_options_refuses_credentials_with_a_wildcard_answer() -> None:
    with pytest.deprecated_call(), pytest.raises(ValueError, match=r"^send_wildcard=True"):
        core_module.serialize_options(
            {"origins": "*", "supports_credentials": True, "send_wildcard": True}
        )


# The same calls under both packages, results as JSON (regexes as their text and flags).
PROBE = r"""
import json, re, warnings
from datetime import timedelta
from flask import Flask
from werkzeug.datastructures import Headers
warnings.simplefilter("ignore", DeprecationWarning)
from flask_cors.core import *

def enc(value):
    if isinstance(value, re.Pattern):
        return {"re": value.pattern, "ignorecase": bool(value.flags & re.IGNORECASE)}
    if hasattr(value, "getlist"):
        return [[k, enc(v)] for k, v in value.items(multi=True)]
    if isinstance(value, (list, tuple)):
        return [enc(v) for v in value]
    if isinstance(value, dict):
        return {k: enc(v) for k, v in value.items()}
    return value

FIELDS = ("origins", "allow_headers", "allow_all_origins", "methods", "expose_headers",
          "max_age", "supports_credentials", "send_wildcard", "automatic_options",
          "vary_header", "intercept_exceptions", "always_send", "allow_private_network")

def fields(options):
    return {name: enc(getattr(options, name)) for name in FIELDS}

A, B = "https://a.example", "https://b.example"
app = Flask("probe")
app.config.update(CORS_ORIGINS=A, CORS_MAX_AGE=7, CORS_EXPOSE_HEADERS=["X-Z"])
OPTIONS = [
    {},
    {"origins": [A, r"https://.*\.b\.example"], "methods": ["get", "POST"],
     "expose_headers": {"X-B", "X-A"}, "max_age": 600, "supports_credentials": True},
    {"origins": A, "allow_headers": [r"X-FLASK-.*", "Content-Type"],
     "max_age": timedelta(seconds=90)},
    {"max_age": "30", "send_wildcard": True, "allow_private_network": True},
]
REQUESTS = [
    ("GET", {"Origin": A}),
    ("GET", {"Origin": "https://b.b.example"}),
    ("GET", {"Origin": "https://evil.example"}),
    ("GET", {}),
    ("OPTIONS", {"Origin": A, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "X-FLASK-A, content-type"}),
    ("OPTIONS", {"Origin": A, "Access-Control-Request-Method": "PUT"}),
    ("GET", {"Origin": A, "Access-Control-Request-Private-Network": "true"}),
]
allow = serialize_options({"allow_headers": [r"X-FLASK-.*", "Content-Type"]})
with app.app_context():
    from_current_app = fields(get_cors_options(None))
full = [get_cors_options(app, {"origins": [A, r"https://.*\.b\.example"]}),
        get_cors_options(app, {"origins": "*"})]
out = {
    "constants": enc([CONFIG_OPTIONS, DEFAULT_OPTIONS, list(ALL_METHODS)]),
    "flexible_str": [flexible_str(v) for v in ("Bar, Foo", {"b", "a"}, None, 3, ["x"])],
    "probably_regex": [probably_regex(v) for v in
                       ("http://*.a.com", "*", "http://a.com", r"a\.b", "a?", re.compile("x"))],
    "try_match_pattern": [
        try_match_pattern("www.com/foo", "www.com/fo", caseSensitive=True),
        try_match_pattern("www.com", "WwW.CoM", caseSensitive=False),
        try_match_pattern("www.com", "WwW.CoM"),
        try_match_pattern("/foo", re.compile("/fo*")),
        try_match_pattern("/foo", re.compile("/Fo*")),
        try_match_pattern("/foobar", re.compile("/foo")),
    ],
    "parse_resources": [
        enc(parse_resources({"/foo": {"origins": A}, re.compile(r"/.*"): {},
                             re.compile(r"/api/v1/.*"): {}, r"/api/*": {"max_age": 1},
                             "*": {}})),
        enc(parse_resources([r"/b/.*", "/a", "*"])),
        enc(parse_resources(r"/api/*")),
        enc(parse_resources(re.compile("/x"))),
    ],
    "serialize_options": [fields(serialize_options(o)) for o in OPTIONS],
    "get_allow_headers": [get_allow_headers(allow, v) for v in
                          (None, "", "X-FLASK-CORS", "x-flask-a, content-type, X-Other")],
    "get_cors_headers": [[enc(get_cors_headers(serialize_options(o), Headers(h), m))
                          for m, h in REQUESTS] for o in OPTIONS],
    "get_cors_options": [fields(get_cors_options(app)),
                         fields(get_cors_options(app, {"max_age": 9}, {"send_wildcard": False})),
                         from_current_app],
    # Where this package differs on purpose (docs/differences.md):
    "differences": [
        # D1: a regex matches the whole origin.
        enc(get_cors_headers(full[0], Headers({"Origin": "https://a.b.example.evil.net"}), "GET")),
        # D2: a malformed Origin is never allowed.
        enc(get_cors_headers(full[1], Headers({"Origin": A + ", " + B}), "GET")),
        # D4: a refusal by a policy that depends on the origin says Vary: Origin.
        enc(get_cors_headers(full[0], Headers({"Origin": "https://evil.example"}), "GET")),
    ],
}
print(json.dumps(out, sort_keys=True))
"""


def _run_probe(python: Path | str) -> dict[str, Any]:
    result = subprocess.run(
        [str(python), "-I", "-c", textwrap.dedent(PROBE)],
        capture_output=True,
        text=True,
        cwd=ROOT / "tests",  # never the project root, so each imports its own flask_cors
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_deprecated_helpers_give_flask_cors_6_results_except_the_differences() -> None:
    assert REFERENCE_PYTHON.exists(), "run `make test` (it makes .venv-ref with flask-cors 6.0.5)"
    ours, theirs = _run_probe(sys.executable), _run_probe(REFERENCE_PYTHON)
    assert ours.pop("differences") == [
        [["Vary", "Origin"]],
        [["Vary", "Origin"]],
        [["Vary", "Origin"]],
    ]
    assert theirs.pop("differences") == [
        [
            ["Access-Control-Allow-Origin", "https://a.b.example.evil.net"],
            ["Access-Control-Expose-Headers", "X-Z"],  # from the app's CORS_EXPOSE_HEADERS
            ["Vary", "Origin"],
        ],
        [
            ["Access-Control-Allow-Origin", f"{A}, {B}"],
            ["Access-Control-Expose-Headers", "X-Z"],
            ["Vary", "Origin"],
        ],
        [],
    ]
    assert ours == theirs


# --- several registrations on one path: the last registered answers ----------------------------


def test_narrower_registration_after_cors_app_answers_its_paths() -> None:
    app = _app()
    app.add_url_rule("/me/profile", "profile", lambda: "me")
    CORS(app, origins=[A, B])
    CORS(app, resources=r"/me/.*", origins=A, supports_credentials=True)
    assert [
        _answer(app, A, "/me/profile"),
        _answer(app, B, "/me/profile"),  # refused by the last registration: final
        _answer(app, B, "/things"),  # not one of its paths: the earlier one answers
    ] == [
        [("access-control-allow-credentials", "true"), acao(A)],
        [],
        [acao(B), VARY],
    ]


def test_cors_app_twice_answers_with_the_second() -> None:
    app = _app()
    CORS(app, origins=A)
    CORS(app, origins=B)
    assert (_answer(app, A), _answer(app, B)) == ([], [acao(B)])


def test_blueprint_registration_answers_before_the_apps_registered_later() -> None:
    blueprint = Blueprint("bp", __name__)
    blueprint.add_url_rule("/inside", "inside", lambda: "inside")
    CORS(blueprint, origins=A)
    app = _app()
    app.register_blueprint(blueprint)
    CORS(app, origins=B)  # registered after the blueprint's
    assert (_answer(app, A, "/inside"), _answer(app, B, "/inside")) == ([acao(A)], [])
