"""The real catalog: editorial standards the schemas do not enforce, parametrised by id.

What load_catalog() already refuses (rules, orphan questions, removed published ids) is not re-tested
here: it fails at import, and the rules' own fixtures are in test_data_rules.py.
"""

from __future__ import annotations

import pytest

from conftest import real_catalog

CATALOG = real_catalog()
FLAG_IDS = list(CATALOG.flags)


@pytest.mark.parametrize("flag_id", FLAG_IDS)
def test_flag_is_complete(flag_id):
    flag = CATALOG.flags[flag_id]
    assert len(flag["signs"]) >= 2
    assert len(flag["how_to_verify"]) >= 2
    assert flag["questions"], "a flag needs a question that probes it"
    assert flag.get("search_terms"), "people must be able to find it by the words they use"


def test_critical_flags_cover_what_the_guide_weighs_most():
    critical = {f for f, flag in CATALOG.flags.items() if flag["severity"] == "critical"}
    assert {"weak-visa-support", "high-turnover"} <= critical
    assert CATALOG.flags["career-misfit"]["severity"] == "caution"
