"""Fixtures for the browser tests: Debian's Chromium (via Playwright) and real servers.

Without /usr/bin/chromium the browser tests are skipped with one loud line, except under
CI (CI=true), where a missing browser fails them: CI must prove what a browser does.
`make test` installs Chromium first when it can (scripts/ensure_chromium.sh).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from quart import Quart

from demo.browser import CHROMIUM, launch_chromium
from demo.page import create_page_app
from demo.run import RunningDemo, start_demo
from demo.servers import AsgiServer, RequestLog, Server, WsgiServer, bind_loopback, stop_all

from .browsing import open_page

IN_CI = os.environ.get("CI", "").lower() in {"true", "1"}
_SKIPPED: pytest.StashKey[int] = pytest.StashKey()


def _missing() -> str:
    return f"{CHROMIUM} is missing (Debian package 'chromium'; make test installs it as root)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a browser (and not in CI), leave the browser tests out, said in one line."""
    if CHROMIUM.exists() or IN_CI:
        return  # in CI the `chromium` fixture fails every browser test instead
    browser_tests = [item for item in items if "chromium" in getattr(item, "fixturenames", ())]
    if browser_tests:
        config.hook.pytest_deselected(items=browser_tests)
        items[:] = [item for item in items if item not in browser_tests]
        config.stash[_SKIPPED] = len(browser_tests)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    skipped = config.stash.get(_SKIPPED, 0)
    if skipped:
        terminalreporter.write_line(
            f"!!! {skipped} BROWSER TESTS SKIPPED: {_missing()}; with CI=true they fail !!!",
            red=True,
            bold=True,
        )


@pytest.fixture(name="chromium", scope="session")
def _chromium() -> str:
    """The browser's path; every browser test depends on it. Fails in CI when missing."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    if IN_CI:
        pytest.fail(f"CI=true and {_missing()}: the browser tests must run in CI")
    pytest.skip(f"BROWSER TESTS SKIPPED: {_missing()}")  # only if collected regardless


# Package scope, not session: Playwright's sync API keeps an asyncio loop marked as
# running in this thread while it is open, which would break later async tests.
@pytest.fixture(name="playwright", scope="package")
def _playwright(chromium: str) -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(name="browser", scope="package")
def _browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch_chromium(playwright)
    yield browser
    browser.close()


@pytest.fixture(name="context")
def _context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh context per test: no cookies, empty HTTP and preflight caches."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture(name="running_demo", scope="package")
def _running_demo() -> Iterator[RunningDemo]:
    demo = start_demo()
    yield demo
    demo.stop()


@pytest.fixture(name="demo")
def _demo(running_demo: RunningDemo) -> RunningDemo:
    """The demo's servers, with empty request logs."""
    for log in (running_demo.flask_log, running_demo.quart_log):
        if log is not None:
            log.clear()
    return running_demo


@pytest.fixture(name="page")
def _page(context: BrowserContext, demo: RunningDemo) -> Page:
    """The demo page, loaded from http://localhost:PORT/ in a fresh context."""
    return open_page(context, demo.page_url)


ServeApi = Callable[[Flask | Quart], tuple[str, RequestLog]]


@pytest.fixture(name="serve_api")
def _serve_api() -> Iterator[ServeApi]:
    """Serve a Flask app (Werkzeug, threaded) or a Quart app (Hypercorn): (base URL, log)."""
    servers: list[Server] = []

    def serve(app: Flask | Quart) -> tuple[str, RequestLog]:
        log = RequestLog(app.name)
        server: Server
        if isinstance(app, Flask):
            server = WsgiServer(log.wsgi(app), bind_loopback())
        else:
            server = AsgiServer(log.asgi(app), bind_loopback())
        servers.append(server)
        return f"http://localhost:{server.port}", log

    yield serve
    stop_all(servers)


@pytest.fixture(name="second_page_url")
def _second_page_url(demo: RunningDemo) -> Iterator[str]:
    """The demo page served again on another port: same site, another origin."""
    server = WsgiServer(create_page_app(demo.flask_port, demo.quart_port), bind_loopback())
    yield f"http://localhost:{server.port}/"
    server.stop()
