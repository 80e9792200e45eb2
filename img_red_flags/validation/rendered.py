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

import importlib
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

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


def renderer(names: list[str]) -> markdown.Markdown:
    """A Markdown renderer with the extensions ``names`` (as mkdocs.yml names them).

    Given names, Python-Markdown looks each one up among the entry points of every installed package
    (importlib.metadata), which cost `make check` a tenth of a second; the extension modules are imported
    here directly instead, as that lookup would find them: a short name is one of Python-Markdown's own.
    """
    modules = (importlib.import_module(n if "." in n else f"markdown.extensions.{n}") for n in names)
    return markdown.Markdown(extensions=[module.makeExtension() for module in modules])


# What only pymdownx's two extensions read: a note box that opens and closes (???), fenced code, and
# indented code (which superfences highlights and keeps aside as raw HTML). Text with none of these
# renders alike without them, and importing pymdownx (urllib, http, email, pygments) costs `make check`
# more than rendering: such text is rendered without them. The guide's text has none.
PYMDOWNX = ("pymdownx.details", "pymdownx.superfences")
_PYMDOWNX_SYNTAX = ("???", "```", "~~~", "\t", "    ")


@cache
def _renderer(pymdownx: bool) -> markdown.Markdown:
    return renderer(EXTENSIONS if pymdownx else [e for e in EXTENSIONS if e not in PYMDOWNX])


def light_renderer() -> markdown.Markdown:
    """The site's extensions but pymdownx's, ready for a text: what anchor_rules reads a page's own
    prose with (the same ids as the site, for the pages of this guide, without importing pymdownx)."""
    return _renderer(False).reset()


# A setext heading's underline (a line of = or -), inside a list item or quote too: any line after the
# first made only of these characters and holding a = or -. Python-Markdown reads \r as a line break.
_MARKUP = re.compile(r"[\[<{#|]|!!!|\?\?\?")
_UNDERLINE = re.compile(r"[\n\r][ \t>*+\-=0-9.]*[=-][ \t>*+\-=0-9.]*(?:[\n\r]|$)")


def might_render_structure(text: str) -> bool:
    """Cheap test first, so that only text that can make something the checks look for is rendered
    (about 1 text in 200 of the guide): a link, image, reference or [TOC] marker needs a ``[``, raw HTML
    or an autolink a ``<``, an attribute list a ``{``, a heading a ``#`` or an underline, a note box
    ``!!!`` or ``???``, and a table a ``|``."""
    return _MARKUP.search(text) is not None or (
        ("\n" in text or "\r" in text) and _UNDERLINE.search(text.strip()) is not None
    )


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
    if not might_render_structure(source):
        return out
    renderer_ = _renderer(any(syntax in source for syntax in _PYMDOWNX_SYNTAX)).reset()
    _read(renderer_.convert(source), out)
    out.raw_html = [h for h in map(_raw_html, renderer_.htmlStash.rawHtmlBlocks) if h]
    # A reference definition ([r]: url) also serves [text][r] in any other field of the same page.
    out.links += [url for url, _title in renderer_.references.values()]
    return out
