"""Macros about the guide as a publication: the offline copy and the open data with its licence.

Same shape as render.py: plain functions of (catalog, here, ...), registered in macros/__init__.py. Both
link to files that are not Markdown pages (the zip is added by `make publish`, the open data by the
post-build steps), so they write HTML links from the site's Addresses; the post-build link check and
tests/test_offline.py check that they resolve.
"""

from __future__ import annotations

from img_red_flags.model import open_data as exports
from img_red_flags.model.addresses import OFFLINE_ZIP

MACROS = ["offline_copy", "open_data"]


def offline_copy(catalog, here: str, addresses, offline: bool = False) -> str:
    """The offline download, or in the offline copy itself a note saying so. ``{{ offline_copy() }}``"""
    version = catalog.meta["version"]
    if offline:
        return (
            f"You are reading the **offline copy** of this guide (content version {version}). "
            "It works without a connection, search included; open `index.html` to start.\n"
        )
    href = addresses.html_link(here, OFFLINE_ZIP)
    return (
        f'<a class="md-button" href="{href}" download>Download the whole '
        f"guide for offline reading</a> (a zip file, content version {version}). Unzip it and open "
        "`index.html`: it works without a connection, search included, and you can pass it on.\n"
    )


def open_data(catalog, here: str, addresses) -> str:
    """Links to the JSON and CSV exports and the licence. ``{{ open_data() }}``"""
    links = [
        f'<a href="{addresses.html_link(here, exports.DIR + "/" + name)}">{name}</a>'
        for name in (exports.JSON_NAME, *exports.TABLES)
    ]
    return (
        f"The whole catalog is published as open data, content version {catalog.meta['version']}: "
        f"{', '.join(links)}. The JSON holds everything; the CSV files hold one kind of entry each, "
        "with list fields one item per line (a cell that would start with `=`, `+`, `-` or `@` gets a "
        "leading `'` so spreadsheets do not run it as a formula).\n\n"
        f"The content is licensed [{exports.LICENCE['name']}]({exports.LICENCE['url']}): you may "
        "share and adapt it, with credit, under the same licence. The code is MIT-licensed.\n"
    )
