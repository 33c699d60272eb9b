"""On Quart too, every problem of a configuration comes in one `CorsConfigError`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from flask_cors import CORS, CorsConfigError

if TYPE_CHECKING:
    from quart import Quart


@pytest.mark.quart
def test_quart_keyword_and_config_problems_are_reported_together(app: Quart) -> None:
    app.config.update(CORS_MAX_AGE="ten", CORS_SEND_WILDCARD="on")
    with pytest.raises(CorsConfigError) as caught:
        CORS(app, origin="https://a.example", supports_credentials=True)  # type: ignore[call-arg]
    assert str(caught.value).split("\n") == [
        "origin='https://a.example': not a CORS option. Did you mean 'origins'? (flask_cors.E001)",
        (
            "CORS_MAX_AGE='ten': must be a whole number of seconds, 0 or more. "
            "Use CORS_MAX_AGE=600 (seconds) (flask_cors.E010)"
        ),
        (
            "CORS_SEND_WILDCARD='on': browsers refuse '*' with credentials. "
            "Drop send_wildcard or list origins (flask_cors.E013)"
        ),
    ]
