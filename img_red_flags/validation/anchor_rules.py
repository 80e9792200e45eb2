"""An entry's id and former ids are anchors on the pages that show it: none may be an anchor the page
already has (a heading of the page's own prose, a heading its template writes, or one of Material's
element ids), or a link to the entry would land on the other element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from markdown.extensions.toc import slugify

from img_red_flags.html_reader import HEADINGS, elements, parse_fragment, text
from img_red_flags.model.addresses import HOSTED, PAGES

from .catalog import DATA_DIR, GUIDE_PAGES, Catalog
from .problems import Problem
from .rendered import light_renderer
from .yamlio import LineDict

DOCS_DIR = DATA_DIR.parent / "docs"
# Element ids of Material's own page chrome (plus __nav_<n>, __palette_<n> and ids its scripts add, such
# as __code_<n>). All start with "__", which the id pattern already refuses; listed so the rule is whole.
MATERIAL_IDS = frozenset(
    {"__analytics", "__config", "__consent", "__drawer", "__search", "__settings", "__toc", "__skip"}
)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def _ids(html: str) -> dict[str, str]:
    """Element id -> what it is (a heading and its text, or another element) in rendered Markdown."""
    ids: dict[str, str] = {}
    for element in elements(parse_fragment(html)):
        element_id = element.attributes.get("id")
        if element_id and element.tag in HEADINGS:
            ids.setdefault(element_id, f"the heading '{text(element).strip()[:50]}'")
        elif element_id:
            ids.setdefault(element_id, "an element id in the page source")
    return ids


@lru_cache(maxsize=64)
def _prose_anchors(src: str, _stamp: int) -> dict[str, str]:
    """Ids the page's own Markdown (docs/<src>, macro calls left out) gives its elements."""
    path = DOCS_DIR / src
    source = path.read_text(encoding="utf-8") if path.is_file() else ""
    source = _JINJA.sub("", _FRONT_MATTER.sub("", source))
    ids = _ids(light_renderer().convert(source))
    return {k: f"{v} in docs/{src}" for k, v in ids.items()}


def page_anchors(src: str) -> dict[str, str]:
    path = DOCS_DIR / src
    stamp = path.stat().st_mtime_ns if path.is_file() else 0  # mkdocs serve reloads edited pages
    anchors = dict.fromkeys(MATERIAL_IDS, "an element of Material's page layout")
    anchors.update(_prose_anchors(src, stamp))
    return anchors


def _slug(text: str) -> str:
    return slugify(text, "-")


def _sheet_anchors(sheet: dict) -> dict[str, str]:
    """What the checklist template adds to a sheet's page: its title heading and one heading per part."""
    anchors = {_slug(sheet["title"]): f"the sheet's title heading (data/checklists.yaml, '{sheet['id']}')"}
    for part in sheet["parts"]:
        anchors.setdefault(part["kind"], f"the heading of its '{part['kind']}' part")
    return anchors


def _placements(catalog: Catalog) -> Iterator[tuple[str, str, LineDict]]:
    """(page source, data file, entry) for every entry and every page that puts it at its id."""
    for flag in catalog.flags.values():
        yield PAGES["flag"], "red_flags", flag
    for group in catalog.groups.values():
        yield PAGES["flag"], "red_flags", group
        yield PAGES["question"], "red_flags", group
    for question in catalog.questions.values():
        yield PAGES["question"], "questions", question
    for faq in catalog.faqs.values():
        yield PAGES["faq"], "faqs", faq
    for page in GUIDE_PAGES:
        for section in catalog.page(page)["sections"]:
            yield PAGES[page], page, section
            for item in section.get("items", []):
                yield PAGES[page], page, item
    for sheet_id, sheet in catalog.sheets.items():
        src = f"checklists/{sheet_id}.md"
        for part in sheet["parts"]:
            kind = part["kind"]
            sections = {s["id"]: s for s in catalog.page(part["page"])["sections"]} if "page" in part else {}
            if kind == "questions":
                placed = [
                    ("questions", q) for q in catalog.questions.values() if part["audience"] in q["ask"]
                ]
            elif kind == "flag-tally":
                placed = [("red_flags", f) for f in catalog.flags.values()]
            elif kind == "steps":
                placed = [(part["page"], sections[s]) for s in part["sections"] if s in sections]
            elif kind in ("research", "self-check") and part.get("section") in sections:
                items = sections[part["section"]].get("items", [])
                wanted = part.get("items")
                placed = [(part["page"], i) for i in items if wanted is None or i["id"] in wanted]
            else:
                placed = []
            for file, entry in placed:
                yield src, file, entry


def no_taken_anchors(catalog: Catalog) -> Iterator[Problem]:
    """Ids and aliases are not anchors their page already has."""
    sheet_anchors = {f"checklists/{sid}.md": _sheet_anchors(s) for sid, s in catalog.sheets.items()}
    pages: dict[str, dict[str, str]] = {}  # each page's anchors, read once
    for src, file, entry in _placements(catalog):
        if src not in pages:
            pages[src] = {**sheet_anchors.get(src, {}), **page_anchors(src)}
        taken = pages[src]
        names = [("id", entry["id"], entry.lines["id"])]
        names += [("alias", a, entry["aliases"].lines[i]) for i, a in enumerate(entry.get("aliases", []))]
        for what, name, line in names:
            if name in taken:
                yield Problem(
                    catalog.display[file],
                    line,
                    entry["id"],
                    (
                        f"{what} '{name}' is already an anchor of {HOSTED.page(src)} ({taken[name]}), so "
                        f"links to #{name} would not reach this entry; choose another {what}"
                    ),
                )
