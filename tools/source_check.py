"""Check that the data says the source article's facts in its own words (``make source-check``).

The article is not part of the repository: it sits beside the checkout, at ../shared/source/guide.txt,
and a public clone does not have it. That is why this is its own command and not part of ``make test``
(which checks fact coverage through tests/fixtures/source_facts.yaml and needs no article).

No run of six words of the article may appear inside one text value of data/*.yaml. A run that spans
two separate values is not a pasted sentence, so values are checked one by one.

Usage: python tools/source_check.py [ARTICLE]   (exit 0: own words; 1: pasted runs; 2: no article)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from img_red_flags.validation.catalog import DATA_DIR, FILES  # noqa: E402
from img_red_flags.validation.rules import text_values  # noqa: E402
from img_red_flags.validation.yamlio import load_yaml  # noqa: E402

ARTICLE = ROOT.parent / "shared" / "source" / "guide.txt"
RUN = 6


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2011", "-"))


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def pasted(article: str) -> list[str]:
    """``data/file.yaml:LINE: entry-id: "run"`` for each run of the article found in one data value."""
    source = runs(article)
    found = []
    for name in FILES:
        document = load_yaml(DATA_DIR / f"{name}.yaml", name)[0]
        for text, line, entry, _key in text_values(document):
            for run in sorted(runs(text) & source):
                found.append(f'data/{name}.yaml:{line}: {entry}: "{" ".join(run)}" is the article\'s wording')
    return found


def main(argv: list[str]) -> int:
    article = Path(argv[0]) if argv else ARTICLE
    if not article.is_file():
        print(
            f"source-check: the source article is not here: {article}\n"
            "It is private material kept beside the checkout (../shared/source/guide.txt), not in the\n"
            "repository, so a public clone cannot run this check. Nothing was checked.",
            file=sys.stderr,
        )
        return 2
    problems = pasted(article.read_text(encoding="utf-8"))
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"source-check: {len(problems)} runs of {RUN} words copied from {article}; "
            "say these in your own words",
            file=sys.stderr,
        )
        return 1
    print(f"source-check: OK, no run of {RUN} words of {article.name} appears in data/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
