"""Plain-text fields built into pages, on both generators: each shows as written wherever a template puts
it (link text, heading, note-box title, list), and makes no link, heading, note box or table of its own.

The project is copied, its data given hostile titles, and built by tools/build_site.py in a child process
(MkDocs, then Zensical), exactly as `make build` and `make build-zensical` would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, require

# Each title goes on one flag (in order); all are plain text and must show exactly as written.
TITLES = [
    "Vague about the real workload](javascript:alert%281%29) [more",  # ends the link, opens another
    "Ends with a backslash \\",  # escapes the template's own ] after it
    "Hours a < b and c > d & more",  # text, not a tag
    '!!! success "Verified by USCIS"',  # an admonition if it started a line
    "| a | b | c |",  # a table row
    "1. numbered - *not* emphasis_or_code `x` {: .x }",  # a list item, emphasis, attributes
]
GROUP_TITLE = "Workload](data:text/html,x) \\"
SOURCE_TITLE = "Exiting J-1 Sponsorship](javascript:alert(2)) [x"
AUDIENCE_TITLE = "Program leadership < faculty \\"


class _Page(HTMLParser):
    """Links (href -> texts), heading texts by id, and counts of the structures a field must not make."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.headings: dict[str, str] = {}
        self.admonitions: list[str] = []  # classes of each note box
        self.tables = 0
        self._link: list[str] | None = None
        self._heading: tuple[str, list[str]] | None = None
        self._skip = 0  # inside a permalink mark
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("href", "src", "action") and v]
        classes = (a.get("class") or "").split()
        if "admonition" in classes or (tag == "details" and "entry__more" not in classes):
            self.admonitions.append(" ".join(classes))
        self.tables += tag == "table"
        if tag == "a" and "headerlink" in classes:
            self._skip += 1
        elif tag == "a":
            self._link = [a.get("href") or "", []]
        if tag in ("h1", "h2", "h3") and a.get("id"):
            self._heading = (a["id"], [])

    def handle_endtag(self, tag):
        if tag == "a" and self._skip:
            self._skip -= 1
        elif tag == "a" and self._link:
            self.links.append((self._link[0], "".join(self._link[1]).strip()))
            self._link = None
        if tag in ("h1", "h2", "h3") and self._heading:
            self.headings[self._heading[0]] = "".join(self._heading[1]).strip()
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._link:
            self._link[1].append(data)
        if self._heading:
            self._heading[1].append(data)


def _edit(project: Path, file: str, change) -> None:
    path = project / "data" / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _hostile(data):
    for flag, title in zip(data["flags"], TITLES, strict=False):
        flag["title"] = title
    data["groups"][0]["title"] = GROUP_TITLE


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def built(request, tmp_path_factory) -> tuple[Path, dict]:
    """(site folder, the edited red flags data) of a hostile copy built by one generator."""
    project = copy_project(tmp_path_factory.mktemp(f"contexts-{request.param}"))
    if request.param == "zensical":
        venv = ROOT / ".venv-zensical"
        require((venv / "bin" / "zensical").exists(), "no .venv-zensical/ (make build-zensical creates it)")
        (project / ".venv-zensical").symlink_to(venv)
    _edit(project, "red_flags.yaml", _hostile)
    _edit(project, "sources.yaml", lambda d: d["sources"][0].update(title=SOURCE_TITLE))
    _edit(project, "questions.yaml", lambda d: d["audiences"][0].update(title=AUDIENCE_TITLE))
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "tools/build_site.py", "site", "--generator", request.param],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    flags = yaml.safe_load((project / "data" / "red_flags.yaml").read_text(encoding="utf-8"))["flags"]
    return project / "site", {f["id"]: f["title"] for f in flags}


def _pages(site: Path) -> dict[str, _Page]:
    return {
        p.relative_to(site).as_posix(): _Page(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")
    }


def test_no_page_links_anywhere_but_relative_or_web_addresses(built):
    site, _ = built
    bad = [
        (name, url)
        for name, page in _pages(site).items()
        for url in page.urls
        if url.split(":")[0].strip().lower() in ("javascript", "data", "vbscript")
    ]
    assert not bad, bad


def test_every_link_to_a_hostile_flag_shows_its_title_as_written(built):
    site, titles = built
    seen = dict.fromkeys(list(titles)[: len(TITLES)], 0)
    for name, page in _pages(site).items():
        for href, text in page.links:
            fid = href.rsplit("#", 1)[-1]
            if fid in seen and "red-flags" in href and text:
                assert text == titles[fid], (name, href, text)
                seen[fid] += 1
    assert all(seen.values()), seen  # each flag is linked (flag index, related flags, question bank)


def test_hostile_titles_are_the_flags_headings_and_make_no_structure(built):
    site, titles = built
    page = _Page((site / "red-flags" / "index.html").read_text(encoding="utf-8"))
    for fid, title in list(titles.items())[: len(TITLES)]:
        assert page.headings.get(fid) == title, (fid, page.headings.get(fid))
    assert page.headings.get("workload") == GROUP_TITLE
    assert page.tables == 0
    assert page.admonitions == ["admonition warning"]  # the page's own: the not-legal-advice notice


def test_a_hostile_source_title_is_link_text_not_a_link(built):
    site, _ = built
    page = _Page((site / "sources" / "index.html").read_text(encoding="utf-8"))
    assert SOURCE_TITLE in page.headings.values()
    assert not [u for u in page.urls if u.lower().startswith("javascript")]


def test_a_hostile_audience_title_shows_as_written_in_raw_html(built):
    site, _ = built
    html = (site / "questions" / "index.html").read_text(encoding="utf-8")
    assert "Program leadership &lt; faculty \\" in html and "faculty \\\\" not in html


def _index_titles(site: Path) -> dict[str, str]:
    """Search index: entry anchor -> section title as the search box shows it (tags dropped, entities read)."""
    import html
    import json
    import re

    mkdocs, zensical = site / "search" / "search_index.json", site / "search.json"
    docs = (
        json.loads(mkdocs.read_text())["docs"]
        if mkdocs.exists()
        else json.loads(zensical.read_text())["items"]
    )
    where = [(d.get("location") or d.get("url") or "", d.get("title") or "") for d in docs]
    return {
        location.rsplit("#", 1)[-1]: html.unescape(re.sub(r"<[^>]*>", "", title)).strip()
        for location, title in where
        if "#" in location
    }


def test_the_search_index_holds_the_titles_as_written(built):
    site, titles = built
    shown = _index_titles(site)
    for fid, title in list(titles.items())[: len(TITLES)]:
        assert shown.get(fid) == title, (fid, shown.get(fid))


def test_a_short_address_page_names_the_flag_as_written(built):
    site, titles = built
    for fid, title in list(titles.items())[: len(TITLES)]:
        page = _Page((site / "f" / fid / "index.html").read_text(encoding="utf-8"))
        assert [text for _href, text in page.links] == [title], (fid, page.links)
        assert not [u for u in page.urls if ":" in u.split("/")[0] and not u.startswith("http")]
