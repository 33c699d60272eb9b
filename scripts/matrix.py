"""Run the unit suites against every Flask and Quart version we promise to support.

Each entry of `ENVS` gets its own virtualenv under `.matrix/`, made once and reused while
pyproject.toml, this script and the entry's pins are unchanged (a stamp holds their hash).
Each env runs every non-browser suite (`tests/` without `tests/e2e`); a Flask-only env
leaves out the Quart tests: test modules that import quart at module level, and tests
marked `quart` (for Quart tests in a module shared with Flask tests). A module shared with
Flask tests (tests/helpers.py, a conftest.py) must import quart only inside functions or
under `if TYPE_CHECKING:`.

Usage: python scripts/matrix.py [ENV ...]   (default: all; stdlib only, Python >= 3.11)
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATRIX = ROOT / ".matrix"
# The envs get the interpreter this script runs on (make passes $(PYTHON)).
PYTHON = sys.executable


@dataclass(frozen=True)
class Env:
    """One cell of the matrix: a name, the framework pins, and whether Quart is in it."""

    name: str
    pins: tuple[str, ...]
    quart: bool


# Keep in step with the ranges in pyproject.toml and docs (README "Supported versions").
# Flask 2.0.1 is the floor: 2.0.0's BlueprintSetupState has no `name`/`name_prefix`, and
# `request.blueprints` came in 2.0.1. Flask before 2.3 breaks with Werkzeug 3 (it uses helpers
# Werkzeug 3 removed) without saying so, so the lowest env pins the Werkzeug of its day; the
# newest 2.x takes what pip picks for it, as a user's install would. Quart 0.19.0 is
# the first Quart built on Flask's sans-IO classes (it requires Flask and Werkzeug 3.0), but
# its own app.run() fails on Flask 3.0 ("'Quart' object has no attribute 'env'"); 0.19.1
# fixed that, so 0.19.1 is the floor.
ENVS = (
    Env("flask-2.0-lowest", ("flask[async]==2.0.1", "werkzeug==2.0.1"), quart=False),
    Env("flask-2.x-newest", ("flask[async]>=2,<3",), quart=False),
    Env("flask-3.x-newest", ("flask[async]>=3,<4",), quart=False),
    Env(
        "quart-0.19.1-lowest",
        ("quart==0.19.1", "flask[async]==3.0.0", "werkzeug==3.0.0"),
        quart=True,
    ),
    Env("quart-newest", ("quart>=0.19.1,<1", "flask[async]>=3,<4"), quart=True),
)

# Dev tools that no test needs (or pinned per env above). mypy stays: tests/sync/test_typing.py
# checks our types against each Flask.
NOT_FOR_TESTS = {
    "flask",
    "quart",
    "werkzeug",
    "ruff",
    "build",
    "twine",
    "playwright",
    "pytest-playwright",
}
# Only module-level imports: one under `if TYPE_CHECKING:` or in a function is harmless.
QUART_IMPORT = re.compile(r"^(import quart|from quart[ .])", re.MULTILINE)


def test_requirements() -> list[str]:
    """The dev extra minus tooling: pytest and its plugins, hypothesis, asgiref ..."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    dev: list[str] = project["optional-dependencies"]["dev"]
    keep = []
    for requirement in dev:
        name = re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower()
        if name not in NOT_FOR_TESTS and not name.startswith("types-"):
            keep.append(requirement)
    return keep


def stamp_of(env: Env) -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", Path(__file__)):
        digest.update(path.read_bytes())
    digest.update(repr(env).encode())
    return digest.hexdigest()


def pip(venv: Path, *args: str) -> None:
    # -qq: pip's warnings about this machine's index config are noise here; errors still show.
    subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "-qq", "--disable-pip-version-check", *args],
        check=True,
        cwd=ROOT,
    )


def ensure_venv(env: Env) -> Path:
    """The env's virtualenv, (re)made when its stamp is stale."""
    venv = MATRIX / env.name
    stamp_file = venv / ".stamp"
    stamp = stamp_of(env)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
    # Editable with --no-deps so the pins alone choose Flask/Quart; then the pins and test
    # tools in one resolve, so pip checks they fit together.
    pip(venv, "install", "--no-deps", "-e", ".")
    pip(venv, "install", *env.pins, *test_requirements())
    pip(venv, "check")
    stamp_file.write_text(stamp)
    return venv


def quart_test_files(tests: Path = ROOT / "tests") -> list[Path]:
    """Test modules that import quart at module level (a Flask-only env cannot collect them)."""
    found = []
    for path in sorted(tests.rglob("test_*.py")):
        if "e2e" in path.relative_to(tests).parts:
            continue
        if QUART_IMPORT.search(path.read_text()):
            found.append(path)
    return found


def pytest_command(env: Env, venv: Path) -> list[str]:
    command = [str(venv / "bin/python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["tests", "--ignore=tests/e2e"]
    if not env.quart:
        command += [f"--ignore={path.relative_to(ROOT)}" for path in quart_test_files()]
        # Not `-k "not quart"`: it would drop Flask-only tests such as
        # test_importing_flask_cors_and_using_it_on_flask_does_not_import_quart.
        command += ["-m", "not quart"]
    return command


def versions(venv: Path) -> str:
    code = (
        "from importlib.metadata import version, PackageNotFoundError as E\n"
        "out = []\n"
        "for name in ('flask', 'werkzeug', 'quart'):\n"
        "    try: out.append(f'{name} {version(name)}')\n"
        "    except E: pass\n"
        "print(', '.join(out))"
    )
    result = subprocess.run(
        [str(venv / "bin/python"), "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def run(env: Env) -> tuple[bool, str]:
    started = time.monotonic()
    print(f"\n=== {env.name}: {' '.join(env.pins)}", flush=True)
    venv = ensure_venv(env)
    installed = versions(venv)
    print(f"--- {installed}", flush=True)
    result = subprocess.run(pytest_command(env, venv), cwd=ROOT)
    seconds = time.monotonic() - started
    ok = result.returncode == 0
    return ok, f"{env.name:<20} {'ok' if ok else 'FAILED':<7} {seconds:5.0f}s  {installed}"


def main(names: list[str]) -> int:
    unknown = set(names) - {env.name for env in ENVS}
    if unknown:
        print(f"unknown env(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    lines = []
    failed = 0
    for env in ENVS:
        if names and env.name not in names:
            continue
        ok, line = run(env)
        failed += not ok
        lines.append(line)
    print("\n=== version matrix")
    print("\n".join(lines))
    print(f"matrix: {len(lines) - failed} passed, {failed} failed")  # envs, not tests
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
