"""Every linkable entry and what it is called: one list for links, search, previews and published ids.

Red flags, questions and FAQ entries are the three kinds people link to. Each is published at
``<page>/#<id>``, answers to its former ids (``aliases``), and has a short address ``f/<id>/`` (ids are
unique across all files, so one short namespace serves all three kinds).
"""

from __future__ import annotations

from dataclasses import dataclass

from .addresses import HOSTED, PAGES
from .text import as_written, plain


@dataclass(frozen=True)
class Entry:
    kind: str  # flag | question | faq
    id: str
    page: str  # source path of its page, e.g. red-flags.md
    title: str  # plain text: the heading people see
    description: str  # plain text, one or two sentences, for link previews
    aliases: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()

    @property
    def page_url(self) -> str:
        """The entry's page, relative to the site root: red-flags/"""
        return HOSTED.page(self.page)

    @property
    def address(self) -> str:
        """The entry's public address relative to the site root: red-flags/#vague-workload"""
        return HOSTED.entry(self.kind, self.id)

    @property
    def names(self) -> tuple[str, ...]:
        """Every id that must lead to this entry: its id, then its former ids."""
        return (self.id, *self.aliases)


PREVIEW = 200  # characters of a link preview's description


def names_by_page(catalog) -> dict[str, set[str]]:
    """Page URL -> every id and former id of the entries on it (red-flags/ -> {vague-workload, ...}).

    What the published-ids check needs, without rendering any text (entries() renders titles)."""
    out: dict[str, set[str]] = {}
    for kind, items in (("flag", catalog.flags), ("question", catalog.questions), ("faq", catalog.faqs)):
        names = out.setdefault(HOSTED.page(PAGES[kind]), set())
        for item in items.values():
            names.update([item["id"], *item.get("aliases", [])])
    return out


def entries(catalog) -> list[Entry]:
    """Every linkable entry in data order: flags, then questions, then FAQs."""
    out = []
    for flag in catalog.flags.values():
        out.append(
            Entry(
                "flag",
                flag["id"],
                PAGES["flag"],
                as_written(flag["title"]),
                as_written(flag["summary"], PREVIEW),
                tuple(flag.get("aliases", [])),
                tuple(flag.get("search_terms", [])),
            )
        )
    for q in catalog.questions.values():
        asked = ", ".join(catalog.audiences[a]["title"] for a in q["ask"])
        out.append(
            Entry(
                "question",
                q["id"],
                PAGES["question"],
                as_written(q["text"]),
                as_written(
                    f"A question to ask ({asked}). Reassuring answer: {plain(q['reassuring'])}", PREVIEW
                ),
                tuple(q.get("aliases", [])),
                tuple(q.get("search_terms", [])),
            )
        )
    for faq in catalog.faqs.values():
        out.append(
            Entry(
                "faq",
                faq["id"],
                PAGES["faq"],
                as_written(faq["question"]),
                plain(faq["answer"], PREVIEW),
                tuple(faq.get("aliases", [])),
                tuple(faq.get("search_terms", [])),
            )
        )
    return out
