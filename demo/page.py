"""The demo page's own server: static files and the ports of the APIs, no CORS at all."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask, Response

__all__ = ["create_page_app"]

STATIC = Path(__file__).parent / "static"


def create_page_app(flask_port: int, quart_port: int | None) -> Flask:
    """The page's app; `quart_port` is None when the Quart API is not running."""
    app = Flask("demo.page", static_folder=str(STATIC), static_url_path="/static")
    # The page calls the APIs on its own host name (localhost or 127.0.0.1), so that the
    # credentialed scenario stays same-site and its cookie is not a third-party cookie.
    config = json.dumps({"flask_port": flask_port, "quart_port": quart_port})

    @app.get("/")
    def index() -> Response:
        return app.send_static_file("index.html")

    @app.get("/config.js")
    def config_js() -> Response:
        return Response(f"window.DEMO_CONFIG = {config};\n", mimetype="text/javascript")

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status=204)

    return app
