"""The scorecard page as built: its flag list is the guide's, its links land, its code is in files."""

from __future__ import annotations

import copy
import gzip
import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from test_site_build import parse

from conftest import ROOT
from img_red_flags.model.addresses import Addresses
from img_red_flags.validation.defs import MOST_SEVERE_FIRST
from macros import scorecard
from macros.render import UnknownId

JS = ROOT / "docs" / "assets" / "js" / "scorecard.js"
STORE = ROOT / "docs" / "assets" / "js" / "store.js"  # the storage gate, loaded with the scorecard
CSS = ROOT / "docs" / "assets" / "scorecard.css"
# bytes, JS (with the storage gate, store.js) + CSS: phones on slow connections load it. 12,000 until
# issue 18 (two tabs, versions, keeping a copy) and 17 (comparison side by side, print without paths).
GZIP_BUDGET = 20_500


class _Scripts(HTMLParser):
    """Every <script> inside the page content, with its attributes and text."""

    def __init__(self, html: str):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self._depth = 0
        self._open: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self._depth += 1
        if tag == "script" and self._depth:
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_endtag(self, tag):
        if tag == "article":
            self._depth -= 1
        if tag == "script":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


@pytest.fixture(scope="module")
def built(site):
    html = (site / "scorecard" / "index.html").read_text(encoding="utf-8")
    scripts = _Scripts(html).scripts
    data = next(json.loads(text) for attrs, text in scripts if attrs.get("id") == "scorecard-data")
    return html, scripts, data


def test_the_flag_list_is_the_guides_at_build_time(built, catalog):
    _, _, data = built
    assert data["data_version"] == catalog.meta["version"]
    assert [f["id"] for f in data["flags"]] == list(catalog.flags)
    for entry in data["flags"]:
        flag = catalog.flags[entry["id"]]
        assert (entry["severity"], entry["group"]) == (flag["severity"], flag["group"])
        assert entry["title"] == flag["title"] and entry["summary"] == " ".join(flag["summary"].split())
    # most severe first, in the schema's order: scorecard.js can read its order from here
    assert (
        [s["id"] for s in data["severities"]] == list(MOST_SEVERE_FIRST) == ["critical", "serious", "caution"]
    )
    assert sorted(s["id"] for s in data["severities"]) == sorted(catalog.severities)
    # the id pattern and length, as the schema defines them: scorecard.js checks a loaded file's ids with them
    defs = json.loads((ROOT / "data" / "schemas" / "defs.schema.json").read_text(encoding="utf-8"))["$defs"]
    assert data["ids"] == {"pattern": defs["id"]["pattern"], "max_length": defs["id"]["maxLength"]}
    assert [v["id"] for v in data["visa_facts"]] == [
        v["id"] for v in catalog.files["scorecard"]["visa_facts"]
    ]


def test_the_script_keeps_no_copy_of_the_severities_or_the_id_pattern():
    """scorecard.js reads the severity order and the id pattern from the data the page embeds (above): a
    copy of its own would go out of step when the schema changes."""
    script = JS.read_text(encoding="utf-8")
    defs = json.loads((ROOT / "data" / "schemas" / "defs.schema.json").read_text(encoding="utf-8"))["$defs"]
    assert [sev for sev in defs["severity"]["enum"] if re.search(rf"[\"']{sev}[\"']", script)] == []
    assert defs["id"]["pattern"].strip("^$") not in script  # no regex of ids of its own


def test_every_link_in_the_data_lands_on_an_element_of_the_guide(built, site):
    _, _, data = built
    hrefs = [f["href"] for f in data["flags"]] + [v["question"]["href"] for v in data["visa_facts"]]
    for href in hrefs:
        target = urlparse(urljoin("http://site/scorecard/", href))
        page = site / target.path.strip("/") / "index.html"
        assert page.is_file(), href
        assert target.fragment in parse(page).ids, href


def test_the_page_has_no_inline_code_only_files_and_data(built):
    _, scripts, _ = built
    assert scripts, "the scorecard page must load its script"
    for attrs, text in scripts:
        assert attrs.get("type") == "application/json" or (attrs.get("src") and not text.strip()), attrs
    sources = [a.get("src") for a, _ in scripts if a.get("src")]
    assert sources == ["../assets/js/store.js", "../assets/js/scorecard.js"]  # the gate first


def test_the_tool_is_hidden_without_javascript_and_says_why(built):
    html, _, _ = built
    assert re.search(r'id="sc-tool"[^>]*\bhidden\b', html)
    assert "<noscript>" in html and "needs JavaScript" in html


def test_data_cannot_close_the_script_element(catalog):
    tricky = copy.copy(catalog)
    tricky.groups = {k: dict(v) for k, v in catalog.groups.items()}  # group titles go in as written
    next(iter(tricky.groups.values()))["title"] = "</script><script>alert(1)</script> & more"
    block = scorecard.scorecard_data(tricky, "scorecard.md", Addresses())
    body = block.split('id="scorecard-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and "&" not in body
    assert json.loads(body)["groups"][0]["title"] == "</script><script>alert(1)</script> & more"


def test_urls_follow_the_sites_url_style(catalog):
    assert scorecard.url("scorecard.md", "flag", "cheap-labor", Addresses()) == "../red-flags/#cheap-labor"
    assert (
        scorecard.url("scorecard.md", "flag", "cheap-labor", Addresses(False)) == "red-flags.html#cheap-labor"
    )


def test_an_unknown_panel_fails_the_build(catalog):
    with pytest.raises(UnknownId, match="known: programs, compare, data"):
        scorecard.scorecard_panel(catalog, "scorecard.md", "dashboard", Addresses())


def test_script_and_style_stay_small():
    size = sum(len(gzip.compress(path.read_bytes(), 9)) for path in (JS, STORE, CSS))
    assert size < GZIP_BUDGET, f"scorecard JS + CSS is {size} bytes gzipped; budget {GZIP_BUDGET}"


def test_every_reader_is_told_about_safaris_seven_days_with_webkits_source(built):
    html, _, _ = built
    text = re.sub(r"<[^>]+>", "", html)
    assert "Safari deletes everything a website has stored" in text and "seven days" in text
    assert 'href="https://webkit.org/blog/10218/full-third-party-cookie-blocking-and-more/"' in html


def test_exports_name_the_public_short_address_only_when_the_site_url_is_known(catalog):
    hosted = scorecard.payload(catalog, "scorecard.md", Addresses(True, "https://e.org/g/"))
    first = next(iter(catalog.flags))
    assert hosted["flags"][0]["share"] == f"https://e.org/g/f/{first}/"
    offline = scorecard.payload(catalog, "scorecard.md", Addresses(False))
    assert offline["flags"][0]["share"] is None  # the script then gives the entry id
