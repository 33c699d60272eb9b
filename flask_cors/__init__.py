"""Cross-Origin Resource Sharing for Flask and Quart: typed, async-capable, drop-in for
flask-cors 6.

``CORS(app, **options)`` for a whole app or blueprint, ``@cross_origin(**options)`` for
one view, ``@cors_exempt`` to leave a view out; options are described on `CorsOptions`.
"""

from __future__ import annotations

# flask-cors 6 imported logging here, and real apps import it from here (`from flask_cors
# import CORS, logging`); the alias marks it as re-exported for type checkers.
import logging as logging

from .decorator import cors_exempt, cross_origin
from .extension import CORS
from .options import CorsConfigError, CorsOptions

__version__ = "7.0.0.dev0"

__all__ = [
    "CORS",
    "CorsConfigError",
    "CorsOptions",
    "__version__",
    "cors_exempt",
    "cross_origin",
]
