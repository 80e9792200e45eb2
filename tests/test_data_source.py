"""The data carries every fact of the source article, in our own words.

The article lives outside the repository (../shared/source/guide.txt). Coverage is checked through
fixtures/source_facts.yaml: for each fact of the article, words that must appear where the data carries
it. Own words (no run of six words of the article in the data) need the article itself, so that check is
`make source-check` (tools/source_check.py), not part of `make test`: a public clone has no article.
"""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from img_red_flags.validation.catalog import DATA_DIR

FACTS = yaml.safe_load((ROOT / "tests" / "fixtures" / "source_facts.yaml").read_text())
DATA_TEXT = " ".join(p.read_text() for p in sorted(DATA_DIR.glob("*.yaml"))).lower()


@pytest.mark.parametrize("fact", FACTS, ids=[f["source"][:40] for f in FACTS])
def test_fact_reaches_the_data(fact):
    missing = [term for term in fact["must_contain"] if term.lower() not in DATA_TEXT]
    assert not missing, f"'{fact['source']}' is not carried: missing {missing}"


def test_enough_facts_are_tracked():
    assert len(FACTS) >= 80


def test_nothing_is_advertised():
    # The article closed with a product advert; it was left out and must stay out.
    for word in ("sponsored by", "our product", "sign up", "subscribe", "discount", "buy now"):
        assert word not in DATA_TEXT
