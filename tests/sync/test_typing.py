"""mypy --strict accepts correct configurations and rejects wrong ones (docs/design.md 1.3)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", name="cache_dir")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One cache for the module: Flask is analysed once, each snippet in a moment.
    return tmp_path_factory.mktemp("mypy-cache")


def mypy_errors(tmp_path: Path, cache_dir: Path, code: str) -> list[str]:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(textwrap.dedent(code))
    stdout, _, _ = api.run(
        [
            "--strict",
            f"--cache-dir={cache_dir}",
            "--config-file",
            str(ROOT / "mypy.ini"),
            str(snippet),
        ]
    )
    return [line.split(": error: ", 1)[1] for line in stdout.splitlines() if ": error: " in line]


def test_correct_typed_configuration_type_checks(tmp_path: Path, cache_dir: Path) -> None:
    code = """
        from datetime import timedelta
        import re
        from flask import Flask
        from flask_cors import CORS, CorsOptions, cross_origin

        app = Flask(__name__)
        options = CorsOptions(
            origins=["https://a.example", re.compile(r"https://.*\\.b\\.example")],
            max_age=timedelta(minutes=10),
            supports_credentials=True,
        )
        CORS(app, options, expose_headers=["X-Total"])

        @app.route("/user/<int:user_id>")
        @cross_origin(origins="https://a.example", max_age="600")
        def user(user_id: int) -> str:
            return str(user_id)
    """
    assert mypy_errors(tmp_path, cache_dir, code) == []


@pytest.mark.parametrize(
    ("code", "error"),
    [
        pytest.param(
            'CorsOptions(max_age="600")',
            'Argument "max_age" to "CorsOptions" has incompatible type "str"; '
            'expected "int | timedelta | None"  [arg-type]',
            id="string-max-age",
        ),
        pytest.param(
            "CorsOptions(supports_credentials=1.5)",
            'Argument "supports_credentials" to "CorsOptions" has incompatible type "float"; '
            'expected "bool"  [arg-type]',
            id="float-credentials",
        ),
        pytest.param(
            'CorsOptions(origin="https://a.example")',
            'Unexpected keyword argument "origin" for "CorsOptions"; did you mean "origins"?  '
            "[call-arg]",
            id="misspelt-field",
        ),
        pytest.param(
            'CORS(Flask(__name__), orgins="*")',
            'Unexpected keyword argument "orgins" for "CORS"; did you mean "origins"?  [call-arg]',
            id="misspelt-keyword",
        ),
        pytest.param(
            "cross_origin(max_age=[1])",
            'Argument "max_age" to "cross_origin" has incompatible type "list[int]"; '
            'expected "int | timedelta | str | None"  [arg-type]',
            id="decorator-keyword-type",
        ),
    ],
)
def test_wrong_option_types_are_mypy_errors(
    tmp_path: Path, cache_dir: Path, code: str, error: str
) -> None:
    prelude = "from flask import Flask\nfrom flask_cors import CORS, CorsOptions, cross_origin\n"
    assert mypy_errors(tmp_path, cache_dir, prelude + code + "\n") == [error]


def test_decorated_view_keeps_its_signature(tmp_path: Path, cache_dir: Path) -> None:
    code = """
        from flask_cors import cross_origin

        @cross_origin()
        def user(user_id: int) -> str:
            return str(user_id)

        user("not an int")
    """
    assert mypy_errors(tmp_path, cache_dir, code) == [
        'Argument 1 to "user" has incompatible type "str"; expected "int"  [arg-type]'
    ]
