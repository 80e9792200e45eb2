"""Every internal link and asset of the built site resolves: the link check that works on any output.

MkDocs checks links between Markdown pages, but not what templates, macros and the other steps write as
HTML (redirect pages, the scorecard's script, PDF and download links), and Zensical checks less. This
reads the built files themselves: every ``href``/``src`` that stays on the site must name a file in the
folder, and a ``#fragment`` on an HTML page must name an element there.
"""

from __future__ import annotations

import html.parser
import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.addresses import OFFLINE_ZIP

# Files `make publish` adds after the build; links to them are checked by tests/test_offline.py.
ADDED_LATER = (OFFLINE_ZIP,)
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        if tag in LINKING and attrs.get(LINKING[tag]):
            if not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append(attrs[LINKING[tag]])


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken(site_dir: Path) -> list[str]:
    """``page: link`` for every internal link of every HTML page that does not resolve."""
    _parse.cache_clear()
    site_dir = site_dir.resolve()
    out = []
    for path in sorted(site_dir.rglob("*.html")):
        here = path.relative_to(site_dir).as_posix()
        for link in _parse(path).links:
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
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target).ids:
                out.append(f"{here}: {link} (no element with that id)")
    return out


def check(site) -> list[str]:
    return [f"broken link: {problem}" for problem in broken(site.dir)]
