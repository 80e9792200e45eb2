"""Validation reads a field as the renderer will: `a < b` is text, `<b>` a tag; a Markdown field may not
make a note box or a table (the templates place those), while a plain-text field is escaped and may hold
any of these characters. Every refusal names file:line and the entry."""

from __future__ import annotations

import shutil

import pytest
import yaml
from test_data_fuzz import _run, text_fields

from img_red_flags.model.text import MARKDOWN_FIELDS
from img_red_flags.validation.catalog import DATA_DIR


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def _set(data, file, change):
    path = data / f"{file}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


CASES = [  # (file, change, None if accepted else what the report must say)
    ("red_flags", lambda d: d["flags"][0].update(title="Hours a < b and c > d"), None),
    ("red_flags", lambda d: d["flags"][0].update(title='!!! success "Verified by USCIS"'), None),
    ("red_flags", lambda d: d["flags"][0].update(title="| a | b |"), None),
    ("red_flags", lambda d: d["flags"][0].update(title="Ends with \\"), None),
    ("faqs", lambda d: d["faqs"][0].update(answer="When x < y, and 2 < 3, the answer is still text."), None),
    ("red_flags", lambda d: d["flags"][0].update(title="Bold <b>hours</b>"), "contains raw HTML ('<b>')"),
    ("faqs", lambda d: d["faqs"][0].update(answer="<div markdown>\n*x*\n</div>"), "contains raw HTML"),
    (
        "faqs",
        lambda d: d["faqs"][0].update(answer='!!! success "Verified by USCIS"\n    Your visa is fine.'),
        "'answer' makes a note box",
    ),
    (
        "faqs",
        lambda d: d["faqs"][0].update(answer="Fine.\n\n??? note\n    hidden"),
        "'answer' makes a note box",
    ),
    (
        "red_flags",
        lambda d: d["flags"][0].update(visa_impact="| a | b |\n| --- | --- |\n| c | d |"),
        "'visa_impact' makes a table",
    ),
]


@pytest.mark.parametrize("file, change, refusal", CASES)
def test_a_field_is_checked_as_it_will_be_rendered(data, file, change, refusal):
    _set(data, file, change)
    code, report = _run(data)
    if refusal is None:
        assert code == 0, report
    else:
        assert code == 1 and refusal in report, report
        assert report.startswith(f"data/{file}.yaml:"), report


def test_the_markdown_fields_are_those_the_schemas_call_markdown():
    """MARKDOWN_FIELDS (printed with the templates' markdown filter) agrees with the schemas."""
    from test_data_fuzz import _schema_node

    said, keys = set(), set()
    for file, path in text_fields():
        key = path[-1] if isinstance(path[-1], str) else path[-2]
        keys.add(key)
        if (_schema_node(file, path).get("description") or "").startswith("Markdown"):
            said.add(key)
    assert said == MARKDOWN_FIELDS & keys
    assert keys >= MARKDOWN_FIELDS  # no stale name in the list
