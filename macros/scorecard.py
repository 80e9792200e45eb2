"""Macros for the private scorecard page (docs/scorecard.md).

The page's script (docs/assets/js/scorecard.js) has no list of flags of its own: ``scorecard_data()``
embeds the flags, severities and visa facts from the Catalog as a JSON data block at build time, so the
scorecard is always in step with the guide. ``scorecard_panel()`` emits the static parts of the tool
(forms, buttons, empty containers) that the script fills in. Output is HTML, so autoescaping is on.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .render import PAGES, UnknownId

MACROS = ["scorecard_data", "scorecard_panel"]
PANELS = ("programs", "compare", "data")
FORMAT = "img-red-flags-scorecard"  # tells the script (and people) what an exported file is

_templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                         undefined=StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def plain(text: str) -> str:
    """Inline Markdown as plain text: the script shows data with textContent, so no markup leaks."""
    parser = _Text()
    parser.feed(markdown.markdown(text.strip()))
    return " ".join("".join(parser.parts).split())


def url(here: str, kind: str, anchor: str, directory_urls: bool = True) -> str:
    """Final relative URL (not a .md link: MkDocs does not rewrite JSON) from page ``here`` to an entry."""
    page = File(here, None, "", directory_urls).url
    target = File(PAGES[kind], None, "", directory_urls).url
    return f"{get_relative_url(target, page)}#{anchor}"


def payload(catalog, here: str, directory_urls: bool = True) -> dict:
    """Everything the script needs about the guide, as plain JSON-able data."""
    link = lambda kind, anchor: url(here, kind, anchor, directory_urls)  # noqa: E731
    return {
        "format": FORMAT,
        "data_version": catalog.meta["version"],
        "severities": [{"id": s["id"], "title": s["title"], "meaning": plain(s["meaning"])}
                       for s in catalog.severities.values()],
        "groups": [{"id": g["id"], "title": g["title"]} for g in catalog.groups.values()],
        "flags": [{"id": f["id"], "title": plain(f["title"]), "group": f["group"], "severity": f["severity"],
                   "summary": plain(f["summary"]), "href": link("flag", f["id"]),
                   "aliases": list(f.get("aliases", []))}
                  for f in catalog.flags.values()],
        "visa_facts": [{"id": v["id"], "label": v["label"], "hint": v["hint"],
                        "question": {"text": plain(catalog.questions[v["question"]]["text"]),
                                     "href": link("question", v["question"])},
                        "options": [{"value": o["value"], "label": o["label"],
                                     **({"concern": o["concern"]} if "concern" in o else {})}
                                    for o in v["options"]]}
                       for v in catalog.files["scorecard"]["visa_facts"]],
    }


def scorecard_data(catalog, here: str, directory_urls: bool = True) -> str:
    """The guide's flags and visa facts as a JSON data block, then the script that reads it.

    ``{{ scorecard_data() }}``. The script is loaded here rather than through ``extra_javascript`` so the
    other pages do not download it; it is a file (no inline code), ready for a hash-based CSP.
    """
    text = json.dumps(payload(catalog, here, directory_urls), ensure_ascii=False, separators=(",", ":"))
    # '<', '>' and '&' escaped so no text in the data can close the <script> element early.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    src = get_relative_url("assets/js/scorecard.js", File(here, None, "", directory_urls).url)
    return (f'\n<script type="application/json" id="scorecard-data">{text}</script>\n'
            f'<script src="{src}" defer></script>\n')


def scorecard_panel(catalog, here: str, name: str, directory_urls: bool = True) -> str:
    """One static part of the scorecard tool. ``{{ scorecard_panel('programs') }}``"""
    if name not in PANELS:
        raise UnknownId(f"no scorecard panel named '{name}'; known: {', '.join(PANELS)}")
    html = _templates.get_template(f"scorecard_{name}.html.j2").render(
        catalog=catalog, flags_href=url(here, "flag", "", directory_urls).rstrip("#"))
    # One line: a blank line would end the raw HTML block in Markdown.
    return "\n" + " ".join(line.strip() for line in html.splitlines()) + "\n"

