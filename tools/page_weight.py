"""What each page of a built site costs a reader to download: gzip bytes of the page and what it loads.

A page's weight is its HTML plus every stylesheet, script, icon and image its HTML references, each
gzip-compressed as a web server would send it (level 6, the zlib default most servers use). Search is
counted apart: Material's bundle fetches the search worker and ``search/search_index.json`` on its own,
and the budget "before search" leaves them out. Used by ``make bench`` (tools/bench.py) and by the test
that holds the page budgets (tests/test_site_weight.py).
"""

from __future__ import annotations

import gzip
import posixpath
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from img_red_flags.html_reader import elements, parse

GZIP_LEVEL = 6
KB = 1024
# Budgets (issue 7), in KB of gzip before search: held by tests/test_site_weight.py, reported by bench.
RED_FLAGS_MAX_KB = 100
PAGE_MAX_KB = 150


@cache
def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), GZIP_LEVEL))


def refs(html: str) -> list[tuple[str, str]]:
    """(kind, address) of the same-site files a page makes the browser fetch on load, in page order."""
    out = []
    for element in elements(parse(html)):
        tag, a = element.tag, element.attributes
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            out.append(("css", a["href"] or ""))
        elif tag == "link" and "icon" in rel and a.get("href"):
            out.append(("other", a["href"] or ""))
        elif tag == "script" and a.get("src"):
            out.append(("js", a["src"] or ""))
        elif tag in ("img", "source") and a.get("src"):
            out.append(("other", a["src"] or ""))
    return out


@dataclass
class PageWeight:
    url: str  # as served: "" for the home page, "red-flags/", "checklists/visa/"
    html: int  # gzip bytes of the page itself
    css: int = 0
    js: int = 0
    other: int = 0  # icons and images
    files: list[str] = field(default_factory=list)  # site-relative paths of everything counted
    offsite: list[str] = field(default_factory=list)  # references to other origins (should be none)

    @property
    def total(self) -> int:
        return self.html + self.css + self.js + self.other

    @property
    def kind(self) -> str:
        """Page type: the page's own address, or its section + "*" for pages one level further down."""
        parts = [p for p in self.url.split("/") if p]
        if not parts:
            return "home"
        return f"{parts[0]}/" if len(parts) == 1 else f"{parts[0]}/*"


def is_redirect(page: Path) -> bool:
    """A redirect page (f/<id>/, former ids, moved pages: img_red_flags/postbuild/short_links.py), not content.

    Not parsed (img_red_flags/html_reader.py): those pages are written by short_links.PAGE with the mark
    on their first tag, so the first bytes tell, without reading every page whole at each call."""
    with page.open(encoding="utf-8") as file:
        return " data-redirect=" in file.read(300)  # set on their <html> tag


def pages(site: Path) -> list[Path]:
    """Every content page of a built site (``index.html``; not 404.html or redirects), home first."""
    return sorted(
        (p for p in site.rglob("index.html") if not is_redirect(p)), key=lambda p: (p.parent != site, p)
    )


def url_of(site: Path, page: Path) -> str:
    rel = page.parent.relative_to(site).as_posix()
    return "" if rel == "." else f"{rel}/"


def weigh(site: Path, page: Path) -> PageWeight:
    weight = PageWeight(url=url_of(site, page), html=gzip_size(page))
    here = weight.url
    for kind, ref in refs(page.read_text(encoding="utf-8")):
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc:
            if parts.scheme != "data":
                weight.offsite.append(ref)
            continue
        rel = posixpath.normpath(posixpath.join(here, parts.path))
        target = site / rel
        if rel in weight.files or not target.is_file():
            continue
        weight.files.append(rel)
        setattr(weight, kind, getattr(weight, kind) + gzip_size(target))
    return weight


def site_weights(site: Path) -> list[PageWeight]:
    return [weigh(site, page) for page in pages(site)]


def search_weight(site: Path) -> dict[str, int]:
    """Bytes fetched when search starts: the index (raw and gzip) and the search worker (gzip)."""
    index = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search*.js"))
    return {
        "index_raw": index.stat().st_size if index.is_file() else 0,
        "index_gzip": gzip_size(index) if index.is_file() else 0,
        "worker_gzip": sum(gzip_size(w) for w in workers),
    }


def heaviest_by_kind(weights: list[PageWeight]) -> dict[str, PageWeight]:
    """The heaviest page of each type, in first-seen order (home, then the site's own order)."""
    out: dict[str, PageWeight] = {}
    for w in weights:
        if w.kind not in out or w.total > out[w.kind].total:
            out[w.kind] = w
    return out
