"""The worst traffic for flask_cors's caches, as plain data for the Flask and Quart tests.

Many registrations and policies, and requests whose every cached value is new: distinct
paths just short enough to be remembered and far too long to be, 404 paths (looked up in
every registration), distinct
allowed and refused Origins just under the length that is remembered, and preflights whose
`Access-Control-Request-Headers` is a long list of short refused names (the costliest
decision to remember per character a client sends).
"""

from __future__ import annotations

import gc
import io
import string
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any, Final

from flask_cors._cache import LONGEST_KEY

REGISTRATIONS: Final = 10
"""`CORS(app, ...)` calls: each registration keeps its own path cache."""
RESOURCES: Final = 5
"""Resources per registration: each resource's policy remembers its own decisions."""
LONG_PATH: Final = 16 * 1024
"""A server's default header limit: the longest path a client can send."""
TIMES_THE_BUDGET: Final = 1.5
"""The traffic charges at least this many budgets' worth of entries."""


def registrations() -> list[dict[str, Any]]:
    """`CORS(app, **options)` for each: REGISTRATIONS x RESOURCES policies in all."""
    return [
        {
            "resources": {
                rf"/r{group}-{index}/.*": {
                    "origins": [rf"https://[a-z-]+\.tenant{index}\.example"],
                    "allow_headers": ["X-Allowed"],
                }
                for index in range(RESOURCES)
            }
        }
        for group in range(REGISTRATIONS)
    ]


def _letters(number: int) -> str:
    """A distinct run of lower-case letters for each number."""
    text = ""
    while True:
        number, digit = divmod(number, 26)
        text += string.ascii_lowercase[digit]
        if number == 0:
            return text


def _padded(prefix: str, number: int, length: int, suffix: str = "") -> str:
    """`prefix`, letters unique to `number`, padding and `suffix`: `length` characters."""
    unique = f"{prefix}{_letters(number)}-"
    return unique + "x" * (length - len(unique) - len(suffix)) + suffix


def hostile_requests(count: int) -> Iterator[tuple[str, str, dict[str, str]]]:
    """`count` requests (method, path, headers), each value new, in a fixed order."""
    for number in range(count):
        group, resource = divmod(number % (REGISTRATIONS * RESOURCES), RESOURCES)
        tenant = f".tenant{resource}.example"
        path = _padded(f"/r{group}-{resource}/", number, LONGEST_KEY)  # just short enough
        kind = number % 10  # mostly preflights: the costliest entries fill the budget fastest
        if kind == 0:  # an allowed Origin, as long as is remembered
            origin = _padded("https://", number, LONGEST_KEY, tenant)
            yield "GET", path, {"Origin": origin}
        elif kind == 1:  # a refused Origin, as long as is remembered
            yield "GET", path, {"Origin": _padded("https://", number, LONGEST_KEY, ".evil")}
        elif kind == 2:  # a 404 path far too long to remember
            yield "GET", _padded("/missing/", number, LONG_PATH), {"Origin": "https://a.evil"}
        elif kind in (3, 4):  # a 404 path just short enough: every registration keeps it
            yield "GET", _padded("/missing/", number, LONGEST_KEY), {"Origin": "https://a.evil"}
        else:  # a preflight asking for many short names, all refused
            origin = f"https://{_letters(number)}{tenant}"
            method = "PUT"
            room = LONGEST_KEY - len(origin) - len(method) - len(_letters(number)) - 1
            names = ",".join(["ab"] * (room // 3))
            yield (
                "OPTIONS",
                path,
                {
                    "Origin": origin,
                    "Access-Control-Request-Method": method,
                    "Access-Control-Request-Headers": f"{_letters(number)},{names}",
                },
            )


Request = tuple[str, str, dict[str, str]]


def wsgi_environ(method: str, path: str, headers: dict[str, str]) -> dict[str, Any]:
    """A WSGI environ as a server builds it (no test client: its URL parsing caches)."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def asgi_scope(method: str, path: str, headers: dict[str, str]) -> dict[str, Any]:
    """An ASGI HTTP scope as a server builds it."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("latin-1"),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
        "client": ("127.0.0.1", 1234),
        "server": ("localhost", 80),
        "extensions": {},
    }


def retained_bytes(send_all: Callable[[], object]) -> int:
    """Bytes allocated while `send_all()` runs that are still alive afterwards (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        send_all()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
