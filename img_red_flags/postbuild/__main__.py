"""`python -m img_red_flags.postbuild SITE_DIR [--config mkdocs.yml]`: run the post-build steps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..validation import DataError
from . import PostBuildError, open_site, run
from .config import read_settings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split(":", 1)[1].strip())
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    settings = read_settings(args.config)
    try:
        run(open_site(args.site_dir, settings))
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except PostBuildError as error:
        print(f"Post-build steps failed on {args.site_dir}:\n{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
