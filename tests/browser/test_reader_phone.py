"""The guide as a new reader meets it on a phone (390 x 844), in real Chromium: tasks first, red flags
that fold to a list of titles and unfold where an address points, a visible hierarchy, tap targets of
44 px, a Share button that gives the short address, an empty search and a 404 page that offer a way on.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from support import guarded_page, where_is

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def phone(browser, server):
    with guarded_page(browser, server, viewport=PHONE) as page:
        yield page


# ---- Tasks first -----------------------------------------------------------------------------------------

TASKS = {
    "Already in a bad program?": "already-in-one/#first-steps",
    "Preparing for an interview": "checklists/",
    "Check or share a red flag": "red-flags/",
    "Compare programs": "scorecard/",
}


def test_home_first_screen_offers_the_four_tasks(phone, server):
    phone.goto("")
    for name, target in TASKS.items():
        link = phone.locator(".home-tasks").get_by_role("link", name=name, exact=True)
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], f"{name!r} is below the first screen"
        assert link.evaluate("a => a.href") == server + target
    # the whole card is the tap target of its task
    phone.locator(".home-tasks li").nth(0).click(position={"x": 300, "y": 60})
    phone.wait_for_url(server + "already-in-one/#first-steps")


# ---- Flags you can scan ------------------------------------------------------------------------------------

MAX_SCREENS = 10


def test_red_flags_page_folded_is_at_most_ten_phone_screens(phone, catalog):
    phone.goto("red-flags/")
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height <= MAX_SCREENS * PHONE["height"], f"{height / PHONE['height']:.1f} phone screens"
    # folded, yet every flag's title and severity shows
    for flag_id, flag in catalog.flags.items():
        entry = phone.locator(f".flag:has(> [id='{flag_id}'])")
        assert entry.locator("details").get_attribute("open") is None, flag_id
        assert entry.get_by_role("heading", name=flag["title"]).is_visible()
        assert entry.locator("summary .severity").inner_text().lower() == flag["severity"]
        assert not entry.locator(".flag__label").first.is_visible(), f"{flag_id}: details not folded"


def test_every_flag_title_and_severity_within_two_screens_at_the_top(phone, catalog):
    phone.goto("red-flags/")
    rows = phone.locator(".flag-index li")
    assert rows.count() == len(catalog.flags)
    span = phone.evaluate("""() => { const r = [...document.querySelectorAll('.flag-index li')]
      .map(li => li.getBoundingClientRect()); return r[r.length - 1].bottom - r[0].top; }""")
    assert span <= 2 * PHONE["height"], f"the overview spans {span / PHONE['height']:.1f} screens"
    for flag_id, flag in catalog.flags.items():
        row = rows.filter(has=phone.locator(f"a[href='#{flag_id}']"))
        assert row.locator(".severity").inner_text().lower() == flag["severity"]
    rows.filter(has=phone.locator("a[href='#guarded-fellows']")).get_by_role("link").click()
    phone.wait_for_function("document.querySelector('.flag:has(> #guarded-fellows) details').open")
    assert where_is(phone, "guarded-fellows") == "visible"


def _open_flags(page) -> list[str]:
    return page.eval_on_selector_all(".flag:has(details[open]) > h3", "hs => hs.map(h => h.id)")


def test_a_deep_link_unfolds_its_flag_only(phone):
    phone.goto("red-flags/#culture-of-fear")
    assert _open_flags(phone) == ["culture-of-fear"]
    assert where_is(phone, "culture-of-fear") == "visible"
    assert phone.locator(".flag:has(> #culture-of-fear) .flag__label").first.is_visible()


def test_a_hash_change_on_the_same_page_unfolds_the_new_target(phone):
    phone.goto("red-flags/")
    phone.evaluate("location.hash = '#high-turnover'")
    phone.wait_for_function("document.querySelector('.flag:has(> #high-turnover) details').open")
    assert where_is(phone, "high-turnover") == "visible"
    # a link inside the page (a related flag) does the same
    phone.locator(".flag:has(> #high-turnover) .flag__related a").first.click()
    target = phone.evaluate("location.hash.slice(1)")
    phone.wait_for_function(f"document.querySelector('.flag:has(> #{target}) details').open")


def test_question_bank_folds_by_audience_and_unfolds_its_target(phone, catalog):
    phone.goto("questions/#typical-week")
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height <= MAX_SCREENS * PHONE["height"], f"{height / PHONE['height']:.1f} phone screens"
    opened = phone.eval_on_selector_all(".question:has(details[open]) > h3", "hs => hs.map(h => h.id)")
    assert opened == ["typical-week"]
    assert phone.locator(".question:has(> #typical-week) .question__ask").is_visible()
    # by audience: one folded list per audience, each question once in every list it belongs to
    lists = phone.locator(".by-audience details")
    assert lists.count() == len(catalog.audiences)
    for n, (aid, audience) in enumerate(catalog.audiences.items()):
        count = sum(aid in q["ask"] for q in catalog.questions.values())
        summary = lists.nth(n).locator("summary")
        assert summary.inner_text() == f"{audience['title']}: {count} questions"
        summary.click()
        assert lists.nth(n).locator("ol > li").count() == count
    lists.nth(0).get_by_role("link").last.click()
    target = phone.evaluate("location.hash.slice(1)")
    phone.wait_for_function(f"document.querySelector('.question:has(> #{target}) details').open")


def test_print_shows_every_flag_unfolded(page):
    page.goto("red-flags/")
    page.emulate_media(media="print")
    hidden = page.eval_on_selector_all(
        ".flag .flag__label", "els => els.filter(e => !e.checkVisibility()).length"
    )
    assert hidden == 0
    assert not page.locator(".entry-share").first.is_visible()


# ---- A hierarchy you can see -------------------------------------------------------------------------------

CONTRAST = """el => {
  const rgba = c => c.match(/[\\d.]+/g).map(Number);
  const lin = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  const lum = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  let bg = null;  // the first opaque background up the tree
  for (let n = el; n && !bg; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c.length < 4 || c[3] === 1) bg = c.slice(0, 3);
  }
  bg = bg || [255, 255, 255];
  const fg = rgba(getComputedStyle(el).color), a = fg.length > 3 ? fg[3] : 1;
  const seen = fg.slice(0, 3).map((v, i) => v * a + bg[i] * (1 - a));  // text alpha over its background
  const [hi, lo] = [lum(seen), lum(bg)].sort((x, y) => y - x);
  return { ratio: (hi + 0.05) / (lo + 0.05), weight: Number(getComputedStyle(el).fontWeight) };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_titles_have_full_contrast_and_weight(browser, server, scheme):
    with guarded_page(browser, server, viewport=PHONE, color_scheme=scheme) as page:
        for url in ("", "red-flags/", "questions/", "faq/", "about/"):
            page.goto(url)
            title = page.locator(".md-content h1").evaluate(CONTRAST)
            assert title["ratio"] >= 7 and title["weight"] >= 600, (url, title)
        page.goto("red-flags/")
        flag_title = page.locator(".flag > h3").first.evaluate(CONTRAST)
        summary = page.locator(".flag summary").first.evaluate(CONTRAST)
        assert flag_title["ratio"] >= 7 and flag_title["weight"] > summary["weight"], (flag_title, summary)


# ---- Tap targets -------------------------------------------------------------------------------------------

CONTROLS = (
    "button, summary, [role=button], .md-button, label.md-header__button, .md-top, "
    ".md-search__form .md-search__icon"
)
SMALL = """async sel => (await Promise.all(document.getAnimations().map(a => a.finished)),
  [...document.querySelectorAll(sel)])
  .filter(e => e.checkVisibility({ visibilityProperty: true, opacityProperty: true })
               && e.getBoundingClientRect().width > 0)  // shown: Material fades the Clear button in
  .map(e => [e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40) || e.className,
             Math.round(e.getBoundingClientRect().height * 10) / 10])"""  # after transitions: Clear scales in


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_button_and_summary_is_at_least_44px_tall(browser, server, viewport):
    sizes = {}
    with guarded_page(browser, server, viewport=viewport) as page:
        for url in (
            "",
            "red-flags/#weak-visa-support",
            "questions/#typical-week",
            "faq/",
            "checklists/ask-gme/",
            "scorecard/",
            "about/",
        ):
            page.goto(url)
            sizes[url] = page.evaluate(SMALL, CONTROLS)
        # the search dialog, open with results
        page.goto("red-flags/")
        page.locator("label[for=__search]:visible, input.md-search__input:visible").first.click()
        box = page.locator("input.md-search__input")
        box.fill("visa")
        box.press("End")  # fill() alone does not send the query to the search worker
        page.locator(".md-search-result__more").first.wait_for()
        sizes["search"] = page.evaluate(SMALL, CONTROLS)
    assert all(sizes.values()), "no control found: the selector is wrong"
    small = {url: [s for s in found if s[1] < 44] for url, found in sizes.items()}
    assert not any(small.values()), small
    smallest = min(h for found in sizes.values() for _, h in found)
    print(f"smallest tap target at {viewport['width']} px wide: {smallest} px")


# ---- Share -----------------------------------------------------------------------------------------------

STUB_SHARE = (
    "window.__shared = []; "
    "navigator.share = data => { window.__shared.push(data); return Promise.resolve(); };"
)


@pytest.mark.parametrize(
    "address, short",
    [
        ("red-flags/#weak-visa-support", "f/weak-visa-support/"),
        ("questions/#typical-week", "f/typical-week/"),
        ("faq/#online-reviews", "f/online-reviews/"),
    ],
)
def test_share_uses_the_phone_share_sheet_with_the_short_address(phone, server, address, short):
    phone.add_init_script(STUB_SHARE)
    phone.goto(address)
    entry_id = address.split("#")[1]
    heading = phone.locator(f"[id='{entry_id}']")
    title = heading.evaluate("h => h.firstChild.textContent.trim()")
    button = phone.get_by_role("button", name=f"Share: {title}", exact=True)
    assert button.is_visible()
    assert button.evaluate("b => b.getBoundingClientRect().height") >= 44
    button.click()
    phone.wait_for_function("window.__shared.length === 1")
    assert phone.evaluate("window.__shared[0]") == {"title": title, "url": server + short}


def test_share_copies_the_short_address_without_a_share_sheet(browser, server):
    with guarded_page(browser, server, viewport=DESKTOP) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
        page.add_init_script("delete Navigator.prototype.share;")
        page.goto("red-flags/?h=visa#weak-visa-support")  # as from a search result: ?h= is not shared
        button = page.get_by_role("button", name="Share: Weak or careless visa support", exact=True)
        button.click()
        button.locator("xpath=following-sibling::*[@role='status']").filter(has_text="Link copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == server + "f/weak-visa-support/"


def test_share_never_offers_a_file_address(browser, site):
    """The site opened from disk, built without SITE_URL: no public address to share, so no button."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto((site / "red-flags" / "index.html").as_uri() + "#weak-visa-support")
        page.locator("#weak-visa-support").wait_for()
        assert page.locator(".flag:has(> #weak-visa-support) details").get_attribute("open") is not None
        assert page.locator(".entry-share__button").count() == 0
    finally:
        context.close()


# ---- Search that finds nothing, and the 404 page -----------------------------------------------------------

WAYS_ON = {
    "First steps if you are already in a bad program": "already-in-one/",
    "The question bank, for your interviews": "questions/",
    "All red flags, at a glance": "red-flags/",
}


def test_an_empty_search_says_so_and_offers_a_way_on(phone, server):
    phone.goto("red-flags/")
    phone.locator("label.md-header__button[for=__search]").click()
    box = phone.locator("input.md-search__input")
    box.fill("qzxwvk")
    box.press("End")
    phone.get_by_text("No matching documents").wait_for()
    hint = phone.locator(".search-empty")
    hint.wait_for()
    assert "Nothing in the guide matches" in hint.inner_text()
    for name, target in WAYS_ON.items():
        link = hint.get_by_role("link", name=name, exact=True)
        assert link.is_visible() and link.evaluate("a => a.href") == server + target
    box.fill("visa")
    box.press("End")
    phone.locator(".md-search-result__list > li").first.wait_for()
    assert not hint.is_visible()  # gone once something matches


class _With404(http.server.SimpleHTTPRequestHandler):
    """A static host whose "not found" page is 404.html, as the README asks hosts to set it up."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.directory_path / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_the_404_page_offers_the_main_sections_and_search(browser, site):
    handler = type("Handler", (_With404,), {"directory_path": site})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with guarded_page(browser, base, viewport=PHONE) as page:
            response = page.goto("red-flags/no/such/page/")
            assert response.status == 404
            assert page.locator("h1").inner_text() == "This page does not exist"
            for name, target in WAYS_ON.items():
                page.locator(".md-content").get_by_role("link", name=name, exact=True).click()
                page.wait_for_url(base + target)
                page.go_back()
            # styled (root-absolute assets load at any depth), and the search button opens search
            header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
            assert header == "sticky"
            page.locator(".md-content label.md-button[for=__search]").click()
            assert page.locator("input.md-search__input").is_visible()
    finally:
        httpd.shutdown()


LOOK = (
    "el => { const s = getComputedStyle(el); "
    "return [s.color, s.backgroundColor, s.borderTopColor, s.fontWeight]; }"
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_controls_keep_their_look_after_a_tap(browser, server, scheme):
    with guarded_page(
        browser, server, viewport=PHONE, has_touch=True, is_mobile=True, color_scheme=scheme
    ) as page:
        page.add_init_script(STUB_SHARE)
        page.goto("red-flags/#weak-visa-support")
        for control in (
            page.locator(".flag:has(> #weak-visa-support) .entry-share__button"),
            page.locator(".flag:has(> #culture-of-fear) summary"),
        ):
            before = control.evaluate(LOOK)
            control.tap()
            assert control.evaluate(LOOK) == before


# ---- Nothing jumps while a page loads ----------------------------------------------------------------------

SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(
  [e.value, e.sources.map(s => s.node ? s.node.nodeName + "." + s.node.className : "?").join(", ")]); })
  .observe({type: "layout-shift", buffered: true});"""
MAX_SHIFT = 0.01  # Lighthouse counts 0.1 as "good"; a worksheet that jumped measured 0.034


@pytest.mark.parametrize(
    "address", ["", "red-flags/", "checklists/after-contact/", "scorecard/", "my-record/"]
)
def test_a_page_does_not_jump_while_it_loads(phone, address):
    # Content that moves under a reader's thumb as scripts run (a button shown late, a box filled in) is
    # what Lighthouse's layout-shift score measures; a phone reader in a hurry taps the wrong thing.
    phone.add_init_script(SHIFTS)
    phone.goto(address)
    phone.wait_for_load_state("networkidle")
    phone.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    shifts = phone.evaluate("window.__shifts")
    assert sum(value for value, _ in shifts) <= MAX_SHIFT, shifts
