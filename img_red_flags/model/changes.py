"""The pages a reader can be told have changed (data/meta.yaml ``changes``), by id: id -> (source, title).

Ids, not addresses or titles, so a page that moves or is renamed keeps its line on the What changed page.
The guide's entry pages are named as in ``addresses.PAGES``; ``all`` means every page.
"""

from __future__ import annotations

from .addresses import PAGES

EVERY_PAGE = "all"
TITLES = {
    "home": "Home",
    "flag": "Red flags",
    "exposure": "Why IMGs are more exposed",
    "investigation": "How to investigate a program",
    "question": "Question bank",
    "visa_basics": "Visa basics",
    "already_in": "If you are already in one",
    "faq": "FAQ",
    "scorecard": "Your scorecard",
    "checklists": "Printable checklists",
    "about": "About this guide",
    "sources": "Sources",
    "changes": "What changed",
    "record": "My record",
    "read_safely": "Read safely",
}
SOURCES = {
    **PAGES,
    "home": "index.md",
    "scorecard": "scorecard.md",
    "checklists": "checklists/index.md",
    "about": "about.md",
    "read_safely": "read-safely.md",
}
PAGE_IDS = (EVERY_PAGE, *TITLES)
