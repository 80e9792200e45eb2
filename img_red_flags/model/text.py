"""Text without markup: entry text for places that show none (link previews, titles, the scorecard's
JSON), and built HTML as the search sees its words.

Two kinds of field, two functions. A Markdown field (its schema says "Markdown.") goes through
``plain``: Python-Markdown renders the inline Markdown exactly as the pages do (so ``A_b_c`` and ``7*7``
stay as written), and MarkupSafe's ``striptags`` removes the tags, unescapes entities and folds white
space. Every other text field (titles, questions, summaries, labels) is plain text, shown as written on
the pages (macros/render.py escapes it for Markdown): ``as_written`` only folds its white space.

Built HTML as words (``without_tags``, ``html_text``): each tag becomes a space, so the words either side
stay apart, as the search sees them.
"""

from __future__ import annotations

import html
import re

import markdown
from markupsafe import Markup

_TAG = re.compile(r"<[^>]*>")

# The Markdown fields (their schemas say "Markdown."); every other text field is plain text. The templates
# print these with the ``markdown`` filter (macros/render.py); validation refuses the blocks they may not
# make (img_red_flags/validation/rules.py). A plain-text field cannot make any: it is escaped.
MARKDOWN_FIELDS = frozenset(
    {
        "answer", "body", "detail", "how", "how_to_verify", "intro", "legal_notice", "meaning", "points",
        "reassuring", "signs", "tip", "use", "visa", "visa_impact", "when", "who_learns",
        "why_programs_do_it", "worrying",
    }
)  # fmt: skip


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


def without_tags(text: str) -> str:
    """HTML with each tag replaced by a space (so words either side stay apart); entities kept."""
    return _TAG.sub(" ", text)


def html_text(text: str) -> str:
    """HTML as words: tags replaced by spaces, entities unescaped (the search index's text)."""
    return html.unescape(without_tags(text))
