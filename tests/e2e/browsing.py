"""What the tests do in the page: click a scenario's button, or fetch from the page."""

from __future__ import annotations

from typing import Any, TypedDict, cast

from playwright.sync_api import BrowserContext, Page

__all__ = ["Seen", "click_scenario", "fetch_from", "open_page"]


class Seen(TypedDict, total=False):
    """What the page could read of an answer (demo.js `corsFetch`, plus scenario notes)."""

    outcome: str
    """"allowed", or "blocked": the browser turned the answer into a network error."""
    status: int | None
    headers: dict[str, str]
    """The response headers JavaScript could read, lower-cased names."""
    body: str | None
    cookie: str | None
    preflights: int
    note: str


def open_page(context: BrowserContext, url: str) -> Page:
    """Open the demo page at `url` and wait until its buttons are built."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("body[data-ready]")
    return page


def click_scenario(page: Page, api: str, scenario: str) -> Seen:
    """Click the scenario's Run button for `api` and return what the page recorded."""
    cell = page.locator(f'tr[data-scenario="{scenario}"] td[data-api="{api}"]')
    cell.get_by_role("button", name="Run").click()
    cell.locator('.result[data-state="done"]').wait_for()
    return cast(Seen, page.evaluate("key => window.demoResults[key]", f"{api}/{scenario}"))


def fetch_from(page: Page, url: str, init: dict[str, Any] | None = None) -> Seen:
    """`fetch(url, init)` from the page, as its own script would."""
    return cast(Seen, page.evaluate("([url, init]) => corsFetch(url, init)", [url, init or {}]))
