"""Sources: staleness (warned by `make check`, failed by `make stale`) and what the built site shows.

Every source is listed on the Sources page with its publisher, the date it was checked and where it is
used; every flag's visa impact, and every item of the visa basics page, carries a citation linking to
the official pages it cites; every page with visa claims carries the not-legal-advice notice.
"""

from __future__ import annotations

import datetime
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from img_red_flags.validation.source_rules import stale_sources

VISA_PAGES = [
    "red-flags",
    "faq",
    "questions",
    "visa-basics",
    "already-in-one",
    "why-imgs",
    "investigate",
    "sources",
]


def _run(*args: str, today: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, IMG_RED_FLAGS_TODAY=today)
    return subprocess.run(
        [sys.executable, "-m", "img_red_flags.validation", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )


def _oldest(catalog) -> datetime.date:
    return min(datetime.date.fromisoformat(s["checked"]) for s in catalog.sources.values())


def test_a_check_older_than_twelve_months_is_stale(catalog):
    oldest = _oldest(catalog)
    assert stale_sources(catalog, oldest.replace(year=oldest.year + 1)) == []
    late = stale_sources(catalog, oldest.replace(year=oldest.year + 1) + datetime.timedelta(days=1))
    assert late, "a source checked a year and a day ago must be reported"
    assert all(p.file == "data/sources.yaml" and "more than 12 months ago" in p.message for p in late)


def test_make_check_warns_but_passes_when_sources_are_stale(catalog):
    later = _oldest(catalog).replace(year=_oldest(catalog).year + 2).isoformat()
    result = _run(today=later)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data OK:")
    assert re.search(
        r"^warning: data/sources\.yaml:\d+: [a-z0-9-]+: checked on \d{4}-\d\d-\d\d, more than 12 "
        r"months ago",
        result.stderr,
        re.M,
    )


def test_make_stale_fails_on_a_stale_source_and_passes_on_fresh_ones(catalog):
    oldest = _oldest(catalog)
    stale = _run("--stale", today=oldest.replace(year=oldest.year + 2).isoformat())
    assert stale.returncode == 1
    assert "to check again" in stale.stderr and "Traceback" not in stale.stderr
    fresh = _run("--stale", today=oldest.isoformat())
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.startswith("sources OK")


def test_stale_is_a_documented_make_target():
    assert re.search(r"^stale: .*## .+", (ROOT / "Makefile").read_text(), re.M)


def _article(page: str, anchor: str) -> str:
    """The HTML from the heading with id ``anchor`` to the next heading of the same or a higher level."""
    start = re.search(rf'<h([1-6])[^>]*id="{re.escape(anchor)}"', page)
    assert start, f"no heading with id {anchor}"
    level = int(start.group(1))
    end = re.compile(rf"<h[1-{level}][\s>]").search(page, start.end())
    return page[start.start() : end.start() if end else len(page)]


def _cite_links(fragment: str) -> list[str]:
    cites = re.findall(r'<p class="cite">(.*?)</p>', fragment, re.S)
    return [html.unescape(h) for c in cites for h in re.findall(r'href="([^"]+)"', c)]


def test_every_flag_visa_impact_shows_its_citation(site, catalog):
    page = (site / "red-flags" / "index.html").read_text()
    for flag in catalog.flags.values():
        links = _cite_links(_article(page, flag["id"]))
        for source_id in flag["sources"]:
            assert catalog.sources[source_id]["url"] in links, f"{flag['id']}: no link to {source_id}"
        assert any(link.startswith("../sources/#") for link in links), f"{flag['id']}: no link to Sources"


def test_every_visa_basics_item_shows_its_citation(site, catalog):
    page = (site / "visa-basics" / "index.html").read_text()
    items = [i for s in catalog.page("visa_basics")["sections"] for i in s.get("items", [])]
    assert len(items) >= 15
    for item in items:
        links = _cite_links(_article(page, item["id"]))
        assert {catalog.sources[s]["url"] for s in item["sources"]} <= set(links), item["id"]


def test_cited_faq_answers_show_their_citation(site, catalog):
    page = (site / "faq" / "index.html").read_text()
    cited = [f for f in catalog.faqs.values() if f.get("sources")]
    assert cited
    for faq in cited:
        links = _cite_links(_article(page, faq["id"]))
        assert {catalog.sources[s]["url"] for s in faq["sources"]} <= set(links), faq["id"]


def test_sources_page_lists_every_source_with_date_and_uses(site, catalog):
    page = (site / "sources" / "index.html").read_text()
    assert f"Content last reviewed: <strong>{catalog.meta['updated']}</strong>" in page
    for source in catalog.sources.values():
        entry = _article(page, source["id"])
        assert html.escape(source["publisher"], quote=False) in entry
        assert f"checked <strong>{source['checked']}</strong>" in entry
        assert f'href="{html.escape(source["url"])}"' in entry
        assert 'class="source__used"' in entry, f"{source['id']} does not say where it is used"


@pytest.mark.parametrize("name", VISA_PAGES)
def test_pages_with_visa_claims_carry_the_legal_notice_in_their_content(site, name):
    page = (site / name / "index.html").read_text()
    content = page[page.index("<article") : page.index("</article>")]
    assert "Not legal advice" in content


def test_home_page_links_to_the_first_steps_before_anything_else(site):
    page = (site / "index.html").read_text()
    content = page[page.index("<article") :]
    first_link = re.search(r'<a href="([^"]+)"', content[content.index("</h1>") :])
    assert first_link and first_link.group(1) == "already-in-one/#first-steps"
    assert (Path(site) / "already-in-one" / "index.html").read_text().count('id="first-steps"') == 1
