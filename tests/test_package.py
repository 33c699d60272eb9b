"""The tests run against this project's package, and its architecture holds."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import flask_cors

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "flask_cors"


def test_flask_cors_is_imported_from_this_project_not_site_packages() -> None:
    assert Path(flask_cors.__file__).resolve().is_relative_to(PACKAGE)


def test_public_names_are_exported_from_the_package() -> None:
    assert sorted(flask_cors.__all__) == sorted(
        ["CORS", "cross_origin", "cors_exempt", "CorsOptions", "CorsConfigError", "__version__"]
    )


def test_star_import_of_core_gives_the_flask_cors_header_constants() -> None:
    namespace: dict[str, object] = {}
    exec("from flask_cors.core import *", namespace)
    assert namespace["ACL_ORIGIN"] == "Access-Control-Allow-Origin"
    assert namespace["ACL_REQUEST_HEADER_PRIVATE_NETWORK"] == (
        "Access-Control-Request-Private-Network"
    )
    assert namespace["ALL_METHODS"] == ("GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE")


@pytest.mark.parametrize("module", ["core.py", "options.py", "resolve.py", "_browser.py"])
def test_pure_modules_import_neither_flask_nor_quart(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text())
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert imported.isdisjoint({"flask", "quart", "werkzeug"})


def test_importing_flask_cors_and_using_it_on_flask_does_not_import_quart() -> None:
    code = (
        "import sys, flask, flask_cors\n"
        "app = flask.Flask('x'); flask_cors.CORS(app)\n"
        "app.test_client().get('/', headers={'Origin': 'http://a.example'})\n"
        "print('quart' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


def test_the_package_ships_py_typed() -> None:
    assert (PACKAGE / "py.typed").is_file()
