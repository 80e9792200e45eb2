"""Macros for "My record" (docs/my-record.md): a private log of hours and incidents.

The limits and the words of each rule live in data/record.yaml; ``record_data()`` embeds them as a JSON
data block for the page's scripts (docs/assets/js/record-calc.js does the sums, record.js the page), and
``record_rules()`` writes the same rules into the page itself, with their sources, so they read without
JavaScript and on paper. ``record_tool()`` emits the static parts of the tool that the script fills in.
"""

from __future__ import annotations

import json

from .render import UnknownId, html_block

MACROS = ["record_data", "record_tool", "record_rules"]
PANELS = ("start", "hours", "limits", "incidents", "data")
FORMAT = "img-red-flags-record"  # tells the script (and people) what a saved file is
SCRIPTS = (
    "assets/js/store.js",
    "assets/js/record-calc.js",
    "assets/js/record.js",
)  # the gate first, as store.js asks


def _rules(catalog, here: str, addresses) -> list[dict]:
    """The rules with each source's title and its anchor on the Sources page."""
    record = catalog.files["record"]
    return [
        {
            "id": rule["id"],
            "title": rule["title"],
            "limit": rule["limit"],
            "check": rule["check"],
            "sources": [
                {
                    "id": sid,
                    "title": catalog.sources[sid]["title"],
                    "publisher": catalog.sources[sid]["publisher"],
                    "url": catalog.sources[sid]["url"],
                    "checked": catalog.sources[sid]["checked"],
                    # Written into raw HTML (record_rules): html_link, which Zensical's rewriting expects.
                    "href": addresses.html_link(here, addresses.entry("sources", sid)),
                }
                for sid in rule["sources"]
            ],
        }
        for rule in record["rules"]
    ]


def record_data(catalog, here: str, addresses) -> str:
    """The limits and rules as a JSON data block, then the page's style sheet and scripts.

    ``{{ record_data() }}``. Loaded here rather than through ``extra_css``/``extra_javascript`` so the
    other pages do not download them; files only (no inline code), as the CSP requires.
    """
    payload = {
        "format": FORMAT,
        "data_version": catalog.meta["version"],
        "limits": dict(catalog.files["record"]["limits"]),
        "rules": _rules(catalog, here, addresses),
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # '<', '>' and '&' escaped so no text in the data can close the <script> element early.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    css = addresses.html_link(here, "assets/record.css")
    scripts = "".join(f'<script src="{addresses.html_link(here, src)}" defer></script>\n' for src in SCRIPTS)
    return (
        f'\n<link rel="stylesheet" href="{css}">\n'
        f'<script type="application/json" id="record-data">{text}</script>\n{scripts}'
    )


def record_rules(catalog, here: str, addresses) -> str:
    """The rules the page checks, each with its source. ``{{ record_rules() }}``"""
    return html_block("record_rules.html.j2", rules=_rules(catalog, here, addresses))


def record_tool(catalog, here: str, name: str, addresses) -> str:
    """One static part of the record tool. ``{{ record_tool('hours') }}``"""
    if name not in PANELS:
        raise UnknownId(f"no record panel named '{name}'; known: {', '.join(PANELS)}")
    return html_block("record_tool.html.j2", panel=name, limits=catalog.files["record"]["limits"])
