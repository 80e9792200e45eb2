"""The real catalog: every entry complete and reachable, parametrised by id so failures name the entry."""

from __future__ import annotations

import pytest

from img_red_flags.validation import load_catalog
from img_red_flags.validation.rules import RULES

CATALOG = load_catalog()
FLAG_IDS = list(CATALOG.flags)
QUESTION_IDS = list(CATALOG.questions)


def test_rules_find_nothing_in_real_data():
    assert [p for rule in RULES for p in rule(CATALOG)] == []


def test_the_eight_signs_of_the_source_have_their_ids():
    # These ids were published with the first version; they must never disappear (see tests/test_site_links).
    for flag_id in ("vague-workload", "cheap-labor", "weak-visa-support", "bias-against-imgs",
                    "weak-mentorship", "culture-of-fear", "high-turnover", "career-misfit"):
        assert flag_id in CATALOG.flags


@pytest.mark.parametrize("flag_id", FLAG_IDS)
def test_flag_is_complete(flag_id):
    flag = CATALOG.flags[flag_id]
    assert len(flag["signs"]) >= 2
    assert len(flag["how_to_verify"]) >= 2
    assert flag["questions"], "a flag needs a question that probes it"
    assert flag.get("search_terms"), "people must be able to find it by the words they use"


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_question_probes_a_flag(question_id):
    assert CATALOG.probes[question_id]


def test_critical_flags_cover_what_the_guide_weighs_most():
    critical = {f for f, flag in CATALOG.flags.items() if flag["severity"] == "critical"}
    assert {"weak-visa-support", "high-turnover"} <= critical
    assert CATALOG.flags["career-misfit"]["severity"] == "caution"
