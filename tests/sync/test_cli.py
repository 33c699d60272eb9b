"""`flask cors ...` where only Flask takes part: Flask-RESTful resources, and the functions
behind the commands called directly. Each behaviour both frameworks share is tested once
on Flask and on Quart in tests/async/test_cli.py."""

from __future__ import annotations

from typing import Any, ClassVar

import click
import pytest
from click.testing import CliRunner
from flask import Flask
from flask_restful import Api, Resource  # type: ignore[import-untyped]

from flask_cors import CORS, cross_origin
from flask_cors.cli import CheckReport, check, check_path, cors_command

APP = "https://app.example"
THINGS = "@cross_origin on make_app.<locals>.Things"


def make_app() -> Flask:
    """A Flask-RESTful resource decorated through its class's `decorators`."""
    app = Flask(__name__, static_folder=None)
    CORS(app, origins=APP)

    class Things(Resource):  # type: ignore[misc]  # Flask-RESTful is untyped
        decorators: ClassVar[list[Any]] = [cross_origin(origins="https://things.example")]

        def get(self) -> str:
            return "things"

    Api(app).add_resource(Things, "/things")
    return app


def test_routes_names_a_flask_restful_resource_by_its_class() -> None:
    result = make_app().test_cli_runner().invoke(cors_command, ["routes"])
    assert (result.exit_code, result.output.splitlines()[2].split("  [")[-1]) == (
        0,
        f"{THINGS}]",
    )


def test_check_names_a_flask_restful_resource_by_its_class() -> None:
    report = check(make_app(), "/things", APP)
    assert (report.allowed, report.text.splitlines()[-3:]) == (
        False,
        [
            f"flask_cors: no CORS headers: origin not allowed by {THINGS}",
            "",
            (
                f"Verdict: a browser at {APP} would be blocked because '{APP}' is not one of the "
                f"allowed origins (https://things.example) of {THINGS}."
            ),
        ],
    )


def test_check_returns_the_report_the_command_prints() -> None:
    app = make_app()
    report = check(app, "/things", "https://things.example")
    result = app.test_cli_runner().invoke(
        cors_command, ["check", "/things", "--origin", "https://things.example"]
    )
    assert (report, result.exit_code, result.output) == (
        CheckReport(
            True,
            (
                "a browser at https://things.example would be allowed to send GET /things and "
                "read the response."
            ),
            report.exchanges,
            report.text,
        ),
        0,
        report.text + "\n",
    )


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("things", r"^'things' does not start with '/'\. Did you mean '/things'\?$"),
        ("", r"^'' does not start with '/'\. Did you mean '/'\?$"),
        ("http://localhost", r"^'http://localhost' is a URL; give its path, e.g\. '/'\.$"),
    ],
    ids=["relative", "empty", "url-without-a-path"],
)
def test_check_path_names_the_fix(path: str, error: str) -> None:
    with pytest.raises(click.BadParameter, match=error):
        check_path(path)


def test_commands_without_an_app_name_the_fix() -> None:
    result = CliRunner().invoke(cors_command, ["routes"])
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2,
        "Error: No app found: run this as 'flask cors ...' or 'quart cors ...'.",
    )


def test_routes_shows_a_path_any_converter_matches_and_shortens_long_origin_lists() -> None:
    app = Flask(__name__, static_folder=None)
    CORS(app, resources={r"/docs/fr": {"origins": [f"https://{c}.example" for c in "abcdefg"]}})

    @app.get("/docs/<any(fr, 'en'):lang>")
    def docs(lang: str) -> str:
        return lang

    assert app.test_cli_runner().invoke(cors_command, ["routes"]).output.splitlines()[2] == (
        "/docs/<any(fr, 'en'):lang>  GET      docs      origins https://a.example, "
        "https://b.example, https://c.example, https://d.example, https://e.example (and 2 "
        "more); methods DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT; credentials no; "
        "max-age none  [CORS(app) resource '/docs/fr']"
    )
