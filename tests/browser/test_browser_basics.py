"""The built site in real headless Chromium: pages open, links to a flag land on it, nothing leaves."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_page_loads_without_any_offsite_request(page):
    # the `page` fixture fails the test if any request goes to another origin
    page.goto("")
    assert "IMG Red Flags" in page.title()
    assert page.get_by_text("Not legal advice").first.is_visible()


def test_link_to_a_red_flag_shows_that_flag(page, catalog):
    flag_id = "weak-visa-support"
    page.goto(f"red-flags/#{flag_id}")
    heading = page.locator(f"[id='{flag_id}']")
    heading.wait_for()
    assert heading.inner_text().startswith(catalog.flags[flag_id]["title"])
    assert page.evaluate(
        f"() => {{ const r = document.getElementById('{flag_id}').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )


def test_dark_mode_toggle_switches_scheme(page):
    page.goto("")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}
