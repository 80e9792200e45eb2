"""Entry text as plain text, for places that show no markup: link previews, titles, the scorecard's JSON.

One function for all of them. Python-Markdown renders the inline Markdown exactly as the pages do (so
``A_b_c`` and ``7*7`` stay as written), and MarkupSafe's ``striptags`` removes the tags, unescapes
entities and folds white space.
"""

from __future__ import annotations

import markdown
from markupsafe import Markup


def plain(text: str, limit: int | None = None) -> str:
    """Inline Markdown as plain text on one line; with ``limit``, cut at a word boundary with an ellipsis."""
    out = Markup(markdown.markdown(text.strip())).striptags()
    if limit is None or len(out) <= limit:
        return out
    return out[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
