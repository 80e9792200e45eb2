"""Record the address of every red flag, question and FAQ entry ever published (``make ids``).

``data/published_ids.txt`` lists ``<page>/#<id>``, one a line, sorted (the format and the check are in
``img_red_flags/validation/published.py`` and data/README.md). This tool is the file's only writer: it
adds the addresses of new entries and never removes one, so a renamed or deleted entry is still listed,
and ``make check`` and the build fail until the old address resolves again (keep the old id in the
entry's ``aliases:``). It also rewrites a file in the old format (address and hash) as one address a line.
Run it when you add entries, and commit the file with them.

Usage: python tools/published_ids.py [--check]   (--check: exit 1 if an entry is not recorded yet)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from img_red_flags.model.entries import entries  # noqa: E402
from img_red_flags.validation import DataError, load_catalog  # noqa: E402
from img_red_flags.validation.published import parse, render  # noqa: E402

PUBLISHED = ROOT / "data" / "published_ids.txt"


def recorded(path: Path = PUBLISHED) -> list[str]:
    """The recorded addresses, in file order (comments and blank lines skipped)."""
    if not path.exists():
        return []
    return [r.address for r in parse(path.read_text(encoding="utf-8-sig"), path.name)[0]]


def missing(catalog, path: Path = PUBLISHED) -> list[str]:
    """Addresses of current entries that are not recorded yet, in data order."""
    known = set(recorded(path))
    return [e.address for e in entries(catalog) if e.address not in known]


def main(argv: list[str]) -> int:
    try:
        catalog = load_catalog()
    except DataError as error:
        # The file itself may be what is wrong (old format, a byte-order mark): those this tool repairs.
        if not all(p.file.endswith(PUBLISHED.name) for p in error.problems) or "--check" in argv:
            print(error.report(), file=sys.stderr)
            return 1
        catalog = load_catalog(check_published=False)
    new = missing(catalog, PUBLISHED)
    if "--check" in argv:
        for address in new:
            print(
                f"{PUBLISHED.relative_to(ROOT)}: {address} is not recorded; run `make ids`", file=sys.stderr
            )
        return 1 if new else 0
    text = render([*recorded(PUBLISHED), *new])
    if not PUBLISHED.exists() or PUBLISHED.read_text(encoding="utf-8") != text:
        PUBLISHED.write_text(text, encoding="utf-8")
    print(f"{len(new)} new address(es) recorded; {len(recorded(PUBLISHED))} in {PUBLISHED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
