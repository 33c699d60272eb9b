"""Every problem of a configuration in one `CorsConfigError`, each with its stable code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Blueprint, Flask

from flask_cors import CORS, CorsConfigError, CorsOptions, cross_origin
from flask_cors.options import ResourceOptions

ROOT = Path(__file__).resolve().parents[2]

MAX_AGE = "must be a whole number of seconds, 0 or more"
MAX_AGE_FIX = "Use max_age=600 or max_age=timedelta(minutes=10)"
TOKEN_FIX = "Use names like 'GET' or 'X-Requested-With' (letters, digits, - and _)"
WILDCARD = "browsers refuse '*' with credentials. Drop send_wildcard or list origins"


def lines(error: CorsConfigError) -> list[str]:
    return str(error).split("\n")


def test_keyword_problems_are_all_reported_in_one_error_in_the_order_given() -> None:
    with pytest.raises(CorsConfigError) as caught:
        CORS(Flask(__name__), origin="https://a.example", max_age=-1, methods=["GE T", "*"])  # type: ignore[call-arg]
    assert lines(caught.value) == [
        "origin='https://a.example': not a CORS option. Did you mean 'origins'? (flask_cors.E001)",
        f"max_age=-1: {MAX_AGE}. {MAX_AGE_FIX} (flask_cors.E010)",
        (
            "methods=['GE T', '*']: '*' is not a method. Leave methods unset to allow every "
            "method, or list them, e.g. ['GET', 'POST'] (flask_cors.E008)"
        ),
        f"methods=['GE T', '*']: 'GE T' is not a valid HTTP token. {TOKEN_FIX} (flask_cors.E006)",
    ]
    # .option, .value, .problem, .fix and .code are those of the first problem; `^option=`
    # still matches.
    error = caught.value
    assert (error.option, error.value, error.problem, error.fix, error.code) == (
        "origin",
        "https://a.example",
        "not a CORS option",
        "Did you mean 'origins'?",
        "flask_cors.E001",
    )
    assert [problem.code for problem in error.problems] == [
        "flask_cors.E001",
        "flask_cors.E010",
        "flask_cors.E008",
        "flask_cors.E006",
    ]
    assert re.match("^origin=", str(error))


def test_every_bad_item_of_a_list_is_reported() -> None:
    with pytest.raises(CorsConfigError) as caught:
        CORS(Flask(__name__), origins=["https://ok.example", "https://(a", 42, "https://*"])  # type: ignore[list-item]
    assert [(p.code, p.value) for p in caught.value.problems] == [
        ("flask_cors.E004", ["https://ok.example", "https://(a", 42, "https://*"]),
    ]  # an item of the wrong type is reported before the strings are read
    with pytest.raises(CorsConfigError) as caught:
        CORS(Flask(__name__), origins=["https://ok.example", "https://(a", "https://*"])
    assert [(p.option, p.value, p.code) for p in caught.value.problems] == [
        ("origins", "https://(a", "flask_cors.E005"),
        ("origins", "https://*", "flask_cors.E014"),
    ]


def test_a_value_problem_and_a_bad_combination_are_reported_together() -> None:
    with pytest.raises(CorsConfigError) as caught:
        CORS(Flask(__name__), max_age="ten", supports_credentials=True, send_wildcard=True)
    assert lines(caught.value) == [
        f"max_age='ten': {MAX_AGE}. {MAX_AGE_FIX} (flask_cors.E010)",
        f"send_wildcard=True: {WILDCARD} (flask_cors.E013)",
    ]


def test_cors_options_reports_every_problem() -> None:
    with pytest.raises(CorsConfigError) as caught:
        CorsOptions(max_age="600", supports_credentials=True, send_wildcard=True)  # type: ignore[arg-type]
    assert lines(caught.value) == [
        f"max_age='600': {MAX_AGE}. {MAX_AGE_FIX} (flask_cors.E010)",
        f"send_wildcard=True: {WILDCARD} (flask_cors.E013)",
    ]


def test_every_problem_of_the_resources_is_reported() -> None:
    resources: Any = {
        "/a": {"orgins": "*", "max_age": -1},
        3: {},
        "/b": 5,
        "/c": {"supports_credentials": True, "send_wildcard": True},
    }
    with pytest.raises(CorsConfigError) as caught:
        CORS(Flask(__name__), resources=resources)
    assert lines(caught.value) == [
        "resources['/a']: orgins='*': not a CORS option. Did you mean 'origins'? (flask_cors.E001)",
        f"resources['/a']: max_age=-1: {MAX_AGE}. {MAX_AGE_FIX} (flask_cors.E010)",
        (
            "resources=3: a resource pattern must be a string or compiled regex, not int. "
            "Use a path like '/api/*' (flask_cors.E011)"
        ),
        (
            "resources['/b']=5: a resource's options must be a dict or a CorsOptions. "
            "Use {'origins': ...} (flask_cors.E012)"
        ),
    ]


def test_bad_combinations_of_several_resources_are_reported_together() -> None:
    both: ResourceOptions = {"supports_credentials": True, "send_wildcard": True}
    with pytest.raises(CorsConfigError) as caught:
        CORS(Flask(__name__), resources={"/a": both, "/b": both, "/c": {}})
    assert lines(caught.value) == [
        f"resources['/a']: send_wildcard=True: {WILDCARD} (flask_cors.E013)",
        f"resources['/b']: send_wildcard=True: {WILDCARD} (flask_cors.E013)",
    ]


def test_every_problem_of_app_config_is_reported_with_keys_as_written() -> None:
    app = Flask(__name__)
    app.config.update(
        CORS_MAX_AGE="ten",
        CORS_ORIGNS="https://a.example",
        CORS_SUPPORTS_CREDENTIALS="true",
        CORS_SEND_WILDCARD="on",
    )
    with pytest.raises(CorsConfigError) as caught:
        CORS(app)
    assert lines(caught.value) == [
        (
            "CORS_MAX_AGE='ten': must be a whole number of seconds, 0 or more. "
            "Use CORS_MAX_AGE=600 (seconds) (flask_cors.E010)"
        ),
        (
            "CORS_ORIGNS='https://a.example': not a flask_cors config key, and ignoring it could "
            "leave the app open to every origin. Did you mean CORS_ORIGINS? (flask_cors.E002)"
        ),
        f"CORS_SEND_WILDCARD='on': {WILDCARD} (flask_cors.E013)",
    ]


def test_blueprint_registration_reports_config_and_combination_problems_together() -> None:
    app = Flask(__name__)
    app.config.update(CORS_MAX_AGE=-1, CORS_SEND_WILDCARD=True)
    blueprint = Blueprint("api", __name__)
    CORS(blueprint, supports_credentials=True)
    with pytest.raises(CorsConfigError) as caught:
        app.register_blueprint(blueprint)
    assert [(p.option, p.code) for p in caught.value.problems] == [
        ("CORS_MAX_AGE", "flask_cors.E010"),
        ("CORS_SEND_WILDCARD", "flask_cors.E013"),
    ]


def test_decorator_reports_every_problem_at_decoration_time() -> None:
    with pytest.raises(CorsConfigError) as caught:
        cross_origin(resources="/api", origin="https://a.example")  # type: ignore[call-arg]
    assert [(p.option, p.code) for p in caught.value.problems] == [
        ("resources", "flask_cors.E003"),
        ("origin", "flask_cors.E001"),
    ]


def test_one_problem_keeps_its_one_line_message() -> None:
    with pytest.raises(CorsConfigError, match=r"^max_age=-1: ") as caught:
        CORS(Flask(__name__), max_age=-1)
    assert str(caught.value) == f"max_age=-1: {MAX_AGE}. {MAX_AGE_FIX} (flask_cors.E010)"
    assert caught.value.problems == (caught.value,)


# --- the codes are stable and documented ---------------------------------------------------


def documented_codes() -> dict[str, str]:
    """docs/options.md's table of codes: code -> its row."""
    text = (ROOT / "docs" / "options.md").read_text()
    rows = re.findall(r"^\| `(flask_cors\.E\d{3})` \|(.*)$", text, re.MULTILINE)
    return dict(rows)


def codes_in_source() -> Iterator[str]:
    for path in sorted((ROOT / "flask_cors").glob("*.py")):
        yield from re.findall(r"flask_cors\.E\d{3}", path.read_text())


def test_every_code_raised_is_listed_once_in_docs_options_md() -> None:
    documented = documented_codes()
    text = (ROOT / "docs" / "options.md").read_text()
    for code in documented:
        assert text.count(f"| `{code}` |") == 1, code
    assert set(codes_in_source()) == set(documented)
    # Numbered without gaps, so a new check takes the next number and old ones keep theirs.
    assert sorted(documented) == [f"flask_cors.E{n:03d}" for n in range(1, len(documented) + 1)]


def test_cors_options_checks_the_combinations_of_its_resources() -> None:
    both: ResourceOptions = {"supports_credentials": True, "send_wildcard": True}
    with pytest.raises(CorsConfigError) as caught:
        CorsOptions(resources={"/a": both})
    assert str(caught.value) == f"resources['/a']: send_wildcard=True: {WILDCARD} (flask_cors.E013)"


def test_keywords_combining_badly_with_app_config_problems_are_reported_together() -> None:
    app = Flask(__name__)
    app.config["CORS_MAX_AGE"] = "ten"
    with pytest.raises(CorsConfigError) as caught:
        CORS(app, supports_credentials=True, send_wildcard=True)
    assert [(p.option, p.code) for p in caught.value.problems] == [
        ("CORS_MAX_AGE", "flask_cors.E010"),
        ("send_wildcard", "flask_cors.E013"),
    ]


def test_keyword_and_app_config_problems_are_reported_together() -> None:
    app = Flask(__name__)
    app.config["CORS_ORIGIN"] = "https://a.example"
    with pytest.raises(CorsConfigError) as caught:
        CORS(app, max_age="ten")
    assert [(p.option, p.code) for p in caught.value.problems] == [
        ("max_age", "flask_cors.E010"),
        ("CORS_ORIGIN", "flask_cors.E002"),
    ]


@pytest.mark.parametrize(
    "target",
    [Blueprint("api", __name__), 42],
    ids=["blueprint-registered-later", "not-an-app"],
)
def test_keyword_problems_fail_cors_at_once_when_no_app_config_is_there_yet(
    target: Any,
) -> None:
    with pytest.raises(CorsConfigError) as caught:
        CORS(target, max_age="ten", supports_credentials=True, send_wildcard=True)
    assert [(p.option, p.code) for p in caught.value.problems] == [
        ("max_age", "flask_cors.E010"),
        ("send_wildcard", "flask_cors.E013"),
    ]


@pytest.mark.parametrize(
    ("target", "name"),
    [pytest.param(object(), "object", id="object"), pytest.param("app", "str", id="str")],
)
def test_cors_on_anything_but_an_app_or_blueprint_raises_type_error(
    target: object, name: str
) -> None:
    expected = f"CORS() takes a Flask or Quart app or blueprint, not {name}"
    with pytest.raises(TypeError, match=f"^{re.escape(expected)}$"):
        CORS(target)  # type: ignore[arg-type]


def test_a_resource_with_a_bad_path_and_a_bad_option_reports_both() -> None:
    with pytest.raises(CorsConfigError) as caught:
        CORS(Flask(__name__), resources={r"/api/(.*": {"origin": "https://a.example"}})  # type: ignore[dict-item]
    assert lines(caught.value) == [
        (
            "resources='/api/(.*': invalid regex (missing ), unterminated subpattern at "
            "position 5). Escape literal characters, or give the exact value (flask_cors.E005)"
        ),
        (
            "resources['/api/(.*']: origin='https://a.example': not a CORS option. "
            "Did you mean 'origins'? (flask_cors.E001)"
        ),
    ]
