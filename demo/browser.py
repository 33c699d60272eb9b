"""Debian's Chromium under Playwright, as the tests and the screenshot use it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "launch_chromium", "screenshot_demo"]

CHROMIUM: Final = Path("/usr/bin/chromium")
"""Debian's Chromium (package `chromium`); Playwright's own browser download is not used."""

CHROMIUM_ARGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Follow the Fetch standard: Access-Control-Allow-Headers: * never covers Authorization.
    "--enable-features=CorsNonWildcardRequestHeadersSupport",
)


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch headless Chromium with a fresh, temporary profile."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
    )


def screenshot_demo(path: Path) -> None:
    """Start the demo on ephemeral ports, run every scenario, save the page as a PNG."""
    from playwright.sync_api import sync_playwright

    from .run import start_demo

    demo = start_demo()
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(demo.page_url)
            page.click("#run-all")
            page.wait_for_selector("body[data-all-done]")
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
            browser.close()
    finally:
        demo.stop()
