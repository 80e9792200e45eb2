"""`python -m validation [--stale] [DATA_DIR]`: check the data and report every problem, without a traceback.

Sources last checked more than 12 months ago, and rules in motion whose review-by date has passed,
are printed as warnings; with ``--stale`` (``make stale``) they fail the run instead. Time passing is
never a data error, so ``make check`` and CI stay green; a date after today is (it would never go stale).
``IMG_RED_FLAGS_TODAY=YYYY-MM-DD`` sets the day to compare with, the build date (tests use it).
"""

import datetime
import os
import sys

from . import DataError, load_catalog
from .source_rules import TODAY_ENV, stale_reviews, stale_sources


def main(argv: list[str]) -> int:
    strict = "--stale" in argv
    args = [a for a in argv if a != "--stale"]
    try:
        catalog = load_catalog(args[0] if args else None)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    today = datetime.date.fromisoformat(os.environ.get(TODAY_ENV) or datetime.date.today().isoformat())
    stale = stale_sources(catalog, today) + stale_reviews(catalog, today)
    for problem in stale:
        print(f"{'' if strict else 'warning: '}{problem}", file=sys.stderr)
    if strict:
        if stale:
            print(
                f"{len(stale)} source{'s' if len(stale) != 1 else ''} or rules to check again.",
                file=sys.stderr,
            )
            return 1
        print(
            f"sources OK: all {len(catalog.sources)} checked within the last 12 months, "
            "and no rule in motion past its review-by date"
        )
        return 0
    print(
        f"data OK: {len(catalog.flags)} red flags, {len(catalog.questions)} questions, "
        f"{len(catalog.faqs)} FAQs, {len(catalog.sources)} sources (data version {catalog.meta['version']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
