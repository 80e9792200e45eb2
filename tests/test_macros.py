"""Each macro rendered against the small fixture data set; unknown ids raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from img_red_flags.validation import load_catalog
from macros import render

FIXTURE = load_catalog(Path(__file__).parent / "fixtures" / "data")


def test_red_flag_renders_every_field_at_its_id():
    out = render.red_flag(FIXTURE, "red-flags.md", "vague-workload")
    assert "### Vague about the workload { #vague-workload" in out
    for text in (
        "The schedule is described as flexible.",
        "Fellows fill gaps in IT support.",
        "A visa holder cannot easily say no to extra work.",
        "Ask for last year's duty hours.",
        "[What does a normal week look like for a first-year fellow?](questions.md#typical-week)",
        "[Weak visa support](#weak-visa-support)",
        "severity--serious",
    ):
        assert text in out


def test_links_are_relative_to_the_page_rendering_them():
    out = render.red_flag(FIXTURE, "checklists/interview.md", "vague-workload")
    assert "(../questions.md#typical-week)" in out
    assert "(../red-flags.md#weak-visa-support)" in out


def test_red_flags_are_grouped_in_data_order():
    out = render.red_flags(FIXTURE, "red-flags.md")
    assert (
        out.index("## Workload { #workload }")
        < out.index("{ #vague-workload")
        < out.index("## Visa support { #visa }")
        < out.index("{ #weak-visa-support")
    )


def test_question_lists_audiences_answers_and_the_flags_it_probes():
    out = render.question(FIXTURE, "questions.md", "typical-week")
    assert "{ #typical-week" in out
    assert "Program leadership, Fellows and graduates" in out
    assert "Specific hours and a written schedule." in out and "It depends, it is flexible." in out
    # probes are derived from the flags' question lists
    assert "[Vague about the workload](red-flags.md#vague-workload)" in out
    assert "[Weak visa support](red-flags.md#weak-visa-support)" in out


def test_questions_for_an_audience():
    out = render.questions_for(FIXTURE, "investigate.md", "gme")
    assert "(questions.md#visa-owner)" in out and "typical-week" not in out


def test_faqs_keep_their_markdown():
    out = render.faqs(FIXTURE, "faq.md")
    assert "## Should I avoid a program that never sponsored a visa? { #first-visa-holder }" in out
    assert "- Talk to the GME office directly." in out


def test_guide_page_renders_sections_items_tip_and_notice():
    out = render.guide_page(FIXTURE, "investigate.md", "investigation")
    assert "## A section { #investigation-section }" in out
    assert "### An item { #investigation-item }" in out
    assert "- second point" in out
    assert "!!! tip" in out and '!!! warning "Not legal advice"' in out


def test_text_is_never_evaluated_as_jinja():
    catalog = load_catalog(Path(__file__).parent / "fixtures" / "data")
    catalog.flags["vague-workload"]["summary"] = "{{ 7*7 }} {% include 'x' %}"
    out = render.red_flag(catalog, "red-flags.md", "vague-workload")
    # Braces come out backslash-escaped, which Markdown prints as plain braces (see
    # tests/test_site_hostile.py for the built page).
    assert r"\{\{ 7\*7 \}\} \{% include 'x' %\}" in out and "49" not in out


def test_braces_in_text_cannot_add_html_attributes_or_move_an_id():
    catalog = load_catalog(Path(__file__).parent / "fixtures" / "data")
    catalog.flags["vague-workload"]["title"] = "Vague { #weak-visa-support }"
    catalog.flags["vague-workload"]["signs"] = ['*hover*{ onmouseover="alert(1)" }']
    out = render.red_flag(catalog, "red-flags.md", "vague-workload")
    assert r"### Vague \{ #weak-visa-support \} { #vague-workload" in out
    assert r'*hover*\{ onmouseover="alert(1)" \}' in out


@pytest.mark.parametrize(
    "call",
    [
        lambda: render.red_flag(FIXTURE, "red-flags.md", "no-such-flag"),
        lambda: render.question(FIXTURE, "questions.md", "no-such-question"),
        lambda: render.questions_for(FIXTURE, "questions.md", "deans"),
        lambda: render.guide_page(FIXTURE, "x.md", "no-such-page"),
    ],
    ids=["flag", "question", "audience", "guide_page"],
)
def test_unknown_id_raises(call):
    with pytest.raises(render.UnknownId, match=r"no .* '?(no-such|deans)"):
        call()


def test_entries_carry_their_short_address_for_the_share_button():
    from img_red_flags.model.addresses import Addresses

    public = Addresses(directory_urls=True, site_url="https://guide.example/img/")
    out = render.red_flag(FIXTURE, "red-flags.md", "vague-workload", addresses=public)
    assert 'data-short="../f/vague-workload/" data-share="https://guide.example/img/f/vague-workload/"' in out
    # without site_url: only the relative address (the script derives the rest, never from file://)
    offline = Addresses(directory_urls=False)
    out = render.question(FIXTURE, "questions.md", "typical-week", addresses=offline)
    assert 'data-short="f/typical-week/index.html"' in out and "data-share" not in out
    assert 'data-short="../../f/' in render.faqs(FIXTURE, "about/faq.md", addresses=public)


def test_flag_details_are_folded_under_the_title_and_severity():
    out = render.red_flag(FIXTURE, "red-flags.md", "vague-workload")
    rest = out.split("{ #vague-workload", 1)[1]
    assert '<details class="entry__more" markdown>' in rest
    assert (
        rest.index("<summary")
        < rest.index("severity--serious")
        < rest.index("</summary>")
        < rest.index("The schedule is described as flexible.")
        < rest.index("</details>")
    )
