"""Give Material's search each entry's ``search_terms`` (and spelling variants), unseen by readers.

Why a hook: Material's search plugin indexes only what a page shows (title and text of each section).
Putting the terms on the page, even in a hidden element, would also put them in the result previews.
Material's search worker, though, indexes every field named in the index's ``config.fields``; mkdocs.yml
declares a ``terms`` field with its boost, and this hook fills it in for the section of each red flag,
question and FAQ entry, after the search plugin has written ``search/search_index.json``.

Why variants: the search separator is ``[\\s\\-]+``, so "H-1B" is indexed as ``h`` + ``1b`` while a query
"H1B" looks for ``h1b*`` (see mkdocs-facts.md); changing the separator alone does not help. So each term
is indexed as written, with its hyphens dropped (H-1B -> H1B, DS-2019 -> DS2019) and with a hyphen put
between a letter prefix and its number (J1 -> J-1, DS2019 -> DS-2019): either spelling then matches.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.plugins import event_priority


log = logging.getLogger("mkdocs.hooks.search_terms")

_PREFIX_NUMBER = re.compile(r"\b([A-Za-z]{1,4})(\d)")  # J1, H1B, DS2019, I20: a form or visa name


def variants(term: str) -> list[str]:
    """The term and the other ways people type it, in a stable order without repeats."""
    forms = [term, term.replace("-", ""), _PREFIX_NUMBER.sub(r"\1-\2", term.replace("-", ""))]
    return list(dict.fromkeys(forms))


def terms_by_location(catalog, directory_urls: bool = True) -> dict[str, str]:
    """Search-index location of each entry's section -> the text of its ``terms`` field."""
    from img_red_flags.model.entries import entries  # not at the top: see the note in short_links.redirects
    from macros.render import page_url

    # The offline copy is built without directory URLs: its index says faq.html#id, not faq/#id.
    return {f"{page_url(entry.page, directory_urls)}#{entry.id}": " ".join(v for term in entry.search_terms for v in variants(term))
            for entry in entries(catalog) if entry.search_terms}


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config) -> None:
    catalog = getattr(config.plugins.get("macros"), "guide_catalog", None)
    path = Path(config.site_dir) / "search" / "search_index.json"
    if catalog is None or not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    wanted = terms_by_location(catalog, config.use_directory_urls)
    for doc in index["docs"]:
        if doc["location"] in wanted:
            doc["terms"] = wanted.pop(doc["location"])
    for location in wanted:  # a warning fails the strict build: a flag nobody can find by its terms
        log.warning(f"search_terms: no search-index section at '{location}'; is the entry on its page?")
    if "terms" not in index["config"]["fields"]:
        log.warning("search_terms: mkdocs.yml declares no search field 'terms'; the terms would be ignored")
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
