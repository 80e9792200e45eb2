"""What a reader whose first language is not English, or who printed an earlier copy, sees on the built pages:
abbreviations written out, one not-legal-advice notice, the card of outside contacts, and what changed.
"""

from __future__ import annotations

import html
import re

import pytest

from conftest import page_files
from img_red_flags.model.abbreviations import pattern as _abbreviation
from tools import readability
from tools.page_weight import url_of

NOTICE = 'class="admonition-title">Not legal advice<'
# Words that state a visa rule: the notice must come before the first of them on a page.
VISA_CLAIM = re.compile(r"\b(J-1|H-1B|DS-2019|ECFMG|USCIS|green card|grace period|two-year home)\b")
CONTACT_PAGES = ("already-in-one/", "visa-basics/", "faq/")


def _reader_pages(site):
    """(url, html) of every reader's page (not the contributors' pages)."""
    for path in page_files(site):
        url = url_of(site, path)
        if not url.startswith(("about/contributing", "about/performance")):
            yield url, path.read_text(encoding="utf-8")


def _article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def test_each_abbreviation_is_written_out_the_first_time_a_page_uses_it(site, catalog):
    """In the page's running text (tools/readability.py: headings, citations and title lists left out),
    the first use of each abbreviation has its long form within the same block, close by."""
    missing = []
    for url, page in _reader_pages(site):
        if url == "sources/":  # a list of official page titles and publishers, not running text
            continue
        # The site's name is a name: "IMG Red Flags contributors" needs no expansion.
        blocks = [b.replace("IMG Red Flags", "") for b in readability._Prose(page).blocks]
        for entry in catalog.meta["abbreviations"]:
            pattern = _abbreviation(entry["short"])
            first = next((b for b in blocks if pattern.search(b)), None)
            if first is None:
                continue
            at = pattern.search(first).start()
            near = first[max(0, at - 160) : at + 160].lower()
            if entry["long"].lower() not in near:
                missing.append(f"{url or '(home)'}: {entry['short']} first in: {first[:140]}")
    assert not missing, "\n".join(missing)


def test_abbreviation_check_catches_a_bare_first_use():
    blocks = readability._Prose("<article><p>Ask the DIO first.</p></article>").blocks
    assert _abbreviation("DIO").search(blocks[0])
    assert "designated institutional official" not in blocks[0].lower()


@pytest.mark.both_generators
def test_one_not_legal_advice_notice_per_page_before_the_first_visa_claim(site):
    with_notice = set()
    for url, page in _reader_pages(site):
        if url == "about/changes/":  # names what changed on other pages; states no rule itself
            continue
        article = _article(page)
        count = article.count(NOTICE)
        assert count <= 1, f"{url or '(home)'} repeats the notice {count} times"
        body = article[article.index("</h1>") :]
        body = re.sub(
            r'<div class="abbreviations"[^>]*>.*?</ul>\s*</div>', "", body, flags=re.S
        )  # names only
        claim = VISA_CLAIM.search(re.sub(r"<[^>]+>", " ", body))
        if claim:
            assert count == 1, f"{url or '(home)'} states visa rules without the notice"
            text = re.sub(r"<[^>]+>", " ", body)
            assert text.index("Not legal advice") < claim.start(), (
                f"{url or '(home)'}: the notice comes after the first visa claim ({claim.group()})"
            )
            with_notice.add(url)
    assert {"visa-basics/", "already-in-one/", "faq/", "red-flags/"} <= with_notice


@pytest.mark.both_generators
@pytest.mark.parametrize("url", CONTACT_PAGES)
def test_outside_contacts_stand_out_in_one_card(site, catalog, url):
    article = _article((site / url / "index.html").read_text(encoding="utf-8"))
    cards = re.findall(r'<div[^>]*class="contacts-card"[^>]*>.*?</ul>\s*</div>', article, re.S)
    assert len(cards) == 1, f"{url}: {len(cards)} contact cards"
    card = cards[0]
    for contact in catalog.meta["contacts"]:
        assert f'href="{html.escape(catalog.sources[contact["source"]]["url"])}"' in card, contact["id"]
        assert html.escape(contact["name"], quote=False) in card, contact["id"]
    assert "<strong>988</strong>" in card and "1-866-283-9090" in card
    # The numbers are in the card, not repeated in the body text around it.
    assert article.replace(card, "").count("1-866-283-9090") == 0, url


def test_contacts_card_is_styled_to_stand_out_on_paper(site):
    css = (site / "assets" / "guide.css").read_text()
    rule = css[css.index(".md-typeset .contacts-card {") :]
    rule = rule[: rule.index("}")]
    assert "border" in rule and "break-inside: avoid" in rule


@pytest.mark.both_generators
def test_what_changed_lists_every_version_with_links_to_its_pages(site, catalog):
    page = (site / "about" / "changes" / "index.html").read_text(encoding="utf-8")
    article = _article(page)
    versions = [c["version"] for c in catalog.meta["changes"]]
    assert versions[0] == catalog.meta["version"]
    positions = []
    for release in catalog.meta["changes"]:
        anchor = f'id="v{release["version"].replace(".", "-")}"'
        assert anchor in article, release["version"]
        positions.append(article.index(anchor))
        section = article[article.index(anchor) :]
        section = section[: section.find("<h2", 1) if "<h2" in section[1:] else None]
        assert section.count("<li>") == len(release["items"]), release["version"]
        for item in release["items"]:
            assert html.escape(item["text"].split(".")[0], quote=False) in section, item["text"]
    assert positions == sorted(positions), "newest version first"
    assert 'href="../../visa-basics/"' in article or 'href="../../visa-basics/index.html"' in article
    assert "What changed" in page[page.index('class="md-nav') :]  # in the navigation, under About
