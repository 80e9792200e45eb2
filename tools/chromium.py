"""Debian's Chromium and a loopback static server: the one copy that tests and tools share.

Never a downloaded browser (`playwright install` fetches one from the internet): Playwright drives
Debian's chromium (`apt-get install chromium`) through ``executable_path``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No GPU, no QUIC, nothing that phones home: the runs must not leave this machine.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def available() -> bool:
    return Path(CHROMIUM).exists()


def launch(playwright):
    """Headless Debian Chromium through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL ending in '/'."""
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
