"""Printable worksheets (data/checklists.yaml) rendered as Markdown with HTML for boxes and write-in lines.

A sheet holds nothing of its own: each part names entries of the other data files (guide sections and
items, the question bank by audience, the red flags), so changing a question changes every sheet.
Like ``render.py``, these are plain functions of (catalog, here, ids) that raise ``UnknownId``.

Addresses that are printed on paper (the page's own, and the links that matter) are written at build
time from ``site_url`` when it is set; without it they are site-relative paths, and
``docs/assets/js/checklists.js`` makes them absolute from the browser's location at print time.
"""

from __future__ import annotations

from img_red_flags.model.abbreviations import used
from img_red_flags.model.addresses import HOSTED, Addresses, sheet_source
from img_red_flags.validation.defs import MOST_SEVERE_FIRST

from .render import Rendered, UnknownId, _get, _render, relative_source

MACROS = ["checklist", "checklist_index"]
SEVERITY_ORDER = MOST_SEVERE_FIRST  # a tally reads most severe first (the order is in the schema)


class _Printed:
    """Addresses as printed on paper: the public ones with ``site_url``, else site-relative."""

    def __init__(self, here: str, addresses: Addresses):
        # Paper outlives the copy it was printed from: print the hosted address even from the offline copy.
        self.style = Addresses(True, addresses.site_url) if addresses.site_url else addresses
        self.here = here

    def _print(self, url: str) -> Rendered:  # an address: templates print it unescaped
        return Rendered(self.style.public(url) or url)

    def of(self, kind: str, anchor: str = "") -> Rendered:
        return self._print(self.style.entry(kind, anchor))

    @property
    def own(self) -> Rendered:
        return self._print(self.style.page(self.here))


def _section(catalog, page: str, section_id: str) -> dict:
    return _get({s["id"]: s for s in catalog.page(page)["sections"]}, f"section of {page}", section_id)


def _item(section: dict, item_id: str) -> dict:
    return _get({i["id"]: i for i in section.get("items", [])}, f"item of {section['id']}", item_id)


def _part(catalog, part: dict) -> dict:
    """What one part prints, resolved from the ids it names."""
    kind, out = part["kind"], {"kind": part["kind"], "part": part}
    if "section" in part:
        out["section"] = _section(catalog, part["page"], part["section"])
    if "item" in part:
        out["item"] = _item(out["section"], part["item"])
    if kind == "questions":
        audience = _get(catalog.audiences, "audience", part["audience"])
        out["audience"] = audience
        out["entries"] = [q for q in catalog.questions.values() if audience["id"] in q["ask"]]
        out["title"] = part.get("title", audience["title"])
    elif kind == "research":
        out["entries"] = out["section"]["items"]
    elif kind == "self-check":
        out["entries"] = [_item(out["section"], i) for i in part["items"]]
    elif kind == "flag-tally":
        out["entries"] = [f for sev in SEVERITY_ORDER for f in catalog.flags.values() if f["severity"] == sev]
    elif kind == "steps":
        out["entries"] = [_section(catalog, part["page"], s) for s in part["sections"]]
    out.setdefault("title", part.get("title", out.get("section", {}).get("title", "")))
    return out


def sheet_questions(catalog, sheet_id: str) -> list[dict]:
    """Every question a sheet prints, in order (what its PDF must contain)."""
    sheet = _get(catalog.sheets, "checklist", sheet_id)
    return [q for p in sheet["parts"] if p["kind"] == "questions" for q in _part(catalog, p)["entries"]]


def checklist(
    catalog, here: str, sheet_id: str, addresses: Addresses = HOSTED, site_name: str = "IMG Red Flags"
) -> str:
    """One printable sheet. ``{{ checklist('ask-leadership') }}``"""
    sheet = _get(catalog.sheets, "checklist", sheet_id)
    guide = None
    if "guide" in sheet:
        section = _section(catalog, sheet["guide"]["page"], sheet["guide"]["section"])
        guide = {
            "section": section,
            "item": _item(section, sheet["guide"]["item"]) if "item" in sheet["guide"] else None,
        }
    values = {
        "sheet": sheet,
        "guide": guide,
        "parts": [_part(catalog, p) for p in sheet["parts"]],
        "address": _Printed(here, addresses),
        "site_name": site_name,
        "severity_order": SEVERITY_ORDER,
    }
    # A sheet is printed and read alone: it writes out, under its instructions, every short form its
    # text uses. Found in the rendered sheet, so a question added later is covered too.
    sheet_text = _render("checklist.md.j2", catalog, here, short_forms=[], **values)
    short_forms = used(sheet_text, catalog.meta.get("abbreviations", []))
    return _render("checklist.md.j2", catalog, here, short_forms=short_forms, **values)


def checklist_index(catalog, here: str) -> str:
    """The list of sheets, each linked to its page, after the short forms they use written out.
    ``{{ checklist_index() }}``"""
    values = {
        "index": catalog.files["checklists"],
        "sheet_link": lambda sid: Rendered(relative_source(here, sheet_source(sid))),
    }
    text = _render("checklist_index.md.j2", catalog, here, short_forms=[], **values)
    short_forms = used(text, catalog.meta.get("abbreviations", []))
    return _render("checklist_index.md.j2", catalog, here, short_forms=short_forms, **values)


def description(catalog, src: str) -> str | None:
    """Meta description of a checklist page (the index or a sheet), or None for other pages."""
    if src == "checklists/index.md":
        return catalog.files["checklists"]["description"]
    for sid, sheet in catalog.sheets.items():
        if src == sheet_source(sid):
            return sheet["description"]
    return None


__all__ = ["UnknownId", "checklist", "checklist_index", "description", "sheet_questions"]
