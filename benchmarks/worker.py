"""One contender of the benchmark, in its own interpreter: builds the apps, times calls.

    python worker.py FRAMEWORK CONTENDER PROJECT_ROOT [cpu|wall]

FRAMEWORK is `flask` or `quart`; CONTENDER is `bare` (no CORS), `hook` (an after_request
hook that only writes the headers this package would write, the floor for any CORS layer),
`ref` (flask-cors 6.0.5, or quart-cors 0.8 on Quart, from the reference virtualenv) or
`ours` (this package, from the project's virtualenv). The worker reads one JSON command per
line on stdin and answers one JSON line on stdout:

    {"op": "probe", "scenario": ID}        -> {"ok": true, "status": 200, "headers": [...]}
    {"op": "time", "scenario": ID, "n": N, "repeat": R}
        -> {"ok": true, "ns": NANOSECONDS_FOR_N_CALLS (the fastest of R batches)}

A scenario the contender cannot run answers {"ok": false, "error": "..."} (reported "n/a").
The apps are called directly, WSGI or ASGI, with environs/scopes prepared at build time:
no server, no test client.
"""

from __future__ import annotations

import asyncio
import gc
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from scenarios import BY_ID, Scenario

Headers = list[tuple[str, str]]

CLOCK = time.process_time_ns
"""CPU time of this process: on a shared machine the time others hold the CPU is left out
(`--clock wall` in run.py switches to wall-clock time)."""


def cors_only(headers: Iterable[tuple[str, str]]) -> Headers:
    """The Access-Control-* and Vary headers of a response, in order."""
    return [
        (k, v) for k, v in headers if k.lower().startswith("access-control-") or k.lower() == "vary"
    ]


def check_import(contender: str, project_root: str) -> str:
    """Refuse to run with the wrong `flask_cors` (the two must never share an interpreter)."""
    if contender == "ref":
        from importlib.metadata import version

        where = os.path.realpath(sys.prefix)
        if version("flask-cors") != "6.0.5" or version("quart-cors").split(".")[:2] != ["0", "8"]:
            sys.exit("the reference virtualenv must hold flask-cors 6.0.5 and quart-cors 0.8")
        import flask_cors

        if not os.path.realpath(flask_cors.__file__).startswith(where):
            sys.exit(f"reference flask_cors imported from {flask_cors.__file__}")
        return f"flask-cors {version('flask-cors')}, quart-cors {version('quart-cors')}"
    if contender in ("ours", "hook"):
        import flask_cors

        root = os.path.realpath(project_root)
        if not os.path.realpath(flask_cors.__file__).startswith(root + os.sep):
            sys.exit(f"this package imported from {flask_cors.__file__}, not {root}")
        return f"flask_cors {flask_cors.__version__}"
    return "no CORS"


# --- Flask (WSGI) ----------------------------------------------------------------------------


def flask_bare() -> Any:
    """The app every Flask contender starts from: one catch-all view."""
    from flask import Flask

    app = Flask("bench")

    @app.route("/<path:rest>", methods=["GET", "POST", "PUT"])
    def view(rest: str) -> str:
        return "ok"

    return app


def flask_app(contender: str, scenario: Scenario) -> Any:
    app = flask_bare()
    if contender in ("ref", "ours"):
        from flask_cors import CORS  # the same drop-in call for both

        CORS(app, origins=list(scenario.origins), resources=list(scenario.resources))
    elif contender == "hook":
        add = hook_headers(scenario)

        @app.after_request  # type: ignore[untyped-decorator]  # Flask from either venv
        def write_headers(response: Any) -> Any:
            headers = response.headers
            for name, value in add:
                headers.add(name, value)
            return response

    return app


def environs(scenario: Scenario) -> list[dict[str, Any]]:
    """One prepared WSGI environ per request path."""
    from werkzeug.test import EnvironBuilder

    prepared = []
    for path in scenario.paths:
        environ = EnvironBuilder(
            path=path, method=scenario.method, headers=list(scenario.headers)
        ).get_environ()
        environ["wsgi.input"] = io.BytesIO(b"")
        prepared.append(environ)
    return prepared


class FlaskBench:
    """Times WSGI calls of one app over its prepared environs, in turn."""

    def __init__(self, contender: str, scenario: Scenario) -> None:
        self.app = flask_app(contender, scenario)
        self.environs = environs(scenario)
        self.next = 0
        self.status = ""

    def _start_response(self, status: str, headers: Headers, exc_info: Any = None) -> Any:
        self.status = status
        self.headers = headers
        return None

    def call(self) -> None:
        environs = self.environs
        environ = environs[self.next]
        self.next = (self.next + 1) % len(environs)
        body = self.app(dict(environ), self._start_response)
        for _chunk in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()

    def probe(self) -> tuple[int, Headers]:
        self.call()
        return int(self.status.split()[0]), cors_only(self.headers)

    def time(self, n: int) -> int:
        call = self.call
        start = CLOCK()
        for _ in range(n):
            call()
        return CLOCK() - start


# --- Quart (ASGI) ----------------------------------------------------------------------------


def quart_app(contender: str, scenario: Scenario) -> Any:
    from quart import Quart

    app = Quart("bench")

    @app.route("/<path:rest>", methods=["GET", "POST", "PUT"])
    async def view(rest: str) -> str:
        return "ok"

    if contender == "ref":
        import re

        from quart_cors import cors  # type: ignore[import-not-found]  # reference venv only

        origins: list[Any] = list(scenario.origins)
        if scenario.regex:
            origins = [re.compile(o, re.IGNORECASE) for o in origins]
        cors(app, allow_origin=origins)
    elif contender == "ours":
        from flask_cors import CORS

        CORS(app, origins=list(scenario.origins), resources=list(scenario.resources))
    elif contender == "hook":
        add = hook_headers(scenario, quart=True)

        @app.after_request
        async def write_headers(response: Any) -> Any:
            headers = response.headers
            for name, value in add:
                headers.add(name, value)
            return response

    return app


_BODY = {"type": "http.request", "body": b"", "more_body": False}


class Receive:
    """ASGI receive: the (empty) body once, then waits until Quart cancels it."""

    __slots__ = ("sent",)

    def __init__(self) -> None:
        self.sent = False

    async def __call__(self) -> dict[str, Any]:
        if not self.sent:
            self.sent = True
            return _BODY
        await asyncio.get_running_loop().create_future()  # never set: cancelled when done
        raise AssertionError("unreachable")


def scopes(scenario: Scenario) -> list[dict[str, Any]]:
    """One prepared ASGI HTTP scope per request path."""
    headers = [(b"host", b"localhost")]
    headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in scenario.headers]
    return [
        {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": scenario.method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode("ascii"),
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 80),
            "extensions": {},
        }
        for path in scenario.paths
    ]


class QuartBench:
    """Times ASGI calls of one app over its prepared scopes, on one event loop."""

    def __init__(self, contender: str, scenario: Scenario, loop: asyncio.AbstractEventLoop):
        self.app = quart_app(contender, scenario)
        self.loop = loop
        self.scopes = scopes(scenario)
        self.next = 0
        loop.run_until_complete(self.app.startup())

    async def _send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = message["headers"]

    async def _calls(self, n: int) -> int:
        app, scopes, send = self.app, self.scopes, self._send
        start = CLOCK()
        for _ in range(n):
            scope = scopes[self.next]
            self.next = (self.next + 1) % len(scopes)
            await app(dict(scope), Receive(), send)
        return CLOCK() - start

    def probe(self) -> tuple[int, Headers]:
        self.loop.run_until_complete(self._calls(1))
        return self.status, cors_only((k.decode(), v.decode()) for k, v in self.headers)

    def time(self, n: int) -> int:
        return self.loop.run_until_complete(self._calls(n))


# --- the hook contender ----------------------------------------------------------------------


def hook_headers(scenario: Scenario, quart: bool = False) -> Headers:
    """The CORS headers this package writes for the scenario's first request.

    The hook writes them as constants: no lookup, no decision. On Quart, before the Quart
    layer exists, the headers of the Flask layer stand in (they are the same by design).
    """
    if quart:
        loop = asyncio.new_event_loop()
        try:
            return QuartBench("ours", scenario, loop).probe()[1]
        except NotImplementedError:
            pass
        finally:
            loop.close()
    return FlaskBench("ours", scenario).probe()[1]


# --- the command loop ------------------------------------------------------------------------


def best(bench: FlaskBench | QuartBench, n: int, repeat: int) -> int:
    """The fastest of `repeat` batches of `n` calls, in ns: a preempted batch drops out."""
    return min(bench.time(n) for _ in range(repeat))


def main() -> None:
    global CLOCK
    framework, contender, project_root = sys.argv[1:4]
    if sys.argv[4:5] == ["wall"]:
        CLOCK = time.perf_counter_ns
    info = check_import(contender, project_root)
    loop = asyncio.new_event_loop() if framework == "quart" else None
    benches: dict[str, FlaskBench | QuartBench] = {}
    failed: dict[str, str] = {}

    def bench(scenario_id: str) -> FlaskBench | QuartBench:
        if scenario_id in failed:
            raise RuntimeError(failed[scenario_id])
        found = benches.get(scenario_id)
        if found is None:
            scenario = BY_ID[scenario_id]
            try:
                if loop is not None:
                    found = QuartBench(contender, scenario, loop)
                else:
                    found = FlaskBench(contender, scenario)
            except Exception as exc:
                failed[scenario_id] = f"{type(exc).__name__}: {exc}"
                raise RuntimeError(failed[scenario_id]) from None
            benches[scenario_id] = found
            gc.collect()
            gc.freeze()  # start-up objects out of the collector's way, for every contender
        return found

    handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "probe": lambda cmd: dict(
            zip(("status", "headers"), bench(cmd["scenario"]).probe(), strict=True)
        ),
        "time": lambda cmd: {"ns": best(bench(cmd["scenario"]), cmd["n"], cmd.get("repeat", 1))},
    }
    out = sys.stdout
    out.write(json.dumps({"ok": True, "info": info, "python": sys.version.split()[0]}) + "\n")
    out.flush()
    for line in sys.stdin:
        cmd = json.loads(line)
        try:
            reply = {"ok": True, **handlers[cmd["op"]](cmd)}
        except RuntimeError as exc:
            reply = {"ok": False, "error": str(exc)}
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
