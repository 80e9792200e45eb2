"""A frightened reader on a phone (390x844): the first steps are one tap from the home page's first
screen, and the advice not to resign is at the top of the page it opens."""

from __future__ import annotations

import pytest
from support import guarded_page

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

TOP_OF = """el => {
  const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: window.innerHeight};
}"""


def test_first_steps_link_is_in_the_home_pages_first_screen(browser, server):
    with guarded_page(browser, server, **PHONE) as page:
        page.goto("")
        link = page.locator("a[href$='already-in-one/#first-steps']").first
        box = link.evaluate(TOP_OF)
        assert box["top"] >= 0 and box["bottom"] <= box["height"], f"first-steps link at {box}"
        assert link.is_visible()
        link.click()
        page.wait_for_url("**/already-in-one/#first-steps")
        advice = page.get_by_text("Do not resign, walk out or stop going to work").first
        box = advice.evaluate(TOP_OF)
        assert box["top"] >= 0 and box["bottom"] <= box["height"], f"'do not resign' at {box}"


def test_do_not_resign_is_near_the_top_of_the_already_in_page(browser, server):
    with guarded_page(browser, server, **PHONE) as page:
        page.goto("already-in-one/")
        advice = page.get_by_text("Do not resign, walk out or stop going to work").first
        box = advice.evaluate(TOP_OF)
        # On the first screen as the page opens, without scrolling.
        assert box["top"] >= 0 and box["bottom"] <= box["height"], f"'do not resign' at {box}"
