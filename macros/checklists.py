"""Printable worksheets (data/checklists.yaml) rendered as Markdown with HTML for boxes and write-in lines.

A sheet holds nothing of its own: each part names entries of the other data files (guide sections and
items, the question bank by audience, the red flags), so changing a question changes every sheet.
Like ``render.py``, these are plain functions of (catalog, here, ids) that raise ``UnknownId``.

Addresses that are printed on paper (the page's own, and the links that matter) are written at build
time from ``site_url`` when it is set; without it they are site-relative paths, and
``docs/assets/js/checklists.js`` makes them absolute from the browser's location at print time.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

import segno
from markupsafe import Markup

from img_red_flags.model.abbreviations import used
from img_red_flags.model.addresses import HOSTED, Addresses, sheet_source
from img_red_flags.validation.defs import MOST_SEVERE_FIRST

from .render import Rendered, UnknownId, _get, _render, relative_source

MACROS = ["checklist", "checklist_index"]
SEVERITY_ORDER = MOST_SEVERE_FIRST  # a tally reads most severe first (the order is in the schema)
CARDS_PER_PAGE = 8  # 2 x 4 cards of 85 x 55 mm fit Letter and A4 inside print.css's margins


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

    @property
    def public(self) -> bool:
        """True when the addresses are absolute (site_url known), so a QR code can carry them."""
        return bool(self.style.site_url)


def qr_code(url: str, label: str) -> Markup:
    """The address as a QR code, inline SVG written at build time by segno: no request, no script.

    Error correction M survives a crease or a smudge; the quiet zone is the 4 modules the standard asks.
    Sized by CSS (no width/height), black on white whatever the screen's colour scheme.
    """
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="sheet-qr__code"
    )
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1))


# "- **Lead**, the rest." under a "**Group**" line: the first steps' bullets, shortened for a card.
_GROUP = re.compile(r"^\*\*([^*]+)\*\*\s*$")
_LEAD = re.compile(r"^-\s+\*\*([^*]+)\*\*")


def bold_leads(body: str, where: str) -> list[dict]:
    """[{title, leads}] from a section body of bold group lines and bullets that start in bold.

    The card prints only the bold lead of each point ("Do not resign, walk out or stop going to work"):
    the words the section itself stresses, so the card never says anything the page does not.
    """
    groups: list[dict] = []
    for line in body.splitlines():
        if group := _GROUP.match(line.strip()):
            groups.append({"title": group.group(1), "leads": []})
        elif (lead := _LEAD.match(line.strip())) and groups:
            groups[-1]["leads"].append(lead.group(1))
    if not groups or not all(g["leads"] for g in groups):
        raise UnknownId(
            f"{where}: a card needs bold group lines, each followed by bullets that start in bold"
        )
    return groups


def reach(item: dict, catalog) -> dict:
    """How to reach a contact item: its phone (with a note) and its official page, from its data."""
    contact = item.get("contact")
    if not contact:
        raise UnknownId(f"item '{item['id']}' has no contact to print; add 'contact:' to it")
    out = {"phone": contact.get("phone"), "note": contact.get("note"), "web": None, "host": None}
    if source := contact.get("source"):
        url = catalog.sources[source]["url"]
        parts = urllib.parse.urlsplit(url)
        host = parts.netloc.removeprefix("www.")
        out["web"] = host + parts.path.rstrip("/")
        out["host"] = host
    return out


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
    elif kind == "contacts":
        out["entries"] = [
            {**item, "reach": reach(item, catalog)}
            for item in (_item(out["section"], i) for i in part["items"])
        ]
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
    address = _Printed(here, addresses)
    parts = [_part(catalog, p) for p in sheet["parts"]]
    if sheet.get("layout") == "card":
        for part in parts:
            if part["kind"] == "steps":
                part["groups"] = [
                    group
                    for section in part["entries"]
                    for group in bold_leads(section.get("body", ""), f"{sheet_id}: section {section['id']}")
                ]
        guide_url = address.of("already_in")
        guide_href = addresses.html_link(here, addresses.entry("already_in"))
        return _render(
            "card.md.j2",
            catalog,
            here,
            sheet=sheet,
            parts=parts,
            address=address,
            guide_url=guide_url,
            guide_href=guide_href,
            qr=qr_code(guide_url, f"QR code: {guide_url}") if address.public else None,
            site_name=site_name,
            copies=CARDS_PER_PAGE,
        )
    guide = None
    if "guide" in sheet:
        section = _section(catalog, sheet["guide"]["page"], sheet["guide"]["section"])
        guide = {
            "section": section,
            "item": _item(section, sheet["guide"]["item"]) if "item" in sheet["guide"] else None,
        }
    values: dict[str, Any] = {
        "sheet": sheet,
        "guide": guide,
        "parts": parts,
        "address": address,
        "qr": qr_code(address.own, f"QR code: {address.own}") if address.public else None,
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
    values: dict[str, Any] = {
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
