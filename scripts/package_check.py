"""Build the sdist and the wheel, check them, and install each in a clean virtualenv.

Proves what a user of `pip install flask-cors` gets: `twine check` passes, both artifacts
carry `flask_cors/py.typed`, each installs into a fresh venv without Quart, imports without
importing Quart, and answers a CORS request on a Flask app.

Usage: .venv/bin/python scripts/package_check.py   (needs `build` and `twine`: the dev extra)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".matrix" / "package"
DIST = WORK / "dist"

# Runs inside the clean venv, from a folder outside the project, so only the installed
# package can be imported.
SMOKE = """
import importlib.util
import sys
from pathlib import Path
assert importlib.util.find_spec("quart") is None, "the clean venv should not have Quart"
import flask_cors
assert "quart" not in sys.modules, "importing flask_cors imported quart"
package = Path(flask_cors.__file__).parent
assert "site-packages" in package.parts, package
assert (package / "py.typed").is_file(), "py.typed is not installed"
from flask import Flask
app = Flask("smoke")
flask_cors.CORS(app, origins=["https://app.example.com"])
app.add_url_rule("/", "index", lambda: "ok")
response = app.test_client().get("/", headers={"Origin": "https://app.example.com"})
assert response.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
assert "quart" not in sys.modules
print("installed", flask_cors.__version__, "from", package)
"""


def run(*command: str | Path, cwd: Path = ROOT) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)


def build() -> tuple[Path, Path]:
    shutil.rmtree(WORK, ignore_errors=True)
    DIST.mkdir(parents=True)
    run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", DIST, ROOT)
    (wheel,) = DIST.glob("*.whl")
    (sdist,) = DIST.glob("*.tar.gz")
    return wheel, sdist


def check_contents(wheel: Path, sdist: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "flask_cors/py.typed" in names, f"py.typed missing from {wheel.name}"
    assert not any(name.startswith("tests/") for name in names), "tests leaked into the wheel"
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(name.endswith("/flask_cors/py.typed") for name in members), sdist.name
    print(f"contents ok: {wheel.name} ({len(names)} files), {sdist.name}")


def install_and_smoke(artifact: Path, label: str) -> None:
    venv = WORK / f"venv-{label}"
    run(sys.executable, "-m", "venv", venv)
    pip: list[str | Path] = [venv / "bin/python", "-m", "pip", "-qq", "--disable-pip-version-check"]
    run(*pip, "install", artifact)
    run(venv / "bin/python", "-c", SMOKE, cwd=WORK)


def main() -> int:
    wheel, sdist = build()
    run(sys.executable, "-m", "twine", "--no-color", "check", "--strict", wheel, sdist)
    check_contents(wheel, sdist)
    install_and_smoke(wheel, "wheel")
    install_and_smoke(sdist, "sdist")
    print("package ok: sdist and wheel build, pass twine check, install and import cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
