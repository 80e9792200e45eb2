"""Every internal link and asset of the built site resolves: the link check that works on any output.

MkDocs checks links between Markdown pages, but not what templates, macros and the other steps write as
HTML (redirect pages, the scorecard's script, PDF and download links), and Zensical checks less. This
reads the built files themselves: every ``href``/``src`` that stays on the site must name a file in the
folder, and a ``#fragment`` on an HTML page must name an element there.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from ..html_reader import Document, HtmlFiles, elements, parse, select
from ..model.addresses import OFFLINE_ZIP

# Files `make publish` adds after the build; links to them are checked by tests/test_offline.py.
ADDED_LATER = (OFFLINE_ZIP,)
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


def links_of(page: str | Document) -> list[str]:
    """Every link and asset address of an HTML page (canonical and alternate links are not visits)."""
    document = parse(page) if isinstance(page, str) else page
    out = []
    for element in elements(document):
        name = LINKING.get(element.tag or "")
        if name is None:
            continue
        attrs = element.attributes
        link = attrs.get(name)
        if link and not (element.tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
            out.append(link)
    return out


def ids_of(document: Document) -> set[str]:
    """What a ``#fragment`` can name on a page: an element's id, or an ``<a name>`` (as browsers look)."""
    found = [e.attributes.get("id") for e in select(document, "[id]")]
    found += [e.attributes.get("name") for e in select(document, "a[name]")]
    return {name for name in found if name}


def broken(site_dir: Path, pages: HtmlFiles | None = None) -> list[str]:
    """``page: link`` for every internal link of every HTML page that does not resolve (``pages``: the
    site's pages as the other steps read them, so each is parsed once)."""
    pages = pages or HtmlFiles(site_dir)
    site_dir = pages.dir
    # Pages share most of their links (navigation, assets): each address is split, and each file
    # looked up, once.
    split: dict[str, tuple[SplitResult, str]] = {}  # link -> its parts, its path unquoted
    joined: dict[tuple[str, str], str] = {}  # (folder, relative path) -> site URL
    files: dict[str, Path | None] = {}  # site URL -> the file it serves, None if none
    ids: dict[str, set[str]] = {}  # site URL -> what its fragments can name
    out = []
    for path in pages.paths():
        here = path.relative_to(site_dir).as_posix()
        folder = posixpath.dirname(here)
        for link in links_of(pages.document(path)):
            if link not in split:
                parts = urlsplit(link)
                split[link] = (parts, unquote(parts.path))
            parts, relative = split[link]
            if parts.scheme or parts.netloc:  # another site, mailto:, data:, javascript: ...
                continue
            if not relative:  # "#fragment" alone: this page
                url = here
            elif relative.startswith("/"):  # root-absolute (404.html without site_url)
                url = relative.lstrip("/")
            else:
                if (folder, relative) not in joined:
                    joined[folder, relative] = posixpath.normpath(posixpath.join(folder, relative))
                url = joined[folder, relative]
            if url.startswith(".."):
                out.append(f"{here}: {link} (outside the site)")
                continue
            if url in ADDED_LATER:
                continue
            if url not in files:
                target = site_dir / url
                if target.is_dir():
                    target = target / "index.html"
                files[url] = target if target.is_file() else None
            served = files[url]
            if served is None:
                out.append(f"{here}: {link} (no such file)")
            elif parts.fragment and served.suffix == ".html":
                if url not in ids:
                    ids[url] = ids_of(pages.document(served))
                if unquote(parts.fragment) not in ids[url]:
                    out.append(f"{here}: {link} (no element with that id)")
    return out


def check(site) -> list[str]:
    return [f"broken link: {problem}" for problem in broken(site.dir, site.html)]
