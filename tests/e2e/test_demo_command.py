"""`python -m demo` (what `make demo` runs): prints its URLs, serves, and stops on Ctrl-C."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EPHEMERAL = ["--page-port", "0", "--flask-port", "0", "--quart-port", "0"]


@pytest.fixture(name="demo_process")
def _demo_process() -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    """The demo command on ephemeral ports, and the URLs it printed before 'Press Ctrl-C'."""
    with subprocess.Popen(
        [sys.executable, "-u", "-m", "demo", *EPHEMERAL],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        assert process.stdout is not None
        urls: dict[str, str] = {}
        for line in process.stdout:
            found = re.match(r"\s+(Flask API|Quart API|Page)\s+(http://\S+)", line)
            if found:
                urls[found.group(1)] = found.group(2)
            if line.startswith("Press Ctrl-C"):
                break
        try:
            yield process, urls
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)


def test_demo_prints_the_page_and_both_api_urls_on_localhost(
    demo_process: tuple[subprocess.Popen[str], dict[str, str]],
) -> None:
    _, urls = demo_process
    assert sorted(urls) == ["Flask API", "Page", "Quart API"]
    assert all(re.fullmatch(r"http://localhost:\d+/?", url) for url in urls.values())


def test_demo_page_points_at_the_apis_it_printed(
    demo_process: tuple[subprocess.Popen[str], dict[str, str]],
) -> None:
    _, urls = demo_process
    with urllib.request.urlopen(urls["Page"] + "config.js", timeout=30) as response:
        config = json.loads(response.read().decode().split("=", 1)[1].strip().rstrip(";"))
    assert (config["flask_port"], config["quart_port"]) == (
        int(urls["Flask API"].rsplit(":", 1)[1]),
        int(urls["Quart API"].rsplit(":", 1)[1]),
    )


def test_demo_stops_cleanly_on_ctrl_c(
    demo_process: tuple[subprocess.Popen[str], dict[str, str]],
) -> None:
    process, urls = demo_process
    with urllib.request.urlopen(urls["Flask API"] + "/api/hello", timeout=30) as response:
        assert response.status == 200
    process.send_signal(signal.SIGINT)
    assert process.stdout is not None
    rest = process.stdout.read()
    assert (process.wait(timeout=30), rest.splitlines()[-1]) == (0, "stopped.")
