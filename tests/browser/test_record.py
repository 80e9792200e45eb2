"""My record (docs/my-record.md) in real Chromium at phone size (390 x 844, touch), in New York time.

What a trainee does with it: log a week in a few taps, see the totals, the chart and the limits, reload,
use two tabs, lock and unlock, save a backup and load it back, print for an attorney, write incidents,
delete everything, and leave the page. Every request the page makes is recorded: none may leave the
site, and nothing typed may reach an address.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import time

import pytest
from playwright.sync_api import expect
from support import guarded_page

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
ZONE = {"timezone_id": "America/New_York"}
KEY = "img-red-flags:record"
FORMAT = "img-red-flags-record"
PASS = "correct horse battery staple"
CONTROLS = (
    ".rec:not([hidden]) button:not([hidden]), .rec:not([hidden]) select,"
    " .rec:not([hidden]) input:not([type=radio]):not([type=file]),"
    " .rec:not([hidden]) textarea, .rec:not([hidden]) summary, .rec-choice"
)


def four_weeks() -> dict:
    """A backup file: 2-29 Nov 2026 (EST), 12-hour shifts 07:00-19:00 Monday to Saturday (72 h a week),
    but Saturday 14 Nov a 24-hour call with only 12 hours off after it, 2.5 hours of at-home call worked
    on Wednesday 18 Nov, and two incidents; tricky text on purpose."""
    periods = []
    day = datetime.date(2026, 11, 2)
    for i in range(28):
        d = day + datetime.timedelta(days=i)
        if d.weekday() == 6 or d == datetime.date(2026, 11, 14):
            continue
        periods.append(
            {
                "id": f"p{i:05d}aa",
                "start": f"{d}T07:00-05:00",
                "end": f"{d}T19:00-05:00",
                "place": "site",
                "kind": "clinical",
                "note": "=SUM(A1)" if i == 0 else "",
            }
        )
    # Saturday 14 Nov 19:00 -> Sunday 15 Nov 19:00 call, then back Monday 16 Nov at 07:00 (12 h off).
    periods.append(
        {
            "id": "pcall0001",
            "start": "2026-11-14T19:00-05:00",
            "end": "2026-11-15T19:00-05:00",
            "place": "site",
            "kind": "it",
            "note": "Go-live weekend",
        }
    )
    periods.append(
        {
            "id": "phome0001",
            "start": "2026-11-18T21:00-05:00",
            "end": "2026-11-18T23:30-05:00",
            "place": "home",
            "kind": "home-call",
            "note": "Ünïcødé 医院 🏥",
        }
    )
    periods.sort(key=lambda p: p["start"])  # the page keeps them in time order (all -05:00 here)
    incidents = [
        {
            "id": "iaaaaaa1",
            "date": "2026-11-10",
            "time": "08:15",
            "where": "Informatics office",
            "who": "Program director, one co-fellow",
            "what": "Asked me to cover the go-live weekend.",
            "said": '"Your visa renewal depends on how you help us this month."',
            "visa": "yes",
            "next": "Wrote this down the same day.",
        },
        {
            "id": "iaaaaaa2",
            "date": "2026-11-20",
            "time": "",
            "where": "",
            "who": "",
            "what": "Told not to log the go-live hours.",
            "said": "",
            "visa": "no",
            "next": "",
        },
    ]
    return {
        "format": FORMAT,
        "format_version": 1,
        "saved": "2026-12-01T00:00:00.000Z",
        "settings": {"accredited": "yes"},
        "periods": periods,
        "incidents": incidents,
    }


def body(data: dict) -> dict:
    """A backup without the moment it was saved: what must round-trip exactly."""
    return {k: v for k, v in data.items() if k != "saved"}


@pytest.fixture
def requests_seen():
    return []


@pytest.fixture
def dialogs():
    return []


@pytest.fixture
def phone(browser, server, requests_seen, dialogs):
    with guarded_page(browser, server, **PHONE, **ZONE) as page:
        page.on("request", lambda r: requests_seen.append(r.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto("my-record/")
        expect(page.locator("#rec-hours-panel")).to_be_visible()
        yield page
        assert not problems, problems


def load_file(page, data: dict | str) -> None:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    page.locator("#rec-import").set_input_files(
        files=[{"name": "r.json", "mimeType": "application/json", "buffer": text.encode()}]
    )


def saved(page, button: str, tmp_path) -> bytes:
    with page.expect_download() as info:
        page.locator(button).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def periods_shown(page) -> int:
    return page.locator("#rec-periods li").count()


def stored(page) -> str:
    return page.evaluate("key => localStorage.getItem(key)", KEY) or ""


# ---- Hours ---------------------------------------------------------------------------------------------


def test_a_week_is_logged_in_ten_taps_and_kept_across_a_reload(phone, server, requests_seen, capsys):
    taps = 0
    began = time.perf_counter()
    for field, value in (
        ("#rec-date", "2026-11-02"),
        ("#rec-start-time", "07:00"),
        ("#rec-end-time", "19:00"),
    ):
        phone.locator(field).tap()
        phone.locator(field).fill(value)
        taps += 1
    phone.locator("#rec-add").tap()
    taps += 1
    expect(phone.locator("#rec-log-status")).to_contain_text("Saved: 2026-11-02 07:00 to 19:00 (12 h)")
    for n in range(2, 8):
        phone.locator("#rec-repeat").tap()
        taps += 1
        expect(phone.locator("#rec-periods-summary")).to_have_text(f"Periods you logged ({n})")
    seconds = time.perf_counter() - began
    with capsys.disabled():  # a figure for the report, never asserted as time
        print(f"\n  my-record: one week logged in {taps} taps, {seconds:.1f} s in headless Chromium")
    assert taps == 10
    # Seven days of 12 hours in the week of Monday 2 November: 84 hours, over 80 that week.
    row = phone.locator("#rec-weeks-body tr").first
    expect(row).to_contain_text("2026-11-02")
    expect(row.locator("td").first).to_contain_text("84 over 80")
    assert phone.locator("#rec-chart svg rect.rec-bar--over").count() == 1
    expect(phone.locator("#rec-chart svg title")).to_contain_text("1 week, 1 over 80 hours")
    # One week over 80 is not over the four-week average; the block is not finished.
    expect(phone.locator(".rec-block").first).to_contain_text("84 hours in all")
    phone.reload()
    expect(phone.locator("#rec-periods-summary")).to_have_text("Periods you logged (7)")
    expect(phone.locator("#rec-weeks-body tr").first.locator("td").first).to_contain_text("84")
    # Nothing typed reached an address, and the page's own address never changed.
    assert phone.url.split("#")[0] == server + "my-record/"  # Material may add the section's own #anchor
    assert all("19:00" not in url and "2026-11" not in url for url in requests_seen)


def test_a_period_past_midnight_gets_the_next_day(phone):
    phone.locator("#rec-date").fill("2026-11-20")
    phone.locator("#rec-start-time").fill("20:00")
    phone.locator("#rec-end-time").fill("08:00")
    expect(phone.locator("#rec-end-date")).to_have_value("2026-11-21")
    phone.locator("#rec-add").click()
    expect(phone.locator("#rec-log-status")).to_contain_text("2026-11-20 20:00 to 2026-11-21 08:00 (12 h)")


def test_four_weeks_show_the_limits_and_why(phone):
    load_file(phone, four_weeks())
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    expect(phone.locator("#rec-applies")).to_contain_text("apply to your program")
    latest = phone.locator(".rec-block").first
    expect(latest).to_contain_text("Weeks of 2026-11-02 to 2026-11-29")
    # 4 x 72 - 12 (no shift on Sat 14) + 24 (the call) + 2.5 (from home) = 302.5 hours: 75.6 a week.
    expect(latest).to_contain_text("302.5 hours in all, 75.6 a week on average")
    expect(latest.locator(".rec-check").nth(0)).to_contain_text("Within the limit")
    # Free: Sundays 8 and 22 Nov (36 h breaks), Sun 29 Nov (29 h to the block's end), and Fri 13 19:00 to
    # Sat 14 19:00 (24 h before the call); not Sunday 15 Nov (the call ends 19:00, back at 07:00): 4.
    expect(latest.locator(".rec-check").nth(1)).to_contain_text("Within the limit")
    expect(latest.locator(".rec-check").nth(1)).to_contain_text("4 days free (at least 4)")
    # The call: 24 hours in a row is within; 12 hours off after it is under the 14 the rule asks for.
    expect(latest.locator(".rec-check").nth(2)).to_contain_text("no period longer than 24 hours")
    expect(latest.locator(".rec-check").nth(3)).to_contain_text("Over the limit")
    expect(latest.locator(".rec-check").nth(3)).to_contain_text("2026-11-15 (12 h off, 14 needed)")
    # Every rule shown links to its words on this page, which name their source.
    expect(phone.locator("#rest .rec-rule__source")).to_contain_text("Common Program Requirements")
    phone.locator("#rec-accredited").select_option("no")
    expect(phone.locator("#rec-applies")).to_contain_text("do not bind your program")
    phone.reload()
    expect(phone.locator("#rec-accredited")).to_have_value("no")


def test_two_tabs_never_overwrite_each_other(phone):
    other = phone.context.new_page()
    other.on("dialog", lambda d: d.accept())
    other.goto(phone.url)
    expect(other.locator("#rec-hours-panel")).to_be_visible()
    phone.locator("#rec-date").fill("2026-11-02")
    phone.locator("#rec-start-time").fill("07:00")
    phone.locator("#rec-end-time").fill("19:00")
    phone.locator("#rec-add").click()
    expect(other.locator("#rec-periods-summary")).to_have_text("Periods you logged (1)")  # told at once
    other.locator("#rec-repeat").click()
    expect(phone.locator("#rec-periods-summary")).to_have_text("Periods you logged (2)")
    # A write this tab did not hear about (a tab writes without telling itself) is never overwritten.
    phone.evaluate(
        """key => { const env = JSON.parse(localStorage.getItem(key)); const p = env.record.periods[1];
        env.record.periods.push({...p, id: "elsewhere1", start: "2026-11-10T07:00-05:00",
                                 end: "2026-11-10T19:00-05:00"});
        env.rev += 1; localStorage.setItem(key, JSON.stringify(env)); }""",
        KEY,
    )
    phone.locator("#rec-repeat").click()
    # The change is made to the record as stored now: the other write is kept, and the reader is told.
    expect(phone.locator("#rec-error")).to_contain_text("changed in another tab")
    expect(phone.locator("#rec-periods-summary")).to_have_text("Periods you logged (4)")
    expect(other.locator("#rec-periods-summary")).to_have_text("Periods you logged (4)")
    assert "elsewhere1" in stored(phone)
    other.close()


# ---- Private -------------------------------------------------------------------------------------------


def test_lock_and_unlock(phone):
    load_file(phone, four_weeks())
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    phone.locator("#rec-pass").fill(PASS)
    phone.locator("#rec-pass2").fill(PASS)
    phone.locator("#rec-lock-set").click()
    expect(phone.locator("#rec-data-status")).to_contain_text("Locked", timeout=60000)
    raw = stored(phone)
    envelope = json.loads(raw)
    kdf = envelope["locked"]["kdf"]
    assert kdf == {"name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": kdf["salt"]}
    assert "record" not in envelope
    assert "Go-live" not in raw and "visa" not in raw and "2026-11" not in raw
    # Still open in this tab; after a reload it asks for the passphrase and shows nothing of the record.
    phone.reload()
    expect(phone.locator("#rec-unlock")).to_be_visible()
    expect(phone.locator("#rec-hours-panel")).to_be_hidden()
    assert "Go-live" not in phone.locator("main").inner_text()
    phone.locator("#rec-unlock-pass").fill("wrong passphrase")
    phone.get_by_role("button", name="Unlock").click()
    expect(phone.locator("#rec-unlock-error")).to_contain_text("does not open", timeout=60000)
    phone.locator("#rec-unlock-pass").fill(PASS)
    phone.get_by_role("button", name="Unlock").click()
    expect(phone.locator("#rec-periods-summary")).to_have_text("Periods you logged (25)", timeout=60000)
    # A change while unlocked is stored locked too.
    phone.locator("#rec-repeat").click()
    expect(phone.locator("#rec-periods-summary")).to_have_text("Periods you logged (26)")
    assert "data" in json.loads(stored(phone))["locked"]
    phone.locator("#rec-lock-now").click()
    expect(phone.locator("#rec-unlock")).to_be_visible()
    assert phone.locator("#rec-periods li").count() == 0
    # Unlock, then remove the lock: stored in the clear again, nothing lost.
    phone.locator("#rec-unlock-pass").fill(PASS)
    phone.get_by_role("button", name="Unlock").click()
    expect(phone.locator("#rec-lock-remove")).to_be_visible(timeout=60000)
    phone.locator("#rec-lock-remove").click()
    expect(phone.locator("#rec-data-status")).to_contain_text("lock is removed")
    assert len(json.loads(stored(phone))["record"]["periods"]) == 26


def test_leaving_the_page_takes_the_record_out_of_it(phone):
    load_file(phone, four_weeks())
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    for event in ("new PageTransitionEvent('pagehide')", "new Event('img-red-flags:exit')"):
        target = "window" if "pagehide" in event else "document"
        phone.evaluate(f"{target}.dispatchEvent({event})")
        assert phone.locator("#rec-periods li, #rec-incident-list li, #rec-weeks-body tr").count() == 0
        expect(phone.locator("#rec-hours-panel")).to_be_hidden()
        assert "Go-live" not in phone.content() and "visa renewal" not in phone.content()
        phone.reload()
        expect(phone.locator("#rec-periods-summary")).to_have_text(
            "Periods you logged (25)"
        )  # kept, only hidden


def test_an_identifier_is_flagged_and_the_words_are_still_saved(phone):
    words = "Asked about the patient MRN 00123456, DOB 04/05/1961, during the go-live."
    phone.locator("#rec-inc-date").fill("2026-11-25")
    phone.locator("#rec-inc-what").fill(words)
    phone.locator("#rec-inc-save").click()
    expect(phone.locator("#rec-phi")).to_contain_text("may identify a patient")
    expect(phone.locator("#rec-phi")).to_contain_text("00123456")
    assert "00123456" not in stored(phone)  # nothing saved on the first press
    expect(phone.locator("#rec-inc-save")).to_have_text("Save as written")
    phone.locator("#rec-inc-save").click()
    expect(phone.locator("#rec-inc-status")).to_contain_text("Saved the incident of 2026-11-25")
    assert json.loads(stored(phone))["record"]["incidents"][0]["what"] == words


def test_delete_everything_asks_once_and_deletes(phone, dialogs):
    load_file(phone, four_weeks())
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    phone.evaluate("localStorage.setItem('img-red-flags:record:unreadable:1', '{half')")
    dialogs.clear()
    phone.locator("#rec-clear").click()
    expect(phone.locator("#rec-data-status")).to_contain_text("Everything was deleted")
    assert len(dialogs) == 1 and "cannot be undone" in dialogs[0]
    keys = phone.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith(KEY)]
    phone.reload()
    expect(phone.locator("#rec-periods-summary")).to_have_text("Periods you logged (0)")


def test_unreadable_stored_data_is_offered_exactly_as_it_was(phone, tmp_path):
    raw = '{"format": "img-red-flags-record", "record": { half a record, ünïcødé 医院'
    phone.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])
    phone.reload()
    notice = phone.locator("#rec-unreadable")
    expect(notice).to_contain_text("could not read")
    with phone.expect_download() as info:
        notice.get_by_role("button", name="Download the unreadable record").click()
    info.value.save_as(tmp_path / "copy")
    assert (tmp_path / "copy").read_bytes() == raw.encode("utf-8")


# ---- Out -----------------------------------------------------------------------------------------------


def test_backup_round_trips_exactly(phone, tmp_path):
    data = four_weeks()
    load_file(phone, data)
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file: 27 new entries")
    first = json.loads(saved(phone, "#rec-export-json", tmp_path))
    assert body(first) == body(data)
    expect(phone.locator("#rec-saved")).to_contain_text("Last saved to a file on")
    phone.locator("#rec-clear").click()
    expect(phone.locator("#rec-data-status")).to_contain_text("Everything was deleted")
    load_file(phone, first)
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    second = json.loads(saved(phone, "#rec-export-json", tmp_path))
    assert body(second) == body(data)
    # Nothing from this machine: only the record's own keys.
    assert set(second) == {"format", "format_version", "saved", "settings", "periods", "incidents"}
    table = list(csv.reader(io.StringIO(saved(phone, "#rec-export-csv", tmp_path).decode("utf-8-sig"))))
    assert table[0] == ["start", "end", "hours", "where", "kind of work", "note"]
    assert len(table) == 1 + len(data["periods"])
    assert table[1] == [
        "2026-11-02T07:00-05:00",
        "2026-11-02T19:00-05:00",
        "12",
        "On site",
        "Clinical work",
        "'=SUM(A1)",
    ]


def test_a_file_past_a_limit_is_refused_and_nothing_changes(phone):
    load_file(phone, four_weeks())
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    before = stored(phone)
    bad = four_weeks()
    bad["periods"][0]["end"] = "2026-11-06T07:00-05:00"  # 96 hours in one period
    load_file(phone, bad)
    expect(phone.locator("#rec-data-error")).to_contain_text("longer than 72 hours")
    assert stored(phone) == before
    newer = {**four_weeks(), "format_version": 2}
    load_file(phone, newer)
    expect(phone.locator("#rec-data-error")).to_contain_text("newer version of this page")
    assert stored(phone) == before


def test_the_printout_is_dated_and_kept_by_the_trainee(phone, tmp_path):
    from pypdf import PdfReader

    load_file(phone, four_weeks())
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    # Printed from the browser's menu, the page never shows the record.
    phone.emulate_media(media="print")
    path = tmp_path / "page.pdf"
    phone.pdf(path=str(path))
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Go-live weekend" not in text and "visa renewal" not in text
    phone.emulate_media(media="screen")
    # Printed from its own button, for the dates asked for: the record, dated and attributed.
    phone.evaluate("window.print = () => {}")  # the dialog itself is the browser's; page.pdf() prints
    phone.locator("#rec-print-from").fill("2026-11-09")
    phone.locator("#rec-print-to").fill("2026-11-22")
    phone.locator("#rec-print").click()
    phone.emulate_media(media="print")
    phone.pdf(path=str(path), format="Letter")
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    today = phone.evaluate("window.RecordCalc.localDate(Date.now())")
    for expected in (
        "Record of work hours and incidents",
        "Kept by the trainee",
        f"Printed on {today}",
        "Covers 2026-11-09 to 2026-11-22",
        "Common Program Requirements",
        "visa renewal",
        "Told not to log",
        "Go-live weekend",
        "12 h off, 14 needed",
    ):
        assert expected in " ".join(text.split()), expected
    assert "2026-11-02" not in text  # outside the dates asked for
    assert "127.0.0.1" not in text and "file:" not in text
    phone.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert phone.locator("#rec-report").inner_text() == ""


# ---- Phone ---------------------------------------------------------------------------------------------


def test_every_control_is_a_thumb_sized_target(phone):
    load_file(phone, four_weeks())
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    phone.locator("#rec-periods-box summary").click()
    small = phone.evaluate(
        """sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null)
            .map(e => [e.id || e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)""",
        CONTROLS,
    )
    assert small == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_no_axe_violation_with_a_full_record(phone):
    from axe_playwright_python.sync_playwright import Axe

    load_file(phone, four_weeks())
    expect(phone.locator("#rec-data-status")).to_contain_text("Loaded the file")
    phone.locator("#rec-inc-what").fill("MRN 1234567")
    phone.locator("#rec-inc-save").click()
    expect(phone.locator("#rec-phi")).to_be_visible()
    results = Axe().run(phone)
    assert results.violations_count == 0, results.generate_report()


# ---- Found where it is needed ----------------------------------------------------------------------------

FOUND_BY = [
    ("log hours", "my-record/#hours"),
    ("duty hours", "my-record/#hours"),
    ("evidence", "my-record/#incidents"),
]


def test_search_finds_the_record(browser, server):
    from test_browser_search import search

    with guarded_page(browser, server) as page:
        page.goto("")
        for query, expected in FOUND_BY:
            shown = [r["address"] for r in search(page, query)]
            assert expected in shown[:3], f"{query!r}: top three were {shown[:3]}"
        search(page, "record")  # the page itself comes first, by its title
        first = page.locator(".md-search-result__list > li > a.md-search-result__link").first
        assert first.get_attribute("href").split("#")[0].split("?")[0].endswith("my-record/")


@pytest.mark.parametrize("page_url", ["", "already-in-one/", "faq/"])
def test_the_record_is_linked_where_it_is_needed(page, page_url):
    page.goto(page_url)
    assert page.locator("article a[href$='my-record/']").count() >= 1
