"""Checklist sheets rendered from the small fixture data set: every entry they name, nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from img_red_flags.model.addresses import Addresses, sheet_source
from img_red_flags.validation import load_catalog
from macros import checklists, render

FIXTURES = Path(__file__).parent / "fixtures" / "data"
FIXTURE = load_catalog(FIXTURES)


def sheet(sheet_id: str, directory_urls: bool = True, site_url: str | None = None) -> str:
    return checklists.checklist(
        FIXTURE, sheet_source(sheet_id), sheet_id, Addresses(directory_urls, site_url)
    )


def test_question_sheet_prints_exactly_the_audiences_questions_with_ticks_and_lines():
    out = sheet("gme-sheet")
    assert "Who in the GME office handles visa paperwork, and when?" in out  # asks gme
    assert "What does a normal week look like" not in out  # asks leadership and fellows only
    assert out.count('class="sheet-tick"') == 2 and "Reassuring" in out and "Worrying" in out
    assert 'id="visa-owner"' in out and "(../questions.md#visa-owner)" in out
    for label in ("Program", "Date", "Who answered"):
        assert f'<span class="sheet-field__label">{label}</span>' in out
    assert "Not legal advice" in out  # visa_note on the part


def test_changing_a_question_in_the_data_changes_the_sheet(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    questions = data / "questions.yaml"
    questions.write_text(questions.read_text().replace("handles visa paperwork", "files the visa forms"))
    out = checklists.checklist(load_catalog(data), "checklists/gme-sheet.md", "gme-sheet")
    assert "Who in the GME office files the visa forms, and when?" in out
    assert checklists.sheet_questions(load_catalog(data), "gme-sheet")[0]["id"] == "visa-owner"


def test_folded_guide_research_self_check_tally_steps_and_log():
    research = sheet("research-sheet")
    assert '??? info "A section"' in research and "    A tip for the reader." in research
    assert research.count('<span class="sheet-box" aria-hidden="true"></span>first point') == 1
    assert "What I found" in research
    after = sheet("after-sheet")
    assert after.count("Yes</span>") == 1 and "No</span>" in after
    assert "[Vague about the workload](../red-flags.md#vague-workload)" in after  # every flag, linked
    assert after.index("weak-visa-support") < after.index("vague-workload")  # most severe first
    assert "**An item.**" in after  # steps: each item of each section
    assert '<th scope="col">What happened</th>' in after and after.count("<tr><td></td><td></td></tr>") == 3


def test_footer_names_page_address_and_data_version():
    out = sheet("gme-sheet")
    assert 'data-address="checklists/gme-sheet/">checklists/gme-sheet/</span>' in out
    assert f"Data version {FIXTURE.meta['version']}, {FIXTURE.meta['updated']}" in out
    absolute = sheet("gme-sheet", site_url="https://example.org/guide")
    assert ">https://example.org/guide/checklists/gme-sheet/</span>" in absolute
    assert 'data-address="https://example.org/guide/red-flags/#' in sheet(
        "after-sheet", site_url="https://example.org/guide/"
    )
    flat = sheet("gme-sheet", directory_urls=False)
    assert ">checklists/gme-sheet.html</span>" in flat
    # Printed from the offline copy, the sheet names the public page, not a file name.
    offline = sheet("gme-sheet", directory_urls=False, site_url="https://example.org/guide/")
    assert ">https://example.org/guide/checklists/gme-sheet/</span>" in offline


def test_pdf_links_are_left_to_make_pdf():
    # No copy of the site may link to PDFs it does not hold: `make pdf` writes the links with the PDFs.
    out = sheet("gme-sheet")
    assert '<span class="sheet-pdfs" data-sheet-pdfs hidden></span>' in out and ".pdf" not in out
    assert "data-sheet-print hidden" in out  # shown by the script, which wires it


def test_index_links_every_sheet():
    out = checklists.checklist_index(FIXTURE, "checklists/index.md")
    for sheet_id, entry in FIXTURE.sheets.items():
        assert f"[{entry['title']}]({sheet_id}.md)" in out


def test_unknown_sheet_raises():
    with pytest.raises(render.UnknownId, match="no checklist with id 'nope'"):
        sheet("nope")


def test_labels_show_exactly_as_written(tmp_path):
    # Labels sit inside raw HTML that Markdown leaves alone: a Markdown escape would show as a backslash.
    import markdown

    from img_red_flags.validation.rendered import EXTENSIONS

    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    path = data / "checklists.yaml"
    text = path.read_text()
    for old, new in (
        ("fields: [Program, Date, Who answered]", "fields: [Program, 'Date {approx}', 'a_b & 7*7']"),
        ("ticks: [Reassuring, Worrying]", "ticks: ['Re{a}ssuring', 'W*or*ry']"),
        ("columns: [Date, What happened]", "columns: ['Date {d}', 'What 2*3']"),
        ("notes: Where and who", "notes: 'Where {and} who*'"),
    ):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)
    catalog = load_catalog(data)
    html = "".join(
        markdown.markdown(checklists.checklist(catalog, checklists.sheet_source(s), s), extensions=EXTENSIONS)
        for s in ("gme-sheet", "after-sheet")
    )
    for shown in (
        '<span class="sheet-field__label">Date {approx}</span>',
        "a_b &amp; 7*7</span>",
        "</span>Re{a}ssuring</span>",
        "</span>W*or*ry</span>",
        '<th scope="col">Date {d}</th>',
        '<th scope="col">What 2*3</th>',
        "Where {and} who*</span>",
    ):
        assert shown in html
    assert "\\" not in html


def test_qr_code_carries_the_printed_address_only_with_site_url():
    import segno

    assert "<svg" not in sheet("gme-sheet")  # no SITE_URL: no address worth encoding
    out = sheet("gme-sheet", site_url="https://example.org/guide/")
    own = "https://example.org/guide/checklists/gme-sheet/"
    assert out.count("<svg") == 1 and f'aria-label="QR code: {own}"' in out
    expected = segno.make(own, error="m").svg_inline(scale=1, border=4, omitsize=True)
    path = expected[expected.index("<path") :]
    assert path.split(' d="')[1].split('"')[0] in out  # the same modules: it encodes that address


def test_bold_leads_fail_loudly_on_a_body_without_them():
    from macros.checklists import bold_leads

    groups = bold_leads(
        "**Do not**\n\n- **Resign** today.\n- **Sign** anything.\n\n**Do**\n\n- **Ask** first.", "x"
    )
    assert groups == [{"title": "Do not", "leads": ["Resign", "Sign"]}, {"title": "Do", "leads": ["Ask"]}]
    with pytest.raises(render.UnknownId):
        bold_leads("Plain text without groups.", "x")
