"""Load every data file, validate it, and hand back one Catalog the macros render from."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .problems import DataError, Problem
from .schema import check_schema
from .yamlio import LineDict, load_yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "IMG_RED_FLAGS_DATA"  # another data folder for a build (tests build a site with renamed ids)

# Data file (without .yaml) -> the schema in data/schemas/ it must satisfy.
FILES = {
    "meta": "meta",
    "red_flags": "red_flags",
    "questions": "questions",
    "faqs": "faqs",
    "exposure": "guide_page",
    "investigation": "guide_page",
    "already_in": "guide_page",
    "scorecard": "scorecard",
    "checklists": "checklists",
    "search_synonyms": "search_synonyms",
}
GUIDE_PAGES = ("exposure", "investigation", "already_in")


@dataclass
class Catalog:
    """The whole guide, validated. Entries are the loaded mappings, looked up by id."""

    files: dict[str, LineDict]
    display: dict[str, str]
    flags: dict[str, dict] = field(init=False)
    groups: dict[str, dict] = field(init=False)
    severities: dict[str, dict] = field(init=False)
    questions: dict[str, dict] = field(init=False)
    audiences: dict[str, dict] = field(init=False)
    faqs: dict[str, dict] = field(init=False)
    probes: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        flags_file, questions_file = self.files["red_flags"], self.files["questions"]
        self.flags = {f["id"]: f for f in flags_file["flags"]}
        self.groups = {g["id"]: g for g in flags_file["groups"]}
        self.severities = {s["id"]: s for s in flags_file["severity_levels"]}
        self.questions = {q["id"]: q for q in questions_file["questions"]}
        self.audiences = {a["id"]: a for a in questions_file["audiences"]}
        self.faqs = {f["id"]: f for f in self.files["faqs"]["faqs"]}
        # Which flags each question probes: derived from the flags, so the relation is written once.
        self.probes = {qid: [] for qid in self.questions}
        for flag in self.flags.values():
            for qid in flag["questions"]:
                self.probes.setdefault(qid, []).append(flag["id"])

    @property
    def meta(self) -> dict:
        return self.files["meta"]

    def page(self, name: str) -> dict:
        return self.files[name]

    @property
    def synonyms(self) -> list[list[str]]:
        """Synonym groups for the site search (data/search_synonyms.yaml), each a list of words."""
        return [list(group["words"]) for group in self.files["search_synonyms"]["groups"]]

    @property
    def sheets(self) -> dict[str, dict]:
        """Printable checklists by id (data/checklists.yaml)."""
        return {s["id"]: s for s in self.files["checklists"]["sheets"]}


def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Load and check all data files; raise DataError listing every problem found."""
    from . import published
    from .rules import RULES  # rules import Catalog; imported here to keep the module graph acyclic

    data_dir = Path(data_dir or os.environ.get(DATA_DIR_ENV) or DATA_DIR)
    files, display, problems = {}, {}, []
    for name, schema_name in FILES.items():
        path = data_dir / f"{name}.yaml"
        display[name] = f"{data_dir.name}/{path.name}"  # as people see it: data/red_flags.yaml
        data, found = load_yaml(path, display[name])
        problems += found
        if data is not None:
            problems += check_schema(data, schema_name, display[name])
            files[name] = data
    if problems:
        raise DataError(problems)
    catalog = Catalog(files=files, display=display)
    problems = [p for rule in RULES for p in rule(catalog)]
    # Published addresses: the file only grows and every line still leads to its entry.
    display["published_ids"] = f"{data_dir.name}/{published.NAME}"
    problems += published.check(catalog, data_dir / published.NAME, display["published_ids"])
    if problems:
        raise DataError(problems)
    return catalog
