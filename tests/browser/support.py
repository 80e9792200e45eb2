"""Helpers for browser tests that need their own page or site (the `page` fixture is per test)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL ending in '/'."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@contextlib.contextmanager
def guarded_page(browser, base_url: str, **context_options):
    """A page on ``base_url`` like the `page` fixture's: any request to another origin fails the test."""
    context = browser.new_context(base_url=base_url, **context_options)
    offsite: list[str] = []

    def guard(route):
        if route.request.url.startswith((base_url, "data:", "blob:")):
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert not offsite, f"requests left the site: {offsite}"


IN_VIEW = """id => {
  const el = document.getElementById(id);
  if (!el) return "missing";
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const r = el.getBoundingClientRect();
  return r.top >= header - 1 && r.top < window.innerHeight ? "visible" : `top at ${r.top}px`;
}"""


def where_is(page, element_id: str) -> str:
    """'visible' when the element's top is in the viewport below the sticky header, else why not."""
    return page.evaluate(IN_VIEW, element_id)
