"""The flask-cors 6 migration traps about origins, on Quart and on Flask async views.

The sync suite (tests/sync/test_origin_patterns.py, tests/sync/test_validation.py) holds
the same rules on Flask sync views; the request-level rules (scheme-less origins, odd
literals, port globs) are in the shared scenario table.
"""

from __future__ import annotations

import logging
import re

import pytest

from tests.helpers import VIA, Via, flask_app, quart_app, quart_send
from tests.scenarios import SCENARIO_PATH

REGEX = r"https://.*\.example\.com"
PREFIXED = "https://a.example.com.evil.net"
WARNING = (
    "{where}: Origin 'https://a.example.com.evil.net' is refused: origins regex "
    "'https://.*\\\\.example\\\\.com' matches only its start. flask-cors 6 allowed such a prefix "
    "match; a regex must now match the whole origin. If that origin is meant to be allowed, "
    "end the regex with '.*' or list the origin; otherwise nothing needs to change."
)
WHERE = {
    "extension": "CORS(app) resource '/*'",
    "decorator": "@cross_origin on _serve.<locals>.{view}",
}


def prefix_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "matches only its start" in r.getMessage()]


@pytest.mark.quart
@pytest.mark.parametrize("async_view", [True, False], ids=["async-view", "sync-view"])
@pytest.mark.parametrize("via", VIA)
async def test_quart_warns_once_about_a_regex_prefix_match(
    via: Via, async_view: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    client = quart_app({"origins": [REGEX]}, via, async_view=async_view).test_client()
    answers = []
    for origin in (PREFIXED, PREFIXED, PREFIXED + "x"):
        response = await quart_send(client, "GET", SCENARIO_PATH, {"Origin": origin})
        answers.append(response.headers.get("Access-Control-Allow-Origin"))
    view = "things_async" if async_view else "things"
    assert (answers, prefix_warnings(caplog)) == (
        [None, None, None],
        [WARNING.format(where=WHERE[via].format(view=view))],
    )


@pytest.mark.parametrize("via", VIA)
def test_flask_async_view_warns_once_about_a_regex_prefix_match(
    via: Via, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flask_cors")
    client = flask_app({"origins": [REGEX]}, via, async_view=True).test_client()
    answers = [
        client.get(SCENARIO_PATH, headers={"Origin": origin}).headers.get(
            "Access-Control-Allow-Origin"
        )
        for origin in (PREFIXED, PREFIXED, PREFIXED + "x")
    ]
    assert (answers, prefix_warnings(caplog)) == (
        [None, None, None],
        [WARNING.format(where=WHERE[via].format(view="things_async"))],
    )


@pytest.mark.quart
@pytest.mark.parametrize("via", VIA)
async def test_quart_misspelt_config_key_is_an_error(
    via: Via, caplog: pytest.LogCaptureFixture
) -> None:
    from quart import Quart

    from flask_cors import CORS, CorsConfigError, cross_origin

    app = Quart(__name__)
    app.config["CORS_ORIGIN"] = "https://a.example"
    message = (
        r"^CORS_ORIGIN='https://a\.example': .* Did you mean CORS_ORIGINS\? "
        r"\(flask_cors\.E002\)$"
    )
    if via == "extension":
        with pytest.raises(CorsConfigError, match=message):
            CORS(app)
        return

    @app.get("/data")
    @cross_origin()
    async def data() -> str:
        return "data"

    # Resolved at the first request (app config is known only then): a 500, never an open app.
    response = await app.test_client().get("/data", headers={"Origin": "https://evil.example"})
    assert (response.status_code, response.headers.get("Access-Control-Allow-Origin")) == (
        500,
        None,
    )
    errors = [r.exc_info[1] for r in caplog.records if r.exc_info and r.exc_info[1]]
    assert {type(e) for e in errors} == {CorsConfigError}
    assert re.match(message, str(errors[0]))


@pytest.mark.quart
@pytest.mark.parametrize(
    "origins", ["https://*.example.com/*", "https://*.example.*", "https://*example.com"]
)
async def test_quart_glob_shaped_origin_that_is_no_glob_is_an_error(origins: str) -> None:
    from quart import Quart

    from flask_cors import CORS, CorsConfigError, cross_origin

    with pytest.raises(CorsConfigError, match=r"not a glob origin"):
        CORS(Quart(__name__), origins=origins)
    with pytest.raises(CorsConfigError, match=r"not a glob origin"):
        cross_origin(origins=origins)


@pytest.mark.quart
def test_quart_cors_check_says_when_flask_cors_6_would_have_allowed_a_regex_prefix() -> None:
    from quart import Quart

    from flask_cors import CORS
    from flask_cors.cli import cors_command
    from tests.helpers import cli_verdict

    app = Quart(__name__)
    CORS(app, origins=[REGEX])

    @app.get("/data")
    async def data() -> str:
        return "data"

    result = app.test_cli_runner().invoke(cors_command, ["check", "/data", "--origin", PREFIXED])
    assert cli_verdict(result) == (
        1,
        (
            f"a browser at {PREFIXED} would be blocked because {PREFIXED!r} is not one of the "
            f"allowed origins ({REGEX}) of CORS(app) resource '/*'. The regex {REGEX!r} matches "
            "only its start: flask-cors 6 allowed such a prefix match, a regex must now match "
            "the whole origin. If that origin is meant to be allowed, end the regex with '.*' "
            "or list the origin; otherwise nothing needs to change."
        ),
    )
