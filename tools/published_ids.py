"""Record the address of every red flag, question and FAQ entry ever published (``make ids``).

``data/published_ids.txt`` lists ``<page>/#<id>``, one a line. The file is append-only: this tool adds the
addresses of new entries and never removes a line, so a renamed or deleted entry is still listed, and
``tests/test_site_links.py`` fails until the old address resolves again (keep the old id in the entry's
``aliases:``). Run it when you add entries, and commit the file with them.

Usage: python tools/published_ids.py [--check]   (--check: exit 1 if an entry is not recorded yet)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from img_red_flags.model.entries import entries  # noqa: E402
from img_red_flags.validation import DataError, load_catalog  # noqa: E402

PUBLISHED = ROOT / "data" / "published_ids.txt"
HEADER = """\
# Every entry address ever published, as <page>/#<id>: people print and share these.
# Append-only. `make ids` adds new entries; never delete or edit a line. To rename an entry, keep its old
# id in the entry's `aliases:`. tests/test_site_links.py checks that each line resolves on the built site.
"""


def recorded(path: Path = PUBLISHED) -> list[str]:
    """The recorded addresses, in file order (comments and blank lines skipped)."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def missing(catalog, path: Path = PUBLISHED) -> list[str]:
    """Addresses of current entries that are not recorded yet, in data order."""
    known = set(recorded(path))
    return [e.address for e in entries(catalog) if e.address not in known]


def main(argv: list[str]) -> int:
    try:
        catalog = load_catalog()
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    new = missing(catalog)
    if "--check" in argv:
        for address in new:
            print(f"{PUBLISHED.relative_to(ROOT)}: {address} is not recorded; run `make ids`", file=sys.stderr)
        return 1 if new else 0
    if new:
        text = PUBLISHED.read_text(encoding="utf-8") if PUBLISHED.exists() else HEADER
        PUBLISHED.write_text(text + "".join(f"{a}\n" for a in new), encoding="utf-8")
    print(f"{len(new)} new address(es) recorded; {len(recorded())} in {PUBLISHED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
