"""The one HTML reader (img_red_flags/html_reader.py): HTML read as a browser reads it, and the built
pages parsed once per post-build run.
"""

from __future__ import annotations

from pathlib import Path

from img_red_flags import html_reader
from img_red_flags.model.addresses import Addresses
from img_red_flags.postbuild import Site, accessibility, csp, links, safe_urls


def test_elements_reads_template_and_noscript_content_in_page_order():
    page = html_reader.parse(
        '<p id="a"><template><a href="t1">x</a><template><img src="t2"></template></template>'
        '<noscript><a href="n">y</a></noscript><a href="last">z</a></p>'
    )
    found = [e.attributes.get("href") or e.attributes.get("src") for e in html_reader.elements(page)]
    assert [f for f in found if f] == ["t1", "t2", "n", "last"]


def test_attributes_and_text_are_read_as_the_browser_reads_them():
    page = html_reader.parse(
        '<A HREF=java&#9;script:x ID=q>a &amp; b</A><textarea><a href="in-text"></textarea>'
        "<script>one\r\ntwo</script>"
    )
    anchors = page.css("a")
    assert len(anchors) == 1  # the one in <textarea> is text, as in the browser
    assert anchors[0].attributes == {"href": "java\tscript:x", "id": "q"}
    assert html_reader.text(anchors[0]) == "a & b"
    assert html_reader.text(page.css_first("script")) == "one\ntwo"  # the text the browser hashes


def _site(folder: Path, catalog) -> Site:
    return Site(folder, catalog, Addresses(True, None), "Site")


def test_post_build_parses_each_page_once_and_again_only_after_a_step_rewrote_it(
    tmp_path, catalog, monkeypatch
):
    for name in ("index.html", "a/index.html", "b/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(
            '<html><head><meta charset="utf-8"></head><body><p id="x"><a href="#x">x</a></p>'
            f"{accessibility.SEARCH_DIALOG if name == 'a/index.html' else ''}</div></body></html>",
            encoding="utf-8",
        )
    parsed: list[str] = []
    real_parse = html_reader.parse

    def counting_parse(text: str):
        parsed.append(text)
        return real_parse(text)

    monkeypatch.setattr(html_reader, "parse", counting_parse)
    site = _site(tmp_path, catalog)
    assert links.check(site) == [] and safe_urls.check(site) == []
    assert len(parsed) == 3  # one parse per page for both reading steps
    assert accessibility.write(site) == []  # rewrites a/index.html only
    assert csp.write(site) == []
    assert len(parsed) == 4  # the rewritten page again, the others from before
    assert 'aria-label="Search"' in parsed[-1]
    for name in ("index.html", "a/index.html", "b/index.html"):
        assert csp.MARKER in (tmp_path / name).read_text(encoding="utf-8")
