"""Rules on data/meta.yaml the schema cannot express: contacts, abbreviations and the list of changes."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from img_red_flags.model.changes import PAGE_IDS

from .catalog import Catalog
from .problems import Problem


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def meta_sound(catalog: Catalog) -> Iterator[Problem]:
    """Contacts cite known sources; abbreviations are listed once; changes are newest first, start at the
    current version, and name pages that exist."""
    meta, file = catalog.meta, catalog.display["meta"]
    for contact in meta.get("contacts", []):
        if contact["source"] not in catalog.sources:
            yield Problem(
                file,
                contact.lines["source"],
                contact["id"],
                f"unknown source '{contact['source']}': use an id from data/sources.yaml",
            )
    seen: set[str] = set()
    for entry in meta.get("abbreviations", []):
        if entry["short"] in seen:
            yield Problem(file, entry.line, "-", f"abbreviation '{entry['short']}' is listed twice: keep one")
        seen.add(entry["short"])
    changes = meta.get("changes", [])
    if changes and changes[0]["version"] != meta["version"]:
        yield Problem(
            file,
            changes[0].line,
            "-",
            f"the first entry of changes is version {changes[0]['version']}, but the content version is "
            f"{meta['version']}: list what changed in {meta['version']} first",
        )
    for newer, older in pairwise(changes):
        if _version(newer["version"]) <= _version(older["version"]):
            yield Problem(
                file,
                older.line,
                "-",
                f"changes must be newest first: {older['version']} comes after {newer['version']}",
            )
    for release in changes:
        for item in release["items"]:
            if item["page"] not in PAGE_IDS:
                yield Problem(
                    file,
                    item.lines["page"],
                    "-",
                    f"unknown page '{item['page']}' in changes of {release['version']}: "
                    f"use one of {', '.join(PAGE_IDS)}",
                )
