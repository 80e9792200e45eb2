"""The data carries every fact of the source article, in our own words.

The article lives outside the repository (../shared/source/guide.txt). Coverage is checked through
fixtures/source_facts.yaml: for each fact of the article, words that must appear where the data carries
it. Own words are checked by shingles: no run of six words of the article may appear in the data.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, SOURCE, require
from img_red_flags.validation.catalog import DATA_DIR, FILES
from img_red_flags.validation.rules import text_values
from img_red_flags.validation.yamlio import load_yaml

FACTS = yaml.safe_load((ROOT / "tests" / "fixtures" / "source_facts.yaml").read_text())
DATA_TEXT = " ".join(p.read_text() for p in sorted(DATA_DIR.glob("*.yaml"))).lower()
RUN = 6


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2011", "-"))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.parametrize("fact", FACTS, ids=[f["source"][:40] for f in FACTS])
def test_fact_reaches_the_data(fact):
    missing = [term for term in fact["must_contain"] if term.lower() not in DATA_TEXT]
    assert not missing, f"'{fact['source']}' is not carried: missing {missing}"


def test_enough_facts_are_tracked():
    assert len(FACTS) >= 80


def test_no_sentence_is_pasted_from_the_source():
    require(SOURCE.is_file(), f"source article not found at {SOURCE}")
    source = _runs(_words(SOURCE.read_text()))
    # Text by text: a run that spans two separate values is not a pasted sentence.
    texts = [text for name in FILES for text, *_ in text_values(load_yaml(DATA_DIR / f"{name}.yaml", name)[0])]
    pasted = {" ".join(run) for text in texts for run in _runs(_words(text)) & source}
    assert not pasted, f"runs of {RUN} words copied from the article: {sorted(pasted)[:10]}"


def test_nothing_is_advertised():
    # The article closed with a product advert; it was left out and must stay out.
    for word in ("sponsored by", "our product", "sign up", "subscribe", "discount", "buy now"):
        assert word not in DATA_TEXT
