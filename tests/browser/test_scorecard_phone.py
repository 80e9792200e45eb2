"""The scorecard on a phone (issue 11): a 390 x 844 touch screen, in light and dark mode, real Chromium.

The comparison reads without sideways scrolling (one card per program), every button and rating control
is a thumb-sized target of at least 44 px, and a control looks the same after a tap as before it.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from support import guarded_page, where_is
from test_scorecard import CRITICAL, SERIOUS

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
SCHEMES = ["light", "dark"]
LONG = "W" * 200  # a name at its limit with no place to break: it must wrap, not widen the page
DATA = {
    "format": "img-red-flags-scorecard",
    "format_version": 1,
    "data_version": "1.0.0",
    "programs": [
        {
            "id": "pphone01",
            "name": LONG,
            "notes": "https://example.invalid/" + "x" * 300,
            "flags": {
                CRITICAL: {"rating": "seen", "note": "N" * 2000},
                SERIOUS: {"rating": "unsure", "note": "short"},
            },
            "visa": {"visa-type-offered": {"value": "undecided", "note": "V" * 500}},
        },
        {"id": "pphone02", "name": "Beta University", "flags": {SERIOUS: {"rating": "not-seen", "note": ""}}},
    ],
}

# Every element of the scorecard a person taps: buttons, rating controls (the label holds the radio
# button and is the target), menus, fields, and the summaries that open a section.
CONTROLS = (
    "#sc-tool button, #sc-compare-panel button, #sc-data-panel button, .sc-rating, .sc select, "
    ".sc input:not([type=radio]), .sc textarea, .sc summary"
)


@pytest.fixture(params=SCHEMES)
def phone(request, browser, server):
    with guarded_page(browser, server, color_scheme=request.param, **PHONE) as page:
        page.on("dialog", lambda dialog: dialog.dismiss())
        page.goto("scorecard/")
        page.locator("#sc-import").set_input_files(
            files=[{"name": "s.json", "mimeType": "application/json", "buffer": json.dumps(DATA).encode()}]
        )
        expect(page.locator("#sc-data-status")).to_contain_text("Loaded 2 program(s)", timeout=20_000)
        page.locator("details:not([open])").evaluate_all("all => all.forEach(d => d.open = true)")
        yield page


def test_nothing_on_the_scorecard_is_wider_than_a_phone(phone):
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lay out every program on the way
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    too_wide = phone.evaluate("""() => [...document.querySelectorAll("#sc-compare *, #sc-tool *")]
      .map(e => [e, e.getBoundingClientRect()])
      .filter(([e, r]) => r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5))
      .map(([e, r]) => `${e.tagName}.${e.className} ${Math.round(r.left)}..${Math.round(r.right)}`)""")
    assert not too_wide
    # One comparison: the two programs side by side in one table.
    expect(phone.locator("#sc-compare table")).to_have_count(1)
    expect(phone.locator("#sc-compare thead th")).to_have_count(3)


def test_every_button_and_rating_control_is_at_least_44px_tall(phone):
    sizes = phone.evaluate(f"""() => [...document.querySelectorAll({json.dumps(CONTROLS)})]
      .map(e => [e.tagName + "#" + e.id + "." + e.className + " " + e.textContent.slice(0, 30),
                 e.getBoundingClientRect().height])""")
    assert len(sizes) > 4 * 12 * 2, "expected the rating controls of two programs, and more"
    small = [(what, round(height, 1)) for what, height in sizes if height < 44]
    assert not small
    # Every radio button sits in its 44 px rating control.
    assert phone.evaluate(
        "[...document.querySelectorAll('.sc input[type=radio]')]"
        ".every(r => r.parentElement.matches('.sc-rating'))"
    )


LOOK = """e => { const s = getComputedStyle(e);
  return [s.color, s.backgroundColor, s.borderColor, s.boxShadow, s.textDecorationLine, s.fontWeight]; }"""


def settled(locator) -> None:
    """Wait until every CSS transition and animation on the element and inside it has finished."""
    locator.evaluate("e => Promise.all(e.getAnimations({subtree: true}).map(a => a.finished))")


def test_a_control_looks_the_same_after_a_tap(phone):
    buttons = [
        phone.get_by_role("button", name="Save as a spreadsheet (CSV)"),
        phone.get_by_role("button", name="Add program"),  # empty name: the browser stops it
        phone.locator("[data-action=remove]").first,
    ]  # confirm dismissed: nothing removed
    for button in buttons:
        button.scroll_into_view_if_needed()
        before = button.evaluate(LOOK)
        button.tap()
        settled(button)  # past Material's 125 ms colour transition
        assert button.evaluate(LOOK) == before, button
    expect(phone.locator("article.sc-program")).to_have_count(2)

    # A tapped rating looks exactly like one chosen without a tap (no hover or focus colouring left).
    ratings = phone.locator("article.sc-program").nth(1).locator(".sc-rating").filter(has_text="Unsure")
    tapped, other = ratings.nth(0), ratings.nth(1)
    tapped.tap()
    expect(tapped.locator("input")).to_be_checked()
    other.locator("input").evaluate("r => { r.checked = true; }")
    settled(tapped)
    settled(other)
    assert tapped.evaluate(LOOK) == other.evaluate(LOOK)


def test_axe_finds_nothing_on_a_filled_scorecard_on_a_phone(phone):
    from axe_playwright_python.sync_playwright import Axe

    report = Axe().run(phone, context={"include": [[".md-content"]]})
    assert report.violations_count == 0, report.generate_report()


def test_every_field_is_at_least_16px_so_safari_on_ios_does_not_zoom(phone):
    sizes = phone.evaluate("""() => [...document.querySelectorAll(
        ".sc input:not([type=radio]), .sc select, .sc textarea")]
      .map(e => [e.id, parseFloat(getComputedStyle(e).fontSize)])""")
    assert len(sizes) > 2 * 12, "expected the fields of two programs and of the forms"
    small = [(field, size) for field, size in sizes if size < 16]
    assert not small


def test_after_add_program_focus_is_on_the_new_program_and_in_view(phone):
    phone.locator("#sc-add-name").fill("Gamma Clinic")
    phone.get_by_role("button", name="Add program").click()
    heading = phone.get_by_role("heading", name="Gamma Clinic", exact=True)
    expect(heading).to_be_focused()
    element_id = heading.get_attribute("id")
    expect(heading).to_be_in_viewport()
    assert where_is(phone, element_id) == "visible"  # and not under the sticky header


COMPARED = ["Alpha Medical Center", "Beta University", "Gamma Health", "Delta Clinic"]


@pytest.mark.parametrize("count", [2, 3, 4])
def test_the_comparison_on_a_phone_is_programs_side_by_side_one_row_per_flag(browser, server, catalog, count):
    """Two or three programs side by side, no sideways scrolling at 390 px, one tap from the top."""
    data = {
        **DATA,
        "programs": [
            {"id": f"pcmp{i:04d}", "name": name, "flags": {CRITICAL: {"rating": "seen", "note": "N" * 300}}}
            for i, name in enumerate(COMPARED[:count])
        ],
    }
    with guarded_page(browser, server, **PHONE) as page:
        page.goto("scorecard/")
        page.locator("#sc-import").set_input_files(
            files=[{"name": "s.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}]
        )
        expect(page.locator("#sc-data-status")).to_contain_text(f"Loaded {count} program(s)", timeout=20_000)
        page.evaluate("window.scrollTo(0, 0)")
        page.get_by_role("link", name="compare them side by side").first.click()  # one tap from the top
        table = page.locator("#sc-compare table")
        expect(table).to_be_in_viewport(timeout=20_000)
        shown = min(count, 3)
        assert table.locator("thead th").all_text_contents() == ["What you recorded", *COMPARED[:shown]]
        rows = table.locator("tr.sc-flag-row")
        expect(rows).to_have_count(len(catalog.flags))
        assert rows.first.locator("td").count() == shown
        title = catalog.flags[CRITICAL]["title"]
        answers = table.locator("tr.sc-flag-row").filter(has=page.locator("th", has_text=title)).locator("td")
        assert [a.split("N")[0] for a in answers.all_text_contents()] == ["Seen"] * shown
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert table.evaluate(
            "t => t.scrollWidth <= t.clientWidth + 1 && t.getBoundingClientRect().right <= 390"
        )
        if count > 3:  # choose which three: the fourth replaces the second
            page.get_by_label("Program 2", exact=True).select_option(label=COMPARED[3])
            expect(table.locator("thead th")).to_have_text(
                ["What you recorded", COMPARED[0], COMPARED[3], COMPARED[2]]
            )
