"""The Zensical build in real Chromium: no policy violation, search styled and finding, short addresses.

The policy admits the style Zensical's bundle puts in its search dialog's shadow root by its hash
(postbuild/csp.py): without it the browser refuses the style, and search works unstyled.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from support import guarded_page, serve, where_is

pytestmark = pytest.mark.browser

PAGES = ("", "red-flags/", "scorecard/", "checklists/ask-gme/", "f/vague-workload/", "404.html")
DIALOG = "() => [...document.body.children].find(e => e.shadowRoot)?.shadowRoot.querySelector('dialog')"


@pytest.fixture(scope="module")
def zensical_server(zensical_site):
    with serve(zensical_site) as base:
        yield base


@pytest.fixture
def zpage(browser, zensical_server):
    with guarded_page(browser, zensical_server) as page:
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        yield page
        assert not problems


@pytest.mark.parametrize("address", PAGES)
def test_page_loads_without_a_policy_violation(zpage, address):
    zpage.goto(address)
    zpage.wait_for_load_state("load")
    zpage.locator("dialog input[role=combobox]").wait_for(state="attached")  # drawn by the bundle after load


def search(page, query: str):
    page.goto("")
    page.locator(".md-search__button").click()
    page.locator("dialog input[role=combobox]").fill(query)
    results = page.locator("dialog ol[role=listbox] > li a")
    results.first.wait_for()
    return results


def test_search_is_styled_and_finds_an_entry_by_a_term_only_its_keywords_hold(zpage):
    results = search(zpage, "burnout")  # on no page: only in the entry's search terms
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(3, results.count()))]
    # a result's href: page and fragment, no query (search.highlight is off in mkdocs.yml, so the typed
    # words never reach the address bar)
    assert any(
        (u := urlsplit(h)).path.endswith("/red-flags/") and not u.query and u.fragment == "vague-workload"
        for h in hrefs
    ), hrefs
    # styled: a <style> the policy refuses stays in the shadow root with no sheet (and the dialog loses
    # its flex layout)
    assert zpage.evaluate(f"() => ({DIALOG})().getRootNode().styleSheets.length") == 1
    assert zpage.evaluate(f"() => getComputedStyle(({DIALOG})()).display") == "flex"


def test_short_address_lands_on_its_entry(zpage, zensical_server):
    zpage.goto("f/vague-workload/")
    zpage.wait_for_url("**/red-flags/#vague-workload")
    assert where_is(zpage, "vague-workload") == "visible"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", ["", "red-flags/", "scorecard/"])
def test_no_axe_violations(zpage, address, scheme):
    from axe_playwright_python.sync_playwright import Axe

    zpage.emulate_media(color_scheme=scheme)
    zpage.goto(address, wait_until="load")
    results = Axe().run(zpage)
    assert results.violations_count == 0, results.generate_report()
