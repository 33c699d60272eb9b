"""The flask_cors demo: a page on one origin calling CORS APIs (Flask and Quart) on others.

Run it with ``make demo`` (or ``python -m demo``); ``tests/e2e`` drives the same page and
servers in headless Chromium.
"""

from __future__ import annotations
