"""Safe to read when someone may be watching (issue 17), in real Chromium at phone size.

- "Exit this page": the click and Shift pressed three times blank the page and replace it (Back does not
  return to it); without JavaScript it is a plain link; it stays on screen while scrolling, not on paper.
- What a reader types in search reaches no address: not the address bar, not the history, not the
  requests the local server logs; and search loads only when it is first opened (issue 19).
- The keyboard reaches search results, and there is no invisible tab stop; scrolling rewrites no address.

The neutral site is never really fetched: the browser's request for it is answered by the test.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from support import guarded_page

from conftest import ROOT
from img_red_flags.postbuild.config import read_config
from tools import chromium

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
EXIT_URL = read_config(ROOT / "mkdocs.yml")["extra"]["exit_url"]
NEUTRAL = "<!doctype html><title>Weather</title><p>Forecast</p>"


@pytest.fixture
def logged(site):
    """The built site on its own server that records the path (with query) of every request."""
    paths: list[str] = []

    class Logging(chromium.QuietHandler):
        def do_GET(self):
            paths.append(self.path)
            super().do_GET()

    with chromium.serve(site, Logging) as base:
        yield base, paths


@pytest.fixture
def reader(browser, server):
    """A phone whose requests stay on the site, except the neutral site, which the test answers."""
    context = browser.new_context(base_url=server, viewport=PHONE)
    offsite: list[str] = []
    context.route(re.compile("^" + re.escape(EXIT_URL)), lambda route: route.fulfill(body=NEUTRAL))
    context.route(
        re.compile(r"^(?!" + re.escape(server) + "|" + re.escape(EXIT_URL) + ")"),
        lambda route: (offsite.append(route.request.url), route.abort()),
    )
    yield context.new_page()
    context.close()
    assert not offsite, f"requests left the site: {offsite}"


def exit_button(page):
    return page.locator(".exit-this-page").get_by_role("link", name="Exit this page", exact=True)


def help_link(page):
    return page.locator(".exit-this-page").get_by_role("link", name="Read safely", exact=True)


# ---- Exit this page ----------------------------------------------------------------------------------


def test_exit_button_stays_on_screen_while_scrolling_and_is_big_enough_to_tap(reader):
    reader.goto("red-flags/")
    for y in (0, 3000, 100000):
        reader.evaluate(f"window.scrollTo(0, {y})")
        box = exit_button(reader).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (y, box)
        assert box["height"] >= 44 and exit_button(reader).is_visible()
    assert help_link(reader).is_visible() and help_link(reader).bounding_box()["height"] >= 44


def test_exit_click_replaces_the_page_so_back_does_not_return_to_it(reader, server):
    reader.goto("red-flags/")
    reader.goto("already-in-one/")
    length = reader.evaluate("history.length")
    exit_button(reader).click()
    reader.wait_for_url(EXIT_URL)
    assert reader.evaluate("history.length") == length  # replaced, not added
    reader.go_back()
    assert reader.url == server + "red-flags/"  # the page before: the page being read is gone
    reader.go_forward()
    assert reader.url == EXIT_URL


def test_exit_blanks_the_page_at_once(reader):
    reader.goto("already-in-one/")
    state = reader.evaluate("""() => {
      document.querySelector('.exit-this-page__button').click();
      return { body: getComputedStyle(document.body).display, title: document.title.trim() };
    }""")
    assert state == {"body": "none", "title": "\u200b"}, state  # nothing of the guide, not even its title
    reader.wait_for_url(EXIT_URL)


def test_three_shift_presses_exit_and_a_capital_letter_does_not_count(reader):
    reader.goto("already-in-one/")
    length = reader.evaluate("history.length")
    status = reader.locator(".exit-this-page [role=status]")
    reader.keyboard.press("Shift")
    assert status.text_content() == "Shift, press 2 more times to exit."
    reader.keyboard.press("Shift+KeyA")  # Shift held for a capital: another key, so the count starts again
    assert status.text_content() == ""
    reader.keyboard.press("Shift")
    reader.keyboard.press("Shift")
    assert status.text_content() == "Shift, press 1 more time to exit."
    reader.keyboard.press("Shift")
    reader.wait_for_url(EXIT_URL)
    assert reader.evaluate("history.length") == length


def test_without_javascript_the_exit_button_is_a_plain_link(browser, server):
    context = browser.new_context(base_url=server, viewport=PHONE, java_script_enabled=False)
    context.route(re.compile("^" + re.escape(EXIT_URL)), lambda route: route.fulfill(body=NEUTRAL))
    try:
        page = context.new_page()
        page.goto("already-in-one/")
        button = exit_button(page)
        assert button.get_attribute("href") == EXIT_URL and button.is_visible()
        button.click()
        page.wait_for_url(EXIT_URL)
    finally:
        context.close()


def test_exit_button_is_left_out_of_print(reader):
    reader.goto("already-in-one/")
    reader.emulate_media(media="print")
    assert not exit_button(reader).is_visible()
    assert not help_link(reader).is_visible()


# ---- Search: no typed words in any address; loaded on first use ----------------------------------------


def open_search(page):
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.wait_for()
    return box


def type_and_wait(page, box, words: str, outcome: str = "matching document"):
    box.fill("")
    box.press_sequentially(words)
    page.wait_for_function(
        "re => new RegExp(re).test(document.querySelector('.md-search-result__meta').textContent)",
        arg=outcome,
    )


def history_urls(page) -> list[str]:
    """Every address in this tab's history, read by walking it back to the start and forward again
    (go_back returns no response for a same-page #fragment entry, so count the entries instead)."""
    length = page.evaluate("history.length")
    urls = [page.url]
    for _ in range(length - 1):
        page.go_back(wait_until="load")
        urls.insert(0, page.url)
    for _ in range(length - 1):
        page.go_forward(wait_until="load")
    return urls


def test_typed_words_reach_no_address_history_or_server_log(browser, logged):
    base, paths = logged
    typed = ["lawyer", "retaliation", "harass", "qzxwvk"]
    with guarded_page(browser, base, viewport=PHONE) as page:
        page.goto("red-flags/")
        # a result opened by a tap
        box = open_search(page)
        type_and_wait(page, box, "lawyer")
        link = page.locator(".md-search-result__link").first
        assert "lawyer" not in link.get_attribute("href")
        link.click()
        page.wait_for_load_state("load")
        # Enter in the search box opens the best result
        box = open_search(page)
        type_and_wait(page, box, "retaliation")
        with page.expect_navigation():
            box.press("Enter")
        # a suggestion taken with the right arrow key, then Enter
        box = open_search(page)
        type_and_wait(page, box, "harass")
        box.press("ArrowRight")
        with page.expect_navigation():
            box.press("Enter")
        # Enter when nothing matches, then a way on from the empty search
        box = open_search(page)
        type_and_wait(page, box, "qzxwvk", "No matching documents")
        box.press("Enter")
        page.locator(".search-empty").get_by_role("link", name=re.compile("First steps")).click()
        page.wait_for_url(base + "already-in-one/")
        urls = history_urls(page)
    assert len(urls) >= 4, urls
    recorded = [*urls, *paths]
    assert not [r for r in recorded for word in typed if word in r.lower()], recorded
    assert not [r for r in recorded if "?" in r], recorded  # no query string of any kind


def test_search_loads_only_when_first_opened_then_works(browser, logged):
    base, paths = logged
    with guarded_page(browser, base, viewport=PHONE) as page:
        page.goto("red-flags/")
        page.wait_for_load_state("networkidle")
        page.goto("questions/")
        page.wait_for_load_state("networkidle")
        searched = [p for p in paths if "search_index" in p or "/workers/search" in p]
        assert paths and not searched, searched  # two page views, no index and no worker
        box = open_search(page)
        type_and_wait(page, box, "visa sponsorship")
        assert page.locator(".md-search-result__link").count() > 0
    assert any("search/search_index.json" in p for p in paths) and any("/workers/search" in p for p in paths)


# ---- Keyboard -----------------------------------------------------------------------------------------


def test_arrow_down_reaches_the_results_and_the_empty_search_links(browser, server):
    with guarded_page(browser, server, viewport=DESKTOP) as page:
        page.goto("")
        box = page.locator("input.md-search__input")
        box.click()
        type_and_wait(page, box, "visa")
        box.press("ArrowDown")
        assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
        box.focus()
        type_and_wait(page, box, "qzxwvk", "No matching documents")
        box.press("ArrowDown")
        assert page.evaluate("document.activeElement.closest('.search-empty') !== null")


VISIBLE_FOCUS = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  return { what: e.outerHTML.slice(0, 80), seen: r.width > 0 && r.height > 0 &&
           e.checkVisibility({ opacityProperty: true, visibilityProperty: true }) }; }"""


SEEN = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && e.checkVisibility({ opacityProperty: true, visibilityProperty: true }); }"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_invisible_tab_stop_in_search(browser, server, viewport):
    """Tab from the top of the page: every stop up to the content comes into sight (on a phone the search
    box opens as it takes the focus). Material's colour-scheme switch is a hidden radio button whose label
    shows the focus: it is allowed by name."""
    with guarded_page(browser, server, viewport=viewport) as page:
        page.goto("faq/")
        unseen = []
        for _ in range(8):
            page.keyboard.press("Tab")
            what = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
            if "md-option" in what:
                continue
            try:
                page.wait_for_function(SEEN, timeout=5000)
            except PlaywrightTimeout:
                unseen.append(what)
        assert not unseen, unseen


def test_scrolling_leaves_the_address_alone(browser, server):
    """The address stays the one the reader opened while the table of contents follows the flags read
    (Material's navigation.tracking rewrote it, a flag behind)."""
    active = (
        "() => document.querySelector('.md-sidebar--secondary .md-nav__link--active')?.getAttribute('href')"
    )
    with guarded_page(browser, server, viewport=DESKTOP) as page:
        page.goto("red-flags/")
        seen = set()
        for flag in ("cheap-labor", "weak-mentorship", "career-misfit"):
            before = page.evaluate(active)
            page.evaluate(f"document.getElementById('{flag}').scrollIntoView()")
            page.wait_for_function(f"() => ({active})() !== {before!r}".replace("None", "null"))
            seen.add(page.evaluate(active))
            assert page.url == server + "red-flags/", page.url
        assert len(seen) == 3, seen
