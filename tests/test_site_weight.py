"""The page-weight budgets, held on every change: what a first visit downloads, gzip, before search.

Readers are on phones over slow connections. Weights are bytes, not timings, so they are exact and
can be asserted here; `make bench` reports the same figures in docs/about/performance.md.
"""

from __future__ import annotations

import re

import pytest

from tools import page_weight as pw


@pytest.fixture(scope="module")
def weights(site):
    return {w.url: w for w in pw.site_weights(site)}


def test_weights_cover_every_page_and_what_it_loads(site, weights):
    assert len(weights) == len(pw.pages(site)) > 1
    for w in weights.values():
        kinds = {f.rsplit(".", 1)[-1] for f in w.files}
        assert {"css", "js"} <= kinds, f"/{w.url} loads no CSS or JS? found {w.files}"


def test_red_flags_page_with_its_css_and_js_is_within_budget(weights):
    w = weights["red-flags/"]
    assert w.total <= pw.RED_FLAGS_MAX_KB * pw.KB, (
        f"/red-flags/ is {w.total / pw.KB:.1f} KB gzip (HTML {w.html / pw.KB:.1f}, CSS {w.css / pw.KB:.1f}, "
        f"JS {w.js / pw.KB:.1f}); budget {pw.RED_FLAGS_MAX_KB} KB"
    )


def test_no_page_is_over_budget(weights):
    over = {
        url or "home": round(w.total / pw.KB, 1)
        for url, w in weights.items()
        if w.total > pw.PAGE_MAX_KB * pw.KB
    }
    assert not over, f"pages over {pw.PAGE_MAX_KB} KB gzip before search: {over}"


def test_no_page_loads_anything_from_another_site(weights):
    offsite = {url or "home": w.offsite for url, w in weights.items() if w.offsite}
    assert not offsite


@pytest.mark.both_generators
def test_each_page_loads_only_the_styles_and_scripts_it_uses(site, weights):
    """The worksheets' and the scorecard's CSS and JS load on their own pages only."""
    own = {
        "assets/checklists.css": "checklists/ask-gme/",
        "assets/js/checklists.js": "checklists/ask-gme/",
        "assets/scorecard.css": "scorecard/",
        "assets/js/scorecard.js": "scorecard/",
    }
    for asset, page in own.items():
        assert asset in weights[page].files, f"/{page} does not load {asset}"
        for url in ("", "red-flags/", "questions/", "checklists/"):
            assert asset not in weights[url].files, f"/{url or 'home'} loads {asset}, which it does not use"


CLASSES = re.compile(r'\sclass="([^"]*)"')
USED_BY = {  # asset -> does this page's HTML use it?
    "assets/links.css": lambda html: any("entry" in c.split() for c in CLASSES.findall(html)),
    "assets/js/entries.js": lambda html: any("entry" in c.split() for c in CLASSES.findall(html)),
    "assets/js/tables.js": lambda html: "<table" in html,
}


@pytest.mark.both_generators
def test_entry_and_table_assets_load_exactly_where_used(site, weights):
    # overrides/main.html decides from a page's HTML; this reads the built page the way a reader gets it.
    for url, w in weights.items():
        html = (site / (url + "index.html" if url.endswith("/") or url == "" else url)).read_text("utf-8")
        for asset, used in USED_BY.items():
            assert (asset in w.files) == used(html), (
                f"/{url or 'home'}: uses {asset}: {used(html)}; loads it: {asset in w.files}"
            )
    assert "assets/js/entries.js" not in weights[""].files  # the home page has no entry and loads none
