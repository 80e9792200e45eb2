"""axe-core finds no accessibility violation on any page, in light or dark mode.

Pages are parametrised from docs/ (each Markdown file is one page of the site), so a page added by
anyone is checked without touching this file; a second test makes sure that list and the built site
agree. axe runs with all its rules (WCAG 2.x A/AA and best practices) after the page has settled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, page_files

pytestmark = pytest.mark.browser

DOCS = ROOT / "docs"


def _url(md: Path) -> str:
    """Served address of a docs/ page, with MkDocs' directory URLs: a/b.md -> a/b/, a/index.md -> a/."""
    rel = md.relative_to(DOCS).with_suffix("")
    parts = list(rel.parts[:-1]) if rel.name in ("index", "README") else list(rel.parts)
    return "".join(f"{p}/" for p in parts)


PAGES = sorted(_url(md) for md in DOCS.rglob("*.md"))


def test_every_built_page_is_checked(site):
    built = sorted(
        "" if p.parent == site else f"{p.parent.relative_to(site).as_posix()}/" for p in page_files(site)
    )
    assert built == PAGES


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", PAGES, ids=lambda u: u or "home")
def test_no_axe_violations(page, axe, url, scheme):
    page.emulate_media(color_scheme=scheme)  # the palette follows prefers-color-scheme
    page.goto(url, wait_until="load")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
