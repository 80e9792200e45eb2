"""What only the Zensical build needs checked: the same guide as MkDocs', and its own index and policy.

Everything the two builds share (ids, short addresses, open data, links, CSP, titles and descriptions) is
checked on both by the tests marked ``both_generators``; these compare the two and cover what differs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from test_site_csp import _Head, directives

from conftest import ROOT, copy_project
from img_red_flags.model.addresses import Addresses
from img_red_flags.model.entries import entries
from img_red_flags.postbuild import csp, search_terms


def _pages(site) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("assets/")
    }


def test_same_pages_and_redirects_as_mkdocs(zensical_site, mkdocs_site):
    assert _pages(zensical_site) == _pages(mkdocs_site)


def test_open_data_is_byte_for_byte_mkdocs(zensical_site, mkdocs_site):
    names = sorted(p.name for p in (mkdocs_site / "data").iterdir())
    assert names == sorted(p.name for p in (zensical_site / "data").iterdir()) and len(names) == 4
    for name in names:
        zensical, mkdocs = (zensical_site / "data" / name), (mkdocs_site / "data" / name)
        assert zensical.read_bytes() == mkdocs.read_bytes(), name


def test_every_entry_is_findable_by_its_search_terms(zensical_site, catalog):
    # The worker indexes title and text only: each term must be in them, as written or as a variant.
    index = json.loads((zensical_site / search_terms.ZENSICAL_INDEX).read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    items = {item["location"]: item for item in index["items"]}
    words = lambda text: {w for w in separator.split(text.lower()) if w}  # noqa: E731
    for entry in entries(catalog):
        item = items[Addresses().entry(entry.kind, entry.id)]
        found = words(item["title"] + " " + re.sub(r"<[^>]*>", " ", item["text"]))
        for term in entry.search_terms:
            assert any(words(v) <= found for v in search_terms.variants(term)), (entry.id, term)
    # a word found nowhere on the page is added as a keyword line of the index, not of the page
    workload = items["red-flags/#vague-workload"]["text"]
    assert re.search(r"<p>Keywords: [^<]*\bburnout\b", workload)
    assert "Keywords:" not in (zensical_site / "red-flags" / "index.html").read_text(encoding="utf-8")


def test_keywords_hold_only_what_the_section_lacks():
    index = {
        "config": {"separator": r"[\s\-]+"},
        "items": [{"location": "red-flags/#a", "title": "Visa", "text": "<p>H-1B &amp; more</p>"}],
    }
    assert search_terms.add_keywords(index, {"red-flags/#a": ("H1B", "visa", "<b>")}) == []
    assert index["items"][0]["text"].endswith("<p>Keywords: &lt;b&gt;</p>")
    assert search_terms.add_keywords(index, {"faq/#gone": ("x",)}) == [
        "search terms: no search-index item at 'faq/#gone'; is the entry on its page?"
    ]


def test_search_dialog_style_is_allowed_by_the_hash_of_the_bundles_own_text(zensical_site):
    bundle = next((zensical_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    styles = csp.shadow_styles(bundle)
    assert len(styles) == 1 and styles[0].startswith(".") and "{" in styles[0]
    page = (zensical_site / "red-flags" / "index.html").read_text(encoding="utf-8")
    assert directives(_Head(page).policies[0])["style-src"] == ["'self'", csp.script_hash(styles[0])]
    # redirect pages load no bundle: no style allowance at all
    redirect = (zensical_site / "f" / "vague-workload" / "index.html").read_text(encoding="utf-8")
    assert directives(_Head(redirect).policies[0])["style-src"] == ["'self'"]


def test_js_string_literals_are_decoded_as_the_browser_does():
    assert csp.js_string(r"a\'b\\c\u00e9\x41\n\u{1F600}") == "a'b\\céA\n\U0001f600"


def test_raw_html_links_are_written_for_the_generator_that_rewrites_them():
    # MkDocs leaves raw HTML alone: the final URL. Zensical reads it from the Markdown source's folder.
    assert Addresses().html_link("about.md", "data/x.json") == "../data/x.json"
    assert Addresses(html_from_source=True).html_link("about.md", "data/x.json") == "data/x.json"
    assert Addresses(html_from_source=True).html_link("checklists/ask-gme.md", "f/a/") == "../f/a/"
    assert Addresses().html_link("checklists/ask-gme.md", "f/a/") == "../../f/a/"


def test_zensical_build_uses_the_classic_variant(zensical_site):
    # The default "modern" variant's caution badge fails contrast (axe); classic passes.
    assert "/classic/main." in (zensical_site / "index.html").read_text(encoding="utf-8")


def _zensical_build(project):
    if not (project / ".venv-zensical").exists():
        (project / ".venv-zensical").symlink_to(ROOT / ".venv-zensical")
    return subprocess.run(
        [sys.executable, "tools/build_site.py", "site-zensical", "--generator", "zensical"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project)},
    )


def test_bad_data_a_broken_link_or_an_unknown_id_keeps_the_last_good_site(zensical_site, tmp_path):
    project = copy_project(tmp_path)
    (project / "site-zensical").mkdir()
    (project / "site-zensical" / "index.html").write_text("last good site")
    flags = project / "data" / "red_flags.yaml"
    good = flags.read_text()
    flags.write_text(good.replace("severity: caution", "severity: mild", 1))
    result = _zensical_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert re.search(r"data/red_flags\.yaml:\d+: [a-z-]+: 'severity' must be one of", result.stderr)
    flags.write_text(good)
    (project / "docs" / "faq.md").write_text("# FAQ\n\n[broken](no-such-page.md)\n")
    result = _zensical_build(project)
    assert result.returncode == 1 and "no-such-page.md" in result.stderr, result.stderr
    (project / "docs" / "faq.md").write_text("# FAQ\n\n{{ red_flag('no-such-flag') }}\n")
    result = _zensical_build(project)
    assert result.returncode == 1 and "no red flag with id 'no-such-flag'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site-zensical" / "index.html").read_text() == "last good site"
    assert not list(project.glob(".site*"))
