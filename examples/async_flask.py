"""An async Flask API with CORS: `async def` views under CORS(app) and @cross_origin.

Run it with ``python examples/async_flask.py`` (needs ``flask[async]``); it serves on
http://127.0.0.1:5000 (``PORT`` overrides). Try::

    curl -i -H 'Origin: https://app.example' http://127.0.0.1:5000/api/users/1
    curl -i -X OPTIONS -H 'Origin: https://app.example' \\
         -H 'Access-Control-Request-Method: PUT' http://127.0.0.1:5000/api/users/1
"""

from __future__ import annotations

import asyncio
import os

from flask import Flask, abort

from flask_cors import CORS, cross_origin

app = Flask(__name__)

# The whole API for the front-end's origin, preflights cached for ten minutes.
CORS(app, resources=r"/api/.*", origins="https://app.example", max_age=600)

USERS = {1: "Ada", 2: "Grace"}


@app.get("/api/users/<int:user_id>")
async def get_user(user_id: int) -> dict[str, object]:
    """An async view: CORS(app) covers it like any other."""
    await asyncio.sleep(0)  # stands for a database query
    if user_id not in USERS:
        abort(404)  # the 404 is readable cross-origin too
    return {"id": user_id, "name": USERS[user_id]}


@app.put("/api/users/<int:user_id>")
async def rename_user(user_id: int) -> dict[str, object]:
    """Reached by a browser only after a preflight (PUT is not a simple method)."""
    return {"id": user_id, "renamed": True}


@app.get("/status")
@cross_origin(send_wildcard=True)
async def status() -> dict[str, str]:
    """Outside /api: its own policy, readable by every site."""
    return {"status": "ok"}


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
