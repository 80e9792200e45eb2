"""Publish the catalog as open data under data/ on the site (the files: model/open_data.py).

Written from the same validated catalog the pages were rendered from, so exports and pages can never
disagree. Pages link to these files with plain links; the links step checks that they resolve.
"""

from __future__ import annotations

from ..model import open_data


def write(site) -> list[str]:
    out = site.dir / open_data.DIR
    out.mkdir(exist_ok=True)
    for name, content in open_data.files(site.catalog).items():
        (out / name).write_text(content, encoding="utf-8", newline="")
    return []
