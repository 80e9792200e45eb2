"""Give the site search each entry's ``search_terms`` (and spelling variants), unseen by readers.

Why a hook: Material's search plugin indexes only what a page shows (title and text of each section).
Putting the terms on the page, even in a hidden element, would also put them in the result previews.
Material's search worker, though, indexes every field named in the index's ``config.fields``; mkdocs.yml
declares a ``terms`` field with its boost, and this hook fills it in for the section of each red flag,
question and FAQ entry in the index the search plugin wrote (``search/search_index.json``; the offline
copy's ``search/search_index.js`` inlines the same index).

Why variants: the search separator is ``[\\s\\-]+``, so "H-1B" is indexed as ``h`` + ``1b`` while a query
"H1B" looks for ``h1b*`` (see mkdocs-facts.md); changing the separator alone does not help. So each term
is indexed as written, with its hyphens dropped (H-1B -> H1B, DS-2019 -> DS2019) and with a hyphen put
between a letter prefix and its number (J1 -> J-1, DS2019 -> DS-2019): either spelling then matches.

Zensical (``search.json``, ``items[]``) is another matter: its search worker indexes only an item's
title, text and path, whatever else the index holds, and its result preview shows the matching part of
the text with every tag stripped (a ``hidden`` or ``<template>`` element shows too; only an HTML comment
is left out of the index as well). So no term can be findable there and unseen: the terms the section
does not already contain are appended to its text as a visible line, "Keywords: burnout, Reddit", which
a reader sees in a result preview only when the match is one of them (never on the page). Variants are
not needed there: its separator splits "H1B" and "H-1B" alike.
"""

from __future__ import annotations

import html
import json
import re

from ..model.entries import entries

_PREFIX_NUMBER = re.compile(r"\b([A-Za-z]{1,4})(\d)")  # J1, H1B, DS2019, I20: a form or visa name
INDEX = "search/search_index.json"
OFFLINE_INDEX = "search/search_index.js"  # Material's offline plugin: the same JSON as a script
OFFLINE_PREFIX = "var __index = "
ZENSICAL_INDEX = "search.json"
KEYWORDS = "Keywords: "


def variants(term: str) -> list[str]:
    """The term and the other ways people type it, in a stable order without repeats."""
    forms = [term, term.replace("-", ""), _PREFIX_NUMBER.sub(r"\1-\2", term.replace("-", ""))]
    return list(dict.fromkeys(forms))


def terms_by_location(catalog, addresses) -> dict[str, str]:
    """Search-index location of each entry's section -> the text of its ``terms`` field."""
    return {addresses.entry(entry.kind, entry.id): " ".join(v for term in entry.search_terms for v in variants(term))
            for entry in entries(catalog) if entry.search_terms}


def add_terms(index: dict, wanted: dict[str, str]) -> list[str]:
    """Fill in ``terms`` on the index's sections; problems for entries with no section or no field."""
    wanted = dict(wanted)
    for doc in index["docs"]:
        if doc["location"] in wanted:
            doc["terms"] = wanted.pop(doc["location"])
    problems = [f"search terms: no search-index section at '{location}'; is the entry on its page?"
                for location in wanted]
    if "terms" not in index["config"].get("fields", {}):
        problems.append("search terms: mkdocs.yml declares no search field 'terms'; the terms would be ignored")
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
            shown = words(item["title"] + " " + re.sub(r"<[^>]*>", " ", item["text"]))
            missing = [term for term in terms if not any(words(v) <= shown for v in variants(term))]
            if missing:
                item["text"] += f"<p>{KEYWORDS}{html.escape(', '.join(missing))}</p>"
    return [f"search terms: no search-index item at '{location}'; is the entry on its page?"
            for location in wanted]


def write_zensical(site) -> list[str]:
    path = site.dir / ZENSICAL_INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    wanted = {site.addresses.entry(entry.kind, entry.id): entry.search_terms
              for entry in entries(site.catalog) if entry.search_terms}
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
    problems = add_terms(index, terms_by_location(site.catalog, site.addresses))
    text = json.dumps(index, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    if (site.dir / OFFLINE_INDEX).exists():
        (site.dir / OFFLINE_INDEX).write_text(OFFLINE_PREFIX + text, encoding="utf-8")
    return problems
