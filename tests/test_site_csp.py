"""Every built page carries a Content-Security-Policy that admits only the site itself.

The inline scripts are found here independently of postbuild/csp.py (with html.parser, not its regex) and
each one's SHA-256 must be in the policy, and nothing else may be.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from img_red_flags.model.addresses import Addresses
from img_red_flags.postbuild import Site, csp


class _Head(HTMLParser):
    """The CSP meta tag, what precedes it in <head>, and every executable inline script."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.policies: list[str] = []
        self.before_policy: list[str] = []
        self.inline: list[str] = []
        self._script: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")
        elif not self.policies and tag in ("script", "link", "style", "base"):
            self.before_policy.append(tag)
        if tag == "script":
            self._script = attrs
            self._text: list[str] = []

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            kind = (self._script.get("type") or "").lower()
            if "src" not in self._script and kind in ("", "text/javascript", "module"):
                self.inline.append("".join(self._text))
            self._script = None


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.both_generators
def test_every_html_file_has_one_policy_before_any_script_or_style(site):
    files = html_files(site)
    assert len(files) >= 9  # the pages and 404.html
    for path in files:
        head = _Head(path.read_text(encoding="utf-8"))
        assert len(head.policies) == 1, path
        assert not head.before_policy, (path, head.before_policy)


@pytest.mark.both_generators
def test_policy_allows_only_the_site_itself(site):
    for path in html_files(site):
        rules = directives(_Head(path.read_text(encoding="utf-8")).policies[0])
        assert rules["default-src"] == ["'self'"]
        assert rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"]
        for name, sources in rules.items():
            for source in sources:
                # 'self', 'none', script hashes, and data: for images only; never a host or scheme
                assert (
                    source in ("'self'", "'none'")
                    or source.startswith("'sha256-")
                    or (name == "img-src" and source == "data:")
                ), (path, name, source)


@pytest.mark.both_generators
def test_script_hashes_match_the_inline_scripts_exactly(site):
    for path in html_files(site):
        head = _Head(path.read_text(encoding="utf-8"))
        # Material's pages carry inline scripts; the f/<id>/ redirect pages (postbuild/short_links.py) none.
        redirect = path.relative_to(site).parts[0] == "f"
        assert bool(head.inline) != redirect, f"{path}: inline scripts {'not ' if redirect else ''}expected"
        hashes = [s for s in directives(head.policies[0])["script-src"] if s.startswith("'sha256-")]
        assert sorted(hashes) == sorted({_sha256(s) for s in head.inline}), path


def test_a_page_that_already_has_a_policy_is_refused():
    with pytest.raises(ValueError, match="already has"):
        csp.add_policy(
            '<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="x"></head>'
        )


def test_json_data_blocks_are_not_hashed_but_code_is():
    html = (
        '<head><meta charset="utf-8"></head><script type="application/json">{"a": 1}</script>'
        "<script>run()</script><script src=x.js></script>"
    )
    assert csp.inline_scripts(html) == ["run()"]
    assert _sha256("run()") in csp.policy_for(html)


def test_a_page_is_written_back_byte_for_byte_and_its_script_hashed_as_the_browser_reads_it(
    tmp_path, catalog
):
    page = tmp_path / "index.html"
    original = (
        '<!doctype html>\r\n<html><head><meta charset="utf-8">\r\n<script>a();\r\nb();</script></head>'
        "<body>\r\n<p>caf\u00e9</p></body></html>\r\n"
    )
    page.write_bytes(original.encode("utf-8"))
    assert csp.write(Site(tmp_path, catalog, Addresses(True, None), "Site")) == []
    written = page.read_bytes().decode("utf-8")
    policy = _Head(written.replace("\r\n", "\n")).policies[0]
    assert written == original.replace(
        '<meta charset="utf-8">', f'<meta charset="utf-8">\n    {csp.MARKER} content="{policy}">'
    )
    # The browser reads a line break in a script as one LF before it hashes the text (HTML Standard,
    # "preprocessing the input stream"): the hash is of that text, not of the bytes.
    assert directives(policy)["script-src"] == ["'self'", _sha256("a();\nb();")]
