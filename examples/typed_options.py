"""Typed configuration: `CorsOptions` objects that mypy checks and that fail at start-up.

A `CorsOptions` is a complete, validated policy: ``max_age="600"`` is a type error (it takes
an int or a timedelta), and a bad value raises `CorsConfigError` when the module is
imported, not at the first request. One policy can serve several apps or resources.

Run: ``python examples/typed_options.py`` (``PORT=0`` picks a free port).
"""

from __future__ import annotations

import os
from datetime import timedelta

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue

from flask_cors import CORS, CorsOptions, cross_origin

API_POLICY = CorsOptions(
    # A glob origin: any subdomain of example.com (never example.com.evil.net).
    origins=["https://app.example.com", "https://*.preview.example.com"],
    methods=["GET", "POST"],
    allow_headers=["Content-Type", "Authorization"],
    expose_headers=["X-Total-Count"],
    max_age=timedelta(minutes=10),
)
PUBLIC_POLICY = CorsOptions(send_wildcard=True)

app = Flask(__name__)
# A resource's options may be a CorsOptions, taken whole.
CORS(app, resources={r"/api/.*": API_POLICY})


@app.get("/api/items")
def items() -> ResponseReturnValue:
    """Readable from the listed origins, with the item count exposed."""
    response = jsonify(items=["a", "b", "c"])
    response.headers["X-Total-Count"] = "3"
    return response


@app.get("/status")
@cross_origin(PUBLIC_POLICY)
def status() -> ResponseReturnValue:
    """Readable by anyone: `Access-Control-Allow-Origin: *`."""
    return jsonify(status="ok")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
