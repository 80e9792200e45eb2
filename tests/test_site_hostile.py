"""Hostile text in the data, end to end: it reaches the built page as literal text, or the build stops
with file:line: id and the last good site stays in place.

The project is copied and built in a child process (PYTHONPATH pointing at the copy), so the copy's
data is what the macros load, exactly as `make build` would.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import copy_project

HOSTILE = {  # text a contributor (or an attacker with a pull request) might put in a field
    "jinja": "Total {{ 7*7 }} and {% include 'mkdocs.yml' %} and {# hidden #} and {{ config.site_name }}",
    "attributes": '*Hover*{ onmouseover="alert(1)" } and [a link](https://example.org){ onclick="alert(2)" }',
    "entities": "&#60;script&#62;alert(3)&#60;/script&#62; &lt;b&gt;bold&lt;/b&gt;",
}


class _Text(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.text, self.handlers, self.ids = [], [], set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]
        self.ids |= {value for name, value in attrs if name == "id"}
        self.scripts = getattr(self, "scripts", 0) + (tag == "script")

    def handle_data(self, data):
        self.text.append(data)


def _build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "tools/build_site.py", "site"], cwd=project, env=env, capture_output=True, text=True
    )


def _edit(project: Path, file: str, change) -> None:
    path = project / "data" / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))

    def flags(data):
        flag = data["flags"][0]
        flag["title"] = f"{flag['title']} {{{{ 7*7 }}}}"
        flag["summary"] = HOSTILE["jinja"]
        flag["signs"] = [HOSTILE["attributes"], HOSTILE["entities"]]

    _edit(project, "red_flags.yaml", flags)
    _edit(
        project,
        "faqs.yaml",
        lambda d: d["faqs"][0].update(answer=HOSTILE["jinja"] + '\n\n{: onclick="alert(4)" }'),
    )
    result = _build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_hostile_text_shows_literally_and_runs_nothing(hostile_site):
    page = _Text((hostile_site / "site" / "red-flags" / "index.html").read_text(encoding="utf-8"))
    text = "".join(page.text)
    assert (
        "Total {{ 7*7 }} and {% include 'mkdocs.yml' %} and {# hidden #} and {{ config.site_name }}" in text
    )
    assert '{ onmouseover="alert(1)" }' in text and '{ onclick="alert(2)" }' in text
    assert "<script>alert(3)</script> <b>bold</b>" in text  # entities decode to text, not to markup
    assert "49" not in text and "site_name: IMG" not in text
    assert not page.handlers


def test_braces_in_a_title_leave_the_flag_at_its_id(hostile_site):
    first = yaml.safe_load((hostile_site / "data" / "red_flags.yaml").read_text())["flags"][0]
    page = _Text((hostile_site / "site" / "red-flags" / "index.html").read_text(encoding="utf-8"))
    assert first["id"] in page.ids and first["title"] in "".join(page.text)


def test_a_block_attribute_line_in_an_answer_stays_text(hostile_site):
    page = _Text((hostile_site / "site" / "faq" / "index.html").read_text(encoding="utf-8"))
    assert not page.handlers and '{: onclick="alert(4)" }' in "".join(page.text)


def test_bad_data_stops_the_build_with_the_place_and_keeps_the_last_good_site(hostile_site, tmp_path):
    good = tmp_path / "good"
    shutil.copytree(hostile_site / "site", good)
    _edit(hostile_site, "faqs.yaml", lambda d: d["faqs"][0].update(answer="Click <script>alert(5)</script>"))
    result = _build(hostile_site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "data/faqs.yaml:" in result.stderr and "contains raw HTML ('<script>')" in result.stderr
    assert "the previous site in site/ was left as it was" in result.stderr
    compared = filecmp.dircmp(good, hostile_site / "site")
    assert not (compared.left_only or compared.right_only or compared.diff_files)
    assert not list(hostile_site.glob(".site.*"))
