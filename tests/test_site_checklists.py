"""The built checklist pages: one per sheet in the data, listed on the index, carrying their entries."""

from __future__ import annotations

import html
import re

import pytest

from conftest import real_catalog
from macros.checklists import sheet_questions


def _text(path) -> str:
    """Visible text of a page, whitespace collapsed."""
    raw = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", html.unescape(raw))


@pytest.mark.both_generators
def test_index_lists_every_sheet(site, catalog):
    index = (site / "checklists" / "index.html").read_text(encoding="utf-8")
    for sheet_id, sheet in catalog.sheets.items():
        assert f'href="{sheet_id}/"' in index and html.escape(sheet["title"], quote=False) in index


@pytest.mark.both_generators
@pytest.mark.parametrize("sheet_id", list(real_catalog().sheets))
def test_sheet_page_exists_with_print_control_and_footer(site, catalog, sheet_id):
    page = (site / "checklists" / sheet_id / "index.html").read_text(encoding="utf-8")
    assert '<button type="button"' in page and "data-sheet-print" in page
    assert f"checklists/{sheet_id}/</span> · Data version {catalog.meta['version']}" in page
    assert "assets/js/checklists.js" in page and "assets/print.css" in page


@pytest.mark.both_generators
def test_question_sheets_carry_every_question_for_their_audience(site, catalog):
    for audience in catalog.audiences:
        sheets = [
            s
            for s in catalog.sheets
            if any(p.get("audience") == audience for p in catalog.sheets[s]["parts"])
        ]
        assert sheets, f"no sheet asks {audience}"
        wanted = {q["id"] for q in catalog.questions.values() if audience in q["ask"]}
        assert {q["id"] for q in sheet_questions(catalog, sheets[0])} >= wanted
        text = _text(site / "checklists" / sheets[0] / "index.html")
        for qid in wanted:
            assert re.sub(r"\s+", " ", catalog.questions[qid]["text"].strip()) in text, qid


@pytest.mark.both_generators
def test_research_self_check_tally_and_log_come_from_the_data(site, catalog):
    research = _text(site / "checklists" / "before-interview" / "index.html")
    public = next(s for s in catalog.page("investigation")["sections"] if s["id"] == "public-data")
    for item in public["items"]:
        assert item["title"] in research and all(p in research for p in item["points"])
    after = _text(site / "checklists" / "after-contact" / "index.html")
    assert all(flag["title"] in after for flag in catalog.flags.values())
    already = _text(site / "checklists" / "already-in" / "index.html")
    for section in ("document", "channels", "exit", "no-sudden-moves"):
        title = next(s for s in catalog.page("already_in")["sections"] if s["id"] == section)["title"]
        assert title in already
    assert re.search(r"Date\s+Time\s+What happened\s+Who was present\s+Evidence kept where", already)
