"""Every option accepted in each of its forms, and every wrong form refused with a clear error."""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import timedelta
from typing import Any

import pytest

from flask_cors import CorsConfigError, CorsOptions
from flask_cors.core import RequestFacts, decide
from flask_cors.options import Resource
from flask_cors.resolve import compile_policy


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        pytest.param("*", "*", id="star"),
        pytest.param("https://a.example", ("https://a.example",), id="one-literal"),
        pytest.param(
            "https://a.example, https://b.example",
            ("https://a.example", "https://b.example"),
            id="comma-string-is-a-list",
        ),
        pytest.param(["https://a.example"], ("https://a.example",), id="list"),
        pytest.param({"https://a.example"}, ("https://a.example",), id="set"),
        pytest.param(["https://a.example", "*"], "*", id="star-in-a-list-means-any"),
        pytest.param(["null", "https://a.example"], ("null", "https://a.example"), id="null"),
    ],
)
def test_origins_forms_are_stored_canonically(given: Any, stored: Any) -> None:
    assert CorsOptions(origins=given).origins == stored


def test_compiled_regex_origin_is_kept_as_given() -> None:
    pattern = re.compile(r"https://.*\.example")
    assert CorsOptions(origins=pattern).origins == (pattern,)


@pytest.mark.parametrize(
    ("option", "given", "stored"),
    [
        pytest.param("methods", "get, post", ("GET", "POST"), id="methods-comma-upper"),
        pytest.param("methods", ["put", "PUT"], ("PUT",), id="methods-deduplicated"),
        pytest.param("allow_headers", "*", "*", id="allow-headers-star"),
        pytest.param(
            "allow_headers",
            "Content-Type,Authorization",
            ("Content-Type", "Authorization"),
            id="allow-headers-comma-string",
        ),
        pytest.param(
            "allow_headers",
            ["X-Custom-.*", re.compile("X-Trace-.*")],
            ("X-Custom-.*", re.compile("X-Trace-.*")),
            id="allow-headers-regexes-as-written",
        ),
        pytest.param("expose_headers", None, None, id="expose-none"),
        pytest.param("max_age", timedelta(0), 0, id="max-age-zero-timedelta"),
        pytest.param("expose_headers", "X-Total", ("X-Total",), id="expose-string"),
        pytest.param("expose_headers", [], None, id="expose-empty-list-is-none"),
        pytest.param("max_age", timedelta(hours=1), 3600, id="max-age-timedelta"),
        pytest.param("max_age", 0, 0, id="max-age-zero"),
        pytest.param("max_age", None, None, id="max-age-none"),
    ],
)
def test_option_forms_are_stored_canonically(option: str, given: Any, stored: Any) -> None:
    assert getattr(CorsOptions(**{option: given}), option) == stored


def test_resources_mapping_is_ordered_by_specificity() -> None:
    compiled = re.compile(r"/c/.*")
    options = CorsOptions(
        resources={r"/api/.*": {}, "/api/v1/users": {}, compiled: {}, "/x": {}, r"/api/v1/.*": {}}
    )
    assert [r.pattern for r in options.resources] == [  # type: ignore[union-attr]
        "/api/v1/users",
        "/x",
        compiled,
        r"/api/v1/.*",
        r"/api/.*",
    ]


def test_resources_list_keeps_its_order() -> None:
    options = CorsOptions(resources=[r"/api/.*", "/api/v1/users"])
    assert options.resources == (Resource(r"/api/.*"), Resource("/api/v1/users"))


def test_options_derived_with_dataclasses_replace_keep_their_resources() -> None:
    # replace() passes the stored (parsed) resources back to CorsOptions, which accepts them.
    options = dataclasses.replace(CorsOptions(resources=[r"/api/.*", "/health"]), max_age=60)
    assert options.resources == (Resource(r"/api/.*"), Resource("/health"))
    assert options.max_age == 60


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(
            {"max_age": -1},
            r"^max_age=-1: must be a whole number of seconds, 0 or more\. Use max_age=600",
            id="negative-max-age",
        ),
        pytest.param(
            {"max_age": "600"},
            r"^max_age='600': must be a whole number of seconds",
            id="string-max-age-in-typed-options",
        ),
        pytest.param({"max_age": True}, r"^max_age=True: ", id="bool-max-age"),
        pytest.param({"max_age": 1.5}, r"^max_age=1\.5: ", id="float-max-age"),
        pytest.param(
            {"supports_credentials": "yes"},
            r"^supports_credentials='yes': expected True or False\. Use supports_credentials=",
            id="string-bool-in-typed-options",
        ),
        pytest.param(
            {"origins": 42},
            r"^origins=42: expected an origin string, a regex, a list, or a callable",
            id="origins-int",
        ),
        pytest.param(
            {"origins": ["https://a.example", 3]},
            r"^origins=\['https://a\.example', 3\]: 3 \(int\) is not a string or compiled regex",
            id="origins-item-int",
        ),
        pytest.param(
            {"origins": "https://(a.example"},
            r"^origins='https://\(a\.example': invalid regex \(missing \), unterminated "
            r"subpattern at position 8\)\. Escape literal characters",
            id="invalid-regex-quotes-re",
        ),
        pytest.param(
            {"origins": "*.example.com"},
            r"^origins='\*\.example\.com': invalid regex \(nothing to repeat at position 0\)\. "
            r"For subdomains write a glob like 'https://\*\.example\.com'",
            id="bare-star-subdomain-suggests-glob",
        ),
        pytest.param(
            {"origins": "https://a.example\nX: y"},
            r"^origins='https://a\.example\\nX: y': contains CR, LF or NUL, which no header "
            r"value can hold\. Remove them",
            id="origin-with-lf",
        ),
        pytest.param(
            {"origins": ["null", "https://a.example\x00"]},
            r"^origins='https://a\.example\\x00': contains CR, LF or NUL",
            id="origin-with-nul",
        ),
        pytest.param(
            {"methods": ["GET", "PO ST"]},
            r"^methods=\['GET', 'PO ST'\]: 'PO ST' is not a valid HTTP token",
            id="method-not-a-token",
        ),
        pytest.param(
            {"methods": "*"},
            r"^methods='\*': '\*' is not a method\. Leave methods unset to allow every method",
            id="method-star",
        ),
        pytest.param(
            {"methods": re.compile("GET")},
            r"^methods=re\.compile\('GET'\): methods are names",
            id="method-regex",
        ),
        pytest.param(
            {"allow_headers": ["X-Ok", "X\r\nBad"]},
            r"^allow_headers=\['X-Ok', 'X\\r\\nBad'\]: 'X\\r\\nBad' contains CR, LF or NUL",
            id="allow-header-with-newline",
        ),
        pytest.param(
            {"expose_headers": [re.compile("X-.*")]},
            r"^expose_headers=\[re\.compile\('X-\.\*'\)\]: exposed headers are names",
            id="expose-regex",
        ),
        pytest.param(
            {"supports_credentials": True, "send_wildcard": True},
            r"^send_wildcard=True: browsers refuse '\*' with credentials\. Drop send_wildcard",
            id="credentials-with-sent-wildcard",
        ),
        pytest.param(
            {"resources": {r"/api/(": {}}},
            r"^resources='/api/\(': invalid regex",
            id="invalid-resource-regex",
        ),
        pytest.param(
            {"resources": {"/api": {"origin": "https://a.example"}}},
            r"^resources\['/api'\]: origin='https://a\.example': not a CORS option\. "
            r"Did you mean 'origins'\?",
            id="misspelt-resource-option",
        ),
        pytest.param(
            {"resources": {"/api": 5}},
            r"^resources\['/api'\]=5: a resource's options must be a dict or a CorsOptions",
            id="resource-options-not-a-dict",
        ),
        pytest.param(
            {"resources": {"/api": {"resources": "/x"}}},
            r"^resources\['/api'\]: resources='/x': resources applies to CORS\(\.\.\.\) only",
            id="nested-resources",
        ),
    ],
)
def test_wrong_option_values_raise_a_config_error_naming_option_value_and_fix(
    options: dict[str, Any], message: str
) -> None:
    with pytest.raises(CorsConfigError, match=message):
        CorsOptions(**options)


def test_config_error_is_a_value_error_carrying_option_and_value() -> None:
    with pytest.raises(ValueError, match="max_age") as caught:
        CorsOptions(max_age=-5)
    assert isinstance(caught.value, CorsConfigError)
    assert (caught.value.option, caught.value.value) == ("max_age", -5)


def test_unknown_keyword_to_cors_options_is_pythons_type_error() -> None:
    with pytest.raises(TypeError, match="origin"):
        CorsOptions(origin="https://a.example")  # type: ignore[call-arg]


def test_a_glob_with_a_non_ascii_host_matches_its_punycode_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    run = compile_policy(CorsOptions(origins="https://*.bücher.example"))
    allowed = [
        decide(run, RequestFacts("GET", origin)).headers
        for origin in ("https://shop.xn--bcher-kva.example", "https://shop.bcher.example")
    ]
    assert (allowed, [r.getMessage() for r in caplog.records]) == (
        [(("Access-Control-Allow-Origin", "https://shop.xn--bcher-kva.example"),), ()],
        [
            (
                "CORS origins: 'https://*.bücher.example': host converted to punycode "
                "(xn--bcher-kva.example)"
            )
        ],
    )


def test_the_null_origin_is_kept_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    policy = compile_policy(CorsOptions(origins=["null"]))
    assert (policy.exact_origins, caplog.records) == (frozenset({"null"}), [])


@pytest.mark.parametrize(
    ("given", "literal", "warning"),
    [
        pytest.param(
            "HTTPS://A.Example", "https://a.example", "scheme and host lower-cased", id="case"
        ),
        pytest.param(
            "https://a.example/",
            "https://a.example",
            "trailing '/' removed (browsers never send one)",
            id="slash",
        ),
        pytest.param(
            "https://a.example:443",
            "https://a.example",
            "default port :443 removed (browsers omit it)",
            id="port",
        ),
        pytest.param(
            "https://bücher.example",
            "https://xn--bcher-kva.example",
            "host converted to punycode",
            id="idn",
        ),
    ],
)
def test_configured_literal_origins_are_normalised_with_one_warning(
    given: str, literal: str, warning: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    policy = compile_policy(CorsOptions(origins=[given]))
    assert policy.exact_origins == frozenset({literal})
    assert [r.getMessage() for r in caplog.records] == [f"CORS origins: {given!r}: {warning}"]


KEPT = "kept as a literal that matches only an Origin of exactly this value (as test clients send)"


@pytest.mark.parametrize(
    ("given", "warning"),
    [
        pytest.param(
            "localhost:3000",
            f"no browser sends this Origin (it has no scheme); {KEPT}. "
            "Did you mean 'http://localhost:3000'?",
            id="host-and-port",
        ),
        pytest.param(
            "localhost",
            f"no browser sends this Origin (it has no scheme); {KEPT}. "
            "Did you mean 'http://localhost'?",
            id="localhost",
        ),
        pytest.param(
            "www.example.com",
            f"no browser sends this Origin (it has no scheme); {KEPT}. "
            "Did you mean 'https://www.example.com'?",
            id="host",
        ),
        pytest.param(
            "localhost:3000/app",
            f"no browser sends this Origin (it has no scheme); {KEPT}. "
            "Did you mean 'http://localhost:3000'?",
            id="host-port-and-path",
        ),
        pytest.param(
            "http://localhost:port",
            f"no browser sends this Origin (the port is not a number); {KEPT}. Did you mean "
            "'http://localhost:3000' (a port number) or the glob 'http://localhost:*' (any port)?",
            id="port-placeholder",
        ),
        pytest.param(
            "file://",
            f"no browser sends this Origin; {KEPT}. Pages opened from files send "
            "'Origin: null': list 'null' to allow them (any local file can then call you)",
            id="file",
        ),
        pytest.param(
            "https://a.example/app",
            f"no browser sends this Origin (an origin has no path, query or user name); {KEPT}. "
            "Did you mean 'https://a.example'?",
            id="path",
        ),
        pytest.param(
            # A page fetched through a CORS proxy: the proxy's origin is the one sent.
            "https://proxy.example/https://a.example",
            f"no browser sends this Origin (an origin has no path, query or user name); {KEPT}. "
            "Did you mean 'https://proxy.example'?",
            id="proxied-url",
        ),
        pytest.param(
            "https://user:secret@a.example",
            f"no browser sends this Origin (an origin has no path, query or user name); {KEPT}. "
            "Did you mean 'https://a.example'?",
            id="user-and-password",
        ),
        pytest.param(
            # Without brackets the colons of an IPv6 address are no port separator.
            "http://::1:8080",
            f"no browser sends this Origin; {KEPT}. An origin is scheme://host[:port]",
            id="ipv6-without-brackets",
        ),
        pytest.param(
            "://a.example",
            f"no browser sends this Origin; {KEPT}. An origin is scheme://host[:port]",
            id="no-scheme-before-the-colon",
        ),
        pytest.param(
            "https://a.example b",
            "never matches: an Origin with whitespace, a comma, a control or non-ASCII "
            "character, or over 2,048 characters is always refused (docs/differences.md, D2)",
            id="space",
        ),
    ],
)
def test_literal_no_browser_sends_is_kept_with_one_warning_naming_what_was_meant(
    given: str, warning: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    policy = compile_policy(CorsOptions(origins=[given, "https://b.example"]))
    assert policy.exact_origins == frozenset({given.lower(), "https://b.example"})
    assert [r.getMessage() for r in caplog.records] == [f"CORS origins: {given!r}: {warning}"]


def test_credentials_with_every_origin_warns_once_at_start_up(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    compile_policy(CorsOptions(supports_credentials=True))
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "any site can make credentialed requests" in caplog.records[0].getMessage()


def test_allow_headers_item_that_is_no_header_name_is_kept_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Real configs list a media type among the headers; flask-cors 6 accepted it (it never
    # matches), so refusing to start would break a working app.
    from flask import Flask

    from flask_cors import CORS

    caplog.set_level(logging.WARNING, logger="flask_cors")
    app = Flask(__name__)
    CORS(app, allow_headers=["Content-Type", "application/json"])
    app.add_url_rule("/r", "r", lambda: "r", methods=["POST"])
    response = app.test_client().options(
        "/r",
        headers={
            "Origin": "https://a.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-token",
        },
    )
    assert response.headers.get("Access-Control-Allow-Headers") == "content-type"
    expected = (
        "CORS allow_headers: 'application/json' is not a header name, so it never matches a "
        "requested header. List header names like 'Content-Type'; a media type such as "
        "'application/json' goes in no CORS option"
    )
    assert [r.getMessage() for r in caplog.records] == [expected]
