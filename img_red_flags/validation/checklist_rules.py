"""Rules for data/checklists.yaml: every entry a sheet names exists, where the sheet says it is."""

from __future__ import annotations

from collections.abc import Iterator

from .catalog import Catalog
from .problems import Problem


def _sections(catalog: Catalog, page: str) -> dict[str, dict]:
    return {s["id"]: s for s in catalog.page(page)["sections"]}


def checklist_references(catalog: Catalog) -> Iterator[Problem]:
    """Sections and items named by a sheet's guide and parts exist on the guide page named."""
    display = catalog.display["checklists"]
    for sheet in catalog.files["checklists"]["sheets"]:
        for ref in ([sheet["guide"]] if "guide" in sheet else []) + list(sheet["parts"]):
            if "page" not in ref:
                continue
            page, sections = ref["page"], _sections(catalog, ref["page"])
            where = f"data/{page}.yaml"

            names: list[tuple[str, int | None, str]] = [(k, None, ref[k]) for k in ("section",) if k in ref]
            names += [("sections", i, s) for i, s in enumerate(ref.get("sections", []))]
            for key, index, sid in names:
                if sid not in sections:
                    yield Problem.at(
                        display,
                        ref,
                        key,
                        index,
                        message=f"'{key}' names '{sid}', which is not a section of {where}; "
                        f"use one of: {', '.join(sections)}",
                        entry=sheet["id"],
                    )
            section = sections.get(ref.get("section"))
            if section is None:
                if "section" not in ref and ("item" in ref or "items" in ref):
                    yield Problem.at(
                        display,
                        ref,
                        "item" if "item" in ref else "items",
                        message="items need the 'section' they belong to; add 'section'",
                        entry=sheet["id"],
                    )
                continue
            items = [i["id"] for i in section.get("items", [])]
            wanted: list[tuple[str, int | None, str]] = [("item", None, ref["item"])] if "item" in ref else []
            wanted += [("items", i, it) for i, it in enumerate(ref.get("items", []))]
            for key, index, item in wanted:
                if item not in items:
                    yield Problem.at(
                        display,
                        ref,
                        key,
                        index,
                        message=f"'{key}' names '{item}', which is not an item of section "
                        f"'{section['id']}' in {where}; use one of: {', '.join(items)}",
                        entry=sheet["id"],
                    )
