"""Quart is optional: the Flask side works where Quart cannot be imported.

(That importing flask_cors leaves Quart out is tests/test_package.py's.)
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_python(code: str) -> str:
    """Run `code` in a fresh interpreter (this one has Quart loaded) and return its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_flask_side_works_when_quart_cannot_be_imported() -> None:
    code = """
        import sys
        sys.modules["quart"] = None  # makes `import quart` raise ImportError

        from flask import Flask
        from flask_cors import CORS, cross_origin

        app = Flask(__name__)
        CORS(app, origins="https://a.example")

        @app.route("/sync")
        def sync_view():
            return "sync"

        @app.route("/async")
        @cross_origin(origins="https://b.example")
        async def async_view():
            return "async"

        client = app.test_client()
        for path, origin in [("/sync", "https://a.example"), ("/async", "https://b.example")]:
            response = client.get(path, headers={"Origin": origin})
            print(response.headers.get("Access-Control-Allow-Origin"))
    """
    assert run_python(code).splitlines() == ["https://a.example", "https://b.example"]
