"""Credentials: a session cookie that a front end on another origin sends with `fetch`.

The front end calls ``fetch(url, {credentials: "include"})``; the API must then name its
origin exactly (never ``*``) and send ``Access-Control-Allow-Credentials: true``, which
``supports_credentials=True`` does. Browsers also require the cookie itself to be allowed
to travel: here the front end (localhost:5173) and the API (localhost:5000) are the same
site, so ``SameSite=Lax`` works; across sites the cookie needs ``SameSite=None; Secure``.

Run: ``python examples/credentials_app.py`` (``PORT=0`` picks a free port).
"""

from __future__ import annotations

import os
import secrets

from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

from flask_cors import CORS

FRONTEND_ORIGIN = "http://localhost:5173"
COOKIE = "session"

app = Flask(__name__)
CORS(app, origins=[FRONTEND_ORIGIN], supports_credentials=True)

SESSIONS: dict[str, str] = {}


@app.post("/login")
def login() -> ResponseReturnValue:
    """Start a session: the browser stores the cookie for the API's host."""
    token = secrets.token_urlsafe(16)
    SESSIONS[token] = "ada"
    response = jsonify(user="ada")
    response.set_cookie(COOKIE, token, httponly=True, samesite="Lax")
    return response


@app.get("/me")
def me() -> ResponseReturnValue:
    """Who the cookie says the caller is; 401 (still readable cross-origin) without one."""
    user = SESSIONS.get(request.cookies.get(COOKIE, ""))
    if user is None:
        return jsonify(error="not logged in"), 401
    return jsonify(user=user)


@app.post("/logout")
def logout() -> ResponseReturnValue:
    """End the session and delete the cookie."""
    SESSIONS.pop(request.cookies.get(COOKIE, ""), None)
    response = jsonify(user=None)
    response.delete_cookie(COOKIE)
    return response


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
