"""The already-in page on a phone (390x844): the steps make it short, and an address that points into a
folded step unfolds it."""

from __future__ import annotations

import pytest
from support import IN_VIEW, guarded_page, where_is

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# Before the steps, the page was 12.0 phone screens (10111 px); with them, 5.9. The bound leaves room
# for a little more text, not for the whole page unfolded again.
MAX_SCREENS = 8


def test_already_in_page_is_at_most_eight_phone_screens(browser, server):
    with guarded_page(browser, server, **PHONE) as page:
        page.goto("already-in-one/")
        screens = page.evaluate("document.documentElement.scrollHeight") / 844
        assert screens <= MAX_SCREENS, f"{screens:.1f} phone screens"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling


def test_an_address_into_a_folded_step_unfolds_it(browser, server):
    with guarded_page(browser, server, **PHONE) as page:
        page.goto("already-in-one/#gme-dio")
        step = page.locator("li.step", has=page.locator("#gme-dio"))
        page.wait_for_function("document.querySelector('#gme-dio').closest('details').open")
        assert step.locator("details").first.get_attribute("open") is not None
        page.wait_for_function(f"({IN_VIEW})('gme-dio') === 'visible'")
        assert where_is(page, "gme-dio") == "visible"
        # The other steps stay folded.
        assert page.locator("li.step details[open]").count() == 1


def test_a_step_unfolds_with_a_tap(browser, server):
    with guarded_page(browser, server, **PHONE) as page:
        page.goto("already-in-one/")
        page.get_by_text("What to do in step 1").click()
        private_log = page.locator("#private-log")
        private_log.wait_for(state="visible")
        assert private_log.is_visible()
