"""Links to one entry, in real Chromium: the address scrolls to it, short addresses and former ids land
on it (unfolded), and moved pages keep the fragment. Sharing is in test_reader_phone.py."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from support import guarded_page, serve, where_is

from conftest import ROOT, real_catalog
from img_red_flags.model.addresses import SHORT_PREFIX
from img_red_flags.model.entries import entries
from img_red_flags.postbuild.config import read_config
from img_red_flags.validation.catalog import DATA_DIR_ENV
from tools.build_site import build_into

pytestmark = pytest.mark.browser

ENTRIES = entries(real_catalog())


def test_opening_an_entry_address_scrolls_it_into_view(page):
    # every red flag, and the first question and FAQ (their pages use the same mechanism)
    sample = [e for e in ENTRIES if e.kind == "flag"]
    sample += [next(e for e in ENTRIES if e.kind == kind) for kind in ("question", "faq")]
    wrong = {}
    for entry in sample:
        page.goto("about:blank")  # a real page load each time, not an in-page jump
        page.goto(entry.address)
        page.locator(f"[id='{entry.id}']").wait_for()
        if (where := where_is(page, entry.id)) != "visible":
            wrong[entry.address] = where
    assert not wrong


def test_every_short_address_and_former_id_lands_on_its_entry(page, server):
    wrong = {}
    for entry in ENTRIES:
        for name in entry.names:  # the id, then its former ids (aliases), if any
            page.goto(f"{SHORT_PREFIX}/{name}/")
            page.wait_for_url(server + entry.address)
            if (where := where_is(page, entry.id)) != "visible":
                wrong[name] = where
    assert not wrong


# ---- Renamed entries and moved pages: a site built from a copy of the data with former ids -------------

RENAMES = {"cheap-labor": "used-as-cheap-labor", "typical-week": "normal-week", "online-reviews": "reviews"}


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory, browser):
    """The real data with a former id on a flag, a question and a FAQ, and one moved page."""
    data = tmp_path_factory.mktemp("renamed") / "data"
    shutil.copytree(ROOT / "data", data)
    for name in ("red_flags", "questions", "faqs"):
        path = data / f"{name}.yaml"
        text = path.read_text()
        for entry_id, former in RENAMES.items():
            text = re.sub(rf"^(\s*)- id: {entry_id}\n", rf"\g<0>\1  aliases: [{former}]\n", text, flags=re.M)
        path.write_text(text)
    site = data.parent / "site"
    os.environ[DATA_DIR_ENV] = str(data)
    try:
        # A top-level override replaces mkdocs.yml's `extra` whole: keep the rest (exit_url is required).
        extra = {
            **read_config(ROOT / "mkdocs.yml")["extra"],
            "moved_pages": {"warning-signs.md": "red-flags.md"},
        }
        build_into(site, str(ROOT / "mkdocs.yml"), extra=extra)
    finally:
        del os.environ[DATA_DIR_ENV]
    with serve(site) as base, guarded_page(browser, base) as page:
        yield page, base


@pytest.mark.parametrize("entry_id, former", RENAMES.items())
def test_a_former_id_still_resolves_on_the_page_and_as_a_short_address(renamed_site, entry_id, former):
    page, base = renamed_site
    entry = next(e for e in entries(real_catalog()) if e.id == entry_id)
    page.goto("about:blank")
    page.goto(f"{entry.page_url}#{former}")
    assert where_is(page, former) == "visible" and where_is(page, entry_id) == "visible"
    folded = page.locator(f".entry:has(> [id='{entry_id}']) > details")
    assert folded.count() == 0 or folded.get_attribute("open") is not None, "a former id unfolds its entry"
    page.goto(f"{SHORT_PREFIX}/{former}/")
    page.wait_for_url(base + entry.address)
    assert where_is(page, entry_id) == "visible"


def test_a_moved_page_redirects_and_keeps_the_fragment(renamed_site):
    page, base = renamed_site
    page.goto("warning-signs/#culture-of-fear")
    page.wait_for_url(base + "red-flags/#culture-of-fear")
    assert where_is(page, "culture-of-fear") == "visible"
