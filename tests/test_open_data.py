"""The catalog published with the site as JSON and CSV, with its version and licence."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urljoin

import pytest
from test_site_build import _Page

from conftest import ROOT
from img_red_flags.model import open_data
from img_red_flags.validation import load_catalog


def _csv(site, name) -> list[dict]:
    text = (site / "data" / name).read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.both_generators
def test_json_holds_every_entry_with_version_licence_and_address(site, catalog):
    document = json.loads((site / "data" / open_data.JSON_NAME).read_text(encoding="utf-8"))
    assert document["data_version"] == catalog.meta["version"]
    assert document["licence"]["name"] == "CC BY-SA 4.0"
    assert [f["id"] for f in document["red_flags"]] == list(catalog.flags)
    assert [q["id"] for q in document["questions"]] == list(catalog.questions)
    assert [f["id"] for f in document["faqs"]] == list(catalog.faqs)
    flag = document["red_flags"][0]
    assert flag == {**catalog.flags[flag["id"]], "address": f"red-flags/#{flag['id']}"}
    assert all(q["probes"] == catalog.probes[q["id"]] for q in document["questions"])


@pytest.mark.both_generators
def test_csv_files_have_a_row_per_entry_with_the_data_version(site, catalog):
    for name, table in (
        ("red-flags.csv", catalog.flags),
        ("questions.csv", catalog.questions),
        ("faqs.csv", catalog.faqs),
    ):
        rows = _csv(site, name)
        assert [r["id"] for r in rows] == list(table), name
        assert {r["data_version"] for r in rows} == {catalog.meta["version"]}
    flag = _csv(site, "red-flags.csv")[0]
    assert flag["signs"].splitlines() == [s.strip() for s in catalog.flags[flag["id"]]["signs"]]


def test_csv_cells_cannot_start_a_spreadsheet_formula():
    catalog = load_catalog(ROOT / "tests" / "fixtures" / "data")  # a fresh copy to alter
    catalog.files["faqs"]["faqs"][0]["question"] = '=HYPERLINK("https://evil.example")'
    row = next(csv.DictReader(io.StringIO(open_data.table_csv(catalog, "faqs.csv"))))
    assert row["question"] == "'" + '=HYPERLINK("https://evil.example")'


@pytest.mark.both_generators
def test_about_page_links_to_every_file_and_states_the_licence(site):
    about = site / "about" / "index.html"
    page = _Page(about.read_text(encoding="utf-8"))
    text = " ".join(page.text)
    assert "CC BY-SA 4.0" in text and "MIT" in text
    links = {urljoin("about/", href) for href in _hrefs(about)}
    for name in open_data.TABLES.keys() | {open_data.JSON_NAME}:
        assert f"data/{name}" in links and (site / "data" / name).is_file()


@pytest.mark.both_generators
def test_licence_in_the_readme_and_the_footer_of_every_page(site):
    assert "CC BY-SA 4.0" in (ROOT / "README.md").read_text()
    assert "CC BY-SA 4.0" in (site / "index.html").read_text()


def _hrefs(path) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', path.read_text(encoding="utf-8"))
