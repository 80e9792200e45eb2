"""Printable worksheets (data/checklists.yaml) rendered as Markdown with HTML for boxes and write-in lines.

A sheet holds nothing of its own: each part names entries of the other data files (guide sections and
items, the question bank by audience, the red flags), so changing a question changes every sheet.
Like ``render.py``, these are plain functions of (catalog, here, ids) that raise ``UnknownId``.

Addresses that are printed on paper (the page's own, and the links that matter) are written at build
time from ``site_url`` when it is set; without it they are site-relative paths, and
``docs/assets/js/checklists.js`` makes them absolute from the browser's location at print time.
"""

from __future__ import annotations

import functools
import posixpath

from .render import PAGES, UnknownId, _get, _render

PDF_DIR = "checklists/pdf"  # where `make pdf` writes <sheet>-<paper>.pdf inside the built site
PAPERS = {"letter": "US Letter", "a4": "A4"}
SEVERITY_ORDER = ("critical", "serious", "caution")  # a tally reads most severe first


def sheet_source(sheet_id: str) -> str:
    """Source path of a sheet's page: docs/checklists/<id>.md."""
    return f"checklists/{sheet_id}.md"


def site_path(src: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives the page built from ``src`` (e.g. red-flags.md -> red-flags/)."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/"


def pdf_name(sheet_id: str, paper: str) -> str:
    return f"{sheet_id}-{paper}.pdf"


class _Addresses:
    """Printable addresses of pages of this site: absolute with ``site_url``, else site-relative."""

    def __init__(self, here: str, site_url: str | None, directory_urls: bool):
        self.here, self.base, self.directory_urls = here, (site_url or ""), directory_urls
        if self.base and not self.base.endswith("/"):
            self.base += "/"
        self.page_url = site_path(here, directory_urls)

    def of(self, kind: str, anchor: str = "") -> str:
        return self.base + site_path(PAGES[kind], self.directory_urls) + (f"#{anchor}" if anchor else "")

    @property
    def own(self) -> str:
        return self.base + self.page_url

    def pdf(self, sheet_id: str, paper: str) -> str:
        """Link from this page to a sheet's PDF (a built file, so a URL, not a Markdown source)."""
        return posixpath.relpath(f"{PDF_DIR}/{pdf_name(sheet_id, paper)}", posixpath.dirname(self.page_url))


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
    return [q for p in sheet["parts"] if p["kind"] == "questions"
            for q in _part(catalog, p)["entries"]]


def checklist(catalog, here: str, sheet_id: str, site_url: str | None = None,
              directory_urls: bool = True, site_name: str = "IMG Red Flags") -> str:
    """One printable sheet. ``{{ checklist('ask-leadership') }}``"""
    sheet = _get(catalog.sheets, "checklist", sheet_id)
    guide = None
    if "guide" in sheet:
        section = _section(catalog, sheet["guide"]["page"], sheet["guide"]["section"])
        guide = {"section": section,
                 "item": _item(section, sheet["guide"]["item"]) if "item" in sheet["guide"] else None}
    return _render("checklist.md.j2", catalog, here, sheet=sheet, guide=guide, papers=PAPERS,
                   parts=[_part(catalog, p) for p in sheet["parts"]],
                   address=_Addresses(here, site_url, directory_urls), site_name=site_name)


def checklist_index(catalog, here: str) -> str:
    """The list of sheets, each linked to its page. ``{{ checklist_index() }}``"""
    link = functools.partial(posixpath.relpath, start=posixpath.dirname(here) or ".")
    return _render("checklist_index.md.j2", catalog, here, index=catalog.files["checklists"],
                   sheet_link=lambda sid: link(sheet_source(sid)))


def description(catalog, src: str) -> str | None:
    """Meta description of a checklist page (the index or a sheet), or None for other pages."""
    if src == "checklists/index.md":
        return catalog.files["checklists"]["description"]
    for sid, sheet in catalog.sheets.items():
        if src == sheet_source(sid):
            return sheet["description"]
    return None


def define(env, catalog) -> None:
    """Register the checklist macros; the sheet macro also gets the page's site URL settings."""
    def bound(function):
        @functools.wraps(function)
        def macro(*args):
            here = env.page.file.src_uri if getattr(env, "page", None) else "index.md"
            if function is checklist:
                return checklist(catalog, here, *args, site_url=env.conf.get("site_url"),
                                 directory_urls=env.conf.get("use_directory_urls", True),
                                 site_name=env.conf.get("site_name", ""))
            return function(catalog, here, *args)
        return macro

    for function in (checklist, checklist_index):
        env.macro(bound(function), function.__name__)


__all__ = ["UnknownId", "checklist", "checklist_index", "define", "description", "sheet_questions"]
