"""The built HTML: strict build, every entry at its id, nothing loaded from elsewhere, good metadata."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import copy_project, page_files
from tools.build_site import build_into


class _Page(HTMLParser):
    """Collects what the tests look at: element ids, resource URLs, title and meta tags."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.resources: list[tuple[str, str]] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for attr in ("src", "href", "data", "srcset", "poster"):
            if attrs.get(attr) and (
                tag in ("script", "img", "iframe", "source", "video", "audio", "object", "embed")
                or (tag == "link" and attr == "href")
            ):
                self.resources.append((tag, attrs[attr]))
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content") or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text.append(data)


def parse(path: Path) -> _Page:
    return _Page(path.read_text(encoding="utf-8"))


@pytest.mark.both_generators
def test_every_red_flag_is_an_element_id_on_red_flags(site, catalog):
    ids = parse(site / "red-flags" / "index.html").ids
    assert set(catalog.flags) <= ids
    assert set(catalog.groups) <= ids


@pytest.mark.both_generators
def test_every_question_is_on_the_question_bank(site, catalog):
    bank = parse(site / "questions" / "index.html")
    text = " ".join(bank.text)
    for qid, question in catalog.questions.items():
        assert qid in bank.ids
        assert question["text"].strip() in text


@pytest.mark.both_generators
def test_every_faq_is_on_the_faq_page(site, catalog):
    assert set(catalog.faqs) <= parse(site / "faq" / "index.html").ids


@pytest.mark.parametrize(
    "page, data",
    [("why-imgs", "exposure"), ("investigate", "investigation"), ("already-in-one", "already_in")],
)
@pytest.mark.both_generators
def test_guide_pages_carry_every_section_and_item(site, catalog, page, data):
    ids = parse(site / page / "index.html").ids
    for section in catalog.page(data)["sections"]:
        assert section["id"] in ids
        assert {item["id"] for item in section.get("items", [])} <= ids


OFFSITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


@pytest.mark.both_generators
def test_nothing_is_loaded_from_another_site(site):
    pages = [*page_files(site), site / "404.html"]
    offenders = [
        (p.relative_to(site), tag, url)
        for p in pages
        for tag, url in parse(p).resources
        if OFFSITE.match(url) or url.startswith(("http:", "https:"))
    ]
    assert pages and not offenders


@pytest.mark.both_generators
def test_no_google_fonts_or_repo_widgets_anywhere(site):
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
            assert "api.github.com" not in text, path


@pytest.mark.both_generators
def test_every_page_has_its_own_title_and_description(site):
    pages = page_files(site)
    assert len(pages) >= 8
    seen: dict[str, Path] = {}
    for path in pages:
        page = parse(path)
        assert page.title.strip(), path
        description = page.meta.get("description", "").strip()
        assert 50 <= len(description) <= 200, (path, description)
        assert description not in seen, f"{path} repeats the description of {seen.get(description)}"
        seen[description] = path


@pytest.mark.both_generators
def test_not_legal_advice_notice_where_visas_come_up(site, catalog):
    notice = catalog.meta["legal_notice"].split(".")[0]
    for page in ("", "why-imgs/", "already-in-one/"):
        html = (site / page / "index.html").read_text()
        assert "Not legal advice" in html and notice in html, page


@pytest.mark.both_generators
def test_no_macro_left_unrendered(site):
    for path in page_files(site):
        html = path.read_text()
        assert "{{" not in html and "{%" not in html, path


def test_failed_build_leaves_the_last_good_site(tmp_path):
    project = copy_project(tmp_path)
    target = project / "site"
    build_into(target, str(project / "mkdocs.yml"))
    good = (target / "red-flags" / "index.html").read_text()
    # Break the docs: a link to a page that does not exist is a strict-mode failure.
    (project / "docs" / "faq.md").write_text("# FAQ\n\n[broken](no-such-page.md)\n")
    with pytest.raises(Abort):
        build_into(target, str(project / "mkdocs.yml"))
    assert (target / "red-flags" / "index.html").read_text() == good
    assert not list(project.glob(".site.*"))


def test_bad_data_stops_the_build_with_the_problem_and_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("last good site")
    flags = project / "data" / "red_flags.yaml"
    flags.write_text(flags.read_text().replace("severity: caution", "severity: mild", 1))
    result = subprocess.run(
        [sys.executable, "tools/build_site.py", "site"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert re.search(
        r"data/red_flags\.yaml:\d+: [a-z-]+: 'severity' must be one of caution, serious, "
        r"critical",
        result.stderr,
    )
    assert (project / "site" / "index.html").read_text() == "last good site"


@pytest.mark.both_generators
def test_no_page_advertises_or_credits_a_product(site):
    for path in page_files(site):
        html = path.read_text()
        assert "Made with" not in html and "squidfunk" not in html, path


def test_front_matter_descriptions_are_escaped_too(tmp_path):
    project = copy_project(tmp_path)
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text()
        .replace("description: Who makes", 'description: \'A "quoted" <b>word</b> & more; who makes', 1)
        .replace("report a mistake safely.", "report a mistake safely.'", 1)
    )
    result = subprocess.run(
        [sys.executable, "tools/build_site.py", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project)},
    )
    assert result.returncode == 0, result.stderr
    meta = parse(project / "site" / "about" / "index.html").meta["description"]
    assert meta.startswith('A "quoted" <b>word</b> & more; who makes')
