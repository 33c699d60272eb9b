"""The version matrix tests exactly the ranges pyproject.toml promises, and leaves out
only what a Flask-only env cannot run."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def _load_matrix() -> ModuleType:
    spec = importlib.util.spec_from_file_location("matrix_script", ROOT / "scripts" / "matrix.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building Env
    spec.loader.exec_module(module)
    return module


matrix = _load_matrix()
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def declared(name: str, requirements: list[str]) -> Requirement:
    (found,) = [r for r in map(Requirement, requirements) if r.name == name]
    return found


def pinned_versions(name: str) -> list[Version]:
    """Every `name==X` the matrix installs."""
    versions = []
    for env in matrix.ENVS:
        for pin in map(Requirement, env.pins):
            if pin.name == name:
                versions += [Version(s.version) for s in pin.specifier if s.operator == "=="]
    return versions


def bound(requirement: Requirement, operator: str) -> Version:
    (found,) = [Version(s.version) for s in requirement.specifier if s.operator == operator]
    return found


@pytest.mark.parametrize(
    ("name", "requirements"),
    [
        pytest.param("flask", PROJECT["dependencies"], id="flask"),
        pytest.param("flask", PROJECT["optional-dependencies"]["async"], id="flask-async-extra"),
        pytest.param("quart", PROJECT["optional-dependencies"]["quart"], id="quart-extra"),
    ],
)
def test_declared_floor_is_the_lowest_version_the_matrix_pins(
    name: str, requirements: list[str]
) -> None:
    assert bound(declared(name, requirements), ">=") == min(pinned_versions(name))


@pytest.mark.parametrize(
    ("name", "requirements"),
    [
        pytest.param("flask", PROJECT["dependencies"], id="flask"),
        pytest.param("quart", PROJECT["optional-dependencies"]["quart"], id="quart"),
    ],
)
def test_declared_ceiling_is_the_one_the_newest_env_stays_below(
    name: str, requirements: list[str]
) -> None:
    newest_specs = [
        pin.specifier
        for env in matrix.ENVS
        for pin in map(Requirement, env.pins)
        if pin.name == name and any(s.operator == "<" for s in pin.specifier)
    ]
    ceiling = bound(declared(name, requirements), "<")
    assert max(bound(Requirement(f"{name}{spec}"), "<") for spec in newest_specs) == ceiling


def test_matrix_covers_flask_2_and_3_and_both_ends_of_quart() -> None:
    names = [env.name for env in matrix.ENVS]
    assert names == [
        "flask-2.0-lowest",
        "flask-2.x-newest",
        "flask-3.x-newest",
        "quart-0.19.1-lowest",
        "quart-newest",
    ]
    assert [env.quart for env in matrix.ENVS] == [False, False, False, True, True]


def test_test_requirements_keep_the_test_tools_and_drop_the_framework_and_lint_tools() -> None:
    names = {Requirement(r).name for r in matrix.test_requirements()}
    assert {"pytest", "pytest-asyncio", "hypothesis", "mypy"} <= names
    assert names.isdisjoint({"flask", "quart", "ruff", "build", "twine", "playwright"})


@pytest.mark.parametrize(
    ("source", "left_out"),
    [
        pytest.param("from quart import Quart\n", True, id="from-import"),
        pytest.param("import quart\n", True, id="import"),
        pytest.param("from quart.testing import X\n", True, id="submodule"),
        pytest.param("if TYPE_CHECKING:\n    from quart import Quart\n", False, id="type-only"),
        pytest.param("def f():\n    from quart import Quart\n", False, id="in-function"),
        pytest.param("from quartz import x\n", False, id="other-package"),
    ],
)
def test_flask_only_envs_leave_out_test_modules_importing_quart_at_module_level(
    tmp_path: Path, source: str, left_out: bool
) -> None:
    (tmp_path / "test_one.py").write_text(source)
    assert (matrix.quart_test_files(tmp_path) != []) == left_out


@pytest.mark.parametrize(
    ("env_name", "expected_m"),
    [
        pytest.param("flask-2.0-lowest", ["-m", "not quart"], id="flask-only"),
        pytest.param("quart-newest", [], id="quart"),
    ],
)
def test_pytest_command_deselects_quart_tests_only_where_quart_is_missing(
    env_name: str, expected_m: list[str]
) -> None:
    (env,) = [e for e in matrix.ENVS if e.name == env_name]
    command = matrix.pytest_command(env, Path("/venv"))
    assert command[command.index("tests") :][:2] == ["tests", "--ignore=tests/e2e"]
    after_paths = command[command.index("tests") :]
    assert [arg for arg in after_paths if arg in ("-m", "not quart")] == expected_m
