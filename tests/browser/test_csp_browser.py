"""With the policy on, Material still works in Chromium and the browser reports no violation."""

from __future__ import annotations

import pytest

from conftest import page_files

pytestmark = pytest.mark.browser


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def test_every_page_loads_without_a_policy_violation(page, site):
    problems = _violations(page)
    for path in [*page_files(site), site / "404.html"]:
        page.goto(path.relative_to(site).as_posix().removesuffix("index.html"))
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.classList.contains('js')"), path  # bundle ran
    assert not problems


def test_search_and_palette_work_under_the_policy(page):
    problems = _violations(page)
    page.goto("")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate("__md_get('__palette').color.scheme") == "slate"  # inline helper ran
    page.keyboard.press("s")
    page.locator("input.md-search__input").press_sequentially("visa")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search-result__item").count() > 0
    assert not problems


def test_the_policy_really_blocks_a_script_it_did_not_hash(page):
    problems = _violations(page)
    page.goto("")
    page.evaluate("""() => { const s = document.createElement('script');
                              s.textContent = 'window.__injected = true'; document.body.append(s); }""")
    assert page.evaluate("window.__injected === undefined")
    assert any("Content Security Policy" in p for p in problems)
