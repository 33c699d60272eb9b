"""`@cross_origin` wherever the decorated function runs (docs/design.md 4), on Flask sync
views: `MethodView` methods and `View.decorators`, Flask-RESTful `Resource` methods,
`decorators` and `method_decorators` (list and dict), and under a hand-written decorator
that copies `__name__` without `functools.wraps`.

Each app has `CORS(app, origins=[A, B])` too: the decorator's answer has no `Vary` (one
origin), the app's has `Vary: Origin`, so the exact headers say who answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from flask import Flask, abort, request
from flask.views import MethodView, View
from flask_restful import Api, Resource  # type: ignore[import-untyped]

from flask_cors import CORS, cors_exempt, cross_origin
from flask_cors.cli import cors_command
from flask_cors.decorator import ViewDecorator
from tests.helpers import cors_headers
from tests.scenarios import (
    CLASS_VIEW_APP_ORIGINS,
    CLASS_VIEW_OPTIONS,
    CLASS_VIEW_REQUESTS,
    VARY,
    A,
    B,
    ClassViewRequest,
    acao,
    preflight,
)

PREFLIGHT_GET = preflight(A, "GET")
BY_DECORATOR = [acao(A)]
BY_APP_FOR_B = [acao(B), VARY]


def decorator() -> ViewDecorator:
    """The view's own policy: only A, and what the exact headers can tell apart."""
    return cross_origin(**CLASS_VIEW_OPTIONS)


def no_wraps(view: Callable[..., Any]) -> Callable[..., Any]:
    """A hand-written decorator that copies the name only (no functools.wraps)."""

    def inner(*args: Any, **kwargs: Any) -> Any:
        return view(*args, **kwargs)

    inner.__name__ = view.__name__
    return inner


# --- the patterns: each serves GET (returns "thing") and PUT (aborts 403) at /thing ---------


def method_view(app: Flask) -> None:
    class Thing(MethodView):
        @decorator()
        def get(self) -> str:
            return "thing"

        @decorator()
        def put(self) -> str:
            abort(403)

    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))


def method_view_no_wraps(app: Flask) -> None:
    class Thing(MethodView):
        @no_wraps
        @decorator()
        def get(self) -> str:
            return "thing"

        @no_wraps
        @decorator()
        def put(self) -> str:
            abort(403)

    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))


def view_decorators(app: Flask) -> None:
    class Thing(View):
        methods: ClassVar[list[str]] = ["GET", "PUT"]
        decorators: ClassVar[list[Callable[..., Any]]] = [decorator()]

        def dispatch_request(self) -> str:
            from flask import request

            if request.method == "PUT":
                abort(403)
            return "thing"

    app.add_url_rule("/thing", view_func=Thing.as_view("thing"))


def plain_view_no_wraps(app: Flask) -> None:
    @app.route("/thing", methods=["GET", "PUT"])
    @no_wraps
    @decorator()
    def thing() -> str:
        from flask import request

        if request.method == "PUT":
            abort(403)
        return "thing"


def restful_methods(app: Flask) -> None:
    class Thing(Resource):  # type: ignore[misc]  # Flask-RESTful is untyped
        @decorator()
        def get(self) -> str:
            return "thing"

        @decorator()
        def put(self) -> str:
            abort(403)

    Api(app).add_resource(Thing, "/thing")


def restful_method_decorators_list(app: Flask) -> None:
    class Thing(Resource):  # type: ignore[misc]  # Flask-RESTful is untyped
        method_decorators: ClassVar[list[Callable[..., Any]]] = [decorator()]

        def get(self) -> str:
            return "thing"

        def put(self) -> str:
            abort(403)

    Api(app).add_resource(Thing, "/thing")


def restful_method_decorators_dict(app: Flask) -> None:
    shared = decorator()

    class Thing(Resource):  # type: ignore[misc]  # Flask-RESTful is untyped
        method_decorators: ClassVar[dict[str, list[Callable[..., Any]]]] = {
            "get": [shared],
            "put": [shared],
        }

        def get(self) -> str:
            return "thing"

        def put(self) -> str:
            abort(403)

    Api(app).add_resource(Thing, "/thing")


def restful_decorators(app: Flask) -> None:
    class Thing(Resource):  # type: ignore[misc]  # Flask-RESTful is untyped
        decorators: ClassVar[list[Callable[..., Any]]] = [decorator()]

        def get(self) -> str:
            return "thing"

        def put(self) -> str:
            abort(403)

    Api(app).add_resource(Thing, "/thing")


PATTERNS = pytest.mark.parametrize(
    "pattern",
    [
        method_view,
        method_view_no_wraps,
        view_decorators,
        plain_view_no_wraps,
        restful_methods,
        restful_method_decorators_list,
        restful_method_decorators_dict,
        restful_decorators,
    ],
    ids=lambda pattern: pattern.__name__.replace("_", "-"),
)


def make_app(pattern: Callable[[Flask], None], *, app_wide: bool = True) -> Flask:
    app = Flask(__name__)
    app.testing = True
    if app_wide:
        CORS(app, origins=CLASS_VIEW_APP_ORIGINS)
    pattern(app)
    return app


REQUESTS = pytest.mark.parametrize("case", CLASS_VIEW_REQUESTS, ids=lambda case: case.id)


@PATTERNS
@REQUESTS
def test_decorated_class_view_method_is_answered_by_its_decorator(
    pattern: Callable[[Flask], None], case: ClassViewRequest
) -> None:
    client = make_app(pattern).test_client()
    response = client.open("/thing", method=case.method, headers=dict(case.request))
    assert (response.status_code, cors_headers(response.headers)) == (case.status, case.expected)


@PATTERNS
@REQUESTS
def test_decorated_class_view_method_works_without_cors_app_after_a_first_request(
    pattern: Callable[[Flask], None], case: ClassViewRequest
) -> None:
    # Without CORS(app), flask_cors's hooks are installed at the first request a decorated
    # function serves; from then on every request to the view is answered (a preflight too).
    client = make_app(pattern, app_wide=False).test_client()
    client.get("/thing")
    response = client.open("/thing", method=case.method, headers=dict(case.request))
    assert (response.status_code, cors_headers(response.headers)) == (case.status, case.expected)


def test_undecorated_method_of_a_method_view_is_answered_by_cors_app() -> None:
    app = make_app(method_view)

    class Other(MethodView):
        @decorator()
        def get(self) -> str:
            return "other"

        def post(self) -> str:
            return "posted"

    app.add_url_rule("/other", view_func=Other.as_view("other"))
    client = app.test_client()
    response = client.post("/other", headers={"Origin": B})
    preflight = client.options("/other", headers={**PREFLIGHT_GET, "Origin": B})
    preflight_post = client.options(
        "/other", headers={"Origin": B, "Access-Control-Request-Method": "POST"}
    )
    assert [cors_headers(r.headers) for r in (response, preflight, preflight_post)] == [
        BY_APP_FOR_B,
        [],  # GET is the decorator's, which refuses B
        [
            ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
            acao(B),
            VARY,
        ],
    ]


def test_method_decorators_dict_covers_only_the_methods_it_names() -> None:
    app = Flask(__name__)
    CORS(app, origins=[A, B])

    class Thing(Resource):  # type: ignore[misc]  # Flask-RESTful is untyped
        method_decorators: ClassVar[dict[str, list[Callable[..., Any]]]] = {"get": [decorator()]}

        def get(self) -> str:
            return "thing"

        def post(self) -> str:
            return "posted"

    Api(app).add_resource(Thing, "/thing")
    client = app.test_client()
    got = client.get("/thing", headers={"Origin": B})
    posted = client.post("/thing", headers={"Origin": B})
    assert [cors_headers(r.headers) for r in (got, posted)] == [[], BY_APP_FOR_B]


def test_decorated_function_called_by_a_plain_view_answers_that_request() -> None:
    # Wherever the decorated function runs during the request (flask-cors 6 set its
    # headers on the response the decorated function made).
    app = Flask(__name__)
    CORS(app, origins=[A, B])

    @decorator()
    def helper() -> str:
        return "helped"

    @app.route("/calls-helper")
    def calls_helper() -> str:
        return helper()

    @app.route("/plain")
    def plain() -> str:
        return "plain"

    client = app.test_client()
    responses = [client.get(path, headers={"Origin": A}) for path in ("/calls-helper", "/plain")]
    assert [cors_headers(r.headers) for r in responses] == [
        BY_DECORATOR,
        [acao(A), VARY],
    ]


def test_bound_method_endpoint_calling_a_decorated_function_is_answered_by_the_decorator() -> None:
    # A bound method takes no attributes of its own; from the first request on, the
    # decorated function it calls answers (as in flask-cors 6), and its sibling keeps the app's.
    app = Flask(__name__)
    CORS(app, origins=[A, B])

    @decorator()
    def helper() -> str:
        return "helped"

    class Handlers:
        def calls_helper(self) -> str:
            return helper()

        def plain(self) -> str:
            return "plain"

    handlers = Handlers()
    app.add_url_rule("/calls-helper", view_func=handlers.calls_helper)
    app.add_url_rule("/plain", view_func=handlers.plain)
    client = app.test_client()
    paths = ["/calls-helper", "/calls-helper", "/plain"]
    responses = [client.get(path, headers={"Origin": A}) for path in paths]
    assert [cors_headers(r.headers) for r in responses] == [
        BY_DECORATOR,
        BY_DECORATOR,
        [acao(A), VARY],
    ]


def test_endpoint_that_takes_no_attributes_calling_a_decorated_function_is_answered() -> None:
    # A callable object with __slots__ cannot be marked as hiding a decorated function:
    # the request is still answered (no 500), with A allowed by either policy.
    app = Flask(__name__)
    CORS(app, origins=[A, B])

    @decorator()
    def helper() -> str:
        return "helped"

    class Slotted:
        __slots__ = ()
        __name__ = "slotted"

        def __call__(self) -> str:
            return helper()

    app.add_url_rule("/slotted", "slotted", Slotted())
    response = app.test_client().get("/slotted", headers={"Origin": A})
    assert (response.status_code, response.headers["Access-Control-Allow-Origin"]) == (200, A)


def test_view_calling_a_decorated_function_only_sometimes_keeps_the_apps_policy_otherwise() -> None:
    # The endpoint function is marked as hiding a decorated function at the first call; a
    # later request that does not call it gets the app's headers.
    app = Flask(__name__)
    CORS(app, origins=[A, B])

    @decorator()
    def helper() -> str:
        return "helped"

    @app.route("/sometimes")
    def sometimes() -> str:
        return helper() if request.args.get("help") else "alone"

    client = app.test_client()
    responses = [
        client.get(path, headers={"Origin": A})
        for path in ("/sometimes?help=1", "/sometimes", "/sometimes?help=1")
    ]
    assert [
        (r.status_code, r.get_data(as_text=True), cors_headers(r.headers)) for r in responses
    ] == [
        (200, "helped", BY_DECORATOR),
        (200, "alone", [acao(A), VARY]),
        (200, "helped", BY_DECORATOR),
    ]


def test_one_decorator_object_applied_per_request_resolves_one_policy_per_method() -> None:
    # Flask-RESTful applies method_decorators to a new bound method at every request.
    app = make_app(restful_method_decorators_list)
    client = app.test_client()
    for _ in range(3):
        client.get("/thing", headers={"Origin": A})
    client.put("/thing", headers={"Origin": A})
    assert len(app.extensions["flask_cors"].view_policies) == 2  # Thing.get and Thing.put


@PATTERNS
def test_cors_app_with_no_resources_answers_a_class_view_preflight_before_any_request(
    pattern: Callable[[Flask], None],
) -> None:
    # docs/resources.md: without it, the hooks wait for a request a decorated function serves.
    app = make_app(pattern, app_wide=False)
    CORS(app, resources=[])
    client = app.test_client()
    preflight = client.options("/thing", headers=PREFLIGHT_GET)
    plain = client.get("/thing", headers={"Origin": B})  # the decorator refuses B
    assert [cors_headers(r.headers) for r in (preflight, plain)] == [
        CLASS_VIEW_REQUESTS[1].expected,
        [],
    ]


def test_view_referring_to_a_decorated_function_without_calling_it_keeps_the_apps_policy() -> None:
    # An app factory's views see each other in their closures; only a function that runs
    # (or one a decorator wraps under its own name) lends its policy.
    app = Flask(__name__)
    CORS(app, origins=[A, B])

    @decorator()
    def strict() -> str:
        return "strict"

    @app.route("/maybe")
    def maybe() -> str:
        from flask import request

        return strict() if request.args.get("strict") else "lenient"

    client = app.test_client()
    preflight = client.options("/maybe", headers={**PREFLIGHT_GET, "Origin": B})
    lenient = client.get("/maybe", headers={"Origin": B})
    strict_answer = client.get("/maybe?strict=1", headers={"Origin": B})
    assert [cors_headers(r.headers) for r in (preflight, lenient, strict_answer)] == [
        [
            ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
            acao(B),
            VARY,
        ],
        BY_APP_FOR_B,
        [],  # the decorated function ran: its refusal
    ]


def test_exempt_class_view_stays_exempt_for_its_undecorated_methods() -> None:
    app = Flask(__name__)
    CORS(app, origins=[A, B])

    class Thing(MethodView):
        @decorator()
        def get(self) -> str:
            return "thing"

        def post(self) -> str:
            return "posted"

    app.add_url_rule("/thing", view_func=cors_exempt(Thing.as_view("thing")))
    client = app.test_client()
    got = client.get("/thing", headers={"Origin": A})
    posted = client.post("/thing", headers={"Origin": A})
    assert [cors_headers(r.headers) for r in (got, posted)] == [BY_DECORATOR, []]


def test_route_whose_view_closes_over_the_request_proxy_is_added_and_answered() -> None:
    # A decorator closing over `flask.request` holds a proxy that raises outside a request:
    # looking for hidden @cross_origin must not touch it (a crash at add_url_rule).
    from flask import request

    def logged(view: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            assert request.method
            return view(*args, **kwargs)

        inner.__name__ = view.__name__
        return inner

    app = Flask(__name__)
    CORS(app, origins=[A, B])
    app.add_url_rule("/thing", "thing", logged(lambda: "thing"))
    response = app.test_client().get("/thing", headers={"Origin": B})
    assert cors_headers(response.headers) == BY_APP_FOR_B


def test_preflight_announcing_head_is_answered_by_the_decorated_get() -> None:
    # MethodView answers HEAD with get(), so its decorator answers HEAD's preflight: B is
    # refused, where the app-wide policy would have allowed it.
    client = make_app(method_view).test_client()
    response = client.options("/thing", headers=preflight(B, "HEAD"))
    assert cors_headers(response.headers) == []


def o() -> str:
    """A module-level view whose name also occurs inside "@cross_origin"."""
    return "ok"


class Thing:
    pass


def test_a_view_with_a_short_name_is_named_by_its_class_in_the_routes_table() -> None:
    view: Any = cross_origin(origins=["https://a.example"])(o)
    view.view_class = Thing
    app = Flask(__name__)
    app.add_url_rule("/thing", "thing", view)
    app.test_client().get("/thing")  # resolves the view's policy
    result = app.test_cli_runner().invoke(cors_command, ["routes"])
    assert "[@cross_origin on Thing]" in result.output
