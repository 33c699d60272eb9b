"""Blueprint-based CORS: `CORS(blueprint)` covers that blueprint's routes only.

Run: ``python examples/blueprint_app.py`` (``PORT=0`` picks a free port).
"""

from __future__ import annotations

import os

from flask import Blueprint, Flask, jsonify
from flask.typing import ResponseReturnValue

from flask_cors import CORS

FRONTEND_ORIGIN = "http://localhost:5173"

api_v1 = Blueprint("api_v1", __name__, url_prefix="/api/v1")
CORS(api_v1, origins=[FRONTEND_ORIGIN], expose_headers=["X-Total-Count"])

public = Blueprint("public", __name__)


@api_v1.get("/users")
def list_users() -> ResponseReturnValue:
    """Readable from the front end, with its X-Total-Count header exposed."""
    response = jsonify(users=["ada", "grace"])
    response.headers["X-Total-Count"] = "2"
    return response


@public.get("/")
def index() -> ResponseReturnValue:
    """The `public` blueprint has no CORS: other origins cannot read this."""
    return "flask_cors blueprint example: the API is under /api/v1/"


app = Flask(__name__)
app.register_blueprint(api_v1)
app.register_blueprint(public)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
