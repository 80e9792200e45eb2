"""Data text rendered as the pages render it, so checks see what a browser will get.

Checking the Markdown source with regular expressions misses what the renderer does: Python-Markdown
keeps a line break inside a link target (``[a](java<newline>script:...)``) and the browser then drops
it; a setext underline or a ``#`` inside a list item is a heading too. So text is rendered with the
site's Markdown extensions and the resulting HTML is read back as the browser reads it inside the page
(img_red_flags/html_reader.py: entities in attributes decoded). Raw HTML, which a browser-like parse could
turn into text (a ``<textarea>`` around a link), is refused on its own (``raw_html``, read from
Python-Markdown's stash).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import markdown

from img_red_flags.html_reader import HEADINGS, URL_ATTRIBUTES, elements, parse_fragment, text

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


@dataclass
class Html:
    """What rendered text puts on a page that the checks care about."""

    links: list[str] = field(default_factory=list)  # URL attribute values, entities decoded
    headings: list[str] = field(default_factory=list)  # text of each h1-h6
    toc: bool = False  # a [TOC] marker became a table of contents
    raw_html: list[str] = field(default_factory=list)  # tags, comments... Markdown passed through as HTML
    blocks: list[str] = field(default_factory=list)  # what the page's templates make, never a field


def _read(html: str, out: Html) -> None:
    for element in elements(parse_fragment(html)):
        tag, attrs = element.tag, element.attributes
        out.links += [value for name, value in attrs.items() if name in URL_ATTRIBUTES and value is not None]
        classes = (attrs.get("class") or "").split()
        out.toc = out.toc or "toc" in classes
        if tag in HEADINGS:
            out.headings.append(text(element).strip())
        if tag == "table" or tag == "details" or "admonition" in classes:
            out.blocks.append("a table" if tag == "table" else "a note box (!!! or ???)")


_markdown = markdown.Markdown(extensions=EXTENSIONS)


def might_render_structure(text: str) -> bool:
    """Cheap test first: only text with one of these can hold a link, a heading, a [TOC] marker, raw
    HTML, a note box (``!!!``, ``???``) or a table (a setext heading or a table needs a line break)."""
    return any(c in text for c in "[#<!?|") or "\n" in text.strip()


def _raw_html(stashed) -> str | None:
    """What Python-Markdown kept aside as raw HTML: a tag, comment or block (an md_in_html element is
    one too), not an entity such as ``&amp;``. Reading its stash, not the text, is what tells ``a < b``
    (text) from ``<b>`` (a tag), exactly as the renderer decides."""
    if not isinstance(stashed, str) or not stashed.strip():  # md_in_html leaves "" for an element it parsed
        return "<an HTML block>"
    return stashed.strip() if stashed.lstrip().startswith("<") else None


@lru_cache(maxsize=4096)
def render(source: str) -> Html:
    """The links, headings, table of contents, raw HTML and blocks ``source`` makes when rendered alone."""
    out = Html()
    if might_render_structure(source):
        _markdown.reset()
        _read(_markdown.convert(source), out)
        out.raw_html = [h for h in map(_raw_html, _markdown.htmlStash.rawHtmlBlocks) if h]
        # A reference definition ([r]: url) also serves [text][r] in any other field of the same page.
        out.links += [url for url, _title in _markdown.references.values()]
    return out
