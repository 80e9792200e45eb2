"""Smoke suite in WebKit, the engine of every browser on an iPhone (Debian's WebKitGTK, see
webkit_support.py): every page loads at phone width with its scripts run and nothing to scroll sideways,
a deep link unfolds its flag, search finds results, the scorecard survives a reload, and the offline
copy works from file://. WebKitGTK is not Safari: what this proves and does not is in the README."""

from __future__ import annotations

import pytest
from webkit_support import CATCH_ERRORS, missing, open_at_width, wait, webkit

from conftest import page_files, require

pytestmark = [pytest.mark.browser, pytest.mark.webkit]


@pytest.fixture(scope="module")
def driver():
    require(missing() is None, f"{missing()}")
    with webkit() as session:
        yield session


def _errors(driver) -> list[str]:
    return driver.execute_script("return window.__errors || []")


# What a page shows once every script of it has run to its end: an error thrown while a page loads stops
# the script it is in, so the thing that script does last is missing. Each item: [what, holds].
HEALTH = """
const problems = [];
const check = (what, holds) => { if (!holds) problems.push(what); };
check("Material's bundle ran", window.document$ && typeof window.document$.subscribe === "function");
check("Material's search is wired", !!document.querySelector(".md-search__input"));
if (document.querySelector(".entry[data-share], .entry[data-short]"))
  check("entries.js added Share buttons", !!document.querySelector(".entry-share__button"));
if (document.querySelector("[data-sheet-print]"))
  check("checklists.js showed the Print button", !document.querySelector("[data-sheet-print]").hidden);
if (document.querySelector("#sc-tool"))
  check("scorecard.js showed the scorecard", !document.querySelector("#sc-tool").hidden);
const root = document.documentElement;
const [wide, fits] = [root.scrollWidth, root.clientWidth];
check(`nothing to scroll sideways (${wide} > ${fits} px)`, wide <= fits);
return problems;
"""


def test_every_page_loads_at_phone_width_with_its_scripts_run(driver, server, site):
    pages = [p.relative_to(site).as_posix().removesuffix("index.html") for p in page_files(site)]
    assert len(pages) >= 10
    failures = {}
    for url in pages:
        open_at_width(driver, server + url)
        wait(driver, "return !!window.document$", message=f"{url}: Material's bundle never ran")
        if problems := driver.execute_script(HEALTH):
            failures[url] = problems
    assert not failures, failures


@pytest.mark.parametrize("url", ["checklists/after-contact/", "checklists/ask-fellows/"])
@pytest.mark.parametrize("width", [390, 360])
def test_checklists_fit_a_small_phone(driver, server, url, width):
    open_at_width(driver, server + url, width)
    sizes = driver.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
    assert sizes[0] <= sizes[1] == width, sizes


def test_a_deep_link_unfolds_its_flag(driver, server, catalog):
    flag_id = "weak-visa-support"
    open_at_width(driver, f"{server}red-flags/#{flag_id}")
    driver.execute_script(CATCH_ERRORS)
    wait(
        driver,
        "const h = document.getElementById(arguments[0]);"
        "return h && h.closest('.entry').querySelector('details').open;",
        flag_id,
        message="the flag's details stayed folded",
    )
    heading = driver.execute_script("return document.getElementById(arguments[0]).textContent", flag_id)
    assert heading.strip().startswith(catalog.flags[flag_id]["title"])
    assert driver.execute_script("return location.hash") == f"#{flag_id}"
    assert not _errors(driver)


def test_search_finds_results(driver, server):
    open_at_width(driver, server)
    driver.execute_script(CATCH_ERRORS)
    driver.find_element("css selector", "label.md-header__button[for='__search']").click()
    box = driver.find_element("css selector", ".md-search__input")
    wait(driver, "return document.activeElement === arguments[0]", box, message="search box not focused")
    box.send_keys("visa")
    wait(
        driver,
        "return document.querySelectorAll('.md-search-result__item').length > 0",
        message="search found nothing for 'visa'",
    )
    assert "visa" in driver.find_element("css selector", ".md-search-result__item").text.lower()
    assert not _errors(driver)


def test_scorecard_survives_a_reload(driver, server):
    open_at_width(driver, server + "scorecard/")
    wait(driver, "return !document.getElementById('sc-tool').hidden", message="scorecard never showed")
    driver.execute_script("localStorage.clear()")
    driver.execute_script(CATCH_ERRORS)
    name = driver.find_element("id", "sc-add-name")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", name)  # the frame scrolls too
    name.click()
    name.send_keys("WebKit General")
    driver.find_element("xpath", "//button[normalize-space()='Add program']").click()
    has_program = (
        "return [...document.querySelectorAll('#sc-tool h2, #sc-tool h3')]"
        ".some(h => h.textContent.trim() === 'WebKit General')"
    )
    wait(driver, has_program, message="the program was not added")
    assert not _errors(driver)
    driver.execute_script("location.reload()")
    wait(driver, "return document.readyState === 'complete' && !document.getElementById('sc-tool').hidden")
    wait(driver, has_program, message="the program was lost on reload")
    driver.execute_script("localStorage.clear()")


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory):
    """The offline copy as `make offline` builds it (mkdocs.offline.yml), unzipped."""
    from tools.build_offline import build_offline_site

    target = tmp_path_factory.mktemp("webkit-offline") / "site"
    build_offline_site(target)
    return target


def test_offline_copy_works_from_file_url(driver, offline_copy):
    driver.switch_to.default_content()
    driver.get((offline_copy / "index.html").as_uri())
    wait(driver, "return document.readyState === 'complete' && !!window.document$")
    driver.execute_script(CATCH_ERRORS)
    assert driver.execute_script(HEALTH) == []
    # MiniBrowser's own window (not a phone-width frame: a file:// page in a blank page's frame is another
    # origin); the search button is clicked by script, the typing is real.
    driver.execute_script("document.querySelector(\"label.md-header__button[for='__search']\").click()")
    box = driver.find_element("css selector", ".md-search__input")
    wait(driver, "return document.activeElement === arguments[0]", box)
    box.send_keys("visa")
    wait(
        driver,
        "return document.querySelectorAll('.md-search-result__item').length > 0",
        message="search from file:// found nothing (the iframe worker shim?)",
    )
    link = driver.find_element("css selector", ".md-search-result__item a")
    assert link.get_attribute("href").startswith("file:")  # stays inside the copy
    assert not _errors(driver)
