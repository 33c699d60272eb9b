"""`flask cors routes` and `flask cors check` (DESIGN 7), through Flask's CLI runner."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner, Result
from flask import Blueprint, Flask, Response, request
from flask.cli import FlaskGroup, ScriptInfo

from flask_cors import CORS, cors_exempt, cross_origin
from flask_cors.cli import cors_command
from tests.helpers import cli_verdict as verdict

APP = "https://app.example"
API = "CORS(app) resource '/api/.*'"
ALL = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


def tenant(origin: str) -> bool:
    if origin == "https://broken.example":
        raise RuntimeError("tenant database down")
    return origin.endswith(".tenant.example")


def make_app() -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config["calls"] = []
    CORS(
        app,
        resources={
            r"/api/.*": {
                "origins": [APP],
                "methods": ["GET", "POST", "PUT", "PATCH"],
                "allow_headers": ["Content-Type"],
                "supports_credentials": True,
                "max_age": 600,
            },
            r"/public/.*": {"send_wildcard": True},
            r"/tenants/.*": {"origins": tenant},
            r"/guarded/.*": {"origins": [APP]},
        },
    )

    @app.route("/api/items/<int:item_id>", methods=["GET", "PUT", "PATCH", "DELETE"])
    def item(item_id: int) -> str:
        app.config["calls"].append(request.method)
        return "item"

    @app.route("/api/items/", methods=["GET", "POST"])
    def items() -> str:
        return "items"

    @app.get("/api/admin")
    @cors_exempt
    def admin() -> str:
        return "admin"

    @app.get("/public/feed")
    def feed() -> str:
        return "feed"

    @app.get("/tenants/<name>")
    def tenants(name: str) -> str:
        return name

    @app.get("/guarded/data")
    def guarded() -> str:
        return "data"

    @app.before_request
    def refuse_unauthenticated() -> Response | None:
        if request.path.startswith("/guarded/") and "Authorization" not in request.headers:
            return Response("login first", status=401)
        return None

    @app.get("/health")
    def health() -> str:
        return "ok"

    @app.route("/widget", methods=["GET", "POST"])
    @cross_origin(origins="https://widget.example", methods=["GET"])
    def widget() -> str:
        return "widget"

    return app


def run(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(cors_command, list(args))


# --- routes --------------------------------------------------------------------------------


def row(rule: str, methods: str, endpoint: str, cors: str) -> str:
    """One line of the routes table, as wide as the columns of make_app()'s table."""
    return f"{rule:<24}  {methods:<23}  {endpoint:<8}  {cors}".rstrip()


def test_routes_lists_every_route_with_its_effective_policy() -> None:
    api = f"origins {APP}; methods GET, PATCH, POST, PUT; credentials yes; max-age 600  [{API}]"
    defaults = f"methods {ALL}; credentials no; max-age none"
    result = run(make_app(), "routes")
    assert (result.exit_code, result.output.splitlines()) == (
        0,
        [
            row("Rule", "Methods", "Endpoint", "CORS"),
            row("-" * 24, "-" * 23, "-" * 8, "----"),
            row("/api/admin", "GET", "admin", "exempt (@cors_exempt)"),
            row("/api/items/", "GET, POST", "items", api),
            row("/api/items/<int:item_id>", "DELETE, GET, PATCH, PUT", "item", api),
            row(
                "/guarded/data",
                "GET",
                "guarded",
                f"origins {APP}; {defaults}  [CORS(app) resource '/guarded/.*']",
            ),
            row("/health", "GET", "health", "no CORS"),
            row(
                "/public/feed",
                "GET",
                "feed",
                f"origins * (answered as *); {defaults}  [CORS(app) resource '/public/.*']",
            ),
            row(
                "/tenants/<name>",
                "GET",
                "tenants",
                f"origins callable tenant(); {defaults}  [CORS(app) resource '/tenants/.*']",
            ),
            row(
                "/widget",
                "GET, POST",
                "widget",
                "origins https://widget.example; methods GET; credentials no; max-age none  "
                "[@cross_origin on make_app.<locals>.widget]",
            ),
        ],
    )


def test_routes_shows_the_blueprint_registration_that_covers_a_route() -> None:
    app = Flask(__name__, static_folder=None)
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    CORS(bp, origins="https://shop.example")

    @bp.get("/cart")
    def cart() -> str:
        return "cart"

    app.register_blueprint(bp)
    assert run(app, "routes").output.splitlines()[2] == (
        "/shop/cart  GET      shop.cart  origins https://shop.example; "
        f"methods {ALL}; credentials no; max-age none  [CORS('shop') resource '/*']"
    )


def test_routes_says_when_there_are_no_routes() -> None:
    result = run(Flask(__name__, static_folder=None), "routes")
    assert (result.exit_code, result.output) == (0, "No routes were registered.\n")


def test_the_cors_group_is_registered_for_the_flask_command() -> None:
    app = make_app()
    cli = FlaskGroup(create_app=lambda: app)
    result = CliRunner().invoke(cli, ["cors", "routes"], obj=ScriptInfo(create_app=lambda: app))
    assert (result.exit_code, result.output.splitlines()[4]) == (
        0,
        row(
            "/api/items/<int:item_id>",
            "DELETE, GET, PATCH, PUT",
            "item",
            f"origins {APP}; methods GET, PATCH, POST, PUT; credentials yes; max-age 600  [{API}]",
        ),
    )


# --- check ---------------------------------------------------------------------------------
BLOCKED = "would be blocked because"

# (id, check arguments, exit code, the verdict)
VERDICTS: list[tuple[str, list[str], int, str]] = [
    (
        "simple-get-allowed",
        ["/api/items/1", "--origin", APP],
        0,
        f"a browser at {APP} would be allowed to send GET /api/items/1 and read the response.",
    ),
    (
        "preflighted-put-with-credentials-allowed",
        ["/api/items/1", "--origin", APP, "--method", "PUT", "--credentials"],
        0,
        (
            f"a browser at {APP} would be allowed to send PUT /api/items/1 with credentials and "
            "read the response."
        ),
    ),
    (
        "lower-case-patch-allowed",
        ["/api/items/1", "--origin", APP, "--method", "patch"],
        0,
        f"a browser at {APP} would be allowed to send patch /api/items/1 and read the response.",
    ),
    (
        "origin-refused",
        ["/api/items/1", "--origin", "https://evil.example"],
        1,
        (
            f"a browser at https://evil.example {BLOCKED} 'https://evil.example' is not one of the "
            f"allowed origins ({APP}) of {API}."
        ),
    ),
    (
        "preflight-method-refused",
        ["/api/items/1", "--origin", APP, "--method", "DELETE"],
        1,
        (
            f"a browser at {APP} {BLOCKED} the preflight asks for method 'DELETE', which is not in "
            f"methods (GET, PATCH, POST, PUT) of {API}."
        ),
    ),
    (
        "preflight-header-refused",
        [
            "/api/items/1",
            "--origin",
            APP,
            "--method",
            "PUT",
            "--header",
            "Content-Type",
            "--header",
            "X-Token",
        ],
        1,
        (
            f"a browser at {APP} {BLOCKED} the preflight asks for header 'x-token', which "
            f"allow_headers (content-type) of {API} does not allow."
        ),
    ),
    (
        "decorator-method-refused",
        [
            "/widget",
            "--origin",
            "https://widget.example",
            "--method",
            "POST",
            "--header",
            "Content-Type",
        ],
        1,
        (
            f"a browser at https://widget.example {BLOCKED} the preflight asks for method 'POST', "
            "which is not in methods (GET) of @cross_origin on make_app.<locals>.widget."
        ),
    ),
    (
        "credentials-not-supported",
        ["/tenants/x", "--origin", "https://a.tenant.example", "--credentials"],
        1,
        (
            f"a browser at https://a.tenant.example {BLOCKED} the page sends credentials but the "
            "response has no Access-Control-Allow-Credentials: true (set supports_credentials=True "
            "in CORS(app) resource '/tenants/.*')."
        ),
    ),
    (
        "wildcard-with-credentials",
        ["/public/feed", "--origin", "https://a.example", "--credentials"],
        1,
        (
            f"a browser at https://a.example {BLOCKED} Access-Control-Allow-Origin is '*', which "
            "browsers refuse for a request with credentials (drop send_wildcard=True and list the "
            "origins)."
        ),
    ),
    (
        "origins-callable-refused",
        ["/tenants/x", "--origin", "https://evil.example"],
        1,
        (
            f"a browser at https://evil.example {BLOCKED} the origins callable tenant() of "
            "CORS(app) resource '/tenants/.*' did not return True for 'https://evil.example'."
        ),
    ),
    (
        "origins-callable-raised",
        ["/tenants/x", "--origin", "https://broken.example"],
        1,
        (
            f"a browser at https://broken.example {BLOCKED} the origins callable of CORS(app) "
            "resource '/tenants/.*' raised an exception for 'https://broken.example' (logged on "
            "the flask_cors logger), so the origin is refused."
        ),
    ),
    (
        "origin-with-a-comma",
        ["/tenants/x", "--origin", "https://a.tenant.example,https://b.tenant.example"],
        1,
        (
            "a browser at https://a.tenant.example,https://b.tenant.example "
            f"{BLOCKED} 'https://a.tenant.example,https://b.tenant.example' is not an origin any "
            "policy may allow: it has whitespace, a comma, a control or non-ASCII character, or "
            "over 2,048 characters."
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
        "no-cors",
        ["/health", "--origin", APP],
        1,
        (
            f"a browser at {APP} {BLOCKED} no CORS resource or @cross_origin covers /health, so it "
            "gets no CORS headers."
        ),
    ),
    (
        "preflight-redirected",
        ["/api/items", "--origin", APP, "--method", "PUT"],
        1,
        (
            f"a browser at {APP} {BLOCKED} the preflight got status 308 PERMANENT REDIRECT, and "
            "browsers need 200-299: it is a redirect to 'http://localhost/api/items/', which a "
            "preflight never follows (call the final URL; mind the trailing slash)."
        ),
    ),
    (
        "preflight-not-found",
        ["/nowhere", "--origin", APP, "--method", "PUT"],
        1,
        (
            f"a browser at {APP} {BLOCKED} the preflight got status 404 NOT FOUND, and browsers "
            "need 200-299: no route matches this path."
        ),
    ),
    (
        "preflight-refused-by-an-auth-check",
        ["/guarded/data", "--origin", APP, "--header", "Authorization"],
        1,
        (
            f"a browser at {APP} {BLOCKED} the preflight got status 401 UNAUTHORIZED, and browsers "
            "need 200-299: something (an authentication check?) refuses OPTIONS; let preflights "
            "through."
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


def test_check_prints_the_headers_of_a_refused_preflight_and_stops() -> None:
    result = run(
        make_app(),
        *["check", "/api/items/1", "--origin", APP, "--method", "PUT"],
        *["--header", "Content-Type", "--header", "X-Token"],
    )
    policy = f"origins {APP}; methods GET, PATCH, POST, PUT; credentials yes; max-age 600"
    assert result.output.splitlines() == [
        "Preflight: OPTIONS /api/items/1",
        f"  Origin: {APP}",
        "  Access-Control-Request-Method: PUT",
        "  Access-Control-Request-Headers: content-type,x-token",
        "Response: 200 OK",
        f"  Access-Control-Allow-Origin: {APP}",
        "  Access-Control-Allow-Credentials: true",
        "  Access-Control-Allow-Methods: GET, PATCH, POST, PUT",
        "  Access-Control-Allow-Headers: content-type",
        "  Access-Control-Max-Age: 600",
        f"Policy: {API}: {policy}",
        (
            "flask_cors: preflight refused: header(s) 'x-token' not allowed by allow_headers "
            f"(content-type) of {API}"
        ),
        "",
        "Request: PUT /api/items/1 not sent: a browser stops after a failed preflight.",
        "",
        (
            f"Verdict: a browser at {APP} would be blocked because the preflight asks for header "
            f"'x-token', which allow_headers (content-type) of {API} does not allow."
        ),
    ]


def test_check_prints_the_headers_of_a_simple_request() -> None:
    result = run(make_app(), "check", "/tenants/x", "--origin", "https://a.tenant.example")
    assert result.output.splitlines() == [
        "No preflight: a browser sends GET with only safelisted headers directly.",
        "",
        "Request: GET /tenants/x",
        "  Origin: https://a.tenant.example",
        "Response: 200 OK",
        "  Access-Control-Allow-Origin: https://a.tenant.example",
        "  Vary: Origin",
        (
            "Policy: CORS(app) resource '/tenants/.*': origins callable tenant(); "
            f"methods {ALL}; credentials no; max-age none"
        ),
        "flask_cors: CORS headers added: origin allowed by CORS(app) resource '/tenants/.*'",
        "",
        (
            "Verdict: a browser at https://a.tenant.example would be allowed to send GET "
            "/tenants/x and read the response."
        ),
    ]


def test_check_does_not_run_a_view_for_a_method_that_may_change_data() -> None:
    app = make_app()
    result = run(app, "check", "/api/items/1", "--origin", APP, "--method", "PUT")
    assert (result.exit_code, app.config["calls"]) == (0, [])


def test_check_with_send_runs_the_view() -> None:
    app = make_app()
    result = run(app, "check", "/api/items/1", "--origin", APP, "--method", "PUT", "--send")
    assert (result.exit_code, app.config["calls"]) == (0, ["PUT"])


def test_check_runs_the_view_for_a_get() -> None:
    app = make_app()
    run(app, "check", "/api/items/1", "--origin", APP)
    assert app.config["calls"] == ["GET"]


def test_check_notes_a_redirect_that_passes_cors() -> None:
    result = run(make_app(), "check", "/api/items", "--origin", APP)
    assert result.output.splitlines()[-2:] == [
        (
            f"Verdict: a browser at {APP} would be allowed to send GET /api/items and read the "
            "response."
        ),
        "  Also: the response redirects to 'http://localhost/api/items/'; check that URL too.",
    ]


def test_check_reports_a_view_that_raises_instead_of_crashing() -> None:
    app = Flask(__name__)
    app.config["PROPAGATE_EXCEPTIONS"] = True
    CORS(app)

    @app.get("/boom")
    def boom() -> Any:
        raise KeyError("missing")

    assert verdict(run(app, "check", "/boom", "--origin", APP)) == (
        1,
        (
            f"a browser at {APP} would be blocked because the app raised KeyError: 'missing' while "
            "answering the request."
        ),
    )


def test_check_requires_an_origin() -> None:
    result = run(make_app(), "check", "/api/items/1")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2,
        "Error: Missing option '--origin'.",
    )


def test_check_notes_a_redirect_for_a_request_it_does_not_send() -> None:
    result = run(make_app(), "check", "/api/items", "--origin", APP, "--method", "POST")
    assert result.output.splitlines()[-1] == (
        "  Also: the response redirects to 'http://localhost/api/items/'; check that URL too."
    )


@pytest.mark.parametrize(
    ("origins", "origin", "expected"),
    [
        pytest.param(
            [r"https://.*\.example\.com"],
            "https://a.example.com.evil.net",
            (
                "'https://a.example.com.evil.net' is not one of the allowed origins "
                r"(https://.*\.example\.com) of CORS(app) resource '/*'. The regex "
                r"'https://.*\\.example\\.com' matches only its start: flask-cors 6 allowed such a "
                "prefix match, a regex must now match the whole origin. If that origin is meant "
                "to be allowed, end the regex with '.*' or list the origin; otherwise nothing "
                "needs to change"
            ),
            id="regex-prefix",
        ),
        pytest.param(
            [r"https?://localhost:*"],
            "http://localhost:3000",
            (
                "'http://localhost:3000' is not one of the allowed origins "
                "(https?://localhost:*) of CORS(app) resource '/*'. The regex "
                "'https?://localhost:*' matches only its start: flask-cors 6 allowed such a "
                "prefix match, a regex must now match the whole origin. If that origin is meant "
                "to be allowed, end the regex with '.*' or list the origin; otherwise nothing "
                "needs to change. For any port of one host, write a port glob like "
                "'http://localhost:*'"
            ),
            id="regex-meant-as-a-port-glob",
        ),
        pytest.param(
            [r"https://.*\.example\.com"],
            "https://evil.net",
            (
                "'https://evil.net' is not one of the allowed origins "
                r"(https://.*\.example\.com) of CORS(app) resource '/*'"
            ),
            id="no-prefix-no-hint",
        ),
    ],
)
def test_check_says_when_flask_cors_6_would_have_allowed_a_regex_prefix(
    origins: list[str], origin: str, expected: str
) -> None:
    app = Flask(__name__)
    CORS(app, origins=origins)
    app.add_url_rule("/data", "data", lambda: "data")
    assert verdict(run(app, "check", "/data", "--origin", origin)) == (
        1,
        f"a browser at {origin} {BLOCKED} {expected}.",
    )
