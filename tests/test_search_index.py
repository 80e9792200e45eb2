"""The words readers type reach the search index (data/search_synonyms.yaml, postbuild/search_terms.py),
unseen on the pages; Material's worker carries the typo patch (postbuild/search_worker.py)."""

from __future__ import annotations

import json

from img_red_flags.model.synonyms import Synonyms
from img_red_flags.postbuild import search_worker

GROUPS = Synonyms([["fired", "dismissed", "let go"], ["lawyer", "attorney"], ["H-1B", "work visa"]])


def test_a_word_brings_its_group_and_spellings():
    assert GROUPS.expand(["H1B"]) == ["H-1B", "H1B", "H1-B", "work visa"]
    assert GROUPS.expand(["Let go"]) == ["fired", "dismissed", "let go"]
    assert GROUPS.expand(["unlisted"]) == ["unlisted"]


def test_text_gets_only_the_words_it_lacks_and_whole_words_only():
    text = "She was let-go; ask an attorney about the H-1B. Firefighting is not fired."
    assert GROUPS.other_words(text) == ["dismissed", "lawyer", "H1B", "H1-B", "work visa"]
    assert GROUPS.other_words("Quite a firefight and dismissive lawyering") == []


def _index(site):
    return {d["location"]: d for d in json.loads((site / "search" / "search_index.json").read_text())["docs"]}


def test_sections_carry_the_other_words_readers_type_but_pages_do_not_show_them(site):
    docs = _index(site)
    advice = docs["already-in-one/#consult-confidentially"]  # says "immigration attorney"
    assert "lawyer" in advice["synonyms"].split() and "lawyer" not in advice["text"]
    assert "lawyers" in advice["synonyms"].split()
    assert "lawyers" not in advice["text"]  # found by a word the section itself does not show
    assert {"harrasment", "harrassment"} <= set(docs["red-flags/#culture-of-fear"]["terms"].split())
    assert "h1b" in docs["already-in-one/#visa-implications"]["synonyms"].split()  # the text says H-1B


def test_synonyms_name_each_word_once(site):
    for doc in _index(site).values():
        words = doc.get("synonyms", "").split()
        assert len(words) == len(set(words)), doc["location"]


def test_the_worker_is_patched_once(site):
    worker = next((site / search_worker.WORKERS).glob("search.*.min.js"))
    assert worker.read_text().count(search_worker.MARKER) == 1

    class Site:
        dir = site

    assert search_worker.write(Site) == [] and worker.read_text().count(search_worker.MARKER) == 1
