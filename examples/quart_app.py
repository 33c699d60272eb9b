"""A Quart API with CORS: an async origins check, a blueprint and a guarded websocket.

Run it with ``python examples/quart_app.py`` (needs ``flask-cors[quart]``); it serves on
http://127.0.0.1:5000 (``PORT`` overrides). Try::

    curl -i -H 'Origin: https://acme.tenants.example' http://127.0.0.1:5000/api/items
    curl -i -H 'Origin: https://evil.example' http://127.0.0.1:5000/api/items

A websocket handshake to /ws/feed from an origin the check refuses gets 403.
"""

from __future__ import annotations

import asyncio
import os

from quart import Blueprint, Quart, websocket

from flask_cors import CORS, cross_origin

TENANTS = frozenset({"acme", "globex"})


async def tenant_origin(origin: str) -> bool:
    """Allow https://<tenant>.tenants.example for known tenants (awaited on Quart)."""
    await asyncio.sleep(0)  # stands for a database query
    prefix, _, rest = origin.partition(".")
    return rest == "tenants.example" and prefix.removeprefix("https://") in TENANTS


api = Blueprint("api", __name__, url_prefix="/api")


@api.get("/items")
async def list_items() -> list[str]:
    """Every tenant's front-end may read this."""
    return ["apple", "pear"]


@api.get("/admin")
@cross_origin(origins="https://admin.example", supports_credentials=True)
async def admin() -> dict[str, bool]:
    """Its own, stricter policy: the decorator's answer is final."""
    return {"admin": True}


app = Quart(__name__)
CORS(api, origins=tenant_origin)  # the blueprint's routes, under the async check
app.register_blueprint(api)


@app.websocket("/ws/feed")
@cross_origin(origins=tenant_origin)
async def feed() -> None:
    """Browsers do not apply CORS to websockets: the handshake is checked here."""
    await websocket.accept()
    await websocket.send("welcome")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
