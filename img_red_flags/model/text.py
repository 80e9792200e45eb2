"""Text without markup: entry text for places that show none (link previews, titles, the scorecard's
JSON), and built HTML as the search sees its words.

One function for each, used by all. Python-Markdown renders the inline Markdown exactly as the pages do (so
``A_b_c`` and ``7*7`` stay as written), and MarkupSafe's ``striptags`` removes the tags, unescapes
entities and folds white space.
"""

from __future__ import annotations

import html
import re

import markdown
from markupsafe import Markup

_TAG = re.compile(r"<[^>]*>")


def plain(text: str, limit: int | None = None) -> str:
    """Inline Markdown as plain text on one line; with ``limit``, cut at a word boundary with an ellipsis."""
    out = Markup(markdown.markdown(text.strip())).striptags()
    if limit is None or len(out) <= limit:
        return out
    return out[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def without_tags(text: str) -> str:
    """HTML with each tag replaced by a space (so words either side stay apart); entities kept."""
    return _TAG.sub(" ", text)


def html_text(text: str) -> str:
    """HTML as words: tags replaced by spaces, entities unescaped (the search index's text)."""
    return html.unescape(without_tags(text))
