"""Helpers for browser tests that need their own page or site (the `page` fixture is per test)."""

from __future__ import annotations

import contextlib

from tools.chromium import serve

__all__ = ["guarded_page", "serve", "where_is"]


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
