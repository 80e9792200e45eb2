"""Build the site strictly into a scratch folder, and only on success swap it in as ``site/``.

A failed build (bad data, a broken link, a macro error) therefore never leaves a broken or half-written
site where the last good one was. MkDocs itself writes into its target as it goes, which is why it is
pointed at a scratch folder next to the target (same file system, so the swap is two renames).

Usage: python tools/build_site.py [SITE_DIR] [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError


def build_into(site_dir: Path, config_file: str = "mkdocs.yml", **overrides) -> None:
    """Strict build of ``config_file`` into ``site_dir`` (replaced whole). Raises Abort on failure."""
    site_dir = site_dir.resolve()
    scratch = site_dir.with_name(f".{site_dir.name}.building")
    old = site_dir.with_name(f".{site_dir.name}.old")
    for leftover in (scratch, old):
        shutil.rmtree(leftover, ignore_errors=True)
    config = load_config(config_file, strict=True, site_dir=str(scratch), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    finally:
        config.plugins.on_shutdown()
    if site_dir.exists():
        site_dir.rename(old)
    scratch.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site")
    parser.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s - %(message)s")
    try:
        build_into(Path(args.site_dir), args.config)
    except (Abort, ConfigurationError) as error:
        print(f"Build failed; the previous site in {args.site_dir}/ was left as it was.\n{error}",
              file=sys.stderr)
        return 1
    except SystemExit as error:  # mkdocs-macros exits on a macro error (on_error_fail: true)
        print(f"Build failed in a macro; the previous site in {args.site_dir}/ was left as it was.",
              file=sys.stderr)
        return error.code or 1
    print(f"Site built into {args.site_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
