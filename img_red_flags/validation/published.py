"""data/published_ids.txt: every entry address ever published, one ``<page>/#<id>`` a line, sorted.

Git keeps the history, so the file needs no chain of its own: every address the file holds on the base
branch must still be in it here, and every address in it must lead to an entry on that page, by its id
or a former id in ``aliases``. The base is, in this order: ``$PUBLISHED_IDS_BASE`` (a branch, tag or
commit), the pull request's target on GitHub Actions (``origin/$GITHUB_BASE_REF``), else ``origin/main`` or
``main``; the newest release tag and the last commit (HEAD) are checked too, so an uncommitted removal
is caught everywhere. A clone that holds none of these refs (a shallow clone of one commit, as
``actions/checkout`` makes by default) is compared with HEAD only: the workflow fetches the whole history.

One address a line, in sorted order, is what lets two pull requests that each add entries merge without
a conflict: their new lines land in different places of the file (and ``.gitattributes`` merges the file
line by line, ``merge=union``, where they do not). ``make ids`` (tools/published_ids.py) is the only
writer; it keeps the order.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from img_red_flags.model.entries import names_by_page

from .defs import ID
from .problems import Problem, repeated
from .yamlio import read_text

NAME = "published_ids.txt"
HEADER = """\
# Every entry address ever published, as <page>/#<id>: people print and share these.
# Written by `make ids` only, one address a line in sorted order; never delete or edit a line. To rename
# an entry, keep its old id in the entry's `aliases:`. `make check` and the build fail if an address that
# the base branch lists is gone, or if an address no longer leads to its entry (see data/README.md).
"""
ADDRESS = re.compile(rf"[a-z0-9-]+(/[a-z0-9-]+)*/#{ID.pattern}")
BASE_ENV = "PUBLISHED_IDS_BASE"


@dataclass(frozen=True)
class Record:
    address: str
    line: int

    @property
    def id(self) -> str:
        return self.address.split("#", 1)[1]


def parse(text: str, display: str) -> tuple[list[Record], list[Problem]]:
    """(records, problems) of the file's text."""
    records: list[Record] = []
    problems: list[Problem] = []
    extra = False
    if text.startswith("\ufeff"):
        problems.append(
            Problem(
                display,
                1,
                "-",
                (
                    "the file starts with a byte-order mark (U+FEFF, which some editors add); save it as "
                    "UTF-8 without a byte-order mark, or let `make ids` rewrite it"
                ),
            )
        )
        text = text[1:]
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        address, _, rest = line.partition(" ")
        if not ADDRESS.fullmatch(address):
            problems.append(
                Problem(
                    display,
                    number,
                    "-",
                    (
                        "each line is one address, '<page>/#<id>' (see data/README.md); restore the line from "
                        "git and let `make ids` write new ones"
                    ),
                )
            )
            continue
        record = Record(address, number)
        if rest.strip() and not extra:  # once: the old format (address and hash) has it on every line
            extra = True
            problems.append(
                Problem(
                    display,
                    number,
                    record.id,
                    (
                        "the line holds more than the address (the old format, with a hash?); each line is "
                        "'<page>/#<id>' alone: run `make ids`, which rewrites the file"
                    ),
                )
            )
        records.append(record)
    for address, record, _first in repeated((r.address, r) for r in records):
        problems.append(Problem(display, record.line, record.id, f"{address} is listed twice; keep one"))
    return records, problems


def render(addresses: set[str] | list[str]) -> str:
    """The whole file for ``addresses``: the header, then one address a line, sorted."""
    return HEADER + "".join(f"{address}\n" for address in sorted(set(addresses)))


def _git(directory: Path, *args: str, stdin: str | None = None) -> bytes | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(directory), *args],
            input=stdin and stdin.encode(),
            capture_output=True,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _bases() -> list[str]:
    """The base branch, in the order of the module's docstring: the first that exists is the base."""
    if os.environ.get(BASE_ENV):
        return [os.environ[BASE_ENV]]
    if os.environ.get("GITHUB_BASE_REF"):
        return [f"origin/{os.environ['GITHUB_BASE_REF']}"]
    return ["origin/main", "main"]


def _objects(directory: Path, names: list[str]) -> dict[str, tuple[str, str, bytes]] | None:
    """{name: (object id, type, content)} of each name git resolves in ``directory``'s repository (one
    `git cat-file --batch` for all of them: each git process costs `make check` time); None outside git."""
    names = [n for n in names if n.isprintable() and not any(c.isspace() for c in n)]
    out = _git(directory, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names))
    if out is None:
        return None
    found, at = {}, 0
    for name in names:  # each answer: "<id> <type> <size>\n<content>\n", or "<name> missing\n"
        end = out.index(b"\n", at)
        head = out[at:end].decode("utf-8", "replace").split()
        at = end + 1
        if len(head) == 3 and head[2].isdigit():
            size = int(head[2])
            found[name] = (head[0], head[1], out[at : at + size])
            at += size + 1
    return found


def published_before(path: Path) -> dict[str, tuple[str, list[Record]]]:
    """{ref: (its text of the file, its records)} for the base, the newest release tag and HEAD (each
    commit once), where they hold the file; {} outside git."""
    tag = (
        (_git(path.parent, "describe", "--tags", "--abbrev=0", "HEAD") or b"")
        .decode("utf-8", "replace")
        .strip()
    )
    bases = _bases()
    refs = [*bases, *([tag] if tag else []), "HEAD"]
    # "<ref>:./<file>": the file as that commit holds it, the path taken from the data folder.
    objects = _objects(
        path.parent, [n for ref in refs for n in (f"{ref}^{{commit}}", f"{ref}:./{path.name}")]
    )
    if not objects:
        return {}
    commit = {ref: objects[f"{ref}^{{commit}}"][0] for ref in refs if f"{ref}^{{commit}}" in objects}
    base = next((ref for ref in bases if ref in commit), None)
    out, seen = {}, set()
    for ref in (base, tag, "HEAD"):
        if not ref or ref not in commit or commit[ref] in seen:
            continue
        seen.add(commit[ref])
        _id, kind, content = objects.get(f"{ref}:./{path.name}", ("", "", b""))
        if kind == "blob":
            text = content.decode("utf-8", "replace")
            out[ref] = (text, parse(text, f"{path.parent.name}/{path.name}")[0])
    return out


def check(catalog, path: Path, display: str, before: dict | None = None) -> list[Problem]:
    """Problems of the published-ids file: its format, addresses gone since the base, addresses that do
    not resolve. ``before``: published_before(path), if already read."""
    before = published_before(path) if before is None else before
    if not path.exists() and not path.is_symlink():
        if before:
            ref = next(iter(before))
            return [
                Problem(
                    display,
                    1,
                    "-",
                    (
                        f"the file was removed; restore it (`git checkout {ref} -- data/published_ids.txt`): "
                        "it only grows"
                    ),
                )
            ]
        return []  # a data folder that never published anything (test fixtures)
    text, problems = read_text(path, display)
    if text is None:
        return problems
    records, problems = parse(text, display)
    listed = {r.address for r in records}
    gone: dict[str, tuple[str, int]] = {}
    for ref, (_, old) in before.items():
        for record in old:
            if record.address not in listed:
                gone.setdefault(record.address, (ref, record.line))
    for address, (ref, line) in gone.items():
        problems.append(
            Problem(
                display,
                line,
                address.split("#", 1)[1],
                (
                    f"{address} was published (line {line} on {ref}) but its line is gone; restore it "
                    f"(`git checkout {ref} -- data/published_ids.txt`): lines are never removed"
                ),
            )
        )
    names = names_by_page(catalog)
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
