"""Start-up validation (docs/design.md 1.4, 3, D3, D5): every misconfiguration is a
`CorsConfigError` raised by `CORS(...)`, `cross_origin(...)` or `CorsOptions(...)`, worded
``option=value: problem. Fix.``; credentials with every origin is one start-up WARNING."""

from __future__ import annotations

import gc
import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask

from flask_cors import CORS, CorsConfigError, CorsOptions, cross_origin
from flask_cors.decorator import ViewDecorator
from flask_cors.resolve import resource_table

MAX_AGE_FIX = (
    "must be a whole number of seconds, 0 or more. Use max_age=600 or max_age=timedelta(minutes=10)"
)
TOKEN_FIX = "Use names like 'GET' or 'X-Requested-With' (letters, digits, - and _)"
WILDCARD = "browsers refuse '*' with credentials. Drop send_wildcard or list origins"
OPTIONS_LIST = (
    "origins, methods, allow_headers, expose_headers, supports_credentials, max_age, "
    "send_wildcard, vary_header, automatic_options, intercept_exceptions, always_send, "
    "allow_private_network, resources"
)


def exactly(message: str) -> str:
    """A `match` pattern for the whole message."""
    return f"^{re.escape(message)}$"


GLOB_SHAPES = "(the shapes are 'scheme://*.host', 'scheme://host:*' and 'scheme://*.host:*')"
LOOSE = "read as a regex it would allow domains anyone can register"
REGEX_HINT = r"A regex says so with regex syntax, e.g. r'https://.*\.example\.com'"

# (id, keywords, the whole message)
KEYWORD_ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "misspelt-origins",
        {"origin": "https://a.example"},
        "origin='https://a.example': not a CORS option. Did you mean 'origins'?",
        "flask_cors.E001",
    ),
    (
        "misspelt-vary-header",
        {"vary_headers": False},
        "vary_headers=False: not a CORS option. Did you mean 'vary_header'?",
        "flask_cors.E001",
    ),
    (
        "unknown-without-suggestion",
        {"xyzzy": 1},
        f"xyzzy=1: not a CORS option. Known options: {OPTIONS_LIST}",
        "flask_cors.E001",
    ),
    (
        "misspelt-in-resource",
        {"resources": {r"/api/.*": {"origin": "https://a.example"}}},
        (
            "resources['/api/.*']: origin='https://a.example': not a CORS option. "
            "Did you mean 'origins'?"
        ),
        "flask_cors.E001",
    ),
    (
        "origins-wrong-type",
        {"origins": 42},
        (
            "origins=42: expected an origin string, a regex, a list, or a callable. "
            "Give an origin string, a regex, a list, or a callable, e.g. origins=[...]"
        ),
        "flask_cors.E004",
    ),
    (
        "origins-item-wrong-type",
        {"origins": ["https://a.example", 42]},
        (
            "origins=['https://a.example', 42]: 42 (int) is not a string or compiled regex. "
            "Give an origin string, a regex, a list, or a callable"
        ),
        "flask_cors.E004",
    ),
    (
        "credentials-string",
        {"supports_credentials": "yes"},
        (
            "supports_credentials='yes': expected True or False. "
            "Use supports_credentials=True or False"
        ),
        "flask_cors.E009",
    ),
    (
        "credentials-int",
        {"supports_credentials": 1},
        "supports_credentials=1: expected True or False. Use supports_credentials=True or False",
        "flask_cors.E009",
    ),
    (
        "origins-invalid-regex",
        {"origins": "https://(a.example"},
        (
            "origins='https://(a.example': invalid regex (missing ), unterminated subpattern at "
            "position 8). Escape literal characters, or give the exact origin"
        ),
        "flask_cors.E005",
    ),
    (
        "origins-invalid-regex-with-star",
        {"origins": "https://(a|*.example.com)"},
        (
            "origins='https://(a|*.example.com)': invalid regex (nothing to repeat at position "
            "11). For subdomains write a glob like 'https://*.example.com', "
            r"or a regex like r'https://.*\.example\.com'"
        ),
        "flask_cors.E005",
    ),
    (
        "origins-glob-shaped-invalid-regex",
        {"origins": "https://**.example.com"},
        (
            f"origins='https://**.example.com': not a glob origin {GLOB_SHAPES}; and not a "
            "valid regex either (multiple repeat at position 9). Did you mean the glob "
            "'https://*.example.com' (and 'https://example.com' for example.com itself)? "
            f"{REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-glob-with-a-path",
        {"origins": "https://*.example.com/*"},
        (
            f"origins='https://*.example.com/*': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            "Did you mean the glob 'https://*.example.com' (and 'https://example.com' for "
            f"example.com itself)? {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-glob-for-a-top-level-domain",
        {"origins": "https://*.example.*"},
        (
            f"origins='https://*.example.*': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            "List each domain, e.g. 'https://*.example.com': a glob never stands for a "
            "top-level domain"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-glob-without-a-dot",
        {"origins": "https://*example.com"},
        (
            f"origins='https://*example.com': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            "Did you mean the glob 'https://*.example.com' (and 'https://example.com' for "
            f"example.com itself)? {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-glob-star-after-the-host",
        {"origins": "http://localhost*"},
        (
            f"origins='http://localhost*': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            f"Did you mean the glob 'http://localhost:*'? {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        # Only the leading "*." goes: an upper-case host keeps its first letter.
        "origins-glob-with-an-upper-case-host-and-a-path",
        {"origins": "https://*.Xbox.com/*"},
        (
            f"origins='https://*.Xbox.com/*': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            "Did you mean the glob 'https://*.Xbox.com' (and 'https://Xbox.com' for "
            f"Xbox.com itself)? {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-glob-star-after-an-upper-case-host",
        {"origins": "http://SANDBOX*"},
        (
            f"origins='http://SANDBOX*': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            f"Did you mean the glob 'http://SANDBOX:*'? {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-every-top-level-domain-of-one-host",
        {"origins": "https://example.*"},
        (
            f"origins='https://example.*': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            "List each domain, e.g. 'https://example.com': a glob never stands for a "
            "top-level domain"
        ),
        "flask_cors.E014",
    ),
    (
        # One string listing two globs, as an env var separated by spaces: the first is meant.
        "origins-globs-separated-by-a-space",
        {"origins": "https://*.a.example/ https://*.b.example/"},
        (
            f"origins='https://*.a.example/ https://*.b.example/': not a glob origin "
            f"{GLOB_SHAPES}; {LOOSE}. Did you mean the glob 'https://*.a.example' (and "
            f"'https://a.example' for a.example itself)? {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-glob-without-a-dot-with-a-port",
        {"origins": "https://*example.com:8443"},
        (
            f"origins='https://*example.com:8443': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            "Did you mean the glob 'https://*.example.com:8443' (and "
            f"'https://example.com:8443' for example.com itself)? {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-glob-shape-unknown",
        {"origins": "http://a.example:*:*"},
        (
            f"origins='http://a.example:*:*': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            "Write a glob like 'https://*.example.com' (subdomains) or 'http://localhost:*' "
            f"(any port). {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-glob-star-for-every-host",
        {"origins": "https://*"},
        (
            f"origins='https://*': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            f"Use origins='*' to allow every origin. {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        # The guessed glob's host is no domain name either: the general hint, and the error
        # still names the value as written (not the guess).
        "origins-glob-shaped-with-no-domain-name-to-guess",
        {"origins": "https://*b\u00fc..example"},
        (
            f"origins='https://*b\u00fc..example': not a glob origin {GLOB_SHAPES}; {LOOSE}. "
            "Write a glob like 'https://*.example.com' (subdomains) or 'http://localhost:*' "
            f"(any port). {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "origins-literal-with-cr-lf",
        {"origins": "https://a.example\r\nX-Evil: 1"},
        (
            "origins='https://a.example\\r\\nX-Evil: 1': contains CR, LF or NUL, which no header "
            "value can hold. Remove them; an origin is scheme://host[:port]"
        ),
        "flask_cors.E015",
    ),
    (
        "origins-host-not-a-domain-name",
        {"origins": "https://b\u00fc..example"},
        (
            "origins='https://b\u00fc..example': the host is not a valid domain name. "
            "Give the punycode host"
        ),
        "flask_cors.E016",
    ),
    (
        "origins-glob-host-not-a-domain-name",
        {"origins": "https://*.b\u00fc..example"},
        (
            "origins='https://*.b\u00fc..example': the host is not a valid domain name. "
            "Give the punycode host"
        ),
        "flask_cors.E016",
    ),
    (
        "allow-headers-invalid-regex",
        {"allow_headers": "X-(Custom"},
        (
            "allow_headers='X-(Custom': invalid regex (missing ), unterminated subpattern at "
            "position 2). Escape literal characters, or give the exact value"
        ),
        "flask_cors.E005",
    ),
    (
        "resources-invalid-regex",
        {"resources": r"/api/(.*"},
        (
            "resources='/api/(.*': invalid regex (missing ), unterminated subpattern at "
            "position 5). Escape literal characters, or give the exact value"
        ),
        "flask_cors.E005",
    ),
    (
        "resources-wrong-type",
        {"resources": 5},
        (
            "resources=5: expected a path pattern, a list of them, or a mapping. "
            "Give a path pattern, a list of them, or a mapping, e.g. resources=[...]"
        ),
        "flask_cors.E004",
    ),
    (
        "resource-pattern-wrong-type",
        {"resources": ["/api/*", 5]},
        (
            "resources=5: a resource pattern must be a string or compiled regex, not int. "
            "Use a path like '/api/*'"
        ),
        "flask_cors.E011",
    ),
    (
        "bad-value-in-resource",
        {"resources": {r"/api/.*": {"max_age": -1}}},
        f"resources['/api/.*']: max_age=-1: {MAX_AGE_FIX}",
        "flask_cors.E010",
    ),
    (
        "resource-options-not-a-dict",
        {"resources": {"/api/*": "https://a.example"}},
        (
            "resources['/api/*']='https://a.example': a resource's options must be a dict or "
            "a CorsOptions. Use {'origins': ...}"
        ),
        "flask_cors.E012",
    ),
    (
        "credentials-with-sent-wildcard",
        {"supports_credentials": True, "send_wildcard": True},
        f"send_wildcard=True: {WILDCARD}",
        "flask_cors.E013",
    ),
    (
        "credentials-with-sent-wildcard-in-resource",
        {"resources": {r"/api/.*": {"supports_credentials": True, "send_wildcard": True}}},
        f"resources['/api/.*']: send_wildcard=True: {WILDCARD}",
        "flask_cors.E013",
    ),
    (
        "method-with-space",
        {"methods": ["GET", "GE T"]},
        f"methods=['GET', 'GE T']: 'GE T' is not a valid HTTP token. {TOKEN_FIX}",
        "flask_cors.E006",
    ),
    (
        "method-as-regex",
        {"methods": [re.compile("GET|POST")]},
        (
            "methods=[re.compile('GET|POST')]: methods are names, not regexes. "
            "List them, e.g. ['GET', 'POST']"
        ),
        "flask_cors.E007",
    ),
    (
        "methods-true",
        {"methods": True},
        (
            "methods=True: expected a method name or a list of them. Give a method name or a "
            "list of them, e.g. methods=[...]"
        ),
        "flask_cors.E004",
    ),
    (
        "method-with-parenthesis",
        {"methods": "GET()"},
        f"methods='GET()': 'GET()' is not a valid HTTP token. {TOKEN_FIX}",
        "flask_cors.E006",
    ),
    (
        # True does not mean "expose every header": that is expose_headers="*".
        "expose-headers-true",
        {"expose_headers": True},
        (
            "expose_headers=True: expected a header name or a list of them. "
            "Give a header name or a list of them, e.g. expose_headers=[...]"
        ),
        "flask_cors.E004",
    ),
    (
        "expose-headers-as-regex",
        {"expose_headers": re.compile(r"X-RateLimit-.*")},
        (
            "expose_headers=re.compile('X-RateLimit-.*'): exposed headers are names, not "
            "regexes. List the names"
        ),
        "flask_cors.E007",
    ),
    (
        "allow-headers-true",
        {"allow_headers": True},
        (
            "allow_headers=True: expected a header name, a regex, or a list of them. "
            "Give a header name, a regex, or a list of them, e.g. allow_headers=[...]"
        ),
        "flask_cors.E004",
    ),
    (
        "allow-header-with-newline",
        {"allow_headers": ["X-Ok", "X\r\nBad"]},
        (
            "allow_headers=['X-Ok', 'X\\r\\nBad']: 'X\\r\\nBad' contains CR, LF or NUL, "
            "which no header name can hold. Remove them; list header names like 'Content-Type'"
        ),
        "flask_cors.E022",
    ),
    ("max-age-negative", {"max_age": -1}, f"max_age=-1: {MAX_AGE_FIX}", "flask_cors.E010"),
    ("max-age-word", {"max_age": "ten"}, f"max_age='ten': {MAX_AGE_FIX}", "flask_cors.E010"),
    (
        "max-age-negative-string",
        {"max_age": "-5"},
        f"max_age='-5': {MAX_AGE_FIX}",
        "flask_cors.E010",
    ),
    ("max-age-float", {"max_age": 1.5}, f"max_age=1.5: {MAX_AGE_FIX}", "flask_cors.E010"),
    ("max-age-bool", {"max_age": True}, f"max_age=True: {MAX_AGE_FIX}", "flask_cors.E010"),
    (
        "max-age-negative-timedelta",
        {"max_age": timedelta(seconds=-5)},
        f"max_age=datetime.timedelta(days=-1, seconds=86395): {MAX_AGE_FIX}",
        "flask_cors.E010",
    ),
]


@pytest.mark.parametrize(
    ("options", "message", "code"),
    [row[1:] for row in KEYWORD_ERRORS],
    ids=[row[0] for row in KEYWORD_ERRORS],
)
def test_cors_refuses_a_bad_keyword_with_an_exact_message(
    options: dict[str, Any], message: str, code: str
) -> None:
    with pytest.raises(CorsConfigError, match=exactly(f"{message} ({code})")):
        CORS(Flask(__name__), **options)


# (id, app config, the whole message)
CONFIG_ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "max-age-negative",
        {"CORS_MAX_AGE": -1},
        (
            "CORS_MAX_AGE=-1: must be a whole number of seconds, 0 or more. "
            "Use CORS_MAX_AGE=600 (seconds)"
        ),
        "flask_cors.E010",
    ),
    (
        "max-age-word",
        {"CORS_MAX_AGE": "ten"},
        (
            "CORS_MAX_AGE='ten': must be a whole number of seconds, 0 or more. "
            "Use CORS_MAX_AGE=600 (seconds)"
        ),
        "flask_cors.E010",
    ),
    (
        "credentials-word",
        {"CORS_SUPPORTS_CREDENTIALS": "maybe"},
        (
            "CORS_SUPPORTS_CREDENTIALS='maybe': expected True or False. "
            "Use CORS_SUPPORTS_CREDENTIALS=True or False"
        ),
        "flask_cors.E009",
    ),
    (
        "origins-invalid-regex",
        {"CORS_ORIGINS": "https://(a"},
        (
            "CORS_ORIGINS='https://(a': invalid regex (missing ), unterminated subpattern at "
            "position 8). Escape literal characters, or give the exact origin"
        ),
        "flask_cors.E005",
    ),
    (
        "origins-glob-shaped-with-no-domain-name-to-guess",
        {"CORS_ORIGINS": "https://*b\u00fc..example"},
        (
            f"CORS_ORIGINS='https://*b\u00fc..example': not a glob origin {GLOB_SHAPES}; "
            f"{LOOSE}. Write a glob like 'https://*.example.com' (subdomains) or "
            f"'http://localhost:*' (any port). {REGEX_HINT}"
        ),
        "flask_cors.E014",
    ),
    (
        "method-with-space",
        {"CORS_METHODS": "GE T"},
        f"CORS_METHODS='GE T': 'GE T' is not a valid HTTP token. {TOKEN_FIX}",
        "flask_cors.E006",
    ),
    (
        "credentials-with-sent-wildcard",
        {"CORS_SUPPORTS_CREDENTIALS": "true", "CORS_SEND_WILDCARD": "on"},
        f"CORS_SEND_WILDCARD='on': {WILDCARD}",
        "flask_cors.E013",
    ),
]


@pytest.mark.parametrize(
    ("config", "message", "code"),
    [row[1:] for row in CONFIG_ERRORS],
    ids=[row[0] for row in CONFIG_ERRORS],
)
def test_cors_refuses_bad_app_config_naming_the_config_key(
    config: dict[str, Any], message: str, code: str
) -> None:
    app = Flask(__name__)
    app.config.update(config)
    with pytest.raises(CorsConfigError, match=exactly(f"{message} ({code})")):
        CORS(app)


def test_a_resource_conflicting_with_app_config_names_the_config_key_as_written() -> None:
    app = Flask(__name__)
    app.config["CORS_SEND_WILDCARD"] = "yes"
    with pytest.raises(
        CorsConfigError, match=exactly(f"CORS_SEND_WILDCARD='yes': {WILDCARD} (flask_cors.E013)")
    ):
        CORS(app, resources={r"/api/.*": {"supports_credentials": True}})


def test_config_error_carries_the_key_and_the_value_as_written() -> None:
    app = Flask(__name__)
    app.config["CORS_MAX_AGE"] = "ten"
    with pytest.raises(CorsConfigError) as caught:
        CORS(app)
    assert (caught.value.option, caught.value.value) == ("CORS_MAX_AGE", "ten")


def test_config_error_is_raised_when_a_blueprint_is_registered() -> None:
    from flask import Blueprint

    app = Flask(__name__)
    app.config["CORS_MAX_AGE"] = -1
    bp = Blueprint("api", __name__)
    CORS(bp)
    with pytest.raises(CorsConfigError, match=r"^CORS_MAX_AGE=-1: "):
        app.register_blueprint(bp)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"origin": "https://a.example"},
            (
                "origin='https://a.example': not a CORS option. Did you mean 'origins'? "
                "(flask_cors.E001)"
            ),
        ),
        ({"max_age": -1}, f"max_age=-1: {MAX_AGE_FIX} (flask_cors.E010)"),
        (
            {"resources": "/api"},
            (
                "resources='/api': resources applies to CORS(...) only. "
                "Remove it here; list paths in CORS(app, resources=...) (flask_cors.E003)"
            ),
        ),
        (
            {"supports_credentials": True, "send_wildcard": True},
            f"send_wildcard=True: {WILDCARD} (flask_cors.E013)",
        ),
    ],
    ids=["misspelt-origins", "max-age-negative", "resources", "credentials-with-sent-wildcard"],
)
def test_cross_origin_refuses_bad_options_at_decoration_time(
    options: dict[str, Any], message: str
) -> None:
    with pytest.raises(CorsConfigError, match=exactly(message)):
        cross_origin(**options)


def test_cross_origin_checks_keywords_against_its_typed_options_at_decoration_time() -> None:
    base = CorsOptions(origins=["https://a.example"], supports_credentials=True, send_wildcard=True)
    with pytest.raises(
        CorsConfigError, match=exactly(f"send_wildcard=True: {WILDCARD} (flask_cors.E013)")
    ):
        cross_origin(base, origins="*")


@pytest.mark.parametrize(
    ("config", "options", "keywords"),
    [
        pytest.param(
            {"CORS_SEND_WILDCARD": "no", "CORS_SUPPORTS_CREDENTIALS": "true"},
            None,
            {"send_wildcard": True},
            id="keyword-over-config",
        ),
        pytest.param(
            {"CORS_SEND_WILDCARD": "no"},
            CorsOptions(
                origins=["https://a.example"], supports_credentials=True, send_wildcard=True
            ),
            {"origins": "*"},
            id="typed-options-ignore-config",
        ),
    ],
)
def test_a_conflict_is_blamed_on_the_option_as_written_not_on_overridden_config(
    config: dict[str, str], options: CorsOptions | None, keywords: dict[str, Any]
) -> None:
    app = Flask(__name__)
    app.config.update(config)
    with pytest.raises(
        CorsConfigError, match=exactly(f"send_wildcard=True: {WILDCARD} (flask_cors.E013)")
    ):
        CORS(app, options, **keywords)


def test_cors_options_refuses_a_negative_max_age() -> None:
    with pytest.raises(
        CorsConfigError, match=exactly(f"max_age=-1: {MAX_AGE_FIX} (flask_cors.E010)")
    ):
        CorsOptions(max_age=-1)


def test_cors_options_refuses_an_unknown_keyword_with_pythons_type_error() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'origin'"):
        CorsOptions(origin="https://a.example")  # type: ignore[call-arg]


def test_config_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^max_age=-1: "):
        CORS(Flask(__name__), max_age=-1)


# --- start-up warnings ---------------------------------------------------------------------

CREDENTIALS_WARNING = (
    "{where}: supports_credentials=True with every origin allowed: any site can make "
    "credentialed requests. List the origins you trust."
)


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_credentials_with_every_origin_warns_once_at_start_up(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    CORS(app, supports_credentials=True, resources=[r"/api/.*", r"/auth/.*"])

    @app.get("/api/me")
    def me() -> str:
        return "me"

    at_start_up = warnings(caplog)
    app.test_client().get("/api/me", headers={"Origin": "https://a.example"})
    assert (at_start_up, warnings(caplog)) == (
        [CREDENTIALS_WARNING.format(where="CORS(app) resource '/api/.*'")],
        [CREDENTIALS_WARNING.format(where="CORS(app) resource '/api/.*'")],
    )


def test_credentials_from_config_with_every_origin_warns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    app.config["CORS_SUPPORTS_CREDENTIALS"] = "true"
    CORS(app)
    assert warnings(caplog) == [CREDENTIALS_WARNING.format(where="CORS(app) resource '/*'")]


@pytest.mark.parametrize(
    "decorator",
    [
        cross_origin(supports_credentials=True),
        cross_origin(CorsOptions(supports_credentials=True)),
    ],
    ids=["keywords", "cors-options"],
)
def test_credentials_with_every_origin_warns_naming_the_decorated_view(
    caplog: pytest.LogCaptureFixture, decorator: ViewDecorator
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)

    @app.get("/data")
    @decorator
    def data() -> str:
        return "data"

    app.test_client().get("/data", headers={"Origin": "https://a.example"})
    where = "@cross_origin on test_credentials_with_every_origin_warns_naming_the_decorated_view"
    assert warnings(caplog) == [CREDENTIALS_WARNING.format(where=f"{where}.<locals>.data")]


def test_credentials_with_listed_origins_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    CORS(Flask(__name__), supports_credentials=True, origins=["https://a.example"])
    assert warnings(caplog) == []


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("CORS_XYZZY", "CORS_XYZZY is not a flask_cors option and is ignored."),
        (
            "CORS_ALLOWED_ORIGINS",  # another extension's key: far from every option
            "CORS_ALLOWED_ORIGINS is not a flask_cors option and is ignored.",
        ),
        (
            "CORS_MY_ORIGINS",  # three edits from CORS_ORIGINS: taken for the app's own key
            "CORS_MY_ORIGINS is not a flask_cors option and is ignored.",
        ),
        (
            "CORS_HEADERS",
            (
                "CORS_HEADERS has no effect (flask-cors never read it either). Use "
                "CORS_ALLOW_HEADERS; its default '*' already allows Content-Type."
            ),
        ),
    ],
    ids=["unknown", "other-extension", "three-edits", "cors-headers"],
)
def test_unknown_config_key_warns_at_start_up(
    caplog: pytest.LogCaptureFixture, key: str, message: str
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    app.config[key] = "https://a.example"
    CORS(app)
    assert warnings(caplog) == [message]


def test_unknown_config_keys_warn_once_per_app_not_per_registration(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    app.config.update(CORS_XYZZY=1, CORS_HEADERS="Content-Type")
    CORS(app, resources=r"/api/.*")
    CORS(app, resources=r"/auth/.*")
    cors = CORS()
    cors.init_app(app)
    other = Flask(__name__)
    other.config.update(CORS_XYZZY=1)
    CORS(other)
    assert warnings(caplog) == [
        "CORS_XYZZY is not a flask_cors option and is ignored.",
        (
            "CORS_HEADERS has no effect (flask-cors never read it either). Use "
            "CORS_ALLOW_HEADERS; its default '*' already allows Content-Type."
        ),
        "CORS_XYZZY is not a flask_cors option and is ignored.",  # the other app
    ]


def test_unknown_config_key_warns_again_for_a_new_app_once_the_old_one_is_gone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # An app factory run by each test: a new app often reuses a collected app's address
    # (its id), which must not carry the old app's "already warned".
    caplog.set_level(logging.WARNING, logger="flask_cors")
    for _ in range(20):
        app = Flask(__name__)
        app.config["CORS_XYZZY"] = 1
        CORS(app)
        del app
        gc.collect()
    assert warnings(caplog) == ["CORS_XYZZY is not a flask_cors option and is ignored."] * 20


def test_unknown_config_key_in_a_config_without_weak_references_warns_each_time(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A plain dict cannot be remembered without keeping it alive: warned, never a crash.
    caplog.set_level(logging.WARNING, logger="flask_cors")
    config = {"CORS_XYZZY": 1}
    resource_table(config, None)
    resource_table(config, None)
    assert warnings(caplog) == ["CORS_XYZZY is not a flask_cors option and is ignored."] * 2


CONFIG_TYPO = (
    "{key}={value!r}: not a flask_cors config key, and ignoring it could leave the app open to "
    "every origin. Did you mean {meant}? (flask_cors.E002)"
)


@pytest.mark.parametrize(
    ("key", "value", "meant"),
    [
        ("CORS_ORIGIN", "https://a.example", "CORS_ORIGINS"),
        ("CORS_SUPPORT_CREDENTIALS", True, "CORS_SUPPORTS_CREDENTIALS"),
        ("CORS_EXPOSE_HEADER", "X-Total", "CORS_EXPOSE_HEADERS"),
        ("CORS_ALLOW_HEADER", "Content-Type", "CORS_ALLOW_HEADERS"),
        ("CORS_MAXAGE", 600, "CORS_MAX_AGE"),
        ("CORS_RESOURCE", r"/api/.*", "CORS_RESOURCES"),
        ("CORS_ORIGNS", "https://a.example", "CORS_ORIGINS"),
        ("CORS_METHODS_", "GET", "CORS_METHODS"),
        ("CORS_MAXAGES", 600, "CORS_MAX_AGE"),  # one letter dropped, one added
        ("CORS_EXPOSED_HEADER", "X-Total", "CORS_EXPOSE_HEADERS"),
        ("CORS_S_MAX_AGE", 600, "CORS_MAX_AGE"),  # two edits, both before the name
    ],
)
def test_config_key_one_or_two_edits_from_an_option_is_an_error(
    key: str, value: object, meant: str
) -> None:
    app = Flask(__name__)
    app.config[key] = value
    with pytest.raises(
        CorsConfigError, match=exactly(CONFIG_TYPO.format(key=key, value=value, meant=meant))
    ):
        CORS(app)


def test_config_key_typo_fails_a_decorated_view_instead_of_allowing_every_origin() -> None:
    app = Flask(__name__)
    app.config["CORS_ORIGIN"] = "https://a.example"

    @app.get("/data")
    @cross_origin()
    def data() -> str:
        return "data"

    app.config["PROPAGATE_EXCEPTIONS"] = True
    with pytest.raises(CorsConfigError, match="Did you mean CORS_ORIGINS"):
        app.test_client().get("/data", headers={"Origin": "https://evil.example"})


def test_normalised_origin_warns_once_for_a_configuration_shared_by_resources(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    CORS(Flask(__name__), origins="https://a.example/", resources=[r"/api/.*", r"/auth/.*"])
    assert warnings(caplog) == [
        "CORS origins: 'https://a.example/': trailing '/' removed (browsers never send one)"
    ]
