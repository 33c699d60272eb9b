"""Regression tests for the published flask-cors advisories, each replaying its attack.

Every test names the advisory it guards against; together with the D1 regex-prefix trap
these are the holes flask-cors 4.x-6.x shipped with (docs/security.md lists them).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from flask import Flask

from flask_cors import CORS
from tests.helpers import cors_headers

TRUSTED = "https://trusted.example"
EVIL = "https://evil.example"


def _app(**options: object) -> Flask:
    app = Flask(__name__)

    @app.route("/<path:anything>", methods=["GET", "POST"])
    def anything(anything: str) -> str:
        return anything

    CORS(app, **options)  # type: ignore[arg-type]  # options vary per test
    return app


# --- CVE-2024-1681: log injection ---------------------------------------------------------


@pytest.fixture(name="log_output")
def _log_output() -> Iterator[io.StringIO]:
    """Everything the flask_cors logger writes at DEBUG, one record per line."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("flask_cors")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield output
    logger.removeHandler(handler)
    logger.setLevel(previous)


FORGED = "INFO forged: admin logged in"


@pytest.mark.parametrize(
    ("path", "environ"),
    [
        pytest.param(f"/api/x%0d%0a{FORGED}", {}, id="CR-LF-in-the-path"),
        pytest.param(f"/api/x%0a{FORGED}", {}, id="LF-in-the-path"),
        pytest.param("/api/x", {"HTTP_ORIGIN": f"{TRUSTED}\r\n{FORGED}"}, id="CR-LF-in-Origin"),
        pytest.param("/api/x", {"HTTP_ORIGIN": f"{EVIL}\n{FORGED}"}, id="LF-in-Origin"),
    ],
)
def test_cve_2024_1681_request_values_cannot_forge_a_log_line(
    log_output: io.StringIO, path: str, environ: dict[str, str]
) -> None:
    # The attack: a CR/LF in a logged request value starts a new, attacker-written log line.
    _app().test_client().get(path, environ_overrides=environ)
    lines = log_output.getvalue().splitlines()
    assert lines, "the request was logged"
    assert not [line for line in lines if line.startswith(FORGED)]
    assert all(line.startswith(("DEBUG ", "WARNING ")) for line in lines)


# --- CVE-2024-6221: private network access allowed by default ---------------------------


@pytest.mark.parametrize(
    ("method", "extra", "expected_extra"),
    [
        pytest.param("GET", {}, [], id="simple-request"),
        pytest.param(
            "OPTIONS",
            {"Access-Control-Request-Method": "GET"},
            [("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")],
            id="preflight",
        ),
    ],
)
def test_cve_2024_6221_private_network_access_is_refused_by_default(
    method: str, extra: dict[str, str], expected_extra: list[tuple[str, str]]
) -> None:
    # The attack: a public site asks to reach a private-network server; flask-cors 4.0.1
    # answered Access-Control-Allow-Private-Network: true unless told otherwise.
    headers = {"Origin": EVIL, "Access-Control-Request-Private-Network": "true", **extra}
    response = _app().test_client().open("/api/x", method=method, headers=headers)
    assert cors_headers(response.headers) == sorted(
        [
            ("access-control-allow-origin", EVIL),
            ("access-control-allow-private-network", "false"),
            ("vary", "Origin"),
            *expected_extra,
        ]
    )


# --- CVE-2024-6839: a broad regex outranking a more specific resource ---------------------

SPECIFIC = r"/api/admin/.*"  # 3 slashes, 13 characters
BROAD = r"/api/(?:public|status|admin|docs|health).*"  # 2 slashes, but longer text


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        pytest.param(
            TRUSTED,
            [("access-control-allow-origin", TRUSTED), ("vary", "Origin")],
            id="trusted-origin-allowed",
        ),
        pytest.param(EVIL, [("vary", "Origin")], id="evil-origin-refused"),
    ],
)
def test_cve_2024_6839_the_more_specific_resource_wins_over_a_longer_broad_regex(
    origin: str, expected: list[tuple[str, str]]
) -> None:
    # The attack: flask-cors ordered regex resources by length only, so the longer, broad
    # pattern answered for /api/admin/... and allowed every origin there.
    app = _app(
        resources={
            BROAD: {"origins": "*"},
            SPECIFIC: {"origins": [TRUSTED, "https://ops.example"]},
        }
    )
    response = app.test_client().get("/api/admin/users", headers={"Origin": origin})
    assert cors_headers(response.headers) == expected


# --- CVE-2024-6844: "+" and percent-decoding in the path ----------------------------------

PLUS_RESOURCES = {
    "/files/a b": {"origins": "*", "send_wildcard": True},  # a public file
    r"/files/.*": {"origins": [TRUSTED]},  # everything else: trusted only
}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("/files/a+b", [], id="plus-stays-plus"),
        pytest.param("/files/a%2520b", [], id="percent-decoded-once-not-twice"),
        pytest.param(
            "/files/a%20b",
            [("access-control-allow-origin", "*")],
            id="percent-20-is-the-space-path",
        ),
    ],
)
def test_cve_2024_6844_the_path_is_decoded_once_and_plus_stays_plus(
    path: str, expected: list[tuple[str, str]]
) -> None:
    # The attack: flask-cors ran unquote_plus over the already-decoded path, so /files/a+b
    # (and /files/a%2520b) were matched as "/files/a b" and got the public file's policy.
    app = _app(resources=PLUS_RESOURCES)
    response = app.test_client().get(path, headers={"Origin": EVIL})
    assert cors_headers(response.headers) == expected


# --- CVE-2024-6866: case-insensitive path matching ----------------------------------------


def test_cve_2024_6866_resource_regexes_match_the_path_case_sensitively() -> None:
    # The attack: /PUBLIC/... is a different Flask route, but flask-cors matched resource
    # regexes with re.IGNORECASE, so it got the wide-open policy of /public/.
    app = _app(resources={r"/public/.*": {"origins": "*"}, r"/.*": {"origins": [TRUSTED]}})
    response = app.test_client().get("/PUBLIC/secrets", headers={"Origin": EVIL})
    assert cors_headers(response.headers) == []  # one trusted origin: no Vary (docs/design.md 5.5)


def test_cve_2024_6866_the_lower_case_path_still_gets_its_own_policy() -> None:
    app = _app(resources={r"/public/.*": {"origins": "*"}, r"/.*": {"origins": [TRUSTED]}})
    response = app.test_client().get("/public/page", headers={"Origin": EVIL})
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", EVIL),
        ("vary", "Origin"),
    ]


# --- D1: the regex-prefix origin trap -----------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        pytest.param(
            "https://a.example.com",
            [("access-control-allow-origin", "https://a.example.com"), ("vary", "Origin")],
            id="subdomain-allowed",
        ),
        pytest.param("https://a.example.com.evil.net", [("vary", "Origin")], id="suffix-refused"),
        pytest.param("https://a.example.com:444", [("vary", "Origin")], id="extra-port-refused"),
        pytest.param("https://a.example.community", [("vary", "Origin")], id="longer-tld-refused"),
    ],
)
def test_d1_a_regex_origin_must_match_the_whole_origin(
    origin: str, expected: list[tuple[str, str]]
) -> None:
    # The attack: flask-cors used re.match, so r"https://.*\.example\.com" allowed any
    # origin that merely starts like an allowed one, such as a.example.com.evil.net.
    app = _app(origins=r"https://.*\.example\.com", supports_credentials=False)
    response = app.test_client().get("/api/x", headers={"Origin": origin})
    assert cors_headers(response.headers) == expected
