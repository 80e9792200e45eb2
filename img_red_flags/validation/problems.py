"""A problem found in the data, and how it is shown to the person who has to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from .defs import ID

# A problem is one line of output: line breaks and other controls in quoted data are shown escaped.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one data file.

    Printed as ``data/red_flags.yaml:42: vague-workload: <message>``; ``message`` says what to change.
    ``entry`` is the id of the entry the problem sits in ("-" when it is not inside an entry).
    """

    file: str
    line: int
    entry: str
    message: str

    def __post_init__(self) -> None:
        # The entry is the id written in the data, which may itself be what is wrong: keep it readable.
        entry = self.entry if isinstance(self.entry, str) else str(self.entry)
        if entry != "-" and not ID.fullmatch(entry):
            entry = _escape(entry if len(entry) <= 40 else entry[:39] + "\u2026").replace(" ", "_") or "-"
        object.__setattr__(self, "entry", entry)
        object.__setattr__(self, "message", _escape(self.message))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.entry}: {self.message}"

    @classmethod
    def at(
        cls, file: str, node, key=None, index: int | None = None, *, message: str, entry: str | None = None
    ) -> Problem:
        """The problem at a place in the loaded data: the mapping or list ``node`` itself, its ``key``, or
        item ``index`` of the list under ``key`` (each knows its line, yamlio.py). ``entry`` defaults to
        the node's own id. Every problem placed in the data is placed by this one method."""
        if index is not None:
            line = node[key].lines[index]
        elif key is not None:
            line = node.lines[key]
        else:
            line = node.line
        if entry is None:
            entry = node.get("id", "-") if isinstance(node, dict) else "-"
        return cls(file, line, entry, message)


_Place = TypeVar("_Place")


def repeated(names: Iterable[tuple[str, _Place]]) -> Iterator[tuple[str, _Place, _Place]]:
    """(name, where, where it was first) for each name met again: the one test of "used twice", which
    every rule about a name that may name one thing only (ids, sources, visa facts...) derives from."""
    first: dict[str, _Place] = {}
    for name, where in names:
        if name in first:
            yield name, where, first[name]
        else:
            first[name] = where


def _escape(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


class DataError(Exception):
    """Raised when the data has problems; carries all of them so one run reports everything."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in the data; nothing was built.")
        return "\n".join(lines)
