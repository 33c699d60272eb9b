"""Start-up validation (DESIGN 1.4, 3, D3, D5): every misconfiguration is a
`CorsConfigError` raised by `CORS(...)`, `cross_origin(...)` or `CorsOptions(...)`, worded
``option=value: problem. Fix.``; credentials with every origin is one start-up WARNING."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask

from flask_cors import CORS, CorsConfigError, CorsOptions, cross_origin

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


# (id, keywords, the whole message)
KEYWORD_ERRORS: list[tuple[str, dict[str, Any], str]] = [
    (
        "misspelt-origins",
        {"origin": "https://a.example"},
        "origin='https://a.example': not a CORS option. Did you mean 'origins'?",
    ),
    (
        "misspelt-vary-header",
        {"vary_headers": False},
        "vary_headers=False: not a CORS option. Did you mean 'vary_header'?",
    ),
    (
        "unknown-without-suggestion",
        {"xyzzy": 1},
        f"xyzzy=1: not a CORS option. Known options: {OPTIONS_LIST}",
    ),
    (
        "misspelt-in-resource",
        {"resources": {r"/api/.*": {"origin": "https://a.example"}}},
        (
            "resources['/api/.*']: origin='https://a.example': not a CORS option. "
            "Did you mean 'origins'?"
        ),
    ),
    (
        "origins-wrong-type",
        {"origins": 42},
        (
            "origins=42: expected an origin string, a regex, a list, or a callable. "
            "Give an origin string, a regex, a list, or a callable, e.g. origins=[...]"
        ),
    ),
    (
        "origins-item-wrong-type",
        {"origins": ["https://a.example", 42]},
        (
            "origins=['https://a.example', 42]: 42 (int) is not a string or compiled regex. "
            "Give an origin string, a regex, a list, or a callable"
        ),
    ),
    (
        "credentials-string",
        {"supports_credentials": "yes"},
        (
            "supports_credentials='yes': expected True or False. "
            "Use supports_credentials=True or False"
        ),
    ),
    (
        "credentials-int",
        {"supports_credentials": 1},
        "supports_credentials=1: expected True or False. Use supports_credentials=True or False",
    ),
    (
        "origins-invalid-regex",
        {"origins": "https://(a.example"},
        (
            "origins='https://(a.example': invalid regex (missing ), unterminated subpattern at "
            "position 8). Escape literal characters, or give the exact origin"
        ),
    ),
    (
        "origins-invalid-regex-with-star",
        {"origins": "https://**.example.com"},
        (
            "origins='https://**.example.com': invalid regex (multiple repeat at position 9). "
            "For subdomains write a glob like 'https://*.example.com', "
            r"or a regex like r'https://.*\.example\.com'"
        ),
    ),
    (
        "origins-without-scheme",
        {"origins": "a.example"},
        (
            "origins='a.example': not an origin a browser can send. Add the scheme, e.g. "
            "'https://a.example'"
        ),
    ),
    (
        "origins-host-not-a-domain-name",
        {"origins": "https://b\u00fc..example"},
        (
            "origins='https://b\u00fc..example': the host is not a valid domain name. "
            "Give the punycode host"
        ),
    ),
    (
        "allow-headers-invalid-regex",
        {"allow_headers": "X-(Custom"},
        (
            "allow_headers='X-(Custom': invalid regex (missing ), unterminated subpattern at "
            "position 2). Escape literal characters, or give the exact value"
        ),
    ),
    (
        "resources-invalid-regex",
        {"resources": r"/api/(.*"},
        (
            "resources='/api/(.*': invalid regex (missing ), unterminated subpattern at "
            "position 5). Escape literal characters, or give the exact value"
        ),
    ),
    (
        "resources-wrong-type",
        {"resources": 5},
        (
            "resources=5: expected a path pattern, a list of them, or a mapping. "
            "Give a path pattern, a list of them, or a mapping, e.g. resources=[...]"
        ),
    ),
    (
        "resource-pattern-wrong-type",
        {"resources": ["/api/*", 5]},
        (
            "resources=5: a resource pattern must be a string or compiled regex, not int. "
            "Use a path like '/api/*'"
        ),
    ),
    (
        "bad-value-in-resource",
        {"resources": {r"/api/.*": {"max_age": -1}}},
        f"resources['/api/.*']: max_age=-1: {MAX_AGE_FIX}",
    ),
    (
        "resource-options-not-a-dict",
        {"resources": {"/api/*": "https://a.example"}},
        (
            "resources['/api/*']='https://a.example': a resource's options must be a dict or "
            "a CorsOptions. Use {'origins': ...}"
        ),
    ),
    (
        "credentials-with-sent-wildcard",
        {"supports_credentials": True, "send_wildcard": True},
        f"send_wildcard=True: {WILDCARD}",
    ),
    (
        "credentials-with-sent-wildcard-in-resource",
        {"resources": {r"/api/.*": {"supports_credentials": True, "send_wildcard": True}}},
        f"resources['/api/.*']: send_wildcard=True: {WILDCARD}",
    ),
    (
        "method-with-space",
        {"methods": ["GET", "GE T"]},
        f"methods=['GET', 'GE T']: 'GE T' is not a valid HTTP token. {TOKEN_FIX}",
    ),
    (
        "method-as-regex",
        {"methods": [re.compile("GET|POST")]},
        (
            "methods=[re.compile('GET|POST')]: methods are names, not regexes. "
            "List them, e.g. ['GET', 'POST']"
        ),
    ),
    (
        "method-with-parenthesis",
        {"methods": "GET()"},
        f"methods='GET()': 'GET()' is not a valid HTTP token. {TOKEN_FIX}",
    ),
    ("max-age-negative", {"max_age": -1}, f"max_age=-1: {MAX_AGE_FIX}"),
    ("max-age-word", {"max_age": "ten"}, f"max_age='ten': {MAX_AGE_FIX}"),
    ("max-age-negative-string", {"max_age": "-5"}, f"max_age='-5': {MAX_AGE_FIX}"),
    ("max-age-float", {"max_age": 1.5}, f"max_age=1.5: {MAX_AGE_FIX}"),
    ("max-age-bool", {"max_age": True}, f"max_age=True: {MAX_AGE_FIX}"),
    (
        "max-age-negative-timedelta",
        {"max_age": timedelta(seconds=-5)},
        f"max_age=datetime.timedelta(days=-1, seconds=86395): {MAX_AGE_FIX}",
    ),
]


@pytest.mark.parametrize(
    ("options", "message"),
    [row[1:] for row in KEYWORD_ERRORS],
    ids=[row[0] for row in KEYWORD_ERRORS],
)
def test_cors_refuses_a_bad_keyword_with_an_exact_message(
    options: dict[str, Any], message: str
) -> None:
    with pytest.raises(CorsConfigError, match=exactly(message)):
        CORS(Flask(__name__), **options)


# (id, app config, the whole message)
CONFIG_ERRORS: list[tuple[str, dict[str, Any], str]] = [
    (
        "max-age-negative",
        {"CORS_MAX_AGE": -1},
        (
            "CORS_MAX_AGE=-1: must be a whole number of seconds, 0 or more. "
            "Use CORS_MAX_AGE=600 (seconds)"
        ),
    ),
    (
        "max-age-word",
        {"CORS_MAX_AGE": "ten"},
        (
            "CORS_MAX_AGE='ten': must be a whole number of seconds, 0 or more. "
            "Use CORS_MAX_AGE=600 (seconds)"
        ),
    ),
    (
        "credentials-word",
        {"CORS_SUPPORTS_CREDENTIALS": "maybe"},
        (
            "CORS_SUPPORTS_CREDENTIALS='maybe': expected True or False. "
            "Use CORS_SUPPORTS_CREDENTIALS=True or False"
        ),
    ),
    (
        "origins-invalid-regex",
        {"CORS_ORIGINS": "https://(a"},
        (
            "CORS_ORIGINS='https://(a': invalid regex (missing ), unterminated subpattern at "
            "position 8). Escape literal characters, or give the exact origin"
        ),
    ),
    (
        "method-with-space",
        {"CORS_METHODS": "GE T"},
        f"CORS_METHODS='GE T': 'GE T' is not a valid HTTP token. {TOKEN_FIX}",
    ),
    (
        "credentials-with-sent-wildcard",
        {"CORS_SUPPORTS_CREDENTIALS": "true", "CORS_SEND_WILDCARD": "on"},
        f"CORS_SEND_WILDCARD='on': {WILDCARD}",
    ),
]


@pytest.mark.parametrize(
    ("config", "message"),
    [row[1:] for row in CONFIG_ERRORS],
    ids=[row[0] for row in CONFIG_ERRORS],
)
def test_cors_refuses_bad_app_config_naming_the_config_key(
    config: dict[str, Any], message: str
) -> None:
    app = Flask(__name__)
    app.config.update(config)
    with pytest.raises(CorsConfigError, match=exactly(message)):
        CORS(app)


def test_a_resource_conflicting_with_app_config_names_the_config_key_as_written() -> None:
    app = Flask(__name__)
    app.config["CORS_SEND_WILDCARD"] = "yes"
    with pytest.raises(CorsConfigError, match=exactly(f"CORS_SEND_WILDCARD='yes': {WILDCARD}")):
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
            "origin='https://a.example': not a CORS option. Did you mean 'origins'?",
        ),
        ({"max_age": -1}, f"max_age=-1: {MAX_AGE_FIX}"),
        (
            {"resources": "/api"},
            (
                "resources='/api': resources applies to CORS(...) only. "
                "Remove it here; list paths in CORS(app, resources=...)"
            ),
        ),
        ({"supports_credentials": True, "send_wildcard": True}, f"send_wildcard=True: {WILDCARD}"),
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
    with pytest.raises(CorsConfigError, match=exactly(f"send_wildcard=True: {WILDCARD}")):
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
    with pytest.raises(CorsConfigError, match=exactly(f"send_wildcard=True: {WILDCARD}")):
        CORS(app, options, **keywords)


def test_cors_options_refuses_a_negative_max_age() -> None:
    with pytest.raises(CorsConfigError, match=exactly(f"max_age=-1: {MAX_AGE_FIX}")):
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


def test_credentials_with_listed_origins_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    CORS(Flask(__name__), supports_credentials=True, origins=["https://a.example"])
    assert warnings(caplog) == []


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            "CORS_ORIGIN",
            "CORS_ORIGIN is not a flask_cors option and is ignored. Did you mean CORS_ORIGINS?",
        ),
        ("CORS_XYZZY", "CORS_XYZZY is not a flask_cors option and is ignored."),
        (
            "CORS_HEADERS",
            (
                "CORS_HEADERS has no effect (flask-cors never read it either). Use "
                "CORS_ALLOW_HEADERS; its default '*' already allows Content-Type."
            ),
        ),
    ],
    ids=["misspelt", "unknown", "cors-headers"],
)
def test_unknown_config_key_warns_at_start_up(
    caplog: pytest.LogCaptureFixture, key: str, message: str
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    app.config[key] = "https://a.example"
    CORS(app)
    assert warnings(caplog) == [message]


def test_normalised_origin_warns_once_for_a_configuration_shared_by_resources(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    CORS(Flask(__name__), origins="https://a.example/", resources=[r"/api/.*", r"/auth/.*"])
    assert warnings(caplog) == [
        "CORS origins: 'https://a.example/': trailing '/' removed (browsers never send one)"
    ]
