"""View-based CORS: `@cross_origin(...)` gives each view its own policy.

Run: ``python examples/view_app.py`` (``PORT=0`` picks a free port).
"""

from __future__ import annotations

import os

from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

from flask_cors import cross_origin

FRONTEND_ORIGIN = "http://localhost:5173"

app = Flask(__name__)


@app.get("/")
@cross_origin()
def index() -> ResponseReturnValue:
    """Any origin may read this: the default allows every origin and echoes it."""
    return "flask_cors view-based example"


@app.get("/api/public")
@cross_origin(send_wildcard=True)
def public() -> ResponseReturnValue:
    """Public data: `Access-Control-Allow-Origin: *`, the same answer for everyone."""
    return jsonify(status="ok")


@app.route("/api/items", methods=["GET", "POST"])
@cross_origin(origins=[FRONTEND_ORIGIN], allow_headers=["Content-Type"], max_age=600)
def items() -> ResponseReturnValue:
    """Only the front end; its preflights are answered by the decorator, cached 10 minutes."""
    if request.method == "POST":
        return jsonify(created=request.get_json(silent=True)), 201
    return jsonify(items=["a", "b"])


@app.get("/api/internal")
def internal() -> ResponseReturnValue:
    """No decorator: no CORS headers, so no other origin can read it."""
    return jsonify(secret="same-origin only")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
