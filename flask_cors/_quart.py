"""The Quart layer (async): the async twin of `_flask` (to be completed)."""

from __future__ import annotations

from typing import Any


def state_of(app: Any) -> Any:
    """The app's flask_cors state, installing the hooks the first time."""
    raise NotImplementedError("Quart support is not built yet")
