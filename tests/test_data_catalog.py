"""The real catalog: editorial standards, and the schema holding the minimums a complete flag needs.

What load_catalog() already refuses (rules, orphan questions, removed published ids) is not re-tested
here: it fails at import, and the rules' own fixtures are in test_data_rules.py.
"""

from __future__ import annotations

import json

from conftest import real_catalog
from img_red_flags.validation.catalog import DATA_DIR

CATALOG = real_catalog()
# What a complete flag holds at the least; the schema must enforce each (test below).
MINIMUMS = {"signs": 2, "how_to_verify": 2, "questions": 1, "search_terms": 1}


def test_the_schema_holds_what_a_complete_flag_needs():
    """At least two signs and two ways to verify, a question that probes it, and the words people search
    for: the schema says so, so `make check` refuses a flag without them, as this test would (the data
    README states the same minimums: test_data_schemas.py)."""
    schema = json.loads((DATA_DIR / "schemas" / "red_flags.schema.json").read_text(encoding="utf-8"))
    flag = schema["properties"]["flags"]["items"]
    minimums = {key: flag["properties"][key].get("minItems", 0) for key in MINIMUMS}
    assert set(MINIMUMS) <= set(flag["required"])
    assert all(minimums[key] >= least for key, least in MINIMUMS.items()), minimums


def test_critical_flags_cover_what_the_guide_weighs_most():
    critical = {f for f, flag in CATALOG.flags.items() if flag["severity"] == "critical"}
    assert {"weak-visa-support", "high-turnover"} <= critical
    assert CATALOG.flags["career-misfit"]["severity"] == "caution"
