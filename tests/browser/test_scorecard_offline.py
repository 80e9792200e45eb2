"""Nothing about the reader's machine in what the scorecard writes (issue 17), from the offline copy.

The offline copy is opened from file://, so every address the page resolves is a path on the reader's
disk, often with their user name in it. Saved files (JSON, CSV) and printouts must hold none of it:
they name an entry by its public short address when the build knew SITE_URL, else by its id.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from playwright.sync_api import expect
from test_scorecard import CRITICAL, add_program, rate

from tools.build_offline import FOLDER, build_offline

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """The unzipped offline copy, in a folder whose path stands for the reader's user name."""
    where = tmp_path_factory.mktemp("home-reader-name")
    archive = build_offline(where / "guide.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(where / "unzipped")
    return where / "unzipped" / FOLDER


@pytest.fixture
def tab(offline, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    elsewhere: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "blob:", "about:"))
            else (elsewhere.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto((offline / "scorecard.html").as_uri())
    expect(page.locator("#sc-tool")).to_be_visible()
    yield page
    context.close()
    assert not elsewhere


def saved(page, button: str, tmp_path) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_text(encoding="utf-8-sig")


def test_exports_and_printout_from_the_offline_copy_hold_no_file_paths(tab, offline, catalog, tmp_path):
    add_program(tab, "Offline General")
    rate(tab, catalog, "Offline General", CRITICAL, "Seen", "asked in person")
    disk = str(offline.parent.parent)  # the folder the reader unzipped into

    exported = saved(tab, "Save as a spreadsheet (CSV)", tmp_path)
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {r["guide link"] for r in rows} == set(catalog.flags)  # no SITE_URL in this build: the id
    as_json = saved(tab, "Save as a file (JSON)", tmp_path)
    assert json.loads(as_json)["programs"][0]["name"] == "Offline General"
    for content in (exported, as_json):
        assert "file:" not in content and disk not in content

    pdf = tab.pdf()  # the comparison's links (and every other) would carry file:// addresses
    assert b"file:" not in pdf and disk.encode() not in pdf
    # After printing, the links work again in the offline copy.
    link = tab.locator("#sc-compare a", has_text=catalog.flags[CRITICAL]["title"]).first
    assert link.get_attribute("href") == f"red-flags.html#{CRITICAL}"
