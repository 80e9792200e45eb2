"""Give the site search the words readers type, unseen by readers: search terms, synonyms and spellings.

Why a post-build step: Material's search plugin indexes only what a page shows (title and text of each
section). Putting more words on the page, even in a hidden element, would also put them in the result
previews. Material's search worker, though, indexes every field named in the index's ``config.fields``;
mkdocs.yml declares two, and this step fills them in the index the search plugin wrote
(``search/search_index.json``; the offline copy's ``search/search_index.js`` inlines the same index):

- ``terms`` (boost 300): on the section of each red flag, question and FAQ entry, its ``search_terms``,
  each with the other words of its synonym group and their spellings. Chosen by hand for the entry, so
  they weigh like a title.
- ``synonyms`` (boost 1, like the text): on every section, the other words of each synonym group its text
  uses, and the other spellings of the form names it contains (model/synonyms.py). A search for "lawyer"
  then finds a section that says "immigration attorney" as if it said "lawyer" too, and ranks it as it
  would a section that does. Words the section already contains are left out, so the ranking of a query
  for them does not change.

Why spellings: the search separator is ``[\\s\\-]+``, so "H-1B" is indexed as ``h`` + ``1b`` while a query
"H1B" looks for ``h1b*`` (see mkdocs-facts.md); changing the separator alone does not help. So each form
name is indexed in its other spellings too (H-1B, H1B, H1-B; J1, J-1; DS-2019, DS2019).

Zensical (``search.json``, ``items[]``) is another matter: its search worker indexes only an item's
title, text and path, whatever else the index holds, and its result preview shows the matching part of
the text with every tag stripped (a ``hidden`` or ``<template>`` element shows too; only an HTML comment
is left out of the index as well). So no term can be findable there and unseen: the terms the section
does not already contain are appended to its text as a visible line, "Keywords: burnout, Reddit", which
a reader sees in a result preview only when the match is one of them (never on the page). Variants are
not needed there: its separator splits "H1B" and "H-1B" alike.
"""

from __future__ import annotations

import functools
import html
import json
import re

from ..model.entries import Entry
from ..model.synonyms import Synonyms, variants
from ..model.text import html_text, without_tags

__all__ = ["variants", "write"]

INDEX = "search/search_index.json"
OFFLINE_INDEX = "search/search_index.js"  # Material's offline plugin: the same JSON as a script
OFFLINE_PREFIX = "var __index = "
ZENSICAL_INDEX = "search.json"
KEYWORDS = "Keywords: "
FIELDS = ("terms", "synonyms")  # declared with their boosts in mkdocs.yml's search plugin


def terms_by_location(entries: list[Entry], synonyms: Synonyms, addresses) -> dict[str, list[str]]:
    """Search-index location of each entry's section -> per search term, the words it stands for."""
    return {
        addresses.entry(entry.kind, entry.id): [" ".join(synonyms.expand([t])) for t in entry.search_terms]
        for entry in entries
        if entry.search_terms
    }


# Finding a section's other words is most of this step's time, and between two builds under
# `make serve` almost every section is unchanged: so they are kept, for the same synonym groups (one
# Synonyms per set of groups) and the same section text.
@functools.lru_cache(maxsize=2)
def synonyms_of(groups: tuple[tuple[str, ...], ...]) -> Synonyms:
    return Synonyms(groups)


@functools.lru_cache(maxsize=4096)
def _other_words(synonyms: Synonyms, text: str, known: str) -> tuple[str, ...]:
    return tuple(synonyms.other_words(text, known=known))


def _words(text: str, separator: re.Pattern) -> str:
    """Each word of ``text`` once, as the search splits it. Spellings and synonyms of one search term
    repeat words (J1 in J1, J-1 -> j + 1, J1 or H1-B); counted each time, they would outrank an entry
    that names the word in more of its own search terms."""
    return " ".join(dict.fromkeys(w for w in separator.split(text.lower()) if w))


def add_terms(index: dict, wanted: dict[str, list[str]], synonyms: Synonyms) -> list[str]:
    """Fill in ``terms`` and ``synonyms`` on the index's sections; problems for entries with no section
    or a field mkdocs.yml does not declare."""
    wanted = dict(wanted)
    separator = re.compile(index["config"]["separator"])
    for doc in index["docs"]:
        if doc["location"] in wanted:
            doc["terms"] = " ".join(_words(words, separator) for words in wanted.pop(doc["location"]))
        text = f"{doc['title']} {html_text(doc.get('text', ''))}"
        other = _other_words(synonyms, text, doc.get("terms", ""))
        if other:
            doc["synonyms"] = _words(" ".join(other), separator)
    problems = [
        f"search terms: no search-index section at '{location}'; is the entry on its page?"
        for location in wanted
    ]
    for field in FIELDS:
        if field not in index["config"].get("fields", {}):
            problems.append(
                f"search terms: mkdocs.yml declares no search field '{field}'; it would be ignored"
            )
    return problems


def add_keywords(index: dict, wanted: dict[str, tuple[str, ...]]) -> list[str]:
    """Zensical: append to each entry's item the terms its title and text do not already hold."""
    separator = re.compile(index["config"]["separator"])  # the worker's own (a JS regex Python reads)

    def words(text: str) -> set[str]:
        return {w for w in separator.split(html.unescape(text).lower()) if w}

    wanted = dict(wanted)
    for item in index["items"]:
        terms = wanted.pop(item["location"], None)
        if terms:
            shown = words(item["title"] + " " + without_tags(item["text"]))
            missing = [term for term in terms if not any(words(v) <= shown for v in variants(term))]
            if missing:
                item["text"] += f"<p>{KEYWORDS}{html.escape(', '.join(missing))}</p>"
    return [
        f"search terms: no search-index item at '{location}'; is the entry on its page?"
        for location in wanted
    ]


def write_zensical(site) -> list[str]:
    path = site.dir / ZENSICAL_INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    wanted = {
        site.addresses.entry(entry.kind, entry.id): entry.search_terms
        for entry in site.entries
        if entry.search_terms
    }
    problems = add_keywords(index, wanted)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return problems


def write(site) -> list[str]:
    if (site.dir / ZENSICAL_INDEX).exists():
        return write_zensical(site)
    path = site.dir / INDEX
    if not path.exists():
        return [f"search terms: no search index at {INDEX}"]
    index = json.loads(path.read_text(encoding="utf-8"))
    synonyms = synonyms_of(tuple(tuple(group) for group in site.catalog.synonyms))
    problems = add_terms(index, terms_by_location(site.entries, synonyms, site.addresses), synonyms)
    text = json.dumps(index, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    if (site.dir / OFFLINE_INDEX).exists():
        (site.dir / OFFLINE_INDEX).write_text(OFFLINE_PREFIX + text, encoding="utf-8")
    return problems
