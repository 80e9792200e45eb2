"""Accessibility fixes to Material's own markup that its templates offer no setting for.

Material 9.8.2 renders the search overlay as ``<div class="md-search" role="dialog">`` without an
accessible name, so screen readers announce an unnamed dialog (axe: aria-dialog-name). Overriding
partials/search.html to add one attribute would mean copying and maintaining the whole partial, so the
name is added to the built pages instead. tests/browser/test_accessibility.py runs axe on every page and
fails if this stops working, e.g. after Material changes that markup. Zensical's search dialog is named
already and its markup differs, so on its output this step finds nothing to change.
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = SEARCH_DIALOG[:-1] + ' aria-label="Search">'


def write(site) -> list[str]:
    for path in site.html_pages():
        html = site.html.text(path)
        if SEARCH_DIALOG in html:
            site.html.write(path, html.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1))
    return []
