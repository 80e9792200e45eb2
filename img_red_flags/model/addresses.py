"""Where every page and entry of the guide lives on the built site: one model for both URL styles.

The hosted site uses directory URLs (``red-flags.md`` -> ``red-flags/``); the offline copy, opened from
``file://``, cannot (a browser shows a folder listing, not its ``index.html``), so it uses file URLs
(``red-flags.md`` -> ``red-flags.html``). Everything that writes a URL into HTML, JSON or a redirect page
asks an ``Addresses`` for it, so the two copies can never disagree about where things are.

URLs here are relative to the site root unless a method says otherwise. Markdown links between pages
are not built here: pages link to ``.md`` sources and MkDocs (or Zensical) rewrites them. Links a macro
writes as raw HTML differ by generator: MkDocs leaves them as written, Zensical rewrites them like
Markdown links (see ``html_link``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

# The guide pages made from a data file of their own: data/<name>.yaml (schema guide_page.schema.json)
# -> its page under docs/. The one list of them: a new guide page is one line here, and validation
# (validation/catalog.py FILES) and the macros derive theirs from it.
GUIDE_PAGES = {
    "exposure": "why-imgs.md",
    "investigation": "investigate.md",
    "already_in": "already-in-one.md",
    "visa_basics": "visa-basics.md",
}
# Where each kind of entry lives (source paths under docs/); links to entries are built from these.
PAGES = {
    "flag": "red-flags.md",
    "question": "questions.md",
    "faq": "faq.md",
    **GUIDE_PAGES,
    "sources": "sources.md",
    "record": "my-record.md",
    "changes": "about/changes.md",
}
SHORT_PREFIX = "f"  # f/<id>/ : short enough to type from a printout
OFFLINE_ZIP = "downloads/img-red-flags-offline.zip"  # where `make publish` puts the offline copy
PDF_DIR = "checklists/pdf"  # where `make pdf` writes the checklists' PDFs
PAPERS = {"letter": "US Letter", "a4": "A4"}  # every checklist is printed to PDF on each


def sheet_source(sheet_id: str) -> str:
    """Source path of a printable checklist's page: checklists/<id>.md."""
    return f"checklists/{sheet_id}.md"


@dataclass(frozen=True)
class Addresses:
    """URLs of one build: ``directory_urls`` as the generator writes them, ``site_url`` if known, and
    ``html_from_source`` when the generator rewrites raw-HTML links as relative to the Markdown source."""

    directory_urls: bool = True
    site_url: str | None = None
    html_from_source: bool = False

    def page(self, src: str) -> str:
        """URL of the page built from source ``src``: red-flags.md -> red-flags/ (or red-flags.html).

        The home page is "" with directory URLs (the root itself) and index.html without.
        """
        stem = src[:-3] if src.endswith(".md") else src
        is_index = posixpath.basename(stem) in ("index", "README")
        if is_index:
            stem = posixpath.dirname(stem)
        if self.directory_urls:
            return f"{stem}/" if stem else ""
        return f"{stem}/index.html" if is_index and stem else (f"{stem}.html" if stem else "index.html")

    def entry(self, kind: str, entry_id: str = "") -> str:
        """URL of an entry: red-flags/#vague-workload (or the page alone without an id)."""
        url = self.page(PAGES[kind])
        return f"{url}#{entry_id}" if entry_id else url

    def short(self, name: str) -> str:
        """URL of the redirect page of a short address: f/<id>/ (or f/<id>/index.html)."""
        return f"{SHORT_PREFIX}/{name}/" + ("" if self.directory_urls else "index.html")

    def pdf(self, sheet_id: str, paper: str) -> str:
        return f"{PDF_DIR}/{sheet_id}-{paper}.pdf"

    @staticmethod
    def relative(target: str, from_url: str) -> str:
        """Relative URL from the built page at ``from_url`` to ``target`` (both site-root relative).

        >>> Addresses.relative("assets/js/a.js", "checklists/ask-gme/")
        '../../assets/js/a.js'
        """
        path, hash_, fragment = target.partition("#")
        base = from_url.rsplit("/", 1)[0] if "/" in from_url else "."
        rel = posixpath.relpath(path or ".", base or ".")
        if path == "" or path.endswith("/"):
            rel = "./" if rel == "." else f"{rel}/"
        return f"{rel}{hash_}{fragment}"

    def link(self, here: str, target: str) -> str:
        """Relative URL from the page built from source ``here`` to site URL ``target``."""
        return self.relative(target, self.page(here))

    def html_link(self, here: str, target: str) -> str:
        """What to write in a raw-HTML ``href``/``src`` of the page built from source ``here`` so that the
        built page links to site URL ``target``.

        MkDocs copies raw HTML as it is: the final relative URL. Zensical 0.0.73 rewrites every relative
        ``href``/``src`` of a page (raw HTML too, except inside ``<noscript>``) as relative to the Markdown
        source, as it does ``.md`` links: so the link is written from the source's folder, and Zensical
        turns it into the same final URL.
        """
        return self.relative(target, here) if self.html_from_source else self.link(here, target)

    def public(self, url: str) -> str | None:
        """The absolute public address of ``url`` (always in directory style), or None without site_url."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + url

    def public_short(self, name: str) -> str | None:
        """What people share: the absolute short address https://<site>/f/<id>/ (never a file:// path)."""
        return self.public(f"{SHORT_PREFIX}/{name}/")


HOSTED = Addresses(directory_urls=True)  # the public URL style, e.g. for open data and published ids
