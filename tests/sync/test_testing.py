"""`flask_cors.testing.fetch` with Flask's test client: the browser's view of sync views."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from flask import Flask

from flask_cors import CORS
from flask_cors.testing import fetch
from tests.fetch_cases import (
    APP,
    FETCH_CASES,
    JSON,
    PATH,
    FetchCase,
    flask_things,
    seen,
    view_calls,
)


@pytest.mark.parametrize("case", FETCH_CASES, ids=lambda c: c.id)
def test_fetch_predicts_what_a_browser_does_for_a_sync_view(case: FetchCase) -> None:
    app = flask_things(case.options)
    result = fetch(
        app.test_client(),
        case.method,
        PATH,
        origin=case.origin,
        headers=case.headers,
        credentials=case.credentials,
    )
    assert (seen(result), app.config["calls"]) == (case.expected, view_calls(case))


def test_body_and_page_headers_reach_the_view_after_the_preflight() -> None:
    app = Flask(__name__)
    app.config.update(TESTING=True)
    CORS(app, origins=[APP], allow_headers=["Content-Type", "X-Token"])

    @app.post("/echo")
    def echo() -> dict[str, str | None]:
        from flask import request

        return {"body": request.get_data(as_text=True), "token": request.headers.get("X-Token")}

    result = fetch(
        app.test_client(),
        "POST",
        "/echo",
        origin=APP,
        headers=[("X-Token", "42"), *JSON.items()],
        data='{"a": 1}',
    )
    preflight, response = result.preflight, result.response
    assert preflight is not None
    assert response is not None
    assert (preflight.headers["Access-Control-Allow-Headers"], response.get_json()) == (
        "content-type, x-token",
        {"body": '{"a": 1}', "token": "42"},
    )


def test_string_body_without_content_type_is_sent_as_text_plain_without_preflight() -> None:
    app = flask_things({"origins": [APP], "allow_headers": []})
    result = fetch(app.test_client(), "POST", PATH, origin=APP, data="hello")
    assert (result.preflighted, result.allowed, app.config["calls"]) == (False, True, ["POST"])


def test_failed_assert_on_allowed_names_the_reason_in_one_line() -> None:
    app = flask_things({"origins": [APP]})
    result = fetch(app.test_client(), "GET", PATH, origin="https://evil.example")
    assert repr(result) == (
        "<FetchResult: a browser at https://evil.example would be blocked because "
        "'https://evil.example' is not one of the allowed origins (https://app.example) "
        "of CORS(app) resource '/*'.>"
    )


def test_explanation_is_what_flask_cors_check_prints() -> None:
    from flask_cors.cli import check

    app = flask_things({"origins": [APP], "allow_headers": ["Content-Type"]})
    result = fetch(app.test_client(), "GET", PATH, origin=APP, headers={"X-Unlisted": "1"})
    assert result.explanation == check(app, PATH, APP, "GET", ["X-Unlisted"]).text


PLUGIN_TESTS = """
    from flask import Flask

    from flask_cors import CORS
    from flask_cors.testing import fetch


    def make_app():
        app = Flask(__name__)
        CORS(app, origins=["https://app.example"])
        app.add_url_rule("/x", "x", lambda: "x")
        return app


    def test_blocked():
        result = fetch(make_app().test_client(), "GET", "/x", origin="https://evil.example")
        assert result.allowed


    def test_allowed_then_failing():
        result = fetch(make_app().test_client(), "GET", "/x", origin="https://app.example")
        assert not result.allowed


    def test_failing_without_fetch():
        assert 1 == 2
"""


def test_failed_test_shows_each_fetch_report_under_pytest(tmp_path: Path) -> None:
    (tmp_path / "test_cors.py").write_text(textwrap.dedent(PLUGIN_TESTS))
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nfilterwarnings = error\nasyncio_default_fixture_loop_scope = function\n"
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rN", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    sections = [line.strip("- ") for line in run.stdout.splitlines() if "what a browser" in line]
    verdicts = [line for line in run.stdout.splitlines() if line.startswith("Verdict: ")]
    assert (run.returncode, sections, verdicts) == (
        1,
        ["flask_cors.testing: what a browser would do"] * 2,
        [
            (
                "Verdict: a browser at https://evil.example would be blocked because "
                "'https://evil.example' is not one of the allowed origins (https://app.example) "
                "of CORS(app) resource '/*'."
            ),
            (
                "Verdict: a browser at https://app.example would be allowed to send GET /x and "
                "read the response."
            ),
        ],
    )


@pytest.mark.parametrize(
    ("code", "imported"),
    [
        ("import flask_cors.pytest_plugin", []),
        (
            (
                "import flask, flask_cors, flask_cors.testing as t\n"
                "app = flask.Flask('x'); flask_cors.CORS(app)\n"
                "t.fetch(app.test_client(), 'PUT', '/', origin='https://a.example')"
            ),
            ["flask_cors.testing"],
        ),
    ],
    ids=["pytest-plugin-loaded", "fetch-used-on-flask"],
)
def test_quart_is_never_imported_and_the_plugin_imports_no_test_helpers(
    code: str, imported: list[str]
) -> None:
    report = "print(sorted(m for m in ('quart', 'flask_cors.testing') if m in sys.modules))"
    run = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\n{report}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout == f"{imported}\n"
