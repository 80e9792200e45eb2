"""Every address in the built HTML goes somewhere safe: a relative path, http(s):, mailto: or tel:.

The guarantee after the fact, whatever wrote the page (a template, the generator, a post-build step, a
theme update): a ``javascript:`` or ``data:`` link that slipped past validation and escaping fails the
build here, on both generators, instead of waiting for the CSP to stop it in the reader's browser.
Read: href, src, action, formaction, xlink:href, poster, cite, data, every URL of a srcset, and the url
of a meta refresh. A problem names the page, the element, and the data entry it sits in where it can be
traced (the nearest id before it that is an entry's id or former id: ``data/red_flags.yaml:12``).

Pages are read as the browser reads them (img_red_flags/html_reader.py: entities in attributes decoded,
``<template>`` and ``<noscript>`` content included); browsers also drop tabs, line breaks and
leading/trailing controls and spaces from a URL (``java&#9;script:`` runs), so these are dropped before
the scheme is read.
"""

from __future__ import annotations

import re

from ..html_reader import URL_ATTRIBUTES, Document, elements, select
from ..validation.rules import _entries

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_NOISE = re.compile(r"[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Every element that holds an address (in SVG, ``[href]`` also matches xlink:href): the pages are read
# whole, in order, only when one of these is unsafe, which is fast on the pages of a sound build.
_ESCAPED = (name.replace(":", "\\:") for name in sorted(URL_ATTRIBUTES))  # xlink\:href in CSS
_HOLDERS = ",".join([*(f"[{name}]" for name in _ESCAPED), "[srcset]", "[imagesrcset]", "meta[http-equiv]"])
_REFRESH_URL = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", re.IGNORECASE | re.DOTALL)


def unsafe(url: str) -> bool:
    """Whether a browser would read ``url`` as anything but a relative path, http(s):, mailto: or tel:.
    ``//host`` and ``\\host`` (the browser reads a backslash as a slash) are other sites' addresses with
    no scheme of their own: refused too, since the site never links that way."""
    url = _NOISE.sub("", url)
    if url.replace("\\", "/").startswith("//"):
        return True
    scheme = _SCHEME.match(url)
    return scheme is not None and scheme.group(1).lower() not in ALLOWED_SCHEMES


def _urls(tag: str, attrs: dict[str, str | None]) -> list[tuple[str, str]]:
    """(attribute, URL) pairs of one element."""
    out = [(name, value) for name, value in attrs.items() if name in URL_ATTRIBUTES and value is not None]
    for name in ("srcset", "imagesrcset"):
        if srcset := attrs.get(name):
            out += [(name, c.strip().split()[0]) for c in srcset.split(",") if c.strip()]
    content = attrs.get("content")
    if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh" and content:
        refresh = _REFRESH_URL.match(content)
        target = refresh.group(1).strip().strip("'\"") if refresh else ""
        if target:
            out.append(("content (refresh)", target))
    return out


def unsafe_addresses(document: Document) -> list[tuple[str, str, str, str | None]]:
    """(tag, attribute, URL, the id of the element or the nearest one before it) of every unsafe address."""
    if not any(
        unsafe(url) for e in select(document, _HOLDERS) for _, url in _urls(e.tag or "", e.attributes)
    ):
        return []
    found = []
    last_id: str | None = None
    for element in elements(document):
        tag, attributes = element.tag or "", element.attributes
        for name, url in _urls(tag, attributes):
            if unsafe(url):
                found.append((tag, name, url, attributes.get("id") or last_id))
        if attributes.get("id"):
            last_id = attributes["id"]
    return found


def _entry_places(catalog) -> dict[str, str]:
    """Entry id (and former id) -> where it is written: data/file.yaml:line."""
    places: dict[str, str] = {}
    for file, _kind, entry in _entries(catalog):
        for name in [entry["id"], *entry.get("aliases", [])]:
            places.setdefault(name, f"{catalog.display[file]}:{entry.lines['id']}")
    for source in catalog.files["sources"]["sources"]:
        places.setdefault(source["id"], f"{catalog.display['sources']}:{source.lines['id']}")
    return places


def check(site) -> list[str]:
    """One problem per unsafe address in any built HTML page."""
    places: dict[str, str] | None = None
    problems = []
    for page in site.html_pages():
        for tag, attribute, url, near in unsafe_addresses(site.html.document(page)):
            if places is None:
                places = _entry_places(site.catalog)
            where = f" in entry '{near}' ({places[near]})" if near in places else ""
            where = where or (f" after the element with id '{near}'" if near else "")
            problems.append(
                f'{page.relative_to(site.dir).as_posix()}: <{tag} {attribute}="{url[:80]}">{where} is '
                "not a relative, http(s):, mailto: or tel: address; fix the text that makes it"
            )
    return problems
