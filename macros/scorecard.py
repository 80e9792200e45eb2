"""Macros for the private scorecard page (docs/scorecard.md).

The page's script (docs/assets/js/scorecard.js) has no list of flags of its own: ``scorecard_data()``
embeds the flags, severities and visa facts from the Catalog as a JSON data block at build time, so the
scorecard is always in step with the guide. ``scorecard_panel()`` emits the static parts of the tool
(forms, buttons, empty containers) that the script fills in. Output is HTML, so autoescaping is on.
"""

from __future__ import annotations

import json

from img_red_flags.model.text import as_written, plain
from img_red_flags.validation.defs import ID_MAX_LENGTH, ID_PATTERN, MOST_SEVERE_FIRST

from .render import UnknownId, html_block

MACROS = ["scorecard_data", "scorecard_panel"]
PANELS = ("programs", "compare", "data")
FORMAT = "img-red-flags-scorecard"  # tells the script (and people) what an exported file is


def url(here: str, kind: str, anchor: str, addresses) -> str:
    """Final relative URL (not a .md link: nothing rewrites links in JSON) from page ``here`` to an entry."""
    return addresses.link(here, addresses.entry(kind, anchor))


def payload(catalog, here: str, addresses) -> dict:
    """Everything the script needs about the guide, as plain JSON-able data."""
    link = lambda kind, anchor: url(here, kind, anchor, addresses)  # noqa: E731
    return {
        "format": FORMAT,
        "data_version": catalog.meta["version"],
        # Most severe first, the order the summary counts them in (defined once, in the schema): the
        # script can read the order from here.
        "severities": [
            {
                "id": sev,
                "title": catalog.severities[sev]["title"],
                "meaning": plain(catalog.severities[sev]["meaning"]),
            }
            for sev in MOST_SEVERE_FIRST
        ],
        # What an id looks like (defined once, in the schema): the script checks the ids of a loaded file.
        "ids": {"pattern": ID_PATTERN, "max_length": ID_MAX_LENGTH},
        "groups": [{"id": g["id"], "title": g["title"]} for g in catalog.groups.values()],
        "flags": [
            {
                "id": f["id"],
                "title": as_written(f["title"]),
                "group": f["group"],
                "severity": f["severity"],
                "summary": as_written(f["summary"]),
                "href": link("flag", f["id"]),
                # What exports and printouts name: the public short address, never this copy's own
                # (a file:// path holds the reader's user name); without SITE_URL, the id alone.
                "share": addresses.public_short(f["id"]),
                "aliases": list(f.get("aliases", [])),
            }
            for f in catalog.flags.values()
        ],
        "visa_facts": [
            {
                "id": v["id"],
                "label": v["label"],
                "hint": v["hint"],
                "question": {
                    "text": as_written(catalog.questions[v["question"]]["text"]),
                    "href": link("question", v["question"]),
                },
                "options": [
                    {
                        "value": o["value"],
                        "label": o["label"],
                        **({"concern": o["concern"]} if "concern" in o else {}),
                    }
                    for o in v["options"]
                ],
            }
            for v in catalog.files["scorecard"]["visa_facts"]
        ],
    }


def scorecard_data(catalog, here: str, addresses) -> str:
    """The guide's flags and visa facts as a JSON data block, then the script that reads it.

    ``{{ scorecard_data() }}``. The script is loaded here rather than through ``extra_javascript`` so the
    other pages do not download it; it is a file (no inline code), ready for a hash-based CSP.
    """
    text = json.dumps(payload(catalog, here, addresses), ensure_ascii=False, separators=(",", ":"))
    # '<', '>' and '&' escaped so no text in the data can close the <script> element early.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # store.js is the storage gate the scorecard shares with other pages; deferred scripts run in order.
    gate = addresses.html_link(here, "assets/js/store.js")
    src = addresses.html_link(here, "assets/js/scorecard.js")
    return (
        f'\n<script type="application/json" id="scorecard-data">{text}</script>\n'
        f'<script src="{gate}" defer></script><script src="{src}" defer></script>\n'
    )


def scorecard_panel(catalog, here: str, name: str, addresses) -> str:
    """One static part of the scorecard tool. ``{{ scorecard_panel('programs') }}``"""
    if name not in PANELS:
        raise UnknownId(f"no scorecard panel named '{name}'; known: {', '.join(PANELS)}")
    # The one link here is inside <noscript>, which no generator rewrites: the final URL.
    return html_block(
        f"scorecard_{name}.html.j2", catalog=catalog, flags_href=addresses.link(here, addresses.entry("flag"))
    )
