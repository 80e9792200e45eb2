"""data/published_ids.txt: every entry address ever published. It only grows, and each line resolves.

Each line is ``<page>/#<id> <hash>``. The hash chains the lines: the first 12 hex digits of the SHA-256
of the previous line's hash (empty for the first line), a newline, and this line's address. Removing or
editing a line therefore breaks the hash of the line after it, in any clone. Removing the *last* lines
keeps the chain whole, so the file is also compared with git: every address the file held in any
commit still reachable (the last commit only, in a shallow clone such as CI's) must still be in it.
Then every address must lead to an entry on that page, by its id or a former id in ``aliases``.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from img_red_flags.model.entries import entries

from .problems import Problem
from .yamlio import read_text

NAME = "published_ids.txt"
HEADER = """\
# Every entry address ever published, as <page>/#<id>: people print and share these.
# Append-only: `make ids` adds new entries; never delete or edit a line. To rename an entry, keep its old
# id in the entry's `aliases:`. After each address, a hash chains the lines (see data/README.md):
# `make check` and the build fail if a line is removed or edited, or no longer leads to its entry.
"""
ADDRESS = re.compile(r"[a-z0-9-]+(/[a-z0-9-]+)*/#[a-z][a-z0-9]*(-[a-z0-9]+)*")


def chain(previous: str, address: str) -> str:
    return hashlib.sha256(f"{previous}\n{address}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Record:
    address: str
    line: int

    @property
    def id(self) -> str:
        return self.address.split("#", 1)[1]


def parse(text: str, display: str) -> tuple[list[Record], list[Problem], str]:
    """(records, problems, last hash) of the file's text."""
    records, problems, previous, seen = [], [], "", set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        address, _, written = line.partition(" ")
        written = written.strip()
        if not ADDRESS.fullmatch(address):
            problems.append(
                Problem(
                    display,
                    number,
                    "-",
                    (
                        "each line is '<page>/#<id> <hash>' (see data/README.md); restore the line from git "
                        "and let `make ids` write new ones"
                    ),
                )
            )
            continue
        entry = address.split("#", 1)[1]
        if not re.fullmatch(r"[0-9a-f]{12}", written):
            problems.append(
                Problem(
                    display,
                    number,
                    entry,
                    (
                        "the line has no hash after the address (see data/README.md); restore the line from git "
                        "and let `make ids` write new ones"
                    ),
                )
            )
        elif written != chain(previous, address):
            problems.append(
                Problem(
                    display,
                    number,
                    entry,
                    (
                        "the hash does not follow from the line above: a published line was removed or edited "
                        "here; restore the file (`git checkout data/published_ids.txt`), never remove a line, and "
                        "keep a renamed entry's old id in its `aliases:`"
                    ),
                )
            )
        if address in seen:
            problems.append(Problem(display, number, entry, f"{address} is listed twice; keep the first"))
        seen.add(address)
        records.append(Record(address, number))
        previous = written
    return records, problems, previous


def lines_for(addresses: list[str], previous: str) -> str:
    """New lines to append after a file whose last hash is ``previous``."""
    out = []
    for address in addresses:
        previous = chain(previous, address)
        out.append(f"{address} {previous}\n")
    return "".join(out)


def _git(directory: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(directory), *args], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def committed(path: Path) -> tuple[list[str], dict[str, int]] | None:
    """(every address the file held in a reachable commit, line of each in the last commit), or None
    outside a git checkout or before the file was first committed."""
    top = _git(path.parent, "rev-parse", "--show-toplevel")
    if not top:
        return None
    root = Path(top.strip()).resolve()
    try:
        relative = path.parent.resolve().relative_to(root).joinpath(path.name).as_posix()
    except ValueError:
        return None
    log = _git(root, "log", "-p", "--format=", "--no-renames", "--", relative)
    if not log:
        return None
    ever = [
        ln[1:].split(" ", 1)[0].strip()
        for ln in log.splitlines()
        if ln.startswith("+") and not ln.startswith("+++")
    ]
    ever = [a for a in ever if ADDRESS.fullmatch(a)]
    head = _git(root, "show", f"HEAD:{relative}") or ""
    at = {}
    for number, ln in enumerate(head.splitlines(), 1):
        at.setdefault(ln.split(" ", 1)[0].strip(), number)
    return ever, at


def check(catalog, path: Path, display: str) -> list[Problem]:
    """Problems of the published-ids file: format, chain, git history, and addresses that resolve."""
    history = committed(path)
    if not path.exists() and not path.is_symlink():
        if history:
            return [
                Problem(
                    display,
                    1,
                    "-",
                    "the file was removed; restore it (`git checkout data/published_ids.txt`): it only grows",
                )
            ]
        return []  # a data folder that never published anything (test fixtures)
    text, problems = read_text(path, display)
    if text is None:
        return problems
    records, problems, _ = parse(text, display)
    listed = {r.address for r in records}
    if history:
        ever, at = history
        end = len(text.splitlines()) + 1
        for address in dict.fromkeys(ever):
            if address not in listed:
                problems.append(
                    Problem(
                        display,
                        at.get(address, end),
                        address.split("#", 1)[1],
                        (
                            f"{address} was published (it is in a commit of this file) but its line is gone; "
                            "restore the file (`git checkout data/published_ids.txt`): lines are never removed"
                        ),
                    )
                )
    names: dict[str, set[str]] = {}
    for entry in entries(catalog):
        names.setdefault(entry.page_url, set()).update(entry.names)
    for record in records:
        page = record.address.split("#", 1)[0]
        if record.id not in names.get(page, set()):
            problems.append(
                Problem(
                    display,
                    record.line,
                    record.id,
                    (
                        f"{record.address} was published, but no entry on {page} has the id or former id "
                        f"'{record.id}'; if the entry was renamed, add '{record.id}' to its `aliases:`, and "
                        "never remove a published entry"
                    ),
                )
            )
    return problems
