"""The scorecard across tabs, versions and a full storage (issue 18), in real headless Chromium.

Two tabs are two pages of one browser context: they share localStorage and get each other's `storage`
events, as two tabs of one browser do. An "older version" of the page is the same page served with the
guide data of an earlier release (one flag fewer, a lower data version), as a tab left open for days is.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from test_scorecard import CRITICAL, KEY, SERIOUS, add_program, flag, open_scorecard, program, rate, stored

pytestmark = pytest.mark.browser

FORMAT = "img-red-flags-scorecard"
DATA_BLOCK = re.compile(r'(<script type="application/json" id="scorecard-data">)(.*?)(</script>)', re.S)
# A tab that has not yet handled the other tab's writes (busy, or frozen in the background): its
# `storage` events are held back while window.deaf is true.
DEAF = "window.addEventListener('storage', e => { if (window.deaf) e.stopImmediatePropagation(); }, true);"


def scorecard_file(programs: list[dict]) -> bytes:
    return json.dumps(
        {"format": FORMAT, "format_version": 1, "data_version": "1.0.0", "programs": programs}
    ).encode()


def load_file(page, content: bytes) -> None:
    page.locator("#sc-import").set_input_files(
        files=[{"name": "scorecard.json", "mimeType": "application/json", "buffer": content}]
    )


def names(page) -> list[str]:
    return page.locator("article.sc-program h3").all_text_contents()


def stored_names() -> str:
    return f"JSON.parse(localStorage.getItem('{KEY}')).programs.map(p => p.name)"


def older_tab(context, without: str):
    """A tab on the scorecard as an older release built it: data version 1.0.0, no flag `without`."""
    tab = context.new_page()

    def older(route):
        response = route.fetch()
        html = response.text()
        block = DATA_BLOCK.search(html)
        data = json.loads(block.group(2))
        data["data_version"] = "1.0.0"
        data["flags"] = [f for f in data["flags"] if f["id"] != without]
        text = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        # Not kept in the HTTP cache, so that a reload once the route is gone gets the current page.
        headers = {
            k: v
            for k, v in response.headers.items()
            if k.lower() not in ("last-modified", "etag", "content-length")
        }
        route.fulfill(
            status=response.status,
            headers={**headers, "cache-control": "no-store"},
            body=html[: block.start(2)] + text + html[block.end(2) :],
        )

    tab.route("**/scorecard/", older)
    tab.on("dialog", lambda dialog: dialog.accept())
    tab.goto("scorecard/")
    expect(tab.locator("#sc-tool")).to_be_visible()
    return tab


def test_a_tab_on_an_older_version_never_writes_over_newer_data(page, catalog):
    assert catalog.meta["version"] > "1.0.0"
    old = older_tab(page.context, without=CRITICAL)
    open_scorecard(page)
    add_program(page, "Alpha Medical Center")
    rate(page, catalog, "Alpha Medical Center", CRITICAL, "Seen", "GME could not name who files the visa")

    # The old tab does not know that flag: it says it is out of date and offers a reload...
    expect(old.locator("#sc-stale")).to_contain_text("This page is out of date")
    expect(old.get_by_role("button", name="Reload the page")).to_be_visible()
    # ...and writes nothing, even when the reader tries.
    old.locator("#sc-add-name").fill("Written by the old tab")
    old.get_by_role("button", name="Add program").click()
    expect(old.locator("#sc-add-error")).to_contain_text("out of date")
    data = stored(page)
    assert data["data_version"] == catalog.meta["version"]
    assert data["programs"][0]["flags"][CRITICAL] == {
        "rating": "seen",
        "note": "GME could not name who files the visa",
    }
    assert data["programs"][0]["notes"] == ""
    assert [p["name"] for p in data["programs"]] == ["Alpha Medical Center"]

    # Reloaded (now on the current version), the old tab shows what the newer one saved.
    old.unroute("**/scorecard/")
    old.get_by_role("button", name="Reload the page").click()
    seen = flag(old, "Alpha Medical Center", catalog, CRITICAL).get_by_label("Seen", exact=True)
    expect(seen).to_be_checked(timeout=20_000)  # a reload with two busy tabs
    expect(old.locator("#sc-stale")).to_be_hidden()


def test_a_write_starts_from_what_is_stored_now(page, catalog):
    """Tab B changes a program after tab A changed it, before B heard of A's change: both are kept."""
    open_scorecard(page)
    add_program(page, "Alpha Medical Center")
    b = page.context.new_page()
    b.add_init_script(DEAF)
    b.on("dialog", lambda dialog: dialog.accept())
    b.goto("scorecard/")
    expect(program(b, "Alpha Medical Center")).to_be_visible()
    b.evaluate("window.deaf = true")

    rate(page, catalog, "Alpha Medical Center", SERIOUS, "Unsure")
    add_program(page, "Beta University")
    rate(b, catalog, "Alpha Medical Center", CRITICAL, "Seen")

    alpha = stored(page)["programs"][0]
    assert alpha["flags"] == {
        SERIOUS: {"rating": "unsure", "note": ""},
        CRITICAL: {"rating": "seen", "note": ""},
    }
    assert page.evaluate(stored_names()) == ["Alpha Medical Center", "Beta University"]
    # Tab B drew what it had missed, with its own change.
    expect(program(b, "Beta University")).to_be_visible()
    expect(
        flag(b, "Alpha Medical Center", catalog, SERIOUS).get_by_label("Unsure", exact=True)
    ).to_be_checked()


def test_a_change_to_a_program_removed_in_another_tab_is_asked_about_not_dropped(page, catalog):
    open_scorecard(page)
    add_program(page, "Alpha Medical Center")
    b = page.context.new_page()
    b.add_init_script(DEAF)
    asked: list[str] = []
    b.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    b.goto("scorecard/")
    expect(program(b, "Alpha Medical Center")).to_be_visible()
    b.evaluate("window.deaf = true")

    program(page, "Alpha Medical Center").locator("summary").first.click()
    program(page, "Alpha Medical Center").get_by_role("button", name="Remove this program").click()
    expect(page.locator("article.sc-program")).to_have_count(0)
    rate(b, catalog, "Alpha Medical Center", CRITICAL, "Seen")
    expect(b.locator("article.sc-program")).to_have_count(1)
    assert asked and "was removed in another tab" in asked[-1] and "Alpha Medical Center" in asked[-1]
    # The kept change is written once the reader answers the dialog: wait for it, then read it.
    page.wait_for_function(f"() => {stored_names()}.length === 1")
    assert stored(page)["programs"][0]["flags"] == {CRITICAL: {"rating": "seen", "note": ""}}


def test_replace_names_the_programs_it_replaces_and_keeps_a_change_made_meanwhile(page):
    open_scorecard(page)  # accepts the first dialogs, on this page only
    load_file(page, scorecard_file([{"id": "pmine001", "name": "Mine"}, {"id": "pkeep001", "name": "Kept"}]))
    expect(page.locator("#sc-data-status")).to_contain_text("Loaded 2 program(s)")

    a = page.context.new_page()
    a.goto("scorecard/")
    expect(a.locator("#sc-tool")).to_be_visible()
    with a.expect_event("dialog") as asking:
        load_file(a, scorecard_file([{"id": "pmine001", "name": "From the file"}]))
    question = asking.value
    # It names the reader's program that would go (and what the file calls it), and no other.
    assert "Mine" in question.message and "From the file" in question.message, question.message
    assert "Kept" not in question.message

    # While the question is open, another tab adds a program.
    add_program(page, "Added meanwhile")
    question.accept()
    expect(a.locator("#sc-data-status")).to_contain_text("Loaded 1 program(s)", timeout=20_000)
    assert page.evaluate(stored_names()) == ["From the file", "Kept", "Added meanwhile"]
    expect(program(a, "Added meanwhile")).to_be_visible()


def test_a_rename_typed_but_not_saved_is_kept_on_reload(page):
    open_scorecard(page)
    add_program(page, "Old name")
    alpha = program(page, "Old name")
    alpha.locator("summary").first.click()
    alpha.get_by_label("Program name", exact=True).fill("New name")  # still in the field: no change event
    page.reload()
    expect(program(page, "New name")).to_be_visible()
    assert page.evaluate(stored_names()) == ["New name"]


QUOTA = """
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (String(key) === "img-red-flags:scorecard") {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  }
  return setItem.call(this, key, value);
};
"""


def test_with_storage_full_a_new_program_is_kept_in_the_page_and_saved_as_a_file(page, tmp_path):
    page.add_init_script(QUOTA)
    open_scorecard(page)
    add_program(page, "Kept in the page")
    expect(page.locator("#sc-data-error")).to_contain_text("storage for this site is full")
    assert stored(page) is None
    with page.expect_download() as info:
        page.get_by_role("button", name="Save as a file (JSON)").click()
    info.value.save_as(tmp_path / "saved.json")
    saved = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in saved["programs"]] == ["Kept in the page"]
    add_program(page, "A second one")  # still kept, still in the page only
    assert names(page) == ["Kept in the page", "A second one"]


PERSIST = """
window.persistCalls = 0;
if (navigator.storage) {
  Object.defineProperty(navigator.storage, "persisted", { value: () => Promise.resolve(false) });
  Object.defineProperty(navigator.storage, "persist",
    { value: () => { window.persistCalls += 1; return Promise.resolve(true); } });
}
"""


def test_persistent_storage_is_asked_for_and_recorded_and_saving_is_reminded(page, catalog):
    page.add_init_script(PERSIST)
    open_scorecard(page)
    expect(page.locator("#sc-keep")).to_be_hidden()  # nothing to keep yet
    add_program(page, "Alpha Medical Center")
    meta = f"JSON.parse(localStorage.getItem('{KEY}:meta') || '{{}}')"
    keep = page.locator("#sc-keep")
    expect(keep).to_contain_text("agreed to keep your scorecard")  # the browser's answer, shown...
    assert page.evaluate(f"{meta}.persisted") is True  # ...and recorded
    assert page.evaluate("window.persistCalls") == 1
    expect(keep).to_contain_text("Not saved to a file yet")
    expect(page.locator("#sc-remind")).to_be_visible()

    with page.expect_download():
        page.locator("#sc-remind").get_by_role("button", name="Save as a file now").click()
    expect(keep).to_contain_text("Last saved to a file:")
    expect(page.locator("#sc-remind")).to_have_count(0)
    assert page.evaluate(f"{meta}.fileSaved")

    rate(page, catalog, "Alpha Medical Center", CRITICAL, "Seen")
    expect(page.locator("#sc-remind")).to_contain_text("changed your scorecard since then")
    page.reload()  # all of it is kept with the scorecard
    expect(keep).to_contain_text("Last saved to a file:")
    expect(page.locator("#sc-remind")).to_contain_text("changed your scorecard since then")
    assert page.evaluate("window.persistCalls") == 0  # already recorded: asked again only after a change


SAFARI_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
CHROME_IOS_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1"
)


@pytest.mark.parametrize(("agent", "told"), [(SAFARI_UA, True), (CHROME_IOS_UA, False), (None, False)])
def test_safari_readers_are_told_about_the_seven_days(browser, server, agent, told):
    from support import guarded_page

    options = {"user_agent": agent} if agent else {}
    with guarded_page(browser, server, viewport={"width": 390, "height": 844}, **options) as tab:
        tab.goto("scorecard/")
        expect(tab.locator("#sc-tool")).to_be_visible()
        notice = tab.locator("#sc-safari")
        if told:
            expect(notice).to_be_visible()
            expect(notice).to_contain_text("seven days")
        else:
            expect(notice).to_have_count(0)
