"""A problem found in the data, and how it is shown to the person who has to fix it."""

from __future__ import annotations

from dataclasses import dataclass


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

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.entry}: {self.message}"


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
