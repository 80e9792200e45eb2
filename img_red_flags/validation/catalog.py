"""The Catalog: the whole guide as validated data, and where its files are (loading: load.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from img_red_flags.model.addresses import GUIDE_PAGES

from .yamlio import LineDict, text_values

__all__ = ["DATA_DIR", "DATA_DIR_ENV", "FILES", "GUIDE_PAGES", "Catalog"]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "IMG_RED_FLAGS_DATA"  # another data folder for a build (tests build a site with renamed ids)

# Data file (without .yaml) -> the schema in data/schemas/ it must satisfy. The guide pages' files come
# from the one list of guide pages (model/addresses.py GUIDE_PAGES).
FILES = {
    "meta": "meta",
    "red_flags": "red_flags",
    "questions": "questions",
    "faqs": "faqs",
    **dict.fromkeys(GUIDE_PAGES, "guide_page"),
    "scorecard": "scorecard",
    "record": "record",
    "checklists": "checklists",
    "sources": "sources",
    "search_synonyms": "search_synonyms",
}


@dataclass
class Catalog:
    """The whole guide, validated. Entries are the loaded mappings, looked up by id."""

    files: dict[str, LineDict]
    display: dict[str, str]
    flags: dict[str, LineDict] = field(init=False)
    groups: dict[str, LineDict] = field(init=False)
    severities: dict[str, LineDict] = field(init=False)
    questions: dict[str, LineDict] = field(init=False)
    audiences: dict[str, LineDict] = field(init=False)
    faqs: dict[str, LineDict] = field(init=False)
    probes: dict[str, list[str]] = field(init=False)
    sources: dict[str, LineDict] = field(init=False)

    def __post_init__(self) -> None:
        flags_file, questions_file = self.files["red_flags"], self.files["questions"]
        self.flags = {f["id"]: f for f in flags_file["flags"]}
        self.groups = {g["id"]: g for g in flags_file["groups"]}
        self.severities = {s["id"]: s for s in flags_file["severity_levels"]}
        self.questions = {q["id"]: q for q in questions_file["questions"]}
        self.audiences = {a["id"]: a for a in questions_file["audiences"]}
        self.faqs = {f["id"]: f for f in self.files["faqs"]["faqs"]}
        self.sources = {s["id"]: s for s in self.files["sources"]["sources"]}
        # Which flags each question probes: derived from the flags, so the relation is written once.
        self.probes = {qid: [] for qid in self.questions}
        for flag in self.flags.values():
            for qid in flag["questions"]:
                self.probes.setdefault(qid, []).append(flag["id"])

    @property
    def meta(self) -> LineDict:
        return self.files["meta"]

    def page(self, name: str) -> LineDict:
        return self.files[name]

    @cached_property
    def texts(self) -> list[tuple[str, str, int, str, str]]:
        """(file, text, line, entry id, key) for every text value of the data, in file order: walked once
        for all the rules that read text."""
        return [(name, *value) for name, doc in self.files.items() for value in text_values(doc)]

    @property
    def synonyms(self) -> list[list[str]]:
        """Synonym groups for the site search (data/search_synonyms.yaml), each a list of words."""
        return [list(group["words"]) for group in self.files["search_synonyms"]["groups"]]

    @property
    def sheets(self) -> dict[str, LineDict]:
        """Printable checklists by id (data/checklists.yaml)."""
        return {s["id"]: s for s in self.files["checklists"]["sheets"]}
