"""Addresses that never break: short addresses f/<id>/, former ids, and pages that moved.

Writes a small redirect page for
- every id and former id (``aliases``) of a red flag, question or FAQ entry: ``f/<id>/`` -> its entry;
- every page that moved: ``extra.moved_pages`` in mkdocs.yml maps an old page path (``flags.md``) to the
  page that replaced it; a ``#fragment`` the visitor brought along is kept.

Why not mkdocs-redirects: it cannot be fed from data/ and its pages carry an inline script, which the
coming Content-Security-Policy forbids. These pages load ``assets/js/redirect.js`` instead (it keeps the
fragment and leaves no history entry), with a meta refresh and a plain link for browsers without JS.
Each page also carries a title and link preview from the data, since it is what a chat app fetches when
someone shares a short address.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import escape
from mkdocs.plugins import event_priority


log = logging.getLogger("mkdocs.hooks.short_links")

PAGE = """<!doctype html>
<html lang="en" data-redirect="{target}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{title} - {site}</title>
<meta name="description" content="{description}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
{absolute}<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="{title}">
<meta name="twitter:description" content="{description}">
<script src="{root}assets/js/redirect.js"></script>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>This address leads to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def redirect_page(path: str, target: str, title: str, description: str, site_name: str,
                  site_url: str | None) -> str:
    """The HTML of a redirect written at ``path`` (a directory URL like ``f/x/``) to ``target``.

    Both are relative to the site root; the link in the page is relative, so the site works under any
    base path and from a local copy. ``site_url`` (when set) adds the absolute canonical and og:url.
    """
    root = "../" * path.count("/")
    absolute = ""
    if site_url:
        url = site_url.rstrip("/") + "/" + target
        absolute = (f'<link rel="canonical" href="{escape(url.split("#")[0])}">\n'
                    f'<meta property="og:url" content="{escape(url)}">\n')
    return PAGE.format(target=escape(root + target), root=root, title=escape(title),
                       description=escape(description), site=escape(site_name), absolute=absolute)


def redirects(catalog, moved_pages: dict | None, pages: dict[str, tuple[str, str]]
              ) -> dict[str, tuple[str, str, str]]:
    """Directory URL of each redirect page -> (target, title, description), all relative to the root.

    ``pages`` maps each page's source path to its (title, description), for moved pages' previews.
    """
    # Imported here, not at the top: hooks load before the macros plugin puts this project's `macros`
    # on the path, and an early import would pin another checkout's package (and its data).
    from img_red_flags.model.addresses import SHORT_PREFIX
    from img_red_flags.model.entries import entries
    from macros.render import page_url

    out = {}
    for entry in entries(catalog):
        for name in entry.names:
            out[f"{SHORT_PREFIX}/{name}/"] = (entry.address, entry.title, entry.description)
    for old, new in (moved_pages or {}).items():
        if new not in pages:
            log.warning(f"short_links: extra.moved_pages sends '{old}' to '{new}', which is not a page; "
                        f"use one of: {', '.join(sorted(pages))}")
            continue
        out[page_url(old)] = (page_url(new), *pages[new])
    return out


_pages: dict[str, tuple[str, str]] = {}


def on_config(config):
    _pages.clear()  # the module outlives a build under `mkdocs serve` and in tests


def on_page_context(context, page, config, nav):
    title = str(page.meta.get("title") or page.title or config.site_name)
    # a description from data is already escaped Markup; escape() in redirect_page leaves it as it is
    _pages[page.file.src_uri] = (title, page.meta.get("description") or config.site_description)
    return context


@event_priority(-100)  # after the site has been written, so a clash with a real page is seen
def on_post_build(config) -> None:
    catalog = getattr(config.plugins.get("macros"), "guide_catalog", None)
    if catalog is None:
        return
    site = Path(config.site_dir)
    moved = config.extra.get("moved_pages")
    for url, (target, title, description) in redirects(catalog, moved, _pages).items():
        out = site / url / "index.html"
        if out.exists():  # a warning fails the strict build
            log.warning(f"short_links: '{url}' is a real page; it cannot also redirect to '{target}'")
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(redirect_page(url, target, title, description, config.site_name, config.site_url),
                       encoding="utf-8")
