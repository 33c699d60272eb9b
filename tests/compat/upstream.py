"""`make test-compat`: flask-cors 6.0.5's own test suite, run against this package.

Downloads the flask-cors 6.0.5 sdist from the package index into a temporary directory,
checks its sha256, extracts only its `tests/` (never its `flask_cors/`: pytest puts the
directory above a `tests/__init__.py` package on sys.path, so a `flask_cors/` there would be
imported instead of this package) and runs that suite with this venv's pytest. The tests that
a deliberate difference changes are strict xfails, each naming it (D1: regex prefix
matching, D6: intercept_exceptions=False, D4: one Vary line; tests/compat/upstream_conftest.py).
Nothing is kept: the directory is removed afterwards.

Run with the project's venv: `.venv/bin/python tests/compat/upstream.py`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SDIST = "flask_cors-6.0.5.tar.gz"
SHA256 = "30c5031552cd59f620ac0c8211dac45b345d3b2df310e7721879e4f46ef9c601"
TESTS = "flask_cors-6.0.5/tests/"


def download(into: Path) -> Path:
    """The sdist, from the package index, its sha256 checked."""
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
            *("--no-binary", ":all:", "flask-cors==6.0.5", "--dest", str(into)),
        ],
        check=True,
    )
    sdist = into / SDIST
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{SDIST}: sha256 {digest}, expected {SHA256}")
    return sdist


def extract_tests(sdist: Path, suite: Path) -> None:
    """Only the sdist's tests/, as suite/tests/."""
    with tarfile.open(sdist) as archive:
        members = [m for m in archive.getmembers() if m.name.startswith(TESTS)]
        for member in members:
            member.name = "tests/" + member.name.removeprefix(TESTS)
        archive.extractall(suite, members=members, filter="data")
    if (suite / "flask_cors").exists() or not (suite / "tests" / "__init__.py").is_file():
        raise SystemExit(f"unexpected layout in {suite}")


def assert_this_projects_flask_cors(cwd: Path) -> None:
    """`import flask_cors` from the suite's directory finds this project's package."""
    where = subprocess.run(
        [sys.executable, "-c", "import flask_cors; print(flask_cors.__file__)"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(ROOT / "flask_cors"):
        raise SystemExit(f"flask_cors is {where}, not this project's {ROOT / 'flask_cors'}")
    print(f"flask_cors under test: {where}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="flask-cors-6.0.5-") as temp:
        sdist = download(Path(temp) / "download")
        suite = Path(temp) / "suite"
        extract_tests(sdist, suite)
        assert_this_projects_flask_cors(suite)
        shutil.copyfile(Path(__file__).with_name("upstream_conftest.py"), suite / "conftest.py")
        (suite / "pytest.ini").write_text("[pytest]\nxfail_strict = true\n")
        pytest = Path(sys.executable).with_name("pytest")
        command = [str(pytest), "-p", "no:cacheprovider", "-ra", "--rootdir", str(suite)]
        command += ["-c", str(suite / "pytest.ini"), "tests"]
        env = {**os.environ, "COMPAT_PROJECT_ROOT": str(ROOT)}
        return subprocess.run(command, cwd=suite, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
