"""How hard the built guide is to read: the Flesch-Kincaid grade of its prose, per page and overall.

Run it over a built site: ``python tools/readability.py site`` (add ``--worst 20`` to list the longest
and hardest sentences). tests/test_site_readability.py holds the targets below on every build.

What counts as prose (the reader's running text, in our own words):

- Pages: every reader's page of the built site. Left out: the contributors' pages (about/contributing,
  about/performance), and Sources, which is a list of official page titles and quotations of them.
- Inside a page: the text of the ``<article>`` only (no navigation, header, footer or search).
  Left out within it: headings (titles, not sentences), code, tables, quotations (``<blockquote>``:
  official text, not ours), form controls and buttons, citation lines (``.cite``: lists of page
  titles), "Related flags" lines, the labels of a flag's parts, admonition titles, and blocks marked
  ``data-search-exclude`` (the at-a-glance lists of titles).
- Sentences: a paragraph, list item or other block is split after ``.``, ``!`` or ``?`` followed by a
  space and a capital letter, a digit or an opening quote or bracket. A list item without a full stop
  is one sentence. Only sentences of 8 words or more are measured, as in the issue that set the targets:
  shorter pieces are labels and list fragments, whose grade means little.

The grade is the Flesch-Kincaid formula, 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59,
computed over all measured sentences of a page together (and of the whole guide together, not as an
average of pages), with syllables counted by textstat 0.7.3 (pinned: later versions download NLTK data
and fail offline). Words are runs of letters and digits, with inner hyphens and apostrophes (H-1B, DS-2019
and 1-866-283-9090 are one word each).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import textstat

from img_red_flags.html_reader import Node, parse

# Targets (issue 16), held by tests/test_site_readability.py.
PAGE_MAX_GRADE = 8.0
GUIDE_MAX_GRADE = 7.0
SENTENCE_MAX_WORDS = 30
LONG_SENTENCE_WORDS = 25  # fewer than LONG_SHARE_MAX of sentences may be longer than this
LONG_SHARE_MAX = 0.05
MIN_WORDS = 8  # sentences shorter than this are not measured

# Contributors' pages and the list of sources: not the reader's prose (see above).
SKIPPED_PAGES = ("about/contributing/", "about/performance/", "sources/")

_SKIP_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "table", "blockquote", "nav", "header", "footer",
    "script", "style", "form", "button", "select", "textarea", "input", "svg", "noscript", "template",
}  # fmt: skip
_SKIP_CLASSES = {"cite", "faq__related", "flag__related", "flag__label", "admonition-title", "headerlink"}
_SKIP_CLASSES |= {"severity", "contacts-card__name"}  # a severity label or a name before the text
# Tags that end a block of running text (their text is never joined with the text around them).
_BLOCKS = {"p", "li", "dd", "dt", "div", "summary", "details", "ul", "ol", "dl", "section", "br", "label"}
_BLOCKS |= _SKIP_TAGS

# Closing quotes and brackets may follow the full stop; typographic quotes written as escapes.
_SENTENCE_END = re.compile('(?<=[.!?])["\u201d\u2019)]*\\s+(?=["\u201c(]?[A-Z0-9])')
_WORD = re.compile("[A-Za-z0-9]+(?:[-'\u2019][A-Za-z0-9]+)*")


class _Prose:
    """The blocks of running text inside a page's <article>, in reading order."""

    def __init__(self, html: str):
        self.blocks: list[str] = []
        self._buffer: list[str] = []
        for article in parse(html).css("article"):
            if not any(a.tag == "article" for a in _ancestors(article)):  # an article in one: read once
                self._read(article)
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.blocks.append(text)
        self._buffer = []

    def _read(self, node: Node) -> None:
        for child in node.iter(include_text=True):
            if child.is_text_node:
                self._buffer.append(child.text(deep=False))
                continue
            if not child.is_element_node:  # a comment
                continue
            tag, a = child.tag or "", child.attributes
            block = tag in _BLOCKS
            if block:
                self._flush()
            classes = set((a.get("class") or "").split())
            if not (tag in _SKIP_TAGS or classes & _SKIP_CLASSES or "data-search-exclude" in a):
                self._read(child)
            if block:
                self._flush()


def _ancestors(node: Node):
    while (node := node.parent) is not None:
        yield node


def words(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


def sentences_of(html: str) -> list[str]:
    """Every sentence of the page's prose (all lengths), in reading order."""
    out = []
    for block in _Prose(html).blocks:
        out += [s.strip() for s in _SENTENCE_END.split(block) if words(s)]
    return out


def _syllables(word: str) -> int:
    return max(1, textstat.syllable_count(word))


@dataclass
class Measure:
    """Measured sentences (MIN_WORDS or more) of a page or of the whole guide."""

    name: str
    sentences: list[str] = field(default_factory=list)

    def add(self, sentences: list[str]) -> None:
        self.sentences += [s for s in sentences if len(words(s)) >= MIN_WORDS]

    @property
    def word_count(self) -> int:
        return sum(len(words(s)) for s in self.sentences)

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade over all the sentences together (0 when there is none)."""
        if not self.sentences:
            return 0.0
        return fk_grade(self.sentences)

    @property
    def longest(self) -> str:
        return max(self.sentences, key=lambda s: len(words(s)), default="")

    @property
    def long_share(self) -> float:
        if not self.sentences:
            return 0.0
        return sum(len(words(s)) > LONG_SENTENCE_WORDS for s in self.sentences) / len(self.sentences)


def fk_grade(sentences: list[str]) -> float:
    all_words = [w for s in sentences for w in words(s)]
    syllables = sum(_syllables(w) for w in all_words)
    return 0.39 * len(all_words) / len(sentences) + 11.8 * syllables / len(all_words) - 15.59


def measure(site: Path) -> tuple[list[Measure], Measure]:
    """Each page's measure (pages in SKIPPED_PAGES left out) and the whole guide's."""
    from tools.page_weight import pages, url_of

    whole = Measure("whole guide")
    out = []
    for path in sorted(pages(site)):
        url = url_of(site, path)
        if url in SKIPPED_PAGES:
            continue
        m = Measure(url or "(home)")
        m.add(sentences_of(path.read_text(encoding="utf-8")))
        if m.sentences:
            out.append(m)
            whole.add(m.sentences)
    return out, whole


def report(site: Path, worst: int = 0) -> str:
    per_page, whole = measure(site)
    lines = [f"{'page':32} {'grade':>5} {'sent.':>5} {'longest':>7} {'>25 w':>6}"]
    for m in [*per_page, whole]:
        lines.append(
            f"{m.name:32} {m.grade:5.1f} {len(m.sentences):5d} {len(words(m.longest)):7d} {m.long_share:6.1%}"
        )
    if worst:
        lines.append(f"\nLongest {worst} sentences:")
        for s in sorted(whole.sentences, key=lambda s: -len(words(s)))[:worst]:
            lines.append(f"  [{len(words(s))} words] {s}")
        lines.append(f"\nHardest {worst} sentences (grade):")
        for s in sorted(whole.sentences, key=lambda s: -fk_grade([s]))[:worst]:
            lines.append(f"  [{fk_grade([s]):.1f}] {s}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder (make build writes site/)")
    parser.add_argument("--worst", type=int, default=0, help="also list the N longest and hardest sentences")
    args = parser.parse_args(argv)
    print(report(args.site, args.worst))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
