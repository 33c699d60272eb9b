"""`quart cors routes` and `quart cors check` (DESIGN 7), through Quart's CLI runner.

Plain `def` tests: the CLI runs the app's async test client in its own event loop.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result
from quart import Quart, websocket
from quart.cli import QuartGroup, ScriptInfo

from flask_cors import CORS, cors_exempt, cross_origin
from flask_cors.cli import cors_command
from tests.helpers import cli_verdict as verdict

APP = "https://app.example"
API = "CORS(app) resource '/api/.*'"
TENANTS = "CORS(app) resource '/tenants/.*'"
ALL = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


async def tenant(origin: str) -> bool:
    """An async origins callable, as a tenant lookup in a database would be."""
    if origin == "https://broken.example":
        raise RuntimeError("tenant database down")
    return origin.endswith(".tenant.example")


def make_app() -> Quart:
    app = Quart(__name__, static_folder=None)
    app.config["calls"] = []
    CORS(
        app,
        resources={
            r"/api/.*": {
                "origins": [APP],
                "methods": ["GET", "PUT"],
                "allow_headers": ["Content-Type"],
                "supports_credentials": True,
            },
            r"/tenants/.*": {"origins": tenant},
        },
    )

    @app.route("/api/items", methods=["GET", "PUT"])
    async def items() -> str:
        app.config["calls"].append("items")
        return "items"

    @app.get("/api/admin")
    @cors_exempt
    async def admin() -> str:
        return "admin"

    @app.get("/tenants/<name>")
    async def tenants(name: str) -> str:
        return name

    @app.websocket("/api/live")
    async def live() -> None:
        await websocket.send("live")

    @app.get("/widget")
    @cross_origin(origins="https://widget.example", methods=["GET"])
    def widget() -> str:
        return "widget"

    return app


def run(app: Quart, *args: str) -> Result:
    result: Result = app.test_cli_runner().invoke(cors_command, list(args))
    return result


def row(rule: str, methods: str, endpoint: str, cors: str) -> str:
    """One line of the routes table, as wide as the columns of make_app()'s table."""
    return f"{rule:<15}  {methods:<9}  {endpoint:<8}  {cors}".rstrip()


def test_routes_lists_every_route_with_its_effective_policy() -> None:
    api = f"origins {APP}; methods GET, PUT; credentials yes; max-age none  [{API}]"
    result = run(make_app(), "routes")
    assert (result.exit_code, result.output.splitlines()) == (
        0,
        [
            row("Rule", "Methods", "Endpoint", "CORS"),
            row("-" * 15, "-" * 9, "-" * 8, "----"),
            row("/api/admin", "GET", "admin", "exempt (@cors_exempt)"),
            row("/api/items", "GET, PUT", "items", api),
            row("/api/live", "WEBSOCKET", "live", api),
            row(
                "/tenants/<name>",
                "GET",
                "tenants",
                f"origins callable tenant(); methods {ALL}; credentials no; max-age none  "
                f"[{TENANTS}]",
            ),
            row(
                "/widget",
                "GET",
                "widget",
                "origins https://widget.example; methods GET; credentials no; max-age none  "
                "[@cross_origin on make_app.<locals>.widget]",
            ),
        ],
    )


def test_the_cors_group_is_registered_for_the_quart_command() -> None:
    app = make_app()
    cli = QuartGroup(create_app=lambda: app)
    result = CliRunner().invoke(cli, ["cors", "routes"], obj=ScriptInfo(create_app=lambda: app))
    assert (result.exit_code, result.output.splitlines()[2]) == (
        0,
        row("/api/admin", "GET", "admin", "exempt (@cors_exempt)"),
    )


BLOCKED = "would be blocked because"

# (id, check arguments, exit code, the verdict)
VERDICTS: list[tuple[str, list[str], int, str]] = [
    (
        "simple-get-allowed",
        ["/api/items", "--origin", APP, "--credentials"],
        0,
        (
            f"a browser at {APP} would be allowed to send GET /api/items with credentials and read "
            "the response."
        ),
    ),
    (
        "async-callable-allows",
        ["/tenants/x", "--origin", "https://a.tenant.example"],
        0,
        (
            "a browser at https://a.tenant.example would be allowed to send GET /tenants/x and "
            "read the response."
        ),
    ),
    (
        "async-callable-refuses",
        ["/tenants/x", "--origin", "https://evil.example"],
        1,
        (
            f"a browser at https://evil.example {BLOCKED} the origins callable tenant() of "
            f"{TENANTS} did not return True for 'https://evil.example'."
        ),
    ),
    (
        "preflight-method-refused",
        ["/api/items", "--origin", APP, "--method", "DELETE"],
        1,
        (
            f"a browser at {APP} {BLOCKED} the preflight asks for method 'DELETE', which is not in "
            f"methods (GET, PUT) of {API}."
        ),
    ),
    (
        "preflight-header-refused",
        ["/api/items", "--origin", APP, "--method", "PUT", "--header", "X-Token"],
        1,
        (
            f"a browser at {APP} {BLOCKED} the preflight asks for header 'x-token', which "
            f"allow_headers (content-type) of {API} does not allow."
        ),
    ),
    (
        "credentials-not-supported",
        ["/tenants/x", "--origin", "https://a.tenant.example", "--credentials"],
        1,
        (
            f"a browser at https://a.tenant.example {BLOCKED} the page sends credentials but the "
            "response has no Access-Control-Allow-Credentials: true (set supports_credentials=True "
            f"in {TENANTS})."
        ),
    ),
    (
        "exempt-view",
        ["/api/admin", "--origin", APP],
        1,
        (
            f"a browser at {APP} {BLOCKED} the view for /api/admin is marked @cors_exempt, so it "
            "gets no CORS headers."
        ),
    ),
    (
        "sync-view-decorator-refuses-origin",
        ["/widget", "--origin", APP],
        1,
        (
            f"a browser at {APP} {BLOCKED} '{APP}' is not one of the allowed origins "
            "(https://widget.example) of @cross_origin on make_app.<locals>.widget."
        ),
    ),
]


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [row[1:] for row in VERDICTS],
    ids=[row[0] for row in VERDICTS],
)
def test_check_gives_a_verdict_naming_the_exact_reason(
    args: list[str], code: int, expected: str
) -> None:
    assert verdict(run(make_app(), "check", *args)) == (code, expected)


def test_check_prints_the_headers_with_their_usual_names() -> None:
    result = run(make_app(), "check", "/tenants/x", "--origin", "https://a.tenant.example")
    assert result.output.splitlines()[2:7] == [
        "Request: GET /tenants/x",
        "  Origin: https://a.tenant.example",
        "Response: 200 OK",
        "  Access-Control-Allow-Origin: https://a.tenant.example",
        "  Vary: Origin",
    ]


def test_check_does_not_run_a_view_for_a_method_that_may_change_data() -> None:
    app = make_app()
    result = run(app, "check", "/api/items", "--origin", APP, "--method", "PUT")
    assert (result.exit_code, app.config["calls"]) == (0, [])


def test_check_with_send_runs_the_view() -> None:
    app = make_app()
    result = run(app, "check", "/api/items", "--origin", APP, "--method", "PUT", "--send")
    assert (result.exit_code, app.config["calls"]) == (0, ["items"])
