"""The offline copy (make offline): a zip that works from file://, search included, and stays private."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from test_site_csp import _Head, directives

from conftest import ROOT
from img_red_flags.model.addresses import OFFLINE_ZIP
from img_red_flags.postbuild import links
from img_red_flags.postbuild.config import read_config
from tools.build_offline import FOLDER, build_offline, offline_plugins


@pytest.fixture(scope="module")
def offline(tmp_path_factory) -> tuple[Path, Path]:
    """(zip, the folder it unzips to), built once for this module."""
    where = tmp_path_factory.mktemp("offline")
    archive = build_offline(where / "guide.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(where / "unzipped")
    return archive, where / "unzipped" / FOLDER


def test_zip_unpacks_to_one_folder_with_every_page(offline):
    archive, folder = offline
    names = zipfile.ZipFile(archive).namelist()
    assert all(name.startswith(f"{FOLDER}/") for name in names)
    for page in ("index", "red-flags", "questions", "faq", "about"):
        assert (folder / f"{page}.html").is_file(), page  # no directory URLs: works from file://
    assert (folder / "search" / "search_index.js").is_file()
    assert not (folder / "sitemap.xml").exists() and not (folder / "404.html").exists()


def test_offline_pages_have_the_policy_and_load_nothing_from_elsewhere(offline):
    _, folder = offline
    for path in folder.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "unpkg.com" not in html and "https://" not in html.split("</head>")[0], path
        assert directives(_Head(html).policies[0])["default-src"] == ["'self'"], path
    assert "offline copy" in (folder / "index.html").read_text(encoding="utf-8")


def test_two_offline_builds_give_the_same_zip(offline, tmp_path):
    archive, _ = offline
    assert build_offline(tmp_path / "again.zip").read_bytes() == archive.read_bytes()


def test_offline_config_adds_only_what_differs():
    """mkdocs.offline.yml inherits mkdocs.yml and repeats none of it: the offline plugin is added to
    mkdocs.yml's plugins at load time (the copy's search from file:// below proves it ran)."""
    own = yaml.load((ROOT / "mkdocs.offline.yml").read_text(), Loader=yaml.BaseLoader)
    assert own["INHERIT"] == "mkdocs.yml"
    assert "plugins" not in own
    plugins = offline_plugins(ROOT / "mkdocs.offline.yml")
    assert plugins[:-1] == read_config(ROOT / "mkdocs.yml")["plugins"] and plugins[-1] == "offline"


def test_hosted_site_links_to_where_publish_puts_the_zip(site):
    for page in ("", "about/"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*offline[^"]*\.zip)"', html)
        assert hrefs, page
        assert {urljoin(f"http://x/{page}", href) for href in hrefs} == {f"http://x/{OFFLINE_ZIP}"}


@pytest.mark.browser
def test_offline_copy_searches_from_file_url(offline, browser):
    _, folder = offline
    context, elsewhere = _file_context(browser)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto((folder / "index.html").as_uri())
    page.keyboard.press("s")
    page.locator("input.md-search__input").press_sequentially("harasment sponsorhip")  # a synonym, a typo
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert page.locator(".md-search-result__item").count() > 0
    found = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert any(href.endswith("#culture-of-fear") for href in found), found
    assert any(href.endswith("#weak-visa-support") for href in found), found
    result.locator("a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(folder.as_uri()) and ".html" in page.url  # a result opens its page
    context.close()
    assert not elsewhere and not problems, (elsewhere, problems)


@pytest.mark.browser
def test_offline_copy_loads_search_when_opened_and_puts_no_words_in_the_address(offline, browser):
    """No index and no worker for a page view without search (issue 19); from file:// they load when
    search is opened, and Enter opens the best result with nothing typed in its address (issue 17)."""
    _, folder = offline
    context, elsewhere = _file_context(browser)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((folder / "red-flags.html").as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("typeof __index") == "undefined"  # the index script sets it
    assert not [url for url in requested if "search_index" in url or "workers/search" in url], requested
    page.keyboard.press("s")
    box = page.locator("input.md-search__input")
    box.press_sequentially("retaliation")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate("typeof __index") == "object"
    assert any("workers/search" in url for url in requested), requested
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.startswith(folder.as_uri()) and "retaliation" not in page.url and "?" not in page.url
    context.close()
    assert not elsewhere


@pytest.mark.browser
def test_offline_copy_exit_button_leaves_from_file_url(offline, browser):
    """Every page of the copy has the button, and from file:// it replaces the page with the neutral one."""
    from test_site_safety import EXIT_URL

    _, folder = offline
    for path in folder.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "md-header" in html:  # a page, not a short address's redirect
            assert f'class="exit-this-page__button" href="{EXIT_URL}"' in html, path
            assert re.search(r'src="(\.\./)*assets/js/exit-this-page\.js"', html), path
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route(
        re.compile("^" + re.escape(EXIT_URL)), lambda route: route.fulfill(body="<title>Weather</title>")
    )
    page = context.new_page()
    page.goto((folder / "index.html").as_uri())
    page.goto((folder / "already-in-one.html").as_uri())
    length = page.evaluate("history.length")
    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)
    assert page.evaluate("history.length") == length
    page.go_back()
    assert page.url == (folder / "index.html").as_uri()
    context.close()


def test_every_link_and_asset_in_the_unzipped_copy_resolves(offline):
    """Pages, short addresses, scripts, open data: all inside the zip (the PDFs are not, so no link to them)."""
    _, folder = offline
    assert links.broken(folder) == []
    assert (
        not list(folder.rglob("*.pdf")) and ".pdf" not in (folder / "checklists" / "ask-gme.html").read_text()
    )


def _file_context(browser):
    context = browser.new_context()
    elsewhere: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "blob:", "about:"))
            else (elsewhere.append(route.request.url), route.abort())
        ),
    )
    return context, elsewhere


@pytest.mark.browser
def test_short_address_in_the_offline_copy_opens_its_entry(offline, browser, catalog):
    _, folder = offline
    context, elsewhere = _file_context(browser)
    page = context.new_page()
    flag_id = next(iter(catalog.flags))
    page.goto((folder / "f" / flag_id / "index.html").as_uri())
    page.wait_for_url(f"**/red-flags.html#{flag_id}")
    assert page.locator(f"[id='{flag_id}']").count() == 1
    context.close()
    assert not elsewhere


@pytest.mark.browser
def test_scorecard_works_from_file_url(offline, browser):
    _, folder = offline
    context, elsewhere = _file_context(browser)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto((folder / "scorecard.html").as_uri())
    page.locator("#sc-tool").wait_for(state="visible")
    page.get_by_label("Program name", exact=True).first.fill("Offline General")
    page.get_by_role("button", name="Add program").click()
    page.get_by_role("heading", name="Offline General", exact=True).first.wait_for()
    page.reload()
    page.get_by_role("heading", name="Offline General", exact=True).first.wait_for()  # kept in localStorage
    context.close()
    assert not elsewhere and not problems, (elsewhere, problems)


@pytest.mark.browser
def test_my_record_works_from_file_url(offline, browser):
    """My record from the unzipped copy: logs, keeps across a reload, locks with WebCrypto (file:// is a
    secure context), and asks nothing of any other site."""
    _, folder = offline
    context, elsewhere = _file_context(browser)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto((folder / "my-record.html").as_uri())
    page.locator("#rec-hours-panel").wait_for(state="visible")
    page.locator("#rec-date").fill("2026-11-02")
    page.locator("#rec-start-time").fill("07:00")
    page.locator("#rec-end-time").fill("19:00")
    page.locator("#rec-add").click()
    page.get_by_text("Periods you logged (1)").wait_for()
    page.reload()
    page.get_by_text("Periods you logged (1)").wait_for()  # kept in localStorage
    assert page.locator("#rec-lock-fields").is_visible()  # the lock is offered: WebCrypto is there
    context.close()
    assert not elsewhere and not problems, (elsewhere, problems)
