"""Blocked site data is not a broken site: with localStorage and sessionStorage denied, as a browser does
when cookies and site data are blocked, pages throw no error, search finds entries, and links work.

A blocked browser throws a SecurityError when a script reads window.localStorage or sessionStorage; the
init script makes the two getters do exactly that before any of the page's own scripts run.
"""

from __future__ import annotations

import pytest
from support import guarded_page

pytestmark = [pytest.mark.browser, pytest.mark.both_generators]

BLOCK = """
window.__blocked_reads = 0;
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() {
      window.__blocked_reads += 1;
      throw new DOMException(
        `Failed to read the '${name}' property from 'Window': Access is denied for this document.`,
        "SecurityError");
    },
  });
}
"""


@pytest.fixture
def blocked(browser, server):
    with guarded_page(browser, server, viewport={"width": 390, "height": 844}) as page:
        page.add_init_script(BLOCK)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page, errors


def test_the_block_is_real_in_this_browser(blocked):
    page, _ = blocked
    page.goto("red-flags/")
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__blocked_reads") >= 1  # a script tried storage and was refused


def test_pages_throw_no_error_with_storage_blocked(blocked):
    page, errors = blocked
    for address in ("", "red-flags/", "questions/", "scorecard/", "checklists/ask-gme/"):
        page.goto(address)
        page.wait_for_load_state("load")
        page.locator(".md-search__input, .md-search__button").first.wait_for(state="attached")
    assert not errors, errors


def test_search_works_with_storage_blocked(blocked):
    page, errors = blocked
    page.goto("")
    if page.locator(".md-search__button").count():  # Zensical: a search dialog, its button on wide screens
        page.set_viewport_size({"width": 1280, "height": 800})
        page.locator(".md-search__button").click()
        page.locator("dialog input[role=combobox]").fill("overworked")
        results = page.locator("dialog ol[role=listbox] > li a[href*='vague-workload']")
    else:  # Material: the header's search box, behind the phone's search button
        page.locator("label.md-header__button[for=__search]").click()
        box = page.locator("input.md-search__input")
        box.fill("overworked")
        box.press("End")
        results = page.locator("a.md-search-result__link[href*='vague-workload']")
    results.first.wait_for()
    assert results.count() >= 1
    assert not errors, errors


def test_navigation_works_with_storage_blocked(blocked):
    page, errors = blocked
    page.goto("")
    page.locator(".md-content a[href*='red-flags/']:visible").first.click()
    page.wait_for_url("**/red-flags/**")
    page.locator("label.md-header__button[for=__drawer]").click()  # the phone's menu
    page.locator(".md-nav--primary a[href*='faq/']:visible").first.click()
    page.wait_for_url("**/faq/**")
    assert page.locator("h1").first.inner_text()
    assert not errors, errors
