"""`CORS(app)` and `init_app`: which paths get headers (`resources`), which options win
(keywords, typed `CorsOptions`, `CORS_*` config) and the start-up errors and warnings, on
Flask `def` views, Flask `async def` views and Quart."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask

from flask_cors import CORS, CorsConfigError, CorsOptions
from flask_cors.options import ResourceOptions
from tests.helpers import App, Framework, Reply
from tests.scenarios import ALL_METHODS_VALUE, VARY, A, B, acao


@pytest.fixture(name="app")
def _app(framework: Framework) -> App:
    app = framework.app()
    app.add_url_rule(
        "/api/items", "items", framework.view(lambda: "items"), methods=["GET", "POST"]
    )
    app.add_url_rule("/public", "public", framework.view(lambda: "public"))
    return app


def get(framework: Framework, app: App, path: str, origin: str = A) -> Reply:
    return framework.send(app, "GET", path, {"Origin": origin})


def preflight(framework: Framework, app: App, path: str, method: str = "PUT") -> Reply:
    return framework.send(
        app, "OPTIONS", path, {"Origin": A, "Access-Control-Request-Method": method}
    )


def test_cors_app_echoes_the_origin_with_vary_on_every_route(
    framework: Framework, app: App
) -> None:
    CORS(app)
    replies = [get(framework, app, path) for path in ("/public", "/api/items")]
    assert [reply.cors for reply in replies] == [[acao(A), VARY]] * 2


def test_init_app_pattern_works_like_the_constructor(framework: Framework, app: App) -> None:
    cors = CORS(origins=[A])
    cors.init_app(app)
    assert get(framework, app, "/public").cors == [acao(A)]


def test_init_app_keywords_override_constructor_keywords(framework: Framework, app: App) -> None:
    CORS(origins=B).init_app(app, origins=A)
    assert get(framework, app, "/public").cors == [acao(A)]


def test_init_app_twice_sends_headers_once(framework: Framework, app: App) -> None:
    cors = CORS(origins=[A, B])
    cors.init_app(app)
    cors.init_app(app)
    assert get(framework, app, "/public").cors == [acao(A), VARY]


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({"resources": {r"/api/*": {"origins": A}}}, id="resource-options"),
        pytest.param({"resources": r"/api/.*", "origins": A}, id="resource-regex-string"),
    ],
)
def test_paths_outside_resources_get_no_cors_headers(
    framework: Framework, app: App, options: dict[str, Any]
) -> None:
    CORS(app, **options)
    replies = [get(framework, app, path) for path in ("/public", "/api/items")]
    assert [reply.cors for reply in replies] == [[], [acao(A)]]


@pytest.mark.parametrize(
    ("path", "covered"),
    [
        pytest.param("/api", True, id="the-prefix-itself"),
        pytest.param("/api/v1/users", True, id="below"),
        pytest.param("/apix", True, id="regex-prefix-also-apix"),
        pytest.param("/other/api", False, id="matched-from-the-start-only"),
    ],
)
def test_regex_resource_matches_from_the_start_of_the_path(
    framework: Framework, path: str, covered: bool
) -> None:
    app = framework.app()
    app.add_url_rule(path, "view", framework.view(lambda: "ok"))
    CORS(app, resources=r"/api/*", origins=A)
    assert get(framework, app, path).cors == ([acao(A)] if covered else [])


def test_literal_resource_matches_the_path_exactly(framework: Framework, app: App) -> None:
    CORS(app, resources=["/api"], origins=A)
    assert get(framework, app, "/api/items").cors == []


def test_most_specific_resource_wins_whatever_the_dict_order(
    framework: Framework, app: App
) -> None:
    CORS(app, resources={r"/*": {"origins": B}, "/api/items": {"origins": A}})
    assert (get(framework, app, "/api/items").cors, get(framework, app, "/public", B).cors) == (
        [acao(A)],
        [acao(B)],
    )


def test_resource_options_override_the_top_level(framework: Framework, app: App) -> None:
    CORS(app, origins=B, resources={r"/api/.*": {"origins": A}})
    assert get(framework, app, "/api/items").cors == [acao(A)]


def test_precedence_resource_over_init_app_over_constructor_over_config(
    framework: Framework, app: App
) -> None:
    app.config.update(CORS_MAX_AGE=1, CORS_EXPOSE_HEADERS="X-Config", CORS_METHODS="GET")
    cors = CORS(max_age=2, expose_headers="X-Ctor")
    cors.init_app(app, max_age=3, resources={"/api/items": {"max_age": 4}, "/public": {}})
    resource = preflight(framework, app, "/api/items", method="GET")
    init_app = preflight(framework, app, "/public", method="GET")
    expose = ("access-control-expose-headers", "X-Ctor")
    methods = ("access-control-allow-methods", "GET")
    assert (resource.cors, init_app.cors, get(framework, app, "/public").cors) == (
        [methods, acao(A), expose, ("access-control-max-age", "4"), VARY],
        [methods, acao(A), expose, ("access-control-max-age", "3"), VARY],
        [acao(A), expose, VARY],
    )


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param({"CORS_ORIGINS": f"{A}, {B}"}, [acao(A), VARY], id="comma-string-origins"),
        pytest.param(
            {"CORS_SUPPORTS_CREDENTIALS": "False", "CORS_ORIGINS": [A]},
            [acao(A)],
            id="string-False-is-false",
        ),
        pytest.param(
            {"CORS_SUPPORTS_CREDENTIALS": "yes", "CORS_ORIGINS": [A]},
            [("access-control-allow-credentials", "true"), acao(A)],
            id="string-yes-is-true",
        ),
        pytest.param({"CORS_SEND_WILDCARD": "on"}, [acao("*")], id="string-on-is-true"),
        pytest.param({"CORS_ORIGINS": None}, [acao(A), VARY], id="none-values-are-unset"),
    ],
)
def test_cors_config_keys_configure_the_extension(
    framework: Framework, app: App, config: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    app.config.update(config)
    CORS(app)
    assert get(framework, app, "/public").cors == expected


def test_cors_config_keys_configure_a_preflight(framework: Framework, app: App) -> None:
    app.config.update(CORS_ORIGINS=A, CORS_SUPPORTS_CREDENTIALS="true", CORS_MAX_AGE="600")
    CORS(app)
    assert preflight(framework, app, "/public", method="GET").cors == [
        ("access-control-allow-credentials", "true"),
        ("access-control-allow-methods", ALL_METHODS_VALUE),
        acao(A),
        ("access-control-max-age", "600"),
    ]


def test_keywords_override_cors_config(framework: Framework, app: App) -> None:
    app.config["CORS_ORIGINS"] = B
    CORS(app, origins=A)
    assert get(framework, app, "/public").cors == [acao(A)]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param(
            {"CORS_MAX_AGE": "ten"}, r"^CORS_MAX_AGE='ten': must be a whole number", id="max-age"
        ),
        pytest.param({"CORS_MAX_AGE": "-1"}, r"^CORS_MAX_AGE='-1': ", id="negative-max-age"),
        pytest.param(
            {"CORS_SUPPORTS_CREDENTIALS": "maybe"},
            r"^CORS_SUPPORTS_CREDENTIALS='maybe': expected True or False",
            id="bool-word",
        ),
        pytest.param(
            {"CORS_ORIGINS": "https://(x"}, r"^CORS_ORIGINS='https://\(x': invalid regex", id="re"
        ),
    ],
)
def test_bad_config_values_raise_at_start_up_naming_the_config_key(
    app: App, config: dict[str, Any], message: str
) -> None:
    app.config.update(config)
    with pytest.raises(CorsConfigError, match=message):
        CORS(app)


def test_cors_headers_config_key_warns_that_it_has_no_effect(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app.config["CORS_HEADERS"] = "Content-Type"
    CORS(app)
    assert [r.getMessage() for r in caplog.records] == [
        (
            "CORS_HEADERS has no effect (flask-cors never read it either). "
            "Use CORS_ALLOW_HEADERS; its default '*' already allows Content-Type."
        )
    ]


def test_unknown_cors_config_key_warns(app: App, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    app.config["CORS_ALLOWED_ORIGINS"] = A  # another extension's key
    CORS(app)
    assert [r.getMessage() for r in caplog.records] == [
        "CORS_ALLOWED_ORIGINS is not a flask_cors option and is ignored."
    ]


def test_misspelt_cors_config_key_is_an_error_not_an_open_app(app: App) -> None:
    app.config["CORS_ORIGIN"] = A  # ignored, it would leave every origin allowed
    with pytest.raises(
        CorsConfigError, match=r"^CORS_ORIGIN=.*Did you mean CORS_ORIGINS\? \(flask_cors\.E002\)$"
    ):
        CORS(app)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"origin": A}, r"^origin='https://a\.example': not a CORS option\. Did you mean", id="n"
        ),
        pytest.param({"max_age": -1}, r"^max_age=-1: ", id="value"),
        pytest.param(
            {"send_wildcard": True, "supports_credentials": True}, r"^send_wildcard=True: ", id="c"
        ),
    ],
)
def test_bad_keywords_raise_when_cors_is_constructed(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(CorsConfigError, match=message):
        CORS(**kwargs)


def test_positional_argument_after_the_app_must_be_cors_options(app: App) -> None:
    with pytest.raises(CorsConfigError, match=r"^options=\{'origins': '\*'\}: the positional"):
        CORS(app, {"origins": "*"})  # type: ignore[arg-type]


def test_typed_options_are_complete_and_ignore_config(framework: Framework, app: App) -> None:
    app.config["CORS_ORIGINS"] = [B]
    CORS(app, CorsOptions(origins=[A], max_age=5))
    assert get(framework, app, "/public").cors == [acao(A)]


def test_keywords_beside_typed_options_override_its_fields(framework: Framework, app: App) -> None:
    CORS(app, CorsOptions(origins=[A], max_age=5), max_age=7)
    assert preflight(framework, app, "/public").cors == [
        ("access-control-allow-methods", ALL_METHODS_VALUE),
        acao(A),
        ("access-control-max-age", "7"),
    ]


def test_resource_given_as_cors_options_is_taken_whole(framework: Framework, app: App) -> None:
    CORS(app, max_age=9, resources={"/public": CorsOptions(origins=[A])})
    assert preflight(framework, app, "/public").cors == [
        ("access-control-allow-methods", ALL_METHODS_VALUE),
        acao(A),
    ]


# --- comma strings, boolean words, normalised globs ---------------------------------------


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        pytest.param("https://x.a.example", True, id="subdomain-of-the-glob"),
        pytest.param("https://b.example", True, id="the-literal"),
        pytest.param("https://a.example", False, id="glob-base-itself"),
    ],
)
@pytest.mark.parametrize("given_in", ["keyword", "config"])
def test_glob_in_a_comma_string_allows_its_subdomains_and_the_other_origins(
    framework: Framework, app: App, given_in: str, origin: str, allowed: bool
) -> None:
    origins = "https://*.a.example, https://b.example"
    if given_in == "config":
        app.config["CORS_ORIGINS"] = origins
        CORS(app)
    else:
        CORS(app, origins=origins)
    expected = [acao(origin)] if allowed else []
    assert get(framework, app, "/public", origin).cors == [*expected, VARY]


def test_allow_headers_comma_string_splits_a_regex_from_a_name(
    framework: Framework, app: App
) -> None:
    CORS(app, allow_headers=r"X-Custom-.*, Content-Type")
    reply = framework.send(
        app,
        "OPTIONS",
        "/api/items",
        {
            "Origin": A,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-custom-id, x-other",
        },
    )
    assert reply.header("Access-Control-Allow-Headers") == "content-type, x-custom-id"


@pytest.mark.parametrize(
    ("word", "wildcard"),
    [
        *[(word, True) for word in ("true", "TRUE", "1", "yes", "Yes", "on", " on ")],
        *[(word, False) for word in ("false", "False", "0", "no", "NO", "off", "Off")],
    ],
)
def test_config_boolean_words_mean_what_they_say(
    framework: Framework, app: App, word: str, wildcard: bool
) -> None:
    app.config["CORS_SEND_WILDCARD"] = word
    CORS(app)
    reply = get(framework, app, "/public")
    assert reply.cors == ([acao("*")] if wildcard else [acao(A), VARY])


@pytest.mark.parametrize(
    ("glob", "fix"),
    [
        pytest.param(
            "https://*.a.example/",
            "trailing '/' removed (browsers never send one)",
            id="trailing-slash",
        ),
        pytest.param(
            "https://*.a.example:443",
            "default port :443 removed (browsers omit it)",
            id="default-port",
        ),
    ],
)
def test_glob_origin_is_normalised_with_one_warning(
    framework: Framework, app: App, glob: str, fix: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="flask_cors"):
        CORS(app, origins=glob)
    reply = get(framework, app, "/public", "https://x.a.example")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert (reply.header("Access-Control-Allow-Origin"), warnings) == (
        "https://x.a.example",
        [f"CORS origins: {glob!r}: {fix}"],
    )


@pytest.mark.parametrize(
    ("origin", "why"),
    [
        pytest.param(A, "CORS headers added: origin allowed by", id="allowed"),
        pytest.param(
            "https://evil.example", "no CORS headers: origin not allowed by", id="refused"
        ),
    ],
)
def test_each_request_logs_one_debug_line_saying_why(
    framework: Framework, app: App, caplog: pytest.LogCaptureFixture, origin: str, why: str
) -> None:
    CORS(app, origins=[A, B])
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    get(framework, app, "/public", origin)
    lines = [r.getMessage() for r in caplog.records if r.name == "flask_cors"]
    assert lines == [f"CORS GET '/public' Origin={origin!r}: {why} CORS(app) resource '/*'"]


@pytest.mark.parametrize(
    ("resources", "path"),
    [
        pytest.param(
            {r"/api/v1.*items": B, r"/api/.*/.*": A},
            "/api/v1/items",
            id="more-slashes-before-longer-text",
        ),
        pytest.param(
            {r"/api/.*": B, r"/api/v1.*": A},
            "/api/v1/items",
            id="same-slashes-longer-text-first",
        ),
    ],
)
def test_a_resource_mapping_tries_the_more_specific_regex_first(
    framework: Framework, app: App, resources: dict[str, str], path: str
) -> None:
    app.add_url_rule(path, "v1_items", framework.view(lambda: "items"))
    CORS(app, resources={pattern: {"origins": origin} for pattern, origin in resources.items()})
    assert get(framework, app, path).cors == [acao(A)]


def test_a_literal_resource_path_may_hold_characters_regexes_repeat_with(
    framework: Framework, app: App
) -> None:
    app.add_url_rule("/lang/c++", "cpp", framework.view(lambda: "c++"))
    CORS(app, resources=["/lang/c++"])
    assert get(framework, app, "/lang/c++").cors == [acao(A), VARY]


# --- each start-up warning once per registration, not once per resource --------------------

SHARED_RESOURCES: dict[str, ResourceOptions] = {
    "/a": {"max_age": 1},
    "/b": {"max_age": 2},
    "/c": {},
}


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_origin_normalisation_warns_once_for_resources_sharing_the_origins(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="flask_cors"):
        CORS(app, origins="https://A.example/", resources=SHARED_RESOURCES)
    assert warnings_of(caplog) == [
        "CORS origins: 'https://A.example/': scheme and host lower-cased",
        "CORS origins: 'https://A.example/': trailing '/' removed (browsers never send one)",
    ]


def test_credentials_with_every_origin_warns_once_for_resources_sharing_them(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="flask_cors"):
        CORS(app, supports_credentials=True, resources=SHARED_RESOURCES)
    assert len([m for m in warnings_of(caplog) if "supports_credentials=True" in m]) == 1


def test_init_app_twice_installs_one_flask_hook() -> None:
    app = Flask(__name__)
    cors = CORS(origins=[A, B])
    cors.init_app(app)
    cors.init_app(app)
    assert len(app.after_request_funcs[None]) == 1
