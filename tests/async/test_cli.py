"""`flask cors ...` and `quart cors ...` (docs/troubleshooting.md): each behaviour once, on
Flask and on Quart, through each framework's CLI runner; then what only Quart has
(websocket handshakes, async origins callables). Flask-only cases: tests/sync/test_cli.py.

Plain `def` tests: the CLI runs Quart's async test client in its own event loop. Quart is
imported inside functions, so Flask-only envs run the Flask cases (the Quart ones are
marked `quart`).
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Union, cast

import pytest
from click.testing import CliRunner, Result

from flask_cors import CORS, cors_exempt, cross_origin
from flask_cors.cli import cors_command
from tests.helpers import cli_verdict as verdict
from tests.helpers import propagate_exceptions

if TYPE_CHECKING:
    from flask import Blueprint, Flask
    from quart import Blueprint as QuartBlueprint
    from quart import Quart

App = Union["Flask", "Quart"]

APP = "https://app.example"
API = "CORS(app) resource '/api/.*'"
TENANTS = "CORS(app) resource '/tenants/.*'"
ALL = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
BLOCKED = "would be blocked because"

FRAMEWORKS = [
    pytest.param("flask", id="flask"),
    pytest.param("quart", id="quart", marks=pytest.mark.quart),
]


def web(framework: str) -> ModuleType:
    """The flask or the quart module: the same names (app class, request, Response)."""
    if framework == "quart":
        import quart

        return quart
    import flask

    return flask


def tenant(origin: str) -> bool:
    if origin == "https://broken.example":
        raise RuntimeError("tenant database down")
    return origin.endswith(".tenant.example")


def new_app(framework: str, **kwargs: Any) -> App:
    """A new Flask or Quart app; `kwargs` go to the app class (`static_folder`)."""
    module = web(framework)
    app: App = (module.Quart if framework == "quart" else module.Flask)(__name__, **kwargs)
    return app


def make_app(framework: str) -> App:
    """The same routes and policies on either framework."""
    module = web(framework)
    app = new_app(framework, static_folder=None)
    request = module.request
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

    @app.get("/api/version")
    def version() -> str:
        return "1"

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
    def refuse_unauthenticated() -> Any:
        if request.path.startswith("/guarded/") and "Authorization" not in request.headers:
            return module.Response("login first", status=401)
        return None

    @app.get("/health")
    def health() -> str:
        return "ok"

    @app.route("/widget", methods=["GET", "POST"])
    @cross_origin(origins="https://widget.example", methods=["GET"])
    def widget() -> str:
        return "widget"

    return app


def run(app: Any, *args: str) -> Result:
    result: Result = app.test_cli_runner().invoke(cors_command, list(args))
    return result


# --- routes --------------------------------------------------------------------------------


def row(rule: str, methods: str, endpoint: str, cors: str) -> str:
    """One line of the routes table, as wide as the columns of make_app()'s table."""
    return f"{rule:<24}  {methods:<23}  {endpoint:<8}  {cors}".rstrip()


API_POLICY = f"origins {APP}; methods GET, PATCH, POST, PUT; credentials yes; max-age 600"
DEFAULTS = f"methods {ALL}; credentials no; max-age none"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_routes_lists_every_route_with_its_effective_policy(framework: str) -> None:
    api = f"{API_POLICY}  [{API}]"
    result = run(make_app(framework), "routes")
    assert (result.exit_code, result.output.splitlines()) == (
        0,
        [
            row("Rule", "Methods", "Endpoint", "CORS"),
            row("-" * 24, "-" * 23, "-" * 8, "----"),
            row("/api/admin", "GET", "admin", "exempt (@cors_exempt)"),
            row("/api/items/", "GET, POST", "items", api),
            row("/api/items/<int:item_id>", "DELETE, GET, PATCH, PUT", "item", api),
            row("/api/version", "GET", "version", api),
            row(
                "/guarded/data",
                "GET",
                "guarded",
                f"origins {APP}; {DEFAULTS}  [CORS(app) resource '/guarded/.*']",
            ),
            row("/health", "GET", "health", "no CORS"),
            row(
                "/public/feed",
                "GET",
                "feed",
                f"origins * (answered as *); {DEFAULTS}  [CORS(app) resource '/public/.*']",
            ),
            row(
                "/tenants/<name>",
                "GET",
                "tenants",
                f"origins callable tenant(); {DEFAULTS}  [{TENANTS}]",
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


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_routes_shows_the_blueprint_registration_that_covers_a_route(framework: str) -> None:
    shop = "CORS('shop') resource '/*'"
    module = web(framework)
    app = make_app(framework)
    bp: Blueprint | QuartBlueprint = module.Blueprint("shop", __name__, url_prefix="/shop")
    CORS(bp, origins="https://shop.example")

    @bp.get("/cart")
    def cart() -> str:
        return "cart"

    app.register_blueprint(bp)
    lines = run(app, "routes").output.splitlines()
    assert [" ".join(line.split()) for line in lines if line.startswith("/shop/")] == [
        f"/shop/cart GET shop.cart origins https://shop.example; {DEFAULTS} [{shop}]"
    ]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_routes_names_a_class_based_view_by_its_class(framework: str) -> None:
    views = _views(framework)
    app = make_app(framework)

    class ThingView(views.MethodView):  # type: ignore[name-defined,misc]  # either framework
        decorators: ClassVar = [cross_origin(origins="https://things.example")]

        def get(self) -> str:
            return "thing"

    class ItemView(views.MethodView):  # type: ignore[name-defined,misc]
        @cross_origin(origins="https://items.example")
        def get(self) -> str:
            return "item"

    app.add_url_rule("/things", view_func=ThingView.as_view("things"))
    app.add_url_rule("/item-view", view_func=ItemView.as_view("item_view"))
    lines = run(app, "routes").output.splitlines()
    assert [
        line.split("  [")[-1] for line in lines if "/things" in line or "/item-view" in line
    ] == [
        "@cross_origin on test_routes_names_a_class_based_view_by_its_class.<locals>.ItemView.get]",
        "@cross_origin on test_routes_names_a_class_based_view_by_its_class.<locals>.ThingView]",
    ]


def _views(framework: str) -> ModuleType:
    if framework == "quart":
        import quart.views

        return quart.views
    import flask.views

    return flask.views


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_routes_says_when_there_are_no_routes(framework: str) -> None:
    result = run(new_app(framework, static_folder=None), "routes")
    assert (result.exit_code, result.output) == (0, "No routes were registered.\n")


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_cors_group_is_registered_for_the_framework_command(framework: str) -> None:
    app = make_app(framework)
    if framework == "quart":
        from quart.cli import QuartGroup as Group
        from quart.cli import ScriptInfo
    else:
        from flask.cli import FlaskGroup as Group  # type: ignore[assignment]
        from flask.cli import ScriptInfo  # type: ignore[assignment]
    either: Any = app  # each group takes its own framework's app
    cli = Group(create_app=lambda: either)
    info = ScriptInfo(create_app=lambda: either)
    result = CliRunner().invoke(cli, ["cors", "routes"], obj=info)
    assert (result.exit_code, result.output.splitlines()[4]) == (
        0,
        row(
            "/api/items/<int:item_id>", "DELETE, GET, PATCH, PUT", "item", f"{API_POLICY}  [{API}]"
        ),
    )


# --- check ---------------------------------------------------------------------------------

# (id, check arguments, exit code, the verdict)
VERDICTS: list[tuple[str, list[str], int, str]] = [
    (
        "simple-get-allowed",
        ["/api/items/1", "--origin", APP],
        0,
        f"a browser at {APP} would be allowed to send GET /api/items/1 and read the response.",
    ),
    (
        "simple-get-with-credentials-allowed",
        ["/api/items/1", "--origin", APP, "--credentials"],
        0,
        (
            f"a browser at {APP} would be allowed to send GET /api/items/1 with credentials and "
            "read the response."
        ),
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
        "preflight-headers-refused",
        ["/api/items/1", "--origin", APP, "--method", "PUT", "--header", "X-B", "--header", "X-A"],
        1,
        (
            f"a browser at {APP} {BLOCKED} the preflight asks for header 'x-a', 'x-b', which "
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
        "decorator-origin-refused",
        ["/widget", "--origin", APP],
        1,
        (
            f"a browser at {APP} {BLOCKED} '{APP}' is not one of the allowed origins "
            "(https://widget.example) of @cross_origin on make_app.<locals>.widget."
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
            f"{TENANTS} did not return True for 'https://evil.example'."
        ),
    ),
    (
        "origins-callable-raised",
        ["/tenants/x", "--origin", "https://broken.example"],
        1,
        (
            f"a browser at https://broken.example {BLOCKED} the origins callable of {TENANTS} "
            "raised an exception for 'https://broken.example' (logged on the flask_cors logger), "
            "so the origin is refused."
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
    (
        "method-the-route-does-not-accept",
        ["/api/version", "--origin", APP, "--method", "PATCH"],
        1,
        (
            f"a browser at {APP} would get 405 METHOD NOT ALLOWED: /api/version does not accept "
            "PATCH (it accepts GET, HEAD, OPTIONS); CORS lets the page read that answer."
        ),
    ),
    (
        "method-the-route-does-not-accept-sent",
        ["/api/version", "--origin", APP, "--method", "PATCH", "--send"],
        1,
        (
            f"a browser at {APP} would get 405 METHOD NOT ALLOWED: /api/version does not accept "
            "PATCH (it accepts GET, HEAD, OPTIONS); CORS lets the page read that answer."
        ),
    ),
    (
        "origins-callable-asked-for-a-computed-request",
        ["/tenants/x", "--origin", "https://a.tenant.example", "--method", "DELETE"],
        1,
        (
            "a browser at https://a.tenant.example would get 405 METHOD NOT ALLOWED: /tenants/x "
            "does not accept DELETE (it accepts GET, HEAD, OPTIONS); CORS lets the page read "
            "that answer."
        ),
    ),
    (
        "simple-method-the-route-does-not-accept",
        ["/api/version", "--origin", APP, "--method", "POST"],
        1,
        (
            f"a browser at {APP} would get 405 METHOD NOT ALLOWED: /api/version does not accept "
            "POST (it accepts GET, HEAD, OPTIONS); CORS lets the page read that answer."
        ),
    ),
]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [row[1:] for row in VERDICTS],
    ids=[row[0] for row in VERDICTS],
)
def test_check_gives_a_verdict_naming_the_exact_reason(
    framework: str, args: list[str], code: int, expected: str
) -> None:
    assert verdict(run(make_app(framework), "check", *args)) == (code, expected)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_prints_the_headers_of_a_refused_preflight_and_stops(framework: str) -> None:
    result = run(
        make_app(framework),
        *["check", "/api/items/1", "--origin", APP, "--method", "PUT"],
        *["--header", "Content-Type", "--header", "X-Token"],
    )
    assert (result.exit_code, result.output.splitlines()) == (
        1,
        [
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
            f"Policy: {API}: {API_POLICY}",
            (
                "flask_cors: preflight refused: header(s) 'x-token' not allowed by allow_headers "
                f"(content-type) of {API}"
            ),
            "",
            "Request: PUT /api/items/1 not sent: a browser stops after a failed preflight.",
            "",
            (
                f"Verdict: a browser at {APP} would be blocked because the preflight asks for "
                f"header 'x-token', which allow_headers (content-type) of {API} does not allow."
            ),
        ],
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_prints_the_headers_of_a_simple_request_with_their_usual_names(
    framework: str,
) -> None:
    # Quart's test client gives lower-case header names: printed as Flask's.
    result = run(make_app(framework), "check", "/tenants/x", "--origin", "https://a.tenant.example")
    assert (result.exit_code, result.output.splitlines()) == (
        0,
        [
            "No preflight: a browser sends GET with only safelisted headers directly.",
            "",
            "Request: GET /tenants/x",
            "  Origin: https://a.tenant.example",
            "Response: 200 OK",
            "  Access-Control-Allow-Origin: https://a.tenant.example",
            "  Vary: Origin",
            f"Policy: {TENANTS}: origins callable tenant(); {DEFAULTS}",
            f"flask_cors: CORS headers added: origin allowed by {TENANTS}",
            "",
            (
                "Verdict: a browser at https://a.tenant.example would be allowed to send GET "
                "/tenants/x and read the response."
            ),
        ],
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_prints_the_computed_answer_of_a_method_the_route_does_not_accept(
    framework: str,
) -> None:
    app = make_app(framework)
    result = run(app, "check", "/api/version", "--origin", APP, "--method", "PATCH")
    assert (result.exit_code, result.output.splitlines()[-9:], app.config["calls"]) == (
        1,
        [
            "Request: PATCH /api/version",
            f"  Origin: {APP}",
            (
                "Response (not sent: PATCH may change data; CORS headers computed from the "
                "policy, --send runs the view):"
            ),
            f"  Access-Control-Allow-Origin: {APP}",
            "  Access-Control-Allow-Credentials: true",
            f"Policy: {API}: {API_POLICY}",
            f"flask_cors: CORS headers added: origin allowed by {API}",
            "",
            (
                f"Verdict: a browser at {APP} would get 405 METHOD NOT ALLOWED: /api/version does "
                "not accept PATCH (it accepts GET, HEAD, OPTIONS); CORS lets the page read that "
                "answer."
            ),
        ],
        [],
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_does_not_run_a_view_for_a_method_that_may_change_data(framework: str) -> None:
    app = make_app(framework)
    result = run(app, "check", "/api/items/1", "--origin", APP, "--method", "PUT")
    assert (result.exit_code, app.config["calls"]) == (0, [])


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_with_send_runs_the_view(framework: str) -> None:
    app = make_app(framework)
    result = run(app, "check", "/api/items/1", "--origin", APP, "--method", "PUT", "--send")
    assert (result.exit_code, app.config["calls"]) == (0, ["PUT"])


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_runs_the_view_for_a_get(framework: str) -> None:
    app = make_app(framework)
    result = run(app, "check", "/api/items/1", "--origin", APP)
    assert (result.exit_code, app.config["calls"]) == (0, ["GET"])


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_notes_a_redirect_that_passes_cors(framework: str) -> None:
    result = run(make_app(framework), "check", "/api/items", "--origin", APP)
    assert (result.exit_code, result.output.splitlines()[-2:]) == (
        0,
        [
            (
                f"Verdict: a browser at {APP} would be allowed to send GET /api/items and read "
                "the response."
            ),
            "  Also: the response redirects to 'http://localhost/api/items/'; check that URL too.",
        ],
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_notes_a_redirect_for_a_request_it_does_not_send(framework: str) -> None:
    result = run(make_app(framework), "check", "/api/items", "--origin", APP, "--method", "POST")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        0,
        "  Also: the response redirects to 'http://localhost/api/items/'; check that URL too.",
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_requires_an_origin(framework: str) -> None:
    result = run(make_app(framework), "check", "/api/items/1")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2,
        "Error: Missing option '--origin'.",
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(
    ("path", "error"),
    [
        pytest.param(
            "api/items/1",
            "'api/items/1' does not start with '/'. Did you mean '/api/items/1'?",
            id="no-leading-slash",
        ),
        pytest.param(
            "https://api.example/api/items/1?x=1",
            (
                "'https://api.example/api/items/1?x=1' is a URL; give its path, e.g. "
                "'/api/items/1?x=1'."
            ),
            id="a-whole-url",
        ),
    ],
)
def test_check_refuses_a_path_without_a_leading_slash_naming_the_fix(
    framework: str, path: str, error: str
) -> None:
    app = make_app(framework)
    result = run(app, "check", path, "--origin", APP)
    assert (result.exit_code, result.output.splitlines()[-1], app.config["calls"]) == (
        2,
        f"Error: Invalid value for 'PATH': {error}",
        [],
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
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
    framework: str, origins: list[str], origin: str, expected: str
) -> None:
    app = new_app(framework)
    CORS(app, origins=origins)
    app.add_url_rule("/data", "data", lambda: "data")
    assert verdict(run(app, "check", "/data", "--origin", origin)) == (
        1,
        f"a browser at {origin} {BLOCKED} {expected}.",
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_check_reports_a_view_that_raises_instead_of_crashing(framework: str) -> None:
    app = new_app(framework)
    propagate_exceptions(app)
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


# --- Quart only: websocket handshakes, async origins callables ------------------------------


async def async_tenant(origin: str) -> bool:
    """An async origins callable, as a tenant lookup in a database would be."""
    return tenant(origin)


def make_quart_app() -> Quart:
    """`make_app("quart")` plus websocket routes and an async origins callable."""
    from quart import websocket

    app = cast("Quart", make_app("quart"))
    CORS(app, resources={r"/async-tenants/.*": {"origins": async_tenant}})

    @app.websocket("/api/live")
    async def live() -> None:
        app.config["calls"].append("live")
        await websocket.send("live")

    @app.websocket("/api/chat")
    async def chat() -> None:
        while True:  # accepts by waiting for the first message, as chat servers do
            await websocket.receive()

    @app.websocket("/socket/widget")
    @cross_origin(origins="https://widget.example")
    async def widget_socket() -> None:
        await websocket.send("widget")

    @app.websocket("/socket/open")
    async def open_socket() -> None:
        await websocket.accept()

    @app.route("/async-tenants/<name>", methods=["GET", "PUT"])
    async def async_tenants(name: str) -> str:
        return name

    return app


LIVE_POLICY = f"Policy: {API}: {API_POLICY}"
WIDGET = "@cross_origin on make_quart_app.<locals>.widget_socket"
WIDGET_POLICY = f"{DEFAULTS} [{WIDGET}]"

# (id, check arguments, exit code, the whole output)
HANDSHAKES: list[tuple[str, list[str], int, list[str]]] = [
    (
        "refused-origin-gets-403",
        ["/api/live", "--origin", "https://evil.example"],
        1,
        [
            "Handshake: GET /api/live (websocket)",
            "  Origin: https://evil.example",
            "Response: 403 FORBIDDEN",
            LIVE_POLICY,
            f"flask_cors: websocket handshake refused with 403: origin not allowed by {API}",
            "",
            (
                "Verdict: a browser at https://evil.example would be blocked because the app "
                "answers the websocket handshake with 403 FORBIDDEN: 'https://evil.example' is "
                f"not one of the allowed origins ({APP}) of {API}."
            ),
        ],
    ),
    (
        "allowed-origin-is-let-through",
        ["/api/live", "--origin", APP],
        0,
        [
            "Handshake: GET /api/live (websocket)",
            f"  Origin: {APP}",
            "Response: 101 SWITCHING PROTOCOLS",
            LIVE_POLICY,
            f"flask_cors: websocket handshake let through: origin allowed by {API}",
            "",
            (
                f"Verdict: a browser at {APP} would be allowed to open a websocket to /api/live: "
                "the app accepts the handshake."
            ),
        ],
    ),
    (
        "handler-waiting-for-a-message",
        ["/api/chat", "--origin", APP],
        0,
        [
            "Handshake: GET /api/chat (websocket)",
            f"  Origin: {APP}",
            "Response: 101 SWITCHING PROTOCOLS",
            LIVE_POLICY,
            f"flask_cors: websocket handshake let through: origin allowed by {API}",
            "",
            (
                f"Verdict: a browser at {APP} would be allowed to open a websocket to /api/chat: "
                "the app accepts the handshake."
            ),
        ],
    ),
    (
        "decorated-handler-refuses",
        ["/socket/widget", "--origin", APP],
        1,
        [
            "Handshake: GET /socket/widget (websocket)",
            f"  Origin: {APP}",
            "Response: 403 FORBIDDEN",
            f"Policy: {WIDGET}: origins https://widget.example; {DEFAULTS}",
            f"flask_cors: websocket handshake refused with 403: origin not allowed by {WIDGET}",
            "",
            (
                f"Verdict: a browser at {APP} would be blocked because the app answers the "
                f"websocket handshake with 403 FORBIDDEN: '{APP}' is not one of the allowed "
                f"origins (https://widget.example) of {WIDGET}."
            ),
        ],
    ),
    (
        "no-policy-lets-every-origin-through",
        ["/socket/open", "--origin", "https://evil.example"],
        0,
        [
            "Handshake: GET /socket/open (websocket)",
            "  Origin: https://evil.example",
            "Response: 101 SWITCHING PROTOCOLS",
            (
                "flask_cors: websocket handshake let through: no CORS resource or @cross_origin "
                "covers this path"
            ),
            "",
            (
                "Verdict: a browser at https://evil.example would be allowed to open a websocket "
                "to /socket/open: the app accepts the handshake."
            ),
            (
                "  Also: no CORS policy checks the Origin of this handshake: pages on every "
                "origin may open /socket/open."
            ),
        ],
    ),
]


@pytest.mark.quart
@pytest.mark.parametrize(
    ("args", "code", "output"),
    [row[1:] for row in HANDSHAKES],
    ids=[row[0] for row in HANDSHAKES],
)
def test_check_on_a_websocket_route_sends_the_handshake(
    args: list[str], code: int, output: list[str]
) -> None:
    result = run(make_quart_app(), "check", *args)
    assert (result.exit_code, result.output.splitlines()) == (code, output)


@pytest.mark.quart
def test_check_runs_a_websocket_handler_only_for_an_origin_it_lets_through() -> None:
    app = make_quart_app()
    run(app, "check", "/api/live", "--origin", "https://evil.example")
    run(app, "check", "/api/live", "--origin", APP)
    assert app.config["calls"] == ["live"]


@pytest.mark.quart
def test_check_says_a_handshake_closed_before_it_is_accepted_gets_403() -> None:
    from quart import websocket

    app = make_quart_app()

    @app.websocket("/socket/closed")
    async def closed() -> None:
        await websocket.close(1000)

    assert verdict(run(app, "check", "/socket/closed", "--origin", APP)) == (
        1,
        (
            f"a browser at {APP} would be blocked because the app answers the websocket "
            "handshake with 403 FORBIDDEN."
        ),
    )


@pytest.mark.quart
def test_check_reports_a_websocket_handler_that_raises_instead_of_crashing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_quart_app()
    propagate_exceptions(app)
    # Reported when the handler raises, not when the handshake wait (made long here) ends.
    monkeypatch.setattr("flask_cors.cli._HANDSHAKE_WAIT", 60.0)

    @app.websocket("/socket/broken")
    async def broken() -> None:
        raise KeyError("missing")

    assert verdict(run(app, "check", "/socket/broken", "--origin", APP)) == (
        1,
        (
            f"a browser at {APP} would be blocked because the app raised KeyError: 'missing' "
            "while answering the handshake."
        ),
    )


@pytest.mark.quart
def test_check_gives_up_on_a_handshake_the_app_does_not_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio

    app = make_quart_app()
    monkeypatch.setattr("flask_cors.cli._HANDSHAKE_WAIT", 0.01)

    @app.websocket("/socket/slow")
    async def slow() -> None:
        await asyncio.sleep(0.2)

    assert verdict(run(app, "check", "/socket/slow", "--origin", APP)) == (
        1,
        (
            f"a browser at {APP} would be blocked because the app raised TimeoutError: no "
            "answer to the handshake within 0.01 seconds while answering the handshake."
        ),
    )


@pytest.mark.quart
@pytest.mark.parametrize(
    "args", [["--method", "POST"], ["--header", "X-Token"]], ids=["method", "header"]
)
def test_check_on_a_websocket_route_refuses_what_a_browser_cannot_send(args: list[str]) -> None:
    result = run(make_quart_app(), "check", "/api/live", "--origin", APP, *args)
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2,
        (
            "Error: /api/live is a websocket route: a browser opens it with a GET handshake and "
            "cannot set its headers. Drop --method and --header."
        ),
    )


@pytest.mark.quart
def test_routes_shows_websocket_routes() -> None:
    lines = run(make_quart_app(), "routes").output.splitlines()
    assert [
        " ".join(line.split()) for line in lines if line.startswith(("/api/live", "/socket"))
    ] == [
        f"/api/live WEBSOCKET live {API_POLICY} [{API}]",
        "/socket/open WEBSOCKET open_socket no CORS",
        f"/socket/widget WEBSOCKET widget_socket origins https://widget.example; {WIDGET_POLICY}",
    ]


ASYNC_TENANTS = "CORS(app) resource '/async-tenants/.*'"

# (id, check arguments, exit code, the verdict)
ASYNC_VERDICTS: list[tuple[str, list[str], int, str]] = [
    (
        "async-callable-allows",
        ["/async-tenants/x", "--origin", "https://a.tenant.example"],
        0,
        (
            "a browser at https://a.tenant.example would be allowed to send GET /async-tenants/x "
            "and read the response."
        ),
    ),
    (
        "async-callable-refuses",
        ["/async-tenants/x", "--origin", "https://evil.example"],
        1,
        (
            f"a browser at https://evil.example {BLOCKED} the origins callable async_tenant() of "
            f"{ASYNC_TENANTS} did not return True for 'https://evil.example'."
        ),
    ),
    (
        "async-callable-allows-a-computed-request",
        ["/async-tenants/x", "--origin", "https://a.tenant.example", "--method", "PUT"],
        0,
        (
            "a browser at https://a.tenant.example would be allowed to send PUT /async-tenants/x "
            "and read the response."
        ),
    ),
    (
        "async-callable-credentials-not-supported",
        ["/async-tenants/x", "--origin", "https://a.tenant.example", "--credentials"],
        1,
        (
            f"a browser at https://a.tenant.example {BLOCKED} the page sends credentials but the "
            "response has no Access-Control-Allow-Credentials: true (set supports_credentials=True "
            f"in {ASYNC_TENANTS})."
        ),
    ),
]


@pytest.mark.quart
@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [row[1:] for row in ASYNC_VERDICTS],
    ids=[row[0] for row in ASYNC_VERDICTS],
)
def test_check_awaits_an_async_origins_callable(args: list[str], code: int, expected: str) -> None:
    assert verdict(run(make_quart_app(), "check", *args)) == (code, expected)
