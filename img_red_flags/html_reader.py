"""The project's one HTML reader: HTML read as a browser reads it.

Used wherever HTML is read rather than written: the post-build steps over the built pages (links, safe
addresses, short addresses, the CSP), tools/page_weight.py and tools/readability.py, and validation over
data text rendered by Markdown (validation/rendered.py, anchor_rules.py).

Why Lexbor (selectolax) and not html.parser: Lexbor follows the HTML Standard's parsing algorithm, so a
check sees the elements and attributes a browser acts on (entities in attributes decoded, the text of a
``<script>`` with its line breaks normalised as the browser hashes it, ``<title>`` and ``<textarea>`` read
as text, misnested tags repaired as the browser repairs them); and it is a C library, about ten times
faster, which is most of the post-build time saved. Documents are parsed as a browser with scripting off
parses them: the content of ``<noscript>`` is elements, so the checks see the links a reader without
JavaScript gets. The content of ``<template>`` is not part of the tree; ``elements`` reads it in place,
because a script can bring it to life.

``HtmlFiles``: the HTML files of a built folder, each read and parsed at most once until it is rewritten,
so post-build steps that only read share one parse per page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

Document = LexborHTMLParser
Node = LexborNode

# Attributes whose value is an address the browser follows or loads (srcset and a meta refresh hold
# addresses too, inside their own syntax: postbuild/safe_urls.py reads them).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def parse(text: str) -> Document:
    """A whole page, as the browser builds it (missing <html>, <head>, <body> added)."""
    return LexborHTMLParser(text)


def parse_fragment(text: str) -> Document:
    """HTML that goes inside a page (rendered Markdown), parsed as the content of a <div>."""
    return LexborHTMLParser(text, is_fragment=True)


def elements(node: Node | Document) -> Iterator[Node]:
    """Every element under ``node`` (itself included), in document order, with each <template>'s content
    right after the template."""
    start = node.root if isinstance(node, LexborHTMLParser) else node
    if start is None:
        return
    for element in start.traverse():
        if element.is_element_node:
            yield element
            if element.tag == "template":
                for content in element.template_fragments():
                    yield from elements(content)


def select(node: Node | Document, selector: str) -> list[Node]:
    """The elements under ``node`` that match the CSS ``selector``, each <template>'s content included
    (after the document's own matches: use ``elements`` where the order matters)."""
    start = node.root if isinstance(node, LexborHTMLParser) else node
    if start is None:
        return []
    found = list(start.css(selector))
    for content in start.template_fragments():
        found += select(content, selector)
    return found


def text(node: Node | None) -> str:
    """The text of ``node`` and everything in it, entities decoded ("" for no node)."""
    return "" if node is None else node.text(deep=True)


class HtmlFiles:
    """The ``.html`` files under a folder, read exactly (no newline translation, so the CSP hashes and
    writes back the bytes the browser gets) and parsed once; ``write`` replaces both. A file is known by
    its path under ``dir`` as written (``dir / "a/index.html"``), which is how the steps name them."""

    def __init__(self, folder: Path):
        self.dir = Path(folder)
        self._paths: dict[str, Path] | None = None
        # Keyed by the path's text: a dict lookup with a Path key compares Paths, which costs more
        # than parsing here.
        self._texts: dict[str, str] = {}
        self._documents: dict[str, Document] = {}

    def paths(self) -> list[Path]:
        if self._paths is None:
            self._paths = {str(path): path for path in self.dir.rglob("*.html")}
        return [self._paths[key] for key in sorted(self._paths)]

    def text(self, path: Path) -> str:
        key = str(path)
        if key not in self._texts:
            with Path(path).open(encoding="utf-8", newline="") as file:
                self._texts[key] = file.read()
        return self._texts[key]

    def document(self, path: Path) -> Document:
        key = str(path)
        if key not in self._documents:
            self._documents[key] = parse(self.text(path))
        return self._documents[key]

    def write(self, path: Path, content: str) -> None:
        """Write ``path`` (a new page or a rewritten one) and forget its old parse."""
        key = str(path)
        with Path(path).open("w", encoding="utf-8", newline="") as file:
            file.write(content)
        self._texts[key] = content
        self._documents.pop(key, None)
        if self._paths is not None:
            self._paths[key] = Path(path)
