"""`python -m validation [DATA_DIR]`: check the data and report every problem, without a traceback."""

import sys

from . import DataError, load_catalog


def main(argv: list[str]) -> int:
    try:
        catalog = load_catalog(argv[0] if argv else None)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"data OK: {len(catalog.flags)} red flags, {len(catalog.questions)} questions, "
          f"{len(catalog.faqs)} FAQs (data version {catalog.meta['version']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
