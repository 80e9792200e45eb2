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

from markupsafe import escape

from ..html_reader import text
from ..model.addresses import Addresses

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


def redirect_page(
    url: str, target: str, title: str, description: str, site_name: str, public: str | None
) -> str:
    """The HTML of the redirect page at site URL ``url`` (f/x/ or f/x/index.html) to site URL ``target``.

    The link in the page is relative, so the site works under any base path and from a local copy;
    ``public`` (the target's absolute address, when site_url is set) adds the canonical and og:url.
    """
    root = "../" * url.count("/")
    absolute = ""
    if public:
        absolute = (
            f'<link rel="canonical" href="{escape(public.split("#")[0])}">\n'
            f'<meta property="og:url" content="{escape(public)}">\n'
        )
    relative = root + target
    return PAGE.format(
        target=escape(relative),
        root=root,
        title=escape(title),
        description=escape(description),
        site=escape(site_name),
        absolute=absolute,
    )


def redirects(site) -> tuple[dict[str, tuple[str, str, str, str]], list[str]]:
    """Site URL of each redirect page -> (target URL, its public form, title, description); problems.

    The public form is the target in the hosted site's URL style: the offline copy's redirect pages name
    the public page as canonical, never a file name.
    """
    here, hosted = site.addresses, Addresses(True, site.addresses.site_url)
    out, problems = {}, []
    for entry in site.entries:
        for name in entry.names:
            out[here.short(name)] = (
                here.entry(entry.kind, entry.id),
                hosted.entry(entry.kind, entry.id),
                entry.title,
                entry.description,
            )
    for old, new in site.moved_pages.items():
        target = here.page(new)
        if not site.file(target).is_file():
            problems.append(
                f"short addresses: extra.moved_pages sends '{old}' to '{new}', which is not a page"
            )
            continue
        # The title and description of the page it moved to, for the link preview.
        page = site.html.document(site.file(target))
        description = page.css_first('head > meta[name="description"]')
        title = (
            text(page.css_first("head > title")).strip().removesuffix(f" - {site.site_name}")
            or site.site_name
        )
        summary = (description.attributes.get("content") if description else None) or ""
        out[here.page(old)] = (target, hosted.page(new), title, summary)
    return out, problems


def write(site) -> list[str]:
    pages, problems = redirects(site)
    for url, (target, public, title, description) in pages.items():
        path = site.file(url)
        if path.exists():
            problems.append(f"short addresses: '{url}' is a real page; it cannot also redirect to '{target}'")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        site.html.write(
            path,
            redirect_page(url, target, title, description, site.site_name, site.addresses.public(public)),
        )
    return problems
