"""A small JSON API with CORS for one front-end origin: `python examples/app.py`."""

from __future__ import annotations

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue

from flask_cors import CORS

app = Flask(__name__)
CORS(app, resources={r"/api/.*": {"origins": ["http://localhost:5173", "http://127.0.0.1:5173"]}})


@app.route("/api/hello")
def hello() -> ResponseReturnValue:
    """A cross-origin readable greeting."""
    return jsonify(message="Hello from a CORS-enabled API")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
