"""`python -m demo` (what `make demo` runs): serve the page and the APIs until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from .run import DEFAULT_PORTS, start_demo


def main(argv: list[str] | None = None) -> int:
    """Run the demo; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    for name, port in DEFAULT_PORTS.items():
        parser.add_argument(
            f"--{name}-port",
            type=int,
            default=port,
            help=f"port for the {name} server (default {port} if free; 0: any free port)",
        )
    parser.add_argument("--no-quart", action="store_true", help="leave the Quart API out")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="PNG",
        help="instead of serving: run every scenario in headless Chromium and save the page",
    )
    args = parser.parse_args(argv)
    if args.screenshot is not None:
        from .browser import screenshot_demo

        screenshot_demo(args.screenshot)
        print(f"saved {args.screenshot}")
        return 0

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    demo = start_demo(
        args.page_port,
        args.flask_port,
        None if args.no_quart else args.quart_port,
        echo=lambda line: print(line, flush=True),
    )
    print("flask_cors demo, serving on 127.0.0.1:")
    print(f"  Flask API  {demo.api_url('flask')}   (werkzeug, threaded)")
    if demo.quart_port is not None:
        print(f"  Quart API  {demo.api_url('quart')}   (hypercorn)")
    print(f"  Page       {demo.page_url}   <- open this in a browser")
    print("Press Ctrl-C to stop.", flush=True)
    try:
        while not stop.wait(0.5):  # a timed wait keeps the main thread responsive to signals
            pass
    finally:
        print("\nstopping...", flush=True)
        demo.stop()
    print("stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
