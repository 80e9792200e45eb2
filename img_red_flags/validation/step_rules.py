"""Rules for a guide page written as numbered steps (``steps:`` in data/already_in.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from .catalog import GUIDE_PAGES, Catalog
from .problems import Problem


def steps_name_sections(catalog: Catalog) -> Iterator[Problem]:
    """Each step names a section of its page, once; the first section stays first, so it is no step."""
    for page in GUIDE_PAGES:
        data = catalog.page(page)
        steps = data.get("steps", [])
        sections = [s["id"] for s in data["sections"]]
        seen: set[str] = set()
        for step in steps:
            sid = step["section"]
            where = (catalog.display[page], step.lines["section"], sid)
            if sid not in sections:
                yield Problem(
                    *where,
                    f"'section' names '{sid}', which is not a section of this page; "
                    f"use one of: {', '.join(sections[1:])}",
                )
            elif sid == sections[0]:
                yield Problem(*where, "the first section stays first, before the steps; name another one")
            elif sid in seen:
                yield Problem(*where, f"'{sid}' is already a step; each section is one step at most")
            seen.add(sid)
