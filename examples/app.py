"""App-based CORS: one `CORS(app, resources=...)` call covers the API paths.

Run: ``python examples/app.py`` (``PORT=0`` picks a free port), then from a page on
http://localhost:5173 call ``fetch("http://127.0.0.1:5000/api/v1/users/")``.
"""

from __future__ import annotations

import os

from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

from flask_cors import CORS

FRONTEND_ORIGINS = ["http://localhost:5173", "http://127.0.0.1:5173"]

app = Flask(__name__)
# Only paths under /api/ get CORS headers; `r"/api/.*"` rather than `r"/api/*"`, which as a
# regex would also match /apix.
CORS(app, resources={r"/api/.*": {"origins": FRONTEND_ORIGINS}})

USERS = [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Grace"}]


@app.get("/")
def index() -> ResponseReturnValue:
    """Not under /api/: no CORS headers, so other origins cannot read it."""
    return "<h1>flask_cors app-based example</h1><p>The API lives under /api/.</p>"


@app.get("/api/hello")
def hello() -> ResponseReturnValue:
    """A cross-origin readable greeting."""
    return jsonify(message="Hello from a CORS-enabled API")


@app.get("/api/v1/users/")
def list_users() -> ResponseReturnValue:
    """The users, readable from the front-end origins."""
    return jsonify(users=USERS)


@app.post("/api/v1/users/create")
def create_user() -> ResponseReturnValue:
    """A JSON POST: browsers preflight it, and CORS(app) answers the preflight."""
    data = request.get_json(silent=True) or {}
    return jsonify(created={"id": len(USERS) + 1, "name": data.get("name", "")}), 201


@app.get("/api/exception")
def fail() -> ResponseReturnValue:
    """An unhandled error: the 500 still carries CORS headers, so the page can read it."""
    raise RuntimeError("something went wrong")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
