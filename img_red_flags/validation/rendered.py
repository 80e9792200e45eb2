"""Data text rendered as the pages render it, so checks see what a browser will get.

Checking the Markdown source with regular expressions misses what the renderer does: Python-Markdown
keeps a line break inside a link target (``[a](java<newline>script:...)``) and the browser then drops
it; a setext underline or a ``#`` inside a list item is a heading too. So text is rendered with the
site's Markdown extensions and the resulting HTML is read back with the standard HTML parser, which
decodes entities in attributes as browsers do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

import markdown

# The site's markdown_extensions (mkdocs.yml); tests/test_data_rules.py checks the two lists agree.
EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
    "def_list",
    "tables",
    "toc",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "data", "xlink:href"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Html:
    """What rendered text puts on a page that the checks care about."""

    links: list[str] = field(default_factory=list)  # URL attribute values, entities decoded
    headings: list[str] = field(default_factory=list)  # text of each h1-h6
    toc: bool = False  # a [TOC] marker became a table of contents


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html = Html()
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.html.links.append(value)
            if name == "class" and value and "toc" in value.split():
                self.html.toc = True
        if tag in HEADINGS:
            self._heading = []

    def handle_endtag(self, tag):
        if tag in HEADINGS and self._heading is not None:
            self.html.headings.append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


_markdown = markdown.Markdown(extensions=EXTENSIONS)


def might_render_structure(text: str) -> bool:
    """Cheap test first: only text with one of these can hold a link, a heading or a [TOC] marker
    (a setext heading needs a line break)."""
    return any(c in text for c in "[#<") or "\n" in text.strip()


@lru_cache(maxsize=4096)
def render(text: str) -> Html:
    """The links, headings and table of contents that ``text`` makes when rendered alone."""
    reader = _Reader()
    if might_render_structure(text):
        _markdown.reset()
        reader.feed(_markdown.convert(text))
        reader.close()
        # A reference definition ([r]: url) also serves [text][r] in any other field of the same page.
        reader.html.links += [url for url, _title in _markdown.references.values()]
    return reader.html
