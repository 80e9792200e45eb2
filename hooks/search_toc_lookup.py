"""Make Material's search indexing linear in the number of headings on a page.

Material 9.8.2's search plugin finds the table-of-contents entry of every section it indexes with a
depth-first walk of the page's whole TOC (``SearchIndex._find_toc_by_id``): sections x headings, i.e.
quadratic on a page that grows with the catalog. The red-flags and question-bank pages grow with every
entry: with a catalog 100 times the real one, those walks made 7 million calls and cost about 0.7 s of a
16 s build (`make bench`), enough to make the build grow faster than the catalog. There is no option to
change it, so this hook swaps in the same lookup through a dict built once per page's TOC, returning the
same entry (the first in document order, as the walk does). Written against the pinned Material: if
the method is gone after an upgrade, the hook says so and the strict build stops, so it is looked at again.
"""

from __future__ import annotations

import logging

from material.plugins.search.plugin import SearchIndex

log = logging.getLogger("mkdocs.hooks.search_toc_lookup")


def _find_toc_by_id(self, toc, id):
    cached = getattr(self, "_toc_by_id", None)
    if cached is None or cached[0] is not toc:  # sections of one page arrive together
        index: dict = {}
        stack = list(reversed(list(toc)))
        while stack:  # pre-order, like the original walk, so the first match wins
            item = stack.pop()
            index.setdefault(item.id, item)
            stack.extend(reversed(list(item.children)))
        cached = self._toc_by_id = (toc, index)  # holds `toc`, so `is` cannot match a reused object
    return cached[1].get(id)


def on_config(config):
    if not callable(getattr(SearchIndex, "_find_toc_by_id", None)):
        log.warning("Material's SearchIndex._find_toc_by_id is gone: review hooks/search_toc_lookup.py")
        return config
    SearchIndex._find_toc_by_id = _find_toc_by_id
    return config
