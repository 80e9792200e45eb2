"""The words readers type for what the guide says: synonym groups (data/search_synonyms.yaml) and spellings.

One mechanism, two sources of other words for a word:

- its synonym group: every other word or phrase of the group it belongs to (fired, dismissed, let go...);
- its spelling variants: how people hyphenate a form or visa name (H-1B, H1B, H1-B; J1, J-1; DS-2019,
  DS2019). These follow a rule, so they are computed, never listed.

Matching ignores case and treats hyphens as spaces (as the site search does), and whole words only:
"quit" is found in "Quit now", not in "quite". Used by the search post-build step (what goes into the
index) and by validation (a group none of whose words the guide uses finds nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PREFIX_NUMBER = re.compile(r"\b([A-Za-z]{1,4})(\d)")  # J1, H1B, DS2019, I20: a form or visa name
_NUMBER_LETTER = re.compile(r"(\d)([A-Za-z])\b")  # H1B -> H1-B: the letter after the number
# A form or visa name as written in running text: H-1B, J-1, DS-2019, I-20, H1B (not COVID-19: the letter
# prefix is at most four letters).
FORM_NAME = re.compile(r"\b[A-Za-z]{1,4}-?\d+(?:-?[A-Za-z])?\b")


def key(word: str) -> str:
    """What two spellings of one word share: lower case, no hyphens, single spaces (H-1B, h1b -> h1b)."""
    return " ".join(word.lower().replace("-", "").split())


def normal(text: str) -> str:
    """Text as matching sees it: lower case, hyphens and runs of white space as one space."""
    return " ".join(text.lower().replace("-", " ").split())  # split(): the white space of \s


def variants(term: str) -> list[str]:
    """The term and the other ways people type it, in a stable order without repeats.

    Hyphens dropped (H-1B -> H1B, DS-2019 -> DS2019), a hyphen between a letter prefix and its number
    (J1 -> J-1, H1B -> H-1B) and between the number and a final letter (H1B -> H1-B).
    """
    joined = term.replace("-", "")
    forms = [term, joined, _PREFIX_NUMBER.sub(r"\1-\2", joined), _NUMBER_LETTER.sub(r"\1-\2", joined)]
    return list(dict.fromkeys(forms))


def _pattern(words: Iterable[str]) -> re.Pattern | None:
    """One regex finding any of ``words`` as whole words in normal() text, longest first."""
    alternatives = sorted({normal(w) for w in words if normal(w)}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])")


class Synonyms:
    """Synonym groups, looked up by any of their words or spellings."""

    def __init__(self, groups: Iterable[Iterable[str]]):
        self.groups = [list(g) for g in groups]
        self._group_of = {key(w): i for i, g in enumerate(self.groups) for w in g}
        self._written = {normal(w): w for g in self.groups for w in g}  # as matched -> as written
        self._find = _pattern(self._written)

    def group(self, word: str) -> list[str]:
        """The group ``word`` belongs to (itself included), or just ``[word]``."""
        i = self._group_of.get(key(word))
        return self.groups[i] if i is not None else [word]

    def expand(self, words: Iterable[str]) -> list[str]:
        """Each word, the other words of its group, and the spellings of all of them; no repeats."""
        out: dict[str, None] = {}
        for word in words:
            for other in self.group(word):
                out.update(dict.fromkeys(variants(other)))
        return list(out)

    def words_in(self, text: str) -> list[str]:
        """The group words ``text`` contains (as the group writes them), in order, without repeats."""
        found = [self._written[m.group(0)] for m in self._find.finditer(normal(text))] if self._find else []
        return list(dict.fromkeys(found))

    def appear_in(self, normal_text: str) -> bool:
        """Whether any group word appears in ``normal_text`` (text already passed through normal())."""
        return bool(self._find and self._find.search(normal_text))

    def found_in(self, text: str) -> list[str]:
        """The group words and the form names ``text`` contains, in order of first appearance."""
        return list(dict.fromkeys(self.words_in(text) + FORM_NAME.findall(text)))

    def other_words(self, text: str, known: str = "") -> list[str]:
        """What a reader might type for what ``text`` says, that neither it nor ``known`` already says.

        The other words of each group ``text`` uses, and the other spellings of its form names. Words
        already in the text are left out: the text matches them already, and repeating them would
        change how normal queries rank.
        """
        have = set(re.findall(r"\w+", normal(f"{text} {known}")))
        return [
            word
            for word in self.expand(self.found_in(text))
            if not set(re.findall(r"\w+", normal(word))) <= have
        ]
