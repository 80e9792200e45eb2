"""Plain words for readers whose first language is not English, measured on the built pages.

What counts as prose, and how the grade is computed, is written once in tools/readability.py.
"""

from __future__ import annotations

import pytest

from tools import readability as r


@pytest.fixture(scope="module")
def measured(site):
    return r.measure(site)


def test_the_guide_has_prose_to_measure(measured):
    per_page, whole = measured
    names = {m.name for m in per_page}
    assert {"red-flags/", "visa-basics/", "faq/", "already-in-one/"} <= names
    assert len(whole.sentences) > 500


def test_every_page_reads_at_grade_8_or_lower(measured):
    per_page, _ = measured
    hard = {m.name: round(m.grade, 1) for m in per_page if m.grade > r.PAGE_MAX_GRADE}
    assert not hard, f"pages above grade {r.PAGE_MAX_GRADE}: {hard}"


def test_the_whole_guide_reads_at_grade_7_or_lower(measured):
    _, whole = measured
    assert whole.grade <= r.GUIDE_MAX_GRADE, f"whole guide: grade {whole.grade:.1f}"


def test_no_sentence_is_longer_than_30_words(measured):
    _, whole = measured
    long = [s for s in whole.sentences if len(r.words(s)) > r.SENTENCE_MAX_WORDS]
    assert not long, "\n".join(f"[{len(r.words(s))} words] {s}" for s in long)


def test_few_sentences_are_longer_than_25_words(measured):
    _, whole = measured
    share = whole.long_share
    assert share < r.LONG_SHARE_MAX, f"{share:.1%} of sentences have more than {r.LONG_SENTENCE_WORDS} words"


def test_prose_excludes_what_is_not_running_text():
    html = """<nav><p>Navigation with many words that are not prose at all here.</p></nav>
    <article><h2>A heading with many words that is a title and not a sentence</h2>
    <p>This paragraph is the reader's running text. It has two sentences in it.</p>
    <p class="cite">Sources: ECFMG, a very long title of an official page that is not prose.</p>
    <pre><code>code that is long enough to count as a sentence if it were prose</code></pre>
    <div data-search-exclude><ul><li>An index of titles that is not running text at all.</li></ul></div>
    <ul><li>A list item without a full stop is one sentence</li></ul></article>"""
    assert r.sentences_of(html) == [
        "This paragraph is the reader's running text.",
        "It has two sentences in it.",
        "A list item without a full stop is one sentence",
    ]


def test_grade_follows_the_flesch_kincaid_formula():
    # 10 words of one syllable in one sentence: 0.39 * 10 + 11.8 * 1 - 15.59 = 0.11
    assert r.fk_grade(["The cat sat on the mat and the dog ran."]) == pytest.approx(0.11, abs=0.01)
