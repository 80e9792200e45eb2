"""Entry text as plain text, for places that show no markup: link previews, titles, the scorecard's JSON.

Two kinds of field, two functions. A Markdown field (its schema says "Markdown.") goes through
``plain``: Python-Markdown renders the inline Markdown exactly as the pages do (so ``A_b_c`` and ``7*7``
stay as written), and MarkupSafe's ``striptags`` removes the tags, unescapes entities and folds white
space. Every other text field (titles, questions, summaries, labels) is plain text, shown as written on
the pages (macros/render.py escapes it for Markdown): ``as_written`` only folds its white space.
"""

from __future__ import annotations

import markdown
from markupsafe import Markup


def plain(text: str, limit: int | None = None) -> str:
    """Inline Markdown as plain text on one line; with ``limit``, cut at a word boundary with an ellipsis."""
    return _cut(Markup(markdown.markdown(text.strip())).striptags(), limit)


def as_written(text: str, limit: int | None = None) -> str:
    """A plain-text field on one line, exactly as written (``a < b``, ``*x*`` and ``[x]`` included)."""
    return _cut(" ".join(text.split()), limit)


def _cut(out: str, limit: int | None) -> str:
    if limit is None or len(out) <= limit:
        return out
    return out[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
