"""Steps over a built site folder, whatever generator wrote it (MkDocs, Zensical): the last stage.

    data -> validation -> model -> macros -> pages -> [generator] -> postbuild -> site

Each step is a function ``step(site: Site) -> list[str]`` returning problems (empty when all is well).
They run in this order, the CSP last so that it covers every page the others write:

- open data: the catalog as JSON and CSV under data/;
- short addresses: f/<id>/ for every entry and former id, and redirects for moved pages;
- search terms: each entry's search terms, and for every section the other words readers type for what
  it says (data/search_synonyms.yaml, spellings), into the search index;
- search worker: Material's search worker forgives one-letter typos and skips little words;
- search loading: Material's search loads when first opened, and its box puts no words in an address;
- accessibility: an accessible name for Material's search dialog;
- links: every internal link and asset resolves (the one link check that works on any generator);
- safe addresses: every href, src, action... is relative, http(s):, mailto: or tel: (safe_urls.py);
- csp: a Content-Security-Policy on every HTML page.

Run by ``make build`` (tools/build_site.py), by the MkDocs hook hooks/postbuild.py (so ``mkdocs serve``
previews the same site), and as ``python -m img_red_flags.postbuild SITE_DIR``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..html_reader import HtmlFiles
from ..model.addresses import PAGES, Addresses
from ..model.catalog import data_dir_of, load
from ..model.entries import Entry, entries
from ..validation import Catalog
from . import (
    accessibility,
    links,
    open_data,
    safe_urls,
    search_loading,
    search_terms,
    search_worker,
    short_links,
)
from . import csp as csp_step
from .config import Settings


class PostBuildError(Exception):
    """One or more steps found problems; the message lists them, one a line."""


def served_file(site_dir: Path, url: str) -> Path:
    """The file a site URL (no fragment) is served from: red-flags/ -> red-flags/index.html."""
    return site_dir / (url + "index.html" if url.endswith("/") or url == "" else url)


@dataclass
class Site:
    """A built site folder and what the steps need to know about it.

    Steps read and write HTML pages through ``html`` (``html_pages``, ``html.text``, ``html.document``,
    ``html.write``): each page is read and parsed once per run, and again only after a step rewrote it.
    """

    dir: Path
    catalog: Catalog
    addresses: Addresses
    site_name: str
    moved_pages: dict[str, str] = field(default_factory=dict)
    html: HtmlFiles = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.html = HtmlFiles(self.dir)

    def html_pages(self) -> list[Path]:
        return self.html.paths()

    @functools.cached_property
    def entries(self) -> list[Entry]:
        """Every linkable entry (model/entries.py renders their text): made once, for two steps."""
        return entries(self.catalog)

    def file(self, url: str) -> Path:
        return served_file(self.dir, url)


def detect_addresses(site_dir: Path, site_url: str | None) -> Addresses:
    """The URL style of a built folder, read from where the red-flags page was written."""
    for style in (Addresses(True, site_url), Addresses(False, site_url)):
        if served_file(site_dir, style.page(PAGES["flag"])).is_file():
            return style
    raise PostBuildError(f"{site_dir}: no red-flags page in either URL style; is this a built site?")


def open_site(site_dir: Path, settings: Settings) -> Site:
    """The built folder ``site_dir`` with the catalog of the project that built it."""
    return Site(
        site_dir,
        load(data_dir_of(settings.project_dir)),
        detect_addresses(site_dir, settings.site_url),
        settings.site_name,
        settings.moved_pages,
    )


def steps(csp: bool = True) -> list[Callable[[Site], list[str]]]:
    """The steps in the order they run; the CSP last, over everything the others wrote."""
    out: list[Callable[[Site], list[str]]] = [
        open_data.write,
        short_links.write,
        search_terms.write,
        search_worker.write,
        search_loading.write,
        accessibility.write,
        links.check,
        safe_urls.check,  # after every step that writes HTML, before the CSP (serve runs it too)
    ]
    return [*out, csp_step.write] if csp else out


def run(site: Site, csp: bool = True) -> None:
    """Every step over ``site``; raises PostBuildError listing every problem found."""
    problems = [problem for step in steps(csp) for problem in step(site)]
    if problems:
        raise PostBuildError("\n".join(problems))
