"""Every internal link and asset of the built site resolves: the link check that works on any output.

MkDocs checks links between Markdown pages, but not what templates, macros and the other steps write as
HTML (redirect pages, the scorecard's script, PDF and download links), and Zensical checks less. This
reads the built files themselves: every ``href``/``src`` that stays on the site must name a file in the
folder, and a ``#fragment`` on an HTML page must name an element there.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.addresses import OFFLINE_ZIP

# Files `make publish` adds after the build; links to them are checked by tests/test_offline.py.
ADDED_LATER = (OFFLINE_ZIP,)
# A regex, not html.parser: on this site's pages it is the difference between a tenth of a second and
# seconds per build, and every page here is written by our templates or Material with quoted attributes.
# tests/test_site_links.py checks it finds what html.parser finds.
TAG = re.compile(r"<(a|link|script|img|source|iframe)\b([^>]*)>", re.IGNORECASE)
ATTR = re.compile(r"""\s([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
ID = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


@cache
def _ids(path: Path) -> set[str]:
    return {html.unescape(a or b) for a, b in ID.findall(path.read_text(encoding="utf-8"))}


def links_of(text: str) -> list[str]:
    """Every link and asset address of an HTML page (canonical and alternate links are not visits)."""
    out = []
    for tag, attributes in TAG.findall(text):
        attrs = {name.lower(): html.unescape(a or b) for name, a, b in ATTR.findall(attributes)}
        link = attrs.get(LINKING[tag.lower()])
        if link and not (tag.lower() == "link" and attrs.get("rel") in ("canonical", "alternate")):
            out.append(link)
    return out


def broken(site_dir: Path) -> list[str]:
    """``page: link`` for every internal link of every HTML page that does not resolve."""
    _ids.cache_clear()
    site_dir = site_dir.resolve()
    out = []
    for path in sorted(site_dir.rglob("*.html")):
        here = path.relative_to(site_dir).as_posix()
        for link in links_of(path.read_text(encoding="utf-8")):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:  # another site, mailto:, data:, javascript: ...
                continue
            relative = unquote(parts.path)
            if not relative:  # "#fragment" alone: this page
                url = here
            elif relative.startswith("/"):  # root-absolute (404.html without site_url)
                url = relative.lstrip("/")
            else:
                url = posixpath.normpath(posixpath.join(posixpath.dirname(here), relative))
            if url.startswith(".."):
                out.append(f"{here}: {link} (outside the site)")
                continue
            if url in ADDED_LATER:
                continue
            target = site_dir / url
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                out.append(f"{here}: {link} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                out.append(f"{here}: {link} (no element with that id)")
    return out


def check(site) -> list[str]:
    return [f"broken link: {problem}" for problem in broken(site.dir)]
