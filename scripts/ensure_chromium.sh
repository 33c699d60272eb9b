#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests (tests/e2e).
# Installs it with apt-get when run as root; otherwise says loudly that the browser tests
# will be skipped. Whether a missing browser skips or fails is decided by
# tests/e2e/conftest.py: under CI (CI=true) it fails, never skips.
# Playwright's own browser download (`playwright install`) is never used.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: $CHROMIUM is missing; installing Debian's chromium package"
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -q && apt-get install -y -q chromium; then
        if [ -x "$CHROMIUM" ]; then
            exit 0
        fi
    fi
    echo "ensure_chromium: installing chromium failed" >&2
fi

echo "!!! BROWSER TESTS WILL BE SKIPPED: no $CHROMIUM (install Debian's chromium, or run" \
     "make test as root); under CI=true they fail instead !!!" >&2
exit 0
