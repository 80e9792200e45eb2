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


def _newest(catalog) -> datetime.date:
    """The latest date in the sources (checks and passages read): the earliest day a build can run."""
    days = [s["checked"] for s in catalog.sources.values()]
    days += [p["read"] for s in catalog.sources.values() for p in s.get("passages", [])]
    return max(datetime.date.fromisoformat(d) for d in days)


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
    fresh = _run("--stale", today=_newest(catalog).isoformat())
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


# ---- Rules in motion: review-by dates (warned by `make check`, failed by `make stale`) ---------------


def _review_items(catalog) -> list[dict]:
    return [
        i for s in catalog.page("visa_basics")["sections"] for i in s.get("items", []) if "review_by" in i
    ]


def test_rules_in_motion_have_review_dates_within_ninety_days(catalog):
    items = _review_items(catalog)
    assert len(items) >= 5, "the rules-in-motion section covers at least the five rules of issue 16"
    for item in items:
        checked = datetime.date.fromisoformat(item["checked"])
        review = datetime.date.fromisoformat(item["review_by"])
        limit = (
            datetime.date.fromisoformat(item["ends"]) if "ends" in item else checked + datetime.timedelta(90)
        )
        assert checked <= review <= limit, item["id"]


def test_make_check_warns_and_make_stale_fails_once_a_review_date_has_passed(catalog):
    passed = max(datetime.date.fromisoformat(i["review_by"]) for i in _review_items(catalog))
    day = (passed + datetime.timedelta(days=1)).isoformat()
    check = _run(today=day)
    assert check.returncode == 0, check.stderr
    assert re.search(
        r"^warning: data/visa_basics\.yaml:\d+: [a-z0-9-]+: to be reviewed by ", check.stderr, re.M
    )
    stale = _run("--stale", today=day)
    assert stale.returncode == 1 and "Traceback" not in stale.stderr
    assert re.search(
        r"^data/visa_basics\.yaml:\d+: [a-z0-9-]+: to be reviewed by \d{4}-\d\d-\d\d, which has passed",
        stale.stderr,
        re.M,
    )


def test_a_build_dated_before_a_check_refuses_the_future_date(catalog):
    newest = _newest(catalog)
    result = _run(today=(newest - datetime.timedelta(days=1)).isoformat())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "after the build date" in result.stderr


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("https://ecfmg.org@evil.example.net/evsp/", "user name or password"),
        ("https://user:pw@ecfmg.org/evsp/", "user name or password"),
        ("https://ecfmg.\u043erg/evsp/", "non-ASCII"),  # a Cyrillic o (U+043E) in place of the Latin one
        ("http://ecfmg.org/evsp/", "https://"),
        ("https:///evsp/", "no host"),
    ],
)
def test_addresses_that_are_not_what_they_seem_are_refused(url, fragment):
    from img_red_flags.validation.source_rules import address_problem

    assert fragment in (address_problem(url) or "")


def test_real_official_addresses_pass(catalog):
    from img_red_flags.validation.source_rules import address_problem

    assert all(address_problem(s["url"]) is None for s in catalog.sources.values())


# ---- What the reader sees: passages on the Sources page, and citations that reach them ---------------


def test_sources_page_shows_every_passage_under_its_source_at_its_own_anchor(site, catalog):
    page = (site / "sources" / "index.html").read_text()
    for source in catalog.sources.values():
        entry = _article(page, source["id"])
        assert source["passages"], source["id"]
        for n, passage in enumerate(source["passages"], 1):
            match = re.search(rf'<p class="source__passage" id="{source["id"]}-p{n}">(.*?)</p>', entry, re.S)
            assert match, f"{source['id']}: passage {n} missing or not under its source"
            shown = html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
            assert " ".join(passage["quote"].split())[:40] in " ".join(shown.split()), source["id"]
            assert f"(read {passage['read']})" in shown
        if source.get("official", True) is False:
            assert "Not an official page." in entry, source["id"]
        if source.get("read_at"):
            assert f'href="{html.escape(source["read_at"])}"' in entry, source["id"]


def test_every_citation_links_to_the_official_page_and_to_its_passage(site, catalog):
    sources_page = (site / "sources" / "index.html").read_text()
    anchors = set(re.findall(r'id="([^"]+)"', sources_page))
    page = (site / "visa-basics" / "index.html").read_text()
    items = [i for s in catalog.page("visa_basics")["sections"] for i in s.get("items", [])]
    for item in items:
        links = _cite_links(_article(page, item["id"]))
        for source_id in item["sources"]:
            assert catalog.sources[source_id]["url"] in links, (item["id"], source_id)
            assert f"../sources/#{source_id}-p1" in links, (item["id"], source_id)
        for link in links:
            if link.startswith("../sources/#"):
                assert link.split("#", 1)[1] in anchors, link


def test_a_non_official_source_is_marked_where_it_is_cited(site, catalog):
    page = (site / "visa-basics" / "index.html").read_text()
    cite = " ".join(re.findall(r'<p class="cite">(.*?)</p>', _article(page, "h1b-time"), re.S))
    assert "not an official page" in cite
    assert html.escape(catalog.sources["dartmouth-h1b"]["note"].strip(), quote=False)[:40] in cite


def test_each_rule_in_motion_shows_when_it_was_last_checked(site, catalog):
    page = (site / "visa-basics" / "index.html").read_text()
    section = _article(page, "rules-2025-2026")
    assert "Rules that changed in 2025-2026 (checked on" in html.unescape(section)
    for item in _review_items(catalog):
        text = html.unescape(re.sub(r"<[^>]+>", "", _article(page, item["id"])))
        assert f"Last checked on {item['checked']}. To be checked again by {item['review_by']}." in text
