"""Links that never break, in the built HTML: entry ids, short addresses, published ids, previews, search.

The browser side (landing on the entry, copying a link, the search box) is in tests/browser/.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import page_files, real_catalog
from img_red_flags.model.addresses import SHORT_PREFIX, Addresses
from img_red_flags.model.entries import entries
from img_red_flags.postbuild import Site, links, search_terms, short_links
from img_red_flags.validation.published import ADDRESS
from tools import published_ids

ENTRIES = entries(real_catalog())


class _Head(HTMLParser):
    """Element ids, <meta> tags (by name or property) and the redirect target of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.meta: dict[str, list[str]] = {}
        self.redirect = ""
        self.canonical = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.redirect = attrs.get("data-redirect", "")
        if tag == "meta" and (attrs.get("property") or attrs.get("name") or attrs.get("http-equiv")):
            key = attrs.get("property") or attrs.get("name") or attrs.get("http-equiv")
            self.meta.setdefault(key, []).append(attrs.get("content") or "")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href", "")


def head(path: Path) -> _Head:
    return _Head(path.read_text(encoding="utf-8"))


# ---- Every entry at its id, reachable by a short address ---------------------------------------------


@pytest.mark.both_generators
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_entry_is_at_its_id_and_its_short_address_leads_there(site, entry):
    assert entry.id in head(site / entry.page_url / "index.html").ids
    short = head(site / SHORT_PREFIX / entry.id / "index.html")
    target = "../../" + entry.address
    assert short.redirect == target
    assert short.meta["refresh"] == [f"0; url={target}"]
    assert short.meta["og:title"] == [entry.title]  # a shared short address previews its entry


@pytest.mark.both_generators
def test_short_address_pages_load_the_redirect_script_and_no_inline_code(site):
    html = (site / SHORT_PREFIX / ENTRIES[0].id / "index.html").read_text()
    assert '<script src="../../assets/js/redirect.js"></script>' in html
    assert re.findall(r"<script[^>]*>([^<]*)</script>", html) == [""]
    assert (site / "assets" / "js" / "redirect.js").is_file()


# ---- Published ids stay valid ------------------------------------------------------------------------

RECORDED = published_ids.recorded()


def test_published_ids_file_lists_addresses():
    assert len(RECORDED) >= len(ENTRIES) and len(set(RECORDED)) == len(RECORDED)
    assert all(ADDRESS.fullmatch(a) for a in RECORDED)
    assert sorted(RECORDED) == RECORDED, "run `make ids`: it keeps the file sorted, so merges stay clean"


@pytest.mark.both_generators
@pytest.mark.parametrize("address", RECORDED)
def test_every_published_id_still_resolves_on_the_built_site(site, address):
    page, entry_id = address.split("/#")
    html = site / page / "index.html"
    assert html.is_file(), f"{address}: page {page}/ is gone; add it to extra.moved_pages in mkdocs.yml"
    assert entry_id in head(html).ids, (
        f"{address} no longer resolves; keep '{entry_id}' in the `aliases:` of the entry that replaced it"
    )
    assert (site / SHORT_PREFIX / entry_id / "index.html").is_file()


def test_every_entry_is_recorded_as_published():
    assert published_ids.missing(real_catalog()) == [], "new entries: run `make ids` and commit the file"


def test_recording_is_append_only(tmp_path, catalog):
    path = tmp_path / "published_ids.txt"
    path.write_text("# header\nred-flags/#a-removed-flag\n")
    assert published_ids.missing(catalog, path) == [e.address for e in ENTRIES]
    assert "red-flags/#a-removed-flag" in published_ids.recorded(path)


# ---- Former ids and moved pages (postbuild/short_links.py, macros/templates/aliases.md.j2) ----------------


def test_former_ids_get_an_anchor_next_to_their_entry(catalog):
    from macros import render

    flag = dict(catalog.flags["cheap-labor"], aliases=["used-as-cheap-labor"])
    out = render._render("red_flag.md.j2", catalog, "red-flags.md", flag=flag)
    anchor, heading = (
        out.index('<div id="used-as-cheap-labor" class="entry__alias"></div>'),
        out.index("{ #cheap-labor"),
    )
    assert anchor < heading


@pytest.mark.parametrize("directory_urls", [True, False])
def test_former_ids_and_moved_pages_get_redirects(catalog, tmp_path, directory_urls):
    addresses = Addresses(directory_urls, "https://e.org/g/")
    page = tmp_path / ("red-flags/index.html" if directory_urls else "red-flags.html")
    page.parent.mkdir(exist_ok=True)
    page.write_text(
        '<html><head><title>Red flags - Site</title><meta name="description" content="Every &amp; sign.">'
    )
    site = Site(
        tmp_path, catalog, addresses, "Site", {"flags.md": "red-flags.md", "old/list.md": "red-flags.md"}
    )
    catalog.flags["cheap-labor"]["aliases"] = ["used-as-cheap-labor"]
    try:
        found, problems = short_links.redirects(site)
    finally:
        del catalog.flags["cheap-labor"]["aliases"]
    assert not problems
    flags = "red-flags/" if directory_urls else "red-flags.html"
    assert found[addresses.short("used-as-cheap-labor")][:2] == (
        f"{flags}#cheap-labor",
        "red-flags/#cheap-labor",
    )
    assert found[addresses.page("flags.md")] == (flags, "red-flags/", "Red flags", "Every & sign.")
    assert found[addresses.page("old/list.md")][0] == flags
    html = short_links.redirect_page(
        "old/list/", "red-flags/", "A <b>", "x & y", "Site", "https://e.org/g/red-flags/"
    )
    assert 'data-redirect="../../red-flags/"' in html and 'src="../../assets/js/redirect.js"' in html
    assert "A &lt;b&gt;" in html and "x &amp; y" in html
    assert '<link rel="canonical" href="https://e.org/g/red-flags/">' in html


# ---- Link previews -----------------------------------------------------------------------------------


@pytest.mark.both_generators
def test_every_page_has_a_link_preview(site):
    for path in page_files(site):
        meta = head(path).meta
        for key in (
            "og:title",
            "og:description",
            "og:site_name",
            "twitter:card",
            "twitter:title",
            "twitter:description",
        ):
            assert len(meta.get(key, [])) == 1 and meta[key][0].strip(), (path, key)
        assert meta["og:description"] == meta["description"], path
        assert "og:url" not in meta, "og:url needs site_url (SITE_URL); it is unset in tests"


@pytest.mark.both_generators
def test_link_preview_text_is_escaped(site):
    # The FAQ's description comes from front matter, a guide page's from data: both reach the tags intact.
    faq = (site / "faq" / "index.html").read_text()
    assert re.search(r'<meta property="og:description" content="[^"<>]*">', faq)
    assert head(site / "why-imgs" / "index.html").meta["og:description"] == [
        real_catalog().page("exposure")["description"].strip()
    ]


# ---- Search terms in the search index (postbuild/search_terms.py) -------------------------------------


@pytest.mark.parametrize(
    "term, expected",
    [
        ("H-1B", ["H-1B", "H1B", "H1-B"]),
        ("H1B", ["H1B", "H-1B", "H1-B"]),
        ("DS2019", ["DS2019", "DS-2019"]),
        ("J1 visa", ["J1 visa", "J-1 visa"]),
        ("on-call", ["on-call", "oncall"]),
        ("bullying", ["bullying"]),
    ],
)
def test_search_term_variants(term, expected):
    assert search_terms.variants(term) == expected


def test_entries_carry_their_search_terms_in_the_index_but_not_on_the_page(site, catalog):
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert "terms" in index["config"]["fields"]
    words_of = re.compile(index["config"]["separator"]).split  # the index holds each word as search splits it
    docs = {doc["location"]: doc for doc in index["docs"]}
    for entry in ENTRIES:
        if entry.search_terms:
            words = docs[entry.address]["terms"].split()
            assert {w for t in entry.search_terms for w in words_of(t.lower()) if w} <= set(words), entry.id
    visa = docs["red-flags/#weak-visa-support"]
    assert {"h1b", "h", "1b", "h1", "b", "ds2019", "ds", "2019", "j1", "j", "1"} <= set(visa["terms"].split())
    assert "DS2019" not in visa["text"] and "DS2019" not in (site / "red-flags" / "index.html").read_text()


# ---- The post-build link check (postbuild/links.py) ---------------------------------------------------


def test_link_check_reports_a_missing_page_a_missing_anchor_and_an_escape(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="there"><a href="../b/">x</a> <a href="#here">y</a> <a href="#there">ok</a> '
        "<img src='../../up.png'> <a href=\"https://elsewhere.example/\">out</a>"
    )
    assert links.broken(tmp_path) == [
        "a/index.html: ../b/ (no such file)",
        "a/index.html: #here (no element with that id)",
        "a/index.html: ../../up.png (outside the site)",
    ]


def test_link_check_reads_links_as_the_browser_does(tmp_path):
    (tmp_path / "index.html").write_text(
        '<A HREF=missing/>x</A> <template><img src="gone.png"></template> <a name="old"></a>'
        '<p name="not-a-target"></p> <a href="#old">ok</a> <a href="#not-a-target">no</a>'
    )
    assert links.broken(tmp_path) == [
        "index.html: missing/ (no such file)",
        "index.html: gone.png (no such file)",
        "index.html: #not-a-target (no element with that id)",
    ]


@pytest.mark.both_generators
def test_built_site_has_no_broken_link(site):
    assert links.broken(site) == []


class _Links(HTMLParser):
    """What a browser would follow, read with html.parser: the reference for links.links_of."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = links.LINKING.get(tag)
        if name and attrs.get(name) and attrs.get("rel") not in ("canonical", "alternate"):
            self.found.append(attrs[name])


@pytest.mark.both_generators
def test_link_check_reads_every_link_html_parser_reads(site):
    for path in [*page_files(site), site / "f" / ENTRIES[0].id / "index.html", site / "404.html"]:
        text = path.read_text(encoding="utf-8")
        reference = _Links()
        reference.feed(text)
        assert links.links_of(text) == reference.found, path
