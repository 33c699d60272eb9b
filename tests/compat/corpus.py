"""The compatibility corpus: flask-cors 6 usage patterns from public code, as minimal apps.

Each case is a pattern seen in a public repository (named in the comment above it), rewritten
as a small app: never copied code, only the shape of the CORS configuration and the requests
the real code (its front end, or its own test suite) sends. tests/compat/test_corpus.py runs
every case under this package and under flask-cors 6.0.5 and compares every CORS header.

Conventions for `source`: `Flask`, `Blueprint`, `MethodView`, `jsonify`, `request` and
`abort` are already bound (to Quart's for the Quart run); the source imports what it uses from
`flask_cors` (and Flask-RESTful) itself, and binds `app`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tests.compat.harness import Headers, Label, Request, get, post, preflight

LOCAL = "http://localhost:3000"
VITE = "http://localhost:5173"
EVIL = "https://evil.example"

VARY: Headers = [("vary", "Origin")]
"""D4: what a refusal (or an Origin-less request) gets from a policy that depends on Origin."""


@dataclass(frozen=True)
class Difference:
    """An answer that deliberately differs from flask-cors 6: which difference, what we send."""

    label: Label
    ours: Headers


@dataclass(frozen=True)
class Case:
    """One usage pattern: an app, the requests its real callers send, what may differ."""

    id: str
    source: str
    requests: Sequence[Request]
    differences: Mapping[int, Difference] = field(default_factory=dict)
    """Request index -> the deliberate difference that explains our answer, and that answer."""
    env: Mapping[str, str] = field(default_factory=dict)
    startup_error: tuple[Label, str] | None = None
    """D3: the app does not start here; the difference and a regex our error message matches."""
    logs: Sequence[str] = ()
    """Texts each found in some WARNING of the `flask_cors` logger under this package."""
    warns: Sequence[str] = ()
    """Texts each found in some Python warning the app's own code triggers here."""
    quart: bool = False
    """The pattern applies to Quart too: our Quart app must answer as our Flask app does."""


PREFLIGHT_ALL_METHODS: Headers = [
    ("access-control-allow-headers", "content-type"),
    ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
    ("access-control-allow-origin", LOCAL),
    ("vary", "Origin"),
]
"""The default policy's answer to `preflight(path, LOCAL, ...)` asking for content-type."""


def _d4_like(label: Label, *indexes: int) -> dict[int, Difference]:
    """Refusals that say only `Vary: Origin`, for the difference `label`."""
    return {index: Difference(label, VARY) for index in indexes}


def _d4(*indexes: int) -> dict[int, Difference]:
    return _d4_like("D4", *indexes)


def _echo(origin: str, *extra: tuple[str, str], vary: bool = True) -> Headers:
    """The headers of an allowed simple request: the echoed origin, extras, Vary."""
    headers = [("access-control-allow-origin", origin), *extra]
    if vary:
        headers.append(("vary", "Origin"))
    return sorted(headers)


CASES: list[Case] = [
    # Faerbit/todo-backend-flask, todo/main.py and todo/test_main.py: CORS(app,
    # resources=r'/*', allow_headers="Content-Type"); its test suite sends
    # `Origin: www.example.com` and asserts that value is echoed.
    Case(
        "scheme-less-origin-test-suite",
        'from flask_cors import CORS\napp = Flask(__name__)\nCORS(app, resources=r"/*", '
        'allow_headers="Content-Type")\n'
        'app.add_url_rule("/", "index", lambda: {"string": "hi"}, methods=["GET", "POST"])\n',
        [
            get("/", "www.example.com"),
            Request("POST", "/", {"Origin": "www.example.com"}),
            preflight("/", "www.example.com"),
            get("/", "localhost:3000"),
            get("/"),
        ],
        # D4: the Origin-less answer of an echoing "*" policy varies too.
        differences={4: Difference("D4", [("access-control-allow-origin", "*"), *VARY])},
        quart=True,
    ),
    # danabreo/aggiemaps, app.py (the flask-cors README pattern, copied into many apps):
    # CORS(app), app.config['CORS_HEADERS'] = 'Content-Type' and @cross_origin() on a view.
    Case(
        "readme-cors-headers-and-decorator",
        "from flask_cors import CORS, cross_origin\napp = Flask(__name__)\ncors = CORS(app)\n"
        'app.config["CORS_HEADERS"] = "Content-Type"\n'
        '@app.route("/")\n@cross_origin()\ndef hello():\n    return "Hello, cross-origin-world!"\n',
        [get("/", LOCAL), preflight("/", LOCAL, "GET", "content-type")],
        quart=True,
    ),
    # uomkri/backgammon, api/flask_init.py: cors = CORS(app), then CORS_HEADERS set after.
    Case(
        "config-set-after-cors",
        "from flask_cors import CORS, cross_origin\napp = Flask(__name__)\ncors = CORS(app)\n"
        'app.config["CORS_HEADERS"] = "Content-Type"\n'
        'app.add_url_rule("/move", "move", lambda: "moved", methods=["POST"])\n',
        [post("/move", "http://localhost:8080"), preflight("/move", "http://localhost:8080")],
        quart=True,
    ),
    # ivasilyev1/usmc-pft, usmc-pft-backend/usmc_pft/__init__.py: `from flask_cors import
    # CORS, logging` and resources={r"*": {"origins": "http://localhost:*"}}; the flask_cors
    # logger set to DEBUG through that `logging` (bulldoguk/cookoffchamps_api, app.py).
    Case(
        "localhost-port-star-and-logging-import",
        "from flask_cors import CORS, logging\napp = Flask(__name__)\n"
        'CORS(app, resources={r"*": {"origins": "http://localhost:*"}})\n'
        'logging.getLogger("flask_cors").level = logging.DEBUG\n'
        'app.add_url_rule("/api/pft", "pft", lambda: {"score": 1}, methods=["POST"])\n',
        [
            post("/api/pft", LOCAL),
            preflight("/api/pft", LOCAL),
            post("/api/pft", "http://localhost"),
            post("/api/pft", "http://localhost.evil.example"),
        ],
        # D7: `http://localhost:*` is a port glob, so a look-alike host is refused (flask-cors
        # 6 read it as a regex matching any origin that starts with http://localhost).
        differences={3: Difference("D7", VARY)},
        quart=True,
    ),
    # ivasilyev1/usmc-pft, usmc-pft-backend/usmc_pft/routes.py: @cross_origin(origin=
    # "localhost") on a view, a misspelt option flask-cors 6 ignored (allowing every origin).
    Case(
        "misspelt-decorator-option",
        "from flask_cors import cross_origin\napp = Flask(__name__)\n"
        '@app.route("/api/cft", methods=["POST"])\n@cross_origin(origin="localhost")\n'
        'def cft():\n    return {"score": 1}\n',
        [post("/api/cft", LOCAL)],
        startup_error=("D3", r"origin='localhost'.*origins"),
    ),
    # lbs-iitkgp/Opensoft-2019, api/__init__.py: resources={r"/foo": {"origins":
    # "http://localhost:port"}}, a placeholder never replaced.
    Case(
        "literal-port-placeholder",
        "from flask_cors import CORS, cross_origin\napp = Flask(__name__)\n"
        'app.config["CORS_HEADERS"] = "Content-Type"\n'
        'cors = CORS(app, resources={r"/foo": {"origins": "http://localhost:port"}})\n'
        'app.add_url_rule("/foo", "foo", lambda: "foo", methods=["GET", "POST"])\n',
        [
            post("/foo", LOCAL),
            get("/foo", "http://localhost:port"),
            preflight("/foo", LOCAL),
            get("/foo"),
        ],
        logs=["http://localhost:port"],
        quart=True,
    ),
    # abdelrahmanabdelnabi/Risk-game-and-AI, app.py: CORS(app) and @cross_origin("*") on a
    # POST view; flask-cors 6 ignored the positional "*".
    Case(
        "positional-origins-in-decorator",
        "from flask_cors import CORS, cross_origin\napp = Flask(__name__)\nCORS(app)\n"
        '@app.route("/solve", methods=["POST"])\n@cross_origin("*")\n'
        'def solve():\n    return {"solution": []}\n',
        [post("/solve", LOCAL), preflight("/solve", LOCAL)],
        quart=True,
    ),
    # codeHawker/tweetscan, server/my_app.py: cors = CORS(); cors.init_app(app) in create_app.
    Case(
        "factory-init-app",
        "from flask_cors import CORS\n"
        "def create_app():\n    app = Flask(__name__)\n    cors = CORS()\n"
        "    cors.init_app(app)\n"
        '    app.add_url_rule("/tweets", "tweets", lambda: {"tweets": []})\n    return app\n'
        "app = create_app()\n",
        [get("/tweets", LOCAL), preflight("/tweets", LOCAL, "GET", "authorization")],
        quart=True,
    ),
    # moran-ai/Flask, newsApi/apps/__init__.py: create_app registers blueprints, then
    # cors.init_app(app=app, supports_credentials=True) with a module-level cors = CORS().
    Case(
        "factory-init-app-keyword-credentials",
        "from flask_cors import CORS\ncors = CORS()\nnews = Blueprint('news', __name__)\n"
        'news.add_url_rule("/news", "list", lambda: {"news": []})\n'
        "def create_app():\n    app = Flask(__name__)\n    app.register_blueprint(news)\n"
        "    cors.init_app(app=app, supports_credentials=True)\n    return app\n"
        "app = create_app()\n",
        [get("/news", "http://localhost:8080"), preflight("/news", "http://localhost:8080")],
        logs=["any site can make credentialed requests"],  # D5, headers unchanged
        quart=True,
    ),
    # Seen in several public apps through the code index, which did not name their
    # repositories: CORS(app=app, origins=['http://localhost:3000', 'https://localhost:3000'])
    # beside signin/signup routes, and APIFlask factories calling cors.init_app(app=app).
    Case(
        "app-as-keyword",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        "CORS(app=app, origins=['http://localhost:3000', 'https://localhost:3000'])\n"
        "app.add_url_rule('/signin', 'signin', lambda: {'ok': True}, methods=['POST'])\n",
        [
            post("/signin", "https://localhost:3000"),
            preflight("/signin", LOCAL),
            post("/signin", VITE),
        ],
        differences=_d4(2),
        quart=True,
    ),
    # zzzzz143/Software-Engineering_Car-Multimodal-Intelligent-Interaction-System,
    # backend/extensions.py: cors = CORS(); init_app(app) calls cors.init_app(app,
    # resources={r"/*": {"origins": "*"}}).
    Case(
        "extensions-module-init-app-resources",
        "from flask_cors import CORS\ncors = CORS()\n"
        'def init_app(app):\n    cors.init_app(app, resources={r"/*": {"origins": "*"}})\n'
        "app = Flask(__name__)\ninit_app(app)\n"
        'app.add_url_rule("/api/voice", "voice", lambda: "ok", methods=["POST"])\n',
        [post("/api/voice", VITE), preflight("/api/voice", VITE)],
        quart=True,
    ),
    # Lunatic-Labs/rubricapp, api/__init__.py: bp = Blueprint('api', ...) with
    # CORS(bp, resources={r"/api/*": {"origins": "*"}}), routes under /api.
    Case(
        "blueprint-resources",
        "from flask_cors import CORS\nbp = Blueprint('api', __name__)\n"
        'CORS(bp, resources={r"/api/*": {"origins": "*"}})\n'
        'bp.add_url_rule("/api/user", "user", lambda: {"user": 1}, methods=["GET", "POST"])\n'
        "app = Flask(__name__)\napp.register_blueprint(bp)\n"
        'app.add_url_rule("/health", "health", lambda: "ok")\n',
        [
            get("/api/user", LOCAL),
            preflight("/api/user", LOCAL),
            get("/health", LOCAL),
        ],
        quart=True,
    ),
    # img-api/img-api, api/user/__init__.py: Blueprint(..., url_prefix='/api/user') and
    # CORS(blueprint).
    Case(
        "blueprint-url-prefix",
        "from flask_cors import CORS\n"
        "blueprint = Blueprint('api_user_blueprint', __name__, url_prefix='/api/user')\n"
        "CORS(blueprint)\n"
        'blueprint.add_url_rule("/me", "me", lambda: {"me": 1})\n'
        "app = Flask(__name__)\napp.register_blueprint(blueprint)\n"
        'app.add_url_rule("/", "home", lambda: "home")\n',
        [get("/api/user/me", LOCAL), preflight("/api/user/me", LOCAL, "GET"), get("/", LOCAL)],
        quart=True,
    ),
    # open-ods/open-ods, openods/openods_core/__init__.py: a compiled regex as the resource
    # key, re.compile(API_URL + "/*").
    Case(
        "compiled-regex-resource",
        "import re\nfrom flask_cors import CORS\napp = Flask(__name__)\n"
        'regEx = re.compile("/api" + "/*")\nCORS(app, resources={regEx: {"origins": "*"}})\n'
        'app.add_url_rule("/api/organisations", "orgs", lambda: {"orgs": []})\n'
        'app.add_url_rule("/", "root", lambda: "root")\n',
        [get("/api/organisations", LOCAL), get("/", LOCAL), preflight("/api/organisations", LOCAL)],
        quart=True,
    ),
    # vvaskin/Film-Emulation, backend/config.py: one resource with origins, methods and
    # allow_headers lists.
    Case(
        "resource-origins-methods-headers",
        "from flask_cors import CORS\napp = Flask(__name__)\nCORS(app, resources={\n"
        '    r"/*": {"origins": ["http://localhost:3000"], "methods": ["GET", "POST"],\n'
        '            "allow_headers": ["Content-Type"]}})\n'
        'app.add_url_rule("/upload", "upload", lambda: "ok", methods=["POST"])\n',
        [
            post("/upload", LOCAL),
            preflight("/upload", LOCAL),
            preflight("/upload", LOCAL, "PUT"),
            preflight("/upload", LOCAL, "POST", "content-type,authorization"),
            post("/upload", VITE),
        ],
        quart=True,
    ),
    # pechang03/processDMRs, backend/app/utils/extensions.py: resources r"/api/*" with two
    # literal origins.
    Case(
        "resource-two-literal-origins",
        'from flask_cors import CORS\napp = Flask(__name__)\nCORS(app, resources={r"/api/*": '
        '{"origins": ["http://localhost:3000", "http://127.0.0.1:3000"]}})\n'
        'app.add_url_rule("/api/graph", "graph", lambda: {"nodes": []})\n',
        [
            get("/api/graph", "http://127.0.0.1:3000"),
            get("/api/graph", VITE),
            preflight("/api/graph", LOCAL, "GET", "content-type"),
        ],
        differences=_d4(1),  # a refusal by a two-origin policy says Vary: Origin
        quart=True,
    ),
    # PritK99/WriteRight, server/app.py: resources r"/api/*" with one literal origin.
    Case(
        "resource-single-literal-origin",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        'cors = CORS(app, resources={r"/api/*": {"origins": "http://localhost:3000"}})\n'
        'app.add_url_rule("/api/check", "check", lambda: "ok", methods=["POST"])\n',
        [post("/api/check", LOCAL), preflight("/api/check", LOCAL), post("/api/check", EVIL)],
        quart=True,
    ),
    # gabeliss/caravan-club, backend/app/__init__.py: resources={r"/api/*": {"origins": "*"}}.
    Case(
        "api-prefix-any-origin",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        'CORS(app, resources={r"/api/*": {"origins": "*"}})\n'
        'app.add_url_rule("/api/trips", "trips", lambda: {"trips": []})\n'
        'app.add_url_rule("/admin", "admin", lambda: "admin")\n',
        [get("/api/trips", LOCAL), preflight("/api/trips", LOCAL, "GET"), get("/admin", LOCAL)],
        quart=True,
    ),
    # hebersonaguiar/inventory, app.py: Flask-RESTful Api with CORS(app, resources={r"/*":
    # {"origins": "*"}}).
    Case(
        "restful-api-with-extension",
        "from flask_restful import Api, Resource\nfrom flask_cors import CORS\n"
        'app = Flask(__name__)\napi = Api(app)\nCORS(app, resources={r"/*": {"origins": "*"}})\n'
        "class Hosts(Resource):\n    def get(self):\n        return {'hosts': []}\n"
        "    def post(self):\n        return {'created': True}, 201\n"
        "api.add_resource(Hosts, '/hosts')\n",
        [get("/hosts", LOCAL), post("/hosts", LOCAL), preflight("/hosts", LOCAL)],
    ),
    # dotbot-io/webapp, app/api_1_0/nodes.py: Flask-RESTful Resources with
    # `decorators = [cross_origin()]` and no CORS(app).
    Case(
        "restful-resource-decorators",
        "from flask_restful import Api, Resource\nfrom flask_cors import cross_origin\n"
        "app = Flask(__name__)\nrest_api = Api(app)\n"
        "class GetNodes(Resource):\n    decorators = [cross_origin()]\n"
        "    def get(self):\n        return {'nodes': []}\n"
        "class AddNode(Resource):\n    decorators = [cross_origin()]\n"
        "    def post(self):\n        return {'added': True}\n"
        "rest_api.add_resource(GetNodes, '/nodes')\nrest_api.add_resource(AddNode, '/node')\n",
        [get("/nodes", LOCAL), post("/node", LOCAL), preflight("/node", LOCAL)],
        # D6: the preflight of a decorated class-based view is answered; flask-cors 6 let
        # Flask's automatic OPTIONS answer it without CORS headers.
        differences={2: Difference("D6", PREFLIGHT_ALL_METHODS)},
    ),
    # ecarreras/heman, heman/api/__init__.py: a Flask-RESTful base Resource with
    # `method_decorators = [login_required, cross_origin()]` (each request decorates the
    # bound method), here with a stand-in login_required that lets the request through.
    Case(
        "restful-method-decorators",
        "import functools\nfrom flask_restful import Api, Resource\n"
        "from flask_cors import cross_origin\n"
        "def login_required(f):\n    @functools.wraps(f)\n"
        "    def wrapper(*args, **kwargs):\n        return f(*args, **kwargs)\n"
        "    return wrapper\n"
        "class AuthorizedResource(Resource):\n"
        "    method_decorators = [login_required, cross_origin()]\n"
        "class Contracts(AuthorizedResource):\n    def get(self):\n        return {'items': []}\n"
        "app = Flask(__name__)\napi = Api(app)\napi.add_resource(Contracts, '/contracts')\n",
        [get("/contracts", LOCAL), preflight("/contracts", LOCAL, "GET", "authorization")],
        # D6: the preflight is answered, as for `decorators` (flask-cors 6 never saw it).
        differences={
            1: Difference(
                "D6",
                sorted(
                    [("access-control-allow-headers", "authorization")]
                    + [h for h in PREFLIGHT_ALL_METHODS if h[0] != "access-control-allow-headers"]
                ),
            )
        },
    ),
    # A messages blueprint seen in public code (the code index did not name its repository):
    # `class ListMessageAPI(MethodView): decorators = [cross_origin()]`, no CORS(app).
    Case(
        "methodview-decorators",
        "from flask_cors import cross_origin\nmessages = Blueprint('messages', __name__)\n"
        "class ListMessageAPI(MethodView):\n    decorators = [cross_origin()]\n"
        "    def get(self):\n        return {'messages': []}\n"
        "class MessageAPI(MethodView):\n    @cross_origin(origins=['http://localhost:3000'])\n"
        "    def post(self):\n        return {'sent': True}\n"
        "messages.add_url_rule('/messages', view_func=ListMessageAPI.as_view('list'))\n"
        "messages.add_url_rule('/message', view_func=MessageAPI.as_view('send'))\n"
        "app = Flask(__name__)\napp.register_blueprint(messages)\n",
        [
            get("/messages", LOCAL),
            preflight("/messages", LOCAL, "GET"),
            post("/message", LOCAL),
            post("/message", EVIL),
        ],
        # D6: as for Flask-RESTful's decorators, the preflight is answered.
        differences={1: Difference("D6", PREFLIGHT_ALL_METHODS)},
        quart=True,
    ),
    # zerodine/Boilerplate-FlaskRestMongoTornado, flaskdemo/config/config.py: a config class
    # with CORS_ORIGIN (one letter short), CORS_METHODS and CORS_HEADERS, then CORS(app).
    Case(
        "config-key-one-letter-short",
        "from flask_cors import CORS\nclass Config(object):\n    CORS_ORIGIN = ['*']\n"
        "    CORS_METHODS = ['POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD']\n"
        "    CORS_HEADERS = ['origin', 'accept', 'content-type', 'authorization']\n"
        "app = Flask(__name__)\napp.config.from_object(Config)\nCORS(app)\n"
        'app.add_url_rule("/api/items", "items", lambda: {"items": []})\n',
        [get("/api/items", LOCAL)],
        startup_error=("D3", r"CORS_ORIGIN\b.*CORS_ORIGINS"),
    ),
    # ashwin1/covid19, __init__.py: CORS(app, support_credentials=True), a misspelt option
    # flask-cors 6 logged and ignored.
    Case(
        "misspelt-credentials-option",
        "from flask_cors import CORS, cross_origin\napp = Flask(__name__)\n"
        "CORS(app, support_credentials=True)\n"
        'app.config["CORS_HEADERS"] = "application/json"\n'
        'app.add_url_rule("/cases", "cases", lambda: {"cases": 0})\n',
        [get("/cases", LOCAL)],
        startup_error=("D3", r"support_credentials.*supports_credentials"),
    ),
    # saaratrix/a-device-for-quicker-sharing-of-screenshots-with-friends, server/local.py:
    # origins = os.environ.get("ORIGINS", "http://localhost:63342,...").split(",").
    Case(
        "env-var-split-origins",
        "import os\nfrom flask_cors import CORS\napp = Flask(__name__)\n"
        'origins = os.environ.get("ORIGINS", '
        '"http://localhost:63342,http://localhost:63343").split(",")\n'
        "CORS(app, origins=origins)\n"
        'app.add_url_rule("/upload", "upload", lambda: "ok", methods=["POST"])\n',
        [
            post("/upload", "http://localhost:63343"),
            preflight("/upload", "http://localhost:63342"),
            post("/upload", "http://localhost:8080"),
        ],
        differences=_d4(2),
        quart=True,
    ),
    # tiangolo/full-stack-flask-couchbase, {{cookiecutter.project_slug}}/backend/app/app/
    # core/cors.py: BACKEND_CORS_ORIGINS split on "," and stripped, supports_credentials=True.
    Case(
        "env-var-split-strip-credentials",
        "import os\nfrom flask_cors import CORS\napp = Flask(__name__)\norigins = []\n"
        'for origin in os.environ["BACKEND_CORS_ORIGINS"].split(","):\n'
        "    origins.append(origin.strip())\n"
        "CORS(app, origins=origins, supports_credentials=True)\n"
        'app.add_url_rule("/api/v1/users/me", "me", lambda: {"me": 1})\n',
        [
            get("/api/v1/users/me", "http://localhost:8080"),
            preflight("/api/v1/users/me", "https://dev.example.com", "GET", "authorization"),
            get("/api/v1/users/me", EVIL),
        ],
        differences=_d4(2),
        env={
            "BACKEND_CORS_ORIGINS": "http://localhost, http://localhost:4200, "
            "http://localhost:3000, http://localhost:8080, https://dev.example.com"
        },
        quart=True,
    ),
    # ofersadan85/friendflix, backend/main.py: app.config.from_prefixed_env(), then
    # CORS(app, origins=FRONTEND_URL, methods=[...]) with the value as the environment gives
    # it; a comma-separated list stays one string. The variable is read as
    # from_prefixed_env() reads it, which Flask 2.0 (in make test-matrix) does not have.
    Case(
        "env-var-comma-string-unsplit",
        "import os\nfrom flask_cors import CORS\napp = Flask(__name__)\n"
        'app.config["FRONTEND_URL"] = os.environ["FLASK_FRONTEND_URL"]\n'
        'FRONTEND_URL = app.config.get("FRONTEND_URL")\n'
        'cors = CORS(app, origins=FRONTEND_URL, methods=["GET", "POST", "DELETE"])\n'
        'app.add_url_rule("/movies", "movies", lambda: {"movies": []})\n',
        [get("/movies", VITE), preflight("/movies", "https://friendflix.example", "DELETE")],
        # D6: a comma string is a list; flask-cors 6 compared the whole string and refused.
        differences={
            0: Difference("D6", _echo(VITE)),
            1: Difference(
                "D6",
                [
                    ("access-control-allow-headers", "content-type"),
                    ("access-control-allow-methods", "DELETE, GET, POST"),
                    ("access-control-allow-origin", "https://friendflix.example"),
                    ("vary", "Origin"),
                ],
            ),
        },
        env={"FLASK_FRONTEND_URL": "http://localhost:5173,https://friendflix.example"},
        quart=True,
    ),
    # gucciwu/pcc-2019-nCoV, api/__init__.py: CORS(app, supports_credentials=True,
    # resources={r"/api/*": {"origins": "*"}}).
    Case(
        "credentials-with-any-origin",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        'CORS(app, supports_credentials=True, resources={r"/api/*": {"origins": "*"}})\n'
        'app.add_url_rule("/api/stats", "stats", lambda: {"cases": 0})\n',
        [get("/api/stats", LOCAL), preflight("/api/stats", LOCAL, "GET", "content-type")],
        logs=["any site can make credentialed requests"],  # D5: loud, headers unchanged
        quart=True,
    ),
    # dhruvgcs24-programer/codeGPT, voicecare/backend/app.py: resources "*", credentials,
    # allow_headers=["Content-Type"], methods=["GET", "POST", "OPTIONS"].
    Case(
        "credentials-headers-methods",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        'CORS(app, resources={r"/*": {"origins": "*"}}, supports_credentials=True,\n'
        '     allow_headers=["Content-Type"], methods=["GET", "POST", "OPTIONS"])\n'
        'app.add_url_rule("/analyze", "analyze", lambda: "ok", methods=["POST"])\n',
        [
            post("/analyze", LOCAL),
            preflight("/analyze", LOCAL),
            preflight("/analyze", LOCAL, "POST", "authorization"),
            preflight("/analyze", LOCAL, "DELETE"),
        ],
        quart=True,
    ),
    # Carril-fol/restful-organizer, src/utils/extensions.py: credentials, two literal origins,
    # methods and allow_headers that include "application/json" (a media type, not a header).
    Case(
        "credentials-literal-list-odd-header",
        "from flask_cors import CORS\napp = Flask(__name__)\ncors = CORS(\n    app,\n"
        "    supports_credentials=True,\n"
        '    origins=["https://organizer-app-ruck.onrender.com", "http://localhost:5173"],\n'
        '    methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],\n'
        '    allow_headers=["Content-Type", "Authorization", "X-Requested-With",'
        ' "application/json"])\n'
        'app.add_url_rule("/tasks", "tasks", lambda: {"tasks": []}, methods=["GET", "PATCH"])\n',
        [
            get("/tasks", VITE),
            preflight(
                "/tasks",
                "https://organizer-app-ruck.onrender.com",
                "PATCH",
                "authorization,content-type",
            ),
            get("/tasks", EVIL),
            get("/tasks"),
        ],
        differences=_d4(2),
        quart=True,
    ),
    # TannerSwanson/CORS-Survey, test4-apiServer.py: origins list of three 127.0.0.1 ports,
    # requested from a page on a fourth.
    Case(
        "literal-origin-list-ports",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        "CORS(app, origins=['http://127.0.0.1:5001', 'http://127.0.0.1:5002',"
        " 'http://127.0.0.1:5003'])\n"
        "app.add_url_rule('/data', 'data', lambda: {'message': 'hi'})\n",
        [get("/data", "http://127.0.0.1:5002"), get("/data", "http://127.0.0.1:5000")],
        differences=_d4(1),
        quart=True,
    ),
    # maggie-yu-12/tradewiz, backend/main.py: CORS(app, origins=['*']) and CORS_HEADERS.
    Case(
        "star-in-a-list",
        "from flask_cors import CORS\napp = Flask(__name__)\ncors = CORS(app, origins=['*'])\n"
        "app.config['CORS_HEADERS'] = 'Content-Type'\n"
        "app.add_url_rule('/stocks', 'stocks', lambda: {'stocks': []})\n",
        [get("/stocks", LOCAL), preflight("/stocks", LOCAL, "GET")],
        quart=True,
    ),
    # tiangolo/full-stack, {{cookiecutter.project_slug}}/backend/app/app/core/cors.py: a
    # compiled, anchored regex of the server's domain and its subdomains, with credentials.
    Case(
        "compiled-anchored-regex-credentials",
        "import re\nfrom flask_cors import CORS\napp = Flask(__name__)\n"
        'use_domain = "example.com".replace(".", r"\\.")\n'
        'cors_origins_regex = re.compile(r"^(https?:\\/\\/(?:.+\\.)?(" + use_domain + '
        'r")(?::\\d{1,5})?)$")\n'
        "CORS(app, origins=cors_origins_regex, supports_credentials=True)\n"
        'app.add_url_rule("/api/v1/items", "items", lambda: {"items": []})\n',
        [
            get("/api/v1/items", "https://dashboard.example.com"),
            get("/api/v1/items", "http://example.com:8080"),
            get("/api/v1/items", "https://example.com.evil.example"),
            preflight("/api/v1/items", "https://dashboard.example.com", "GET", "authorization"),
        ],
        differences=_d4(2),
        quart=True,
    ),
    # A Flask API seen in public code (its src/cors_config.py and app; the code index did not
    # name the repository): literal dev origins plus DEFAULT_REGEX_ORIGINS =
    # [r"https://(.+\.)?vercel\.app"] for preview deployments.
    Case(
        "regex-prefix-trap",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        'CORS(app, origins=["http://localhost:5173", r"https://(.+\\.)?vercel\\.app"])\n'
        'app.add_url_rule("/api/chat", "chat", lambda: "ok", methods=["POST"])\n',
        [
            post("/api/chat", "https://my-app.vercel.app"),
            post("/api/chat", VITE),
            post("/api/chat", "https://vercel.app.evil.example"),
        ],
        # D1: a regex must match the whole origin; flask-cors 6 allowed any origin that
        # starts with a match. The refusal is logged with the pattern (one WARNING).
        differences={2: Difference("D1", VARY)},
        logs=["https://vercel.app.evil.example"],
        quart=True,
    ),
    # j-rixon/StockSystem, api.py: CORS(app) then a Flask-RESTful Api with path parameters.
    Case(
        "restful-resources-with-parameters",
        "from flask_cors import CORS\nfrom flask_restful import Resource, Api\n"
        "class Products(Resource):\n    def get(self):\n        return 'Products'\n"
        "class Product_Details(Resource):\n    def get(self, product_id):\n"
        "        return 'A Product'\n"
        "app = Flask(__name__)\nCORS(app)\napi = Api(app)\n"
        "api.add_resource(Products, '/products')\n"
        "api.add_resource(Product_Details, '/products/<product_id>')\n",
        [
            get("/products", LOCAL),
            get("/products/7", LOCAL),
            preflight("/products/7", LOCAL, "GET"),
        ],
    ),
    # localstack/localstack, localstack-core/localstack/aws/handlers/cors.py: imports the
    # ACL_* header names from flask_cors.core to write its own CORS headers.
    Case(
        "core-header-name-constants",
        "from flask_cors.core import (ACL_ALLOW_HEADERS, ACL_EXPOSE_HEADERS, ACL_METHODS,\n"
        "    ACL_ORIGIN, ACL_REQUEST_HEADERS)\napp = Flask(__name__)\n"
        "@app.after_request\ndef add_cors(response):\n"
        "    response.headers[ACL_ORIGIN] = request.headers.get('Origin', '*')\n"
        "    response.headers[ACL_METHODS] = 'GET,POST'\n"
        "    if ACL_REQUEST_HEADERS in request.headers:\n"
        "        response.headers[ACL_ALLOW_HEADERS] = request.headers[ACL_REQUEST_HEADERS]\n"
        "    response.headers[ACL_EXPOSE_HEADERS] = 'etag'\n    return response\n"
        "app.add_url_rule('/', 'root', lambda: 'ok', methods=['GET', 'POST'])\n",
        [get("/", LOCAL), preflight("/", LOCAL)],
        quart=True,
    ),
    # SUNET/eduid-backend, src/eduid/webapp/common/api/middleware.py: calls
    # get_cors_options(...) and get_cors_headers(...) from flask_cors.core to put CORS
    # headers on a response it builds itself.
    Case(
        "core-deprecated-helpers",
        "from flask import current_app\n"
        "from flask_cors.core import get_cors_headers, get_cors_options\n"
        "app = Flask(__name__)\n"
        "app.config['CORS_ORIGINS'] = ['http://localhost:3000']\n"
        "app.config['CORS_SUPPORTS_CREDENTIALS'] = True\n"
        "@app.route('/error')\ndef error():\n    response = jsonify({'error': True})\n"
        "    options = get_cors_options(current_app)\n"
        "    for name, value in get_cors_headers(options, request.headers, request.method)"
        ".items():\n"
        "        response.headers[name] = value\n    return response, 400\n",
        [get("/error", LOCAL), get("/error", EVIL)],
        warns=["DeprecationWarning"],
    ),
    # corydolphin/flask-cors, issue #301: CORS(app, origins="*") and then, by mistake, a
    # second CORS(app, origins=r"https://.*\.mydomain.com") on the same app.
    Case(
        "two-registrations-on-one-app",
        "from flask_cors import CORS\napp = Flask(__name__)\nCORS(app, origins='*')\n"
        "CORS(app, origins=r'https://.*\\.mydomain.com')\n"
        "app.add_url_rule('/api/data', 'data', lambda: {'data': 1})\n",
        [
            get("/api/data", "https://app.mydomain.com"),
            get("/api/data", LOCAL),
            preflight("/api/data", "https://app.mydomain.com", "GET"),
        ],
        # D6: the last registration answers and its refusal is final; flask-cors 6 let the
        # earlier "*" registration answer the origin the regex refused.
        differences=_d4_like("D6", 1),
        quart=True,
    ),
    # corydolphin/flask-cors, issue #248: top-level origins next to a resources mapping
    # (the resources' options apply; paths outside them get nothing).
    Case(
        "top-level-origins-with-resources",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        "CORS(app, origins=['http://localhost:5000'], resources={'/a': {'origins': '*'}})\n"
        "app.add_url_rule('/a', 'a', lambda: 'a')\napp.add_url_rule('/b', 'b', lambda: 'b')\n",
        [get("/a", LOCAL), get("/b", "http://localhost:5000"), get("/b", LOCAL)],
        quart=True,
    ),
    # corydolphin/flask-cors, issue #280: two views on one path, by method, and
    # @cross_origin(origins=[...], methods=["POST"], allow_headers="*") on the POST one only.
    Case(
        "decorator-on-one-method-of-a-path",
        "from flask_cors import cross_origin\napp = Flask(__name__)\n"
        "@app.route('/graphql', methods=['GET'])\ndef playground():\n    return 'playground'\n"
        "@app.route('/graphql', methods=['POST'])\n"
        "@cross_origin(origins=['http://localhost:5173'], methods=['POST'], allow_headers='*')\n"
        "def server():\n    return {'data': None}\n",
        [post("/graphql", VITE), preflight("/graphql", VITE), get("/graphql", VITE)],
        quart=True,
    ),
    # corydolphin/flask-cors, issue #241: CORS(app, resources={'/foo': {'origins': '*'}})
    # and @cross_origin() on a view that aborts with 401.
    Case(
        "decorated-view-aborts",
        "from flask_cors import CORS, cross_origin\napp = Flask(__name__)\n"
        "CORS(app, resources={'/foo': {'origins': '*'}})\n"
        "@app.route('/foo')\ndef foo():\n    abort(401, 'Not authorized')\n"
        "@app.route('/bar')\n@cross_origin()\ndef bar():\n    abort(401, 'Not authorized')\n",
        [get("/foo", LOCAL), get("/bar", LOCAL)],
        # D6: errors in decorated views get the decorator's headers.
        differences={1: Difference("D6", _echo(LOCAL))},
        quart=True,
    ),
    # Danii1415/finalProject, server/server/core/__init__.py: CORS(app, resources=...), then
    # CORS_SUPPORTS_CREDENTIALS (and a stray 'supports_credentials' key) set after it.
    Case(
        "credentials-config-after-extension",
        "from flask_cors import CORS\napp = Flask(__name__)\n"
        'CORS(app, resources={r"/*": {"origins": "*"}})\n'
        "app.config['supports_credentials'] = True\n"
        "app.config['CORS_SUPPORTS_CREDENTIALS'] = True\n"
        "app.add_url_rule('/projects', 'projects', lambda: {'projects': []})\n",
        [get("/projects", LOCAL), preflight("/projects", LOCAL, "GET")],
        quart=True,
    ),
    # A public errors module (the code index names no repository): a blueprint with CORS(bp,
    # resources={r"/*": {"origins": "*"}}, supports_credentials=True), `@bp.errorhandler(404)`
    # over `@cross_origin(supports_credentials=True)`, and `@bp.after_request` over
    # `@cross_origin(supports_credentials=True)` on a hook adding `Access-Control-Allow-Origin:
    # *` itself; a route of the blueprint aborts with 404.
    Case(
        "decorated-blueprint-error-handler-and-after-request",
        "from flask_cors import CORS, cross_origin\nerror = Blueprint('error', __name__)\n"
        'cors = CORS(error, resources={r"/*": {"origins": "*"}}, supports_credentials=True)\n'
        "@error.after_request\n@cross_origin(supports_credentials=True)\n"
        "def after_request(response):\n"
        "    response.headers.add('Access-Control-Allow-Origin', '*')\n    return response\n"
        "@error.errorhandler(404)\n@cross_origin(supports_credentials=True)\n"
        "def not_found(error=None):\n    return jsonify({'message': 'Resource Not Found'}), 404\n"
        "@error.route('/users/<int:user_id>')\ndef user(user_id):\n    abort(404)\n"
        "app = Flask(__name__)\napp.register_blueprint(error)\n",
        [
            get("/users/1", LOCAL),
            preflight("/users/1", LOCAL, "DELETE"),
            get("/no-such-page", LOCAL),
        ],
        # D6: a response carrying its own Access-Control-Allow-Origin gets no second one;
        # flask-cors 6 added the decorator's beside the hook's `*` (browsers refuse two).
        differences={0: Difference("D6", [("access-control-allow-origin", "*")])},
        logs=["any site can make credentialed requests"],  # D5, headers unchanged
        quart=True,
    ),
    # An API module built on Flask's "API errors" pattern (the code index names no
    # repository): `@cross_origin(methods=["GET", "POST", "PUT", "OPTIONS"],
    # supports_credentials=True)` on `handle_api_error`, registered with
    # app.register_error_handler(APIError, handle_api_error); no CORS(app).
    Case(
        "decorated-api-error-handler",
        "from flask_cors import cross_origin\n"
        "class APIError(Exception):\n"
        "    def __init__(self, status_code, message=None):\n"
        "        super().__init__()\n"
        "        self.status_code, self.message = status_code, message\n"
        '@cross_origin(methods=["GET", "POST", "PUT", "OPTIONS"], supports_credentials=True)\n'
        "def handle_api_error(error):\n"
        "    return jsonify({'status': 'failure', 'message': error.message}), error.status_code\n"
        "app = Flask(__name__)\napp.register_error_handler(APIError, handle_api_error)\n"
        "@app.route('/api/jobs', methods=['GET', 'POST'])\n"
        "def jobs():\n    raise APIError(422, message='invalid job')\n",
        [get("/api/jobs", VITE), post("/api/jobs", VITE), get("/api/jobs")],
        differences=_d4(2),
        logs=["any site can make credentialed requests"],  # D5, headers unchanged
        quart=True,
    ),
    # The 404 handler of the same errors module, on the app (`@app.errorhandler(404)` over
    # `@cross_origin(supports_credentials=True)`) beside CORS(app, origins=...) for the API.
    Case(
        "decorated-app-404-handler-beside-cors-app",
        "from flask_cors import CORS, cross_origin\napp = Flask(__name__)\n"
        f'CORS(app, resources={{r"/api/*": {{"origins": "{VITE}"}}}})\n'
        "@app.errorhandler(404)\n@cross_origin(supports_credentials=True)\n"
        "def not_found(error=None):\n"
        "    return jsonify({'message': 'Resource Not Found', 'status': 404}), 404\n"
        "@app.route('/api/users/<int:user_id>')\ndef user(user_id):\n    abort(404)\n",
        [
            get("/api/users/1", VITE),
            get("/api/users/1", LOCAL),
            get("/api/nope", VITE),
            preflight("/api/nope", VITE, "GET", "authorization"),
        ],
        logs=["any site can make credentialed requests"],  # D5, headers unchanged
        quart=True,
    ),
]
