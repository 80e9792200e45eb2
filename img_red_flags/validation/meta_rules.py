"""Rules on data/meta.yaml the schema cannot express: contacts, abbreviations and the list of changes."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from img_red_flags.model.changes import PAGE_IDS

from .catalog import Catalog
from .problems import Problem, repeated


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def meta_sound(catalog: Catalog) -> Iterator[Problem]:
    """Contacts cite known sources; abbreviations are listed once; changes are newest first, start at the
    current version, and name pages that exist."""
    meta, file = catalog.meta, catalog.display["meta"]
    for contact in meta.get("contacts", []):
        if contact["source"] not in catalog.sources:
            yield Problem.at(
                file,
                contact,
                "source",
                message=f"unknown source '{contact['source']}': use an id from data/sources.yaml",
            )
    for short, entry, _first in repeated((e["short"], e) for e in meta.get("abbreviations", [])):
        yield Problem.at(file, entry, message=f"abbreviation '{short}' is listed twice: keep one")
    changes = meta.get("changes", [])
    if changes and changes[0]["version"] != meta["version"]:
        yield Problem.at(
            file,
            changes[0],
            message=f"the first entry of changes is version {changes[0]['version']}, but the content version is "
            f"{meta['version']}: list what changed in {meta['version']} first",
        )
    for newer, older in pairwise(changes):
        if _version(newer["version"]) <= _version(older["version"]):
            yield Problem.at(
                file,
                older,
                message=f"changes must be newest first: {older['version']} comes after {newer['version']}",
            )
    for release in changes:
        for item in release["items"]:
            if item["page"] not in PAGE_IDS:
                yield Problem.at(
                    file,
                    item,
                    "page",
                    message=f"unknown page '{item['page']}' in changes of {release['version']}: "
                    f"use one of {', '.join(PAGE_IDS)}",
                )
