"""Abbreviations the guide uses (data/meta.yaml ``abbreviations``) and how to find them in text.

One matching rule for the pages that list them (macros) and the test that checks each page writes them out
(tests/test_site_plain.py): the abbreviation as a whole word, in capitals, with an optional plural ``s``;
a hyphen may follow it (ACGME-accredited) but not precede it.
"""

from __future__ import annotations

import re


def pattern(short: str) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z0-9-]){re.escape(short)}s?(?![A-Za-z0-9])")


def used(text: str, abbreviations: list[dict]) -> list[dict]:
    """The entries of ``abbreviations`` that ``text`` uses, in the order they are listed."""
    return [a for a in abbreviations if pattern(a["short"]).search(text)]
