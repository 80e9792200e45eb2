"""Macros about the guide as a publication: the offline copy and the open data with its licence.

Same shape as render.py: plain functions of (catalog, here, ...), registered in macros/__init__.py.
"""

from __future__ import annotations

import posixpath

from img_red_flags.model import open_data as exports
from img_red_flags.model.addresses import OFFLINE_ZIP

MACROS = ["offline_copy", "open_data"]


def _from_root(here: str, path: str) -> str:
    """Relative URL from the built page of source ``here`` (directory URLs) to ``path`` at the site root."""
    page_dir = posixpath.dirname(here) if posixpath.basename(here) == "index.md" else here[:-3]
    return posixpath.relpath(path, page_dir or ".") if page_dir else path


def offline_copy(catalog, here: str, offline: bool = False) -> str:
    """The offline download, or in the offline copy itself a note saying so. ``{{ offline_copy() }}``"""
    version = catalog.meta["version"]
    if offline:
        return (f"You are reading the **offline copy** of this guide (content version {version}). "
                "It works without a connection, search included; open `index.html` to start.\n")
    # Raw HTML, not a Markdown link: the zip is added after the build (`make publish`), so MkDocs'
    # link check cannot see it; tests/test_offline.py checks the address instead.
    return (f'<a class="md-button" href="{_from_root(here, OFFLINE_ZIP)}" download>Download the whole guide '
            f"for offline reading</a> (a zip file, content version {version}). Unzip it and open "
            "`index.html`: it works without a connection, search included, and you can pass it on.\n")


def open_data(catalog, here: str) -> str:
    """Links to the JSON and CSV exports and the licence. ``{{ open_data() }}``"""
    links = [f"[{name}]({href_to(here, name)})" for name in (exports.JSON_NAME, *exports.TABLES)]
    return (f"The whole catalog is published as open data, content version {catalog.meta['version']}: "
            f"{', '.join(links)}. The JSON holds everything; the CSV files hold one kind of entry each, "
            "with list fields one item per line (a cell that would start with `=`, `+`, `-` or `@` gets a "
            "leading `'` so spreadsheets do not run it as a formula).\n\n"
            f"The content is licensed [{exports.LICENCE['name']}]({exports.LICENCE['url']}): you may "
            "share and adapt it, with credit, under the same licence. The code is MIT-licensed.\n")


def href_to(here: str, name: str) -> str:
    """Markdown link target from page ``here`` to an open-data file (checked by MkDocs)."""
    return posixpath.relpath(f"data/{name}", posixpath.dirname(here) or ".")
