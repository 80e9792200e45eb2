"""Where every linkable entry lives, and what it is called: one list for links, search and previews.

Red flags, questions and FAQ entries are the three kinds people link to. Each is published at
``<page>/#<id>`` (the page from ``render.PAGES``), answers to its former ids (``aliases``), and has a short
address ``f/<id>/`` (ids are unique across all files, so one short namespace serves all three kinds).
The hooks (short-address pages, search terms), ``tools/published_ids.py`` and the tests all read this
list, so an entry's address is computed in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .render import PAGES, page_url

SHORT_PREFIX = "f"  # f/<id>/ : short enough to type from a printout


@dataclass(frozen=True)
class Entry:
    kind: str                       # flag | question | faq
    id: str
    page: str                       # source path of its page, e.g. red-flags.md
    title: str                      # plain text: the heading people see
    description: str                # plain text, one or two sentences, for link previews
    aliases: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()

    @property
    def page_url(self) -> str:
        """The page's directory URL relative to the site root (use_directory_urls): red-flags/"""
        return page_url(self.page)

    @property
    def address(self) -> str:
        """The entry's public address relative to the site root: red-flags/#vague-workload"""
        return f"{self.page_url}#{self.id}"

    @property
    def names(self) -> tuple[str, ...]:
        """Every id that must lead to this entry: its id, then its former ids."""
        return (self.id, *self.aliases)


_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|\*|__|_|`)(.+?)\1")


def plain(markdown: str, limit: int = 200) -> str:
    """Inline Markdown as plain text on one line, cut at a word boundary (meta tags show no markup)."""
    text = _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", markdown))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def entries(catalog) -> list[Entry]:
    """Every linkable entry in data order: flags, then questions, then FAQs."""
    out = []
    for flag in catalog.flags.values():
        out.append(Entry("flag", flag["id"], PAGES["flag"], plain(flag["title"]), plain(flag["summary"]),
                         tuple(flag.get("aliases", [])), tuple(flag.get("search_terms", []))))
    for q in catalog.questions.values():
        asked = ", ".join(catalog.audiences[a]["title"] for a in q["ask"])
        out.append(Entry("question", q["id"], PAGES["question"], plain(q["text"]),
                         plain(f"A question to ask ({asked}). Reassuring answer: {q['reassuring']}"),
                         tuple(q.get("aliases", [])), tuple(q.get("search_terms", []))))
    for faq in catalog.faqs.values():
        out.append(Entry("faq", faq["id"], PAGES["faq"], plain(faq["question"]), plain(faq["answer"]),
                         tuple(faq.get("aliases", [])), tuple(faq.get("search_terms", []))))
    return out
