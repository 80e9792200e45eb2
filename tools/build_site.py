"""Build the site strictly into a scratch folder, and only on success swap it in as ``site/``.

A failed build (bad data, a broken link, a macro error) therefore never leaves a broken or half-written
site where the last good one was. MkDocs itself writes into its target as it goes, which is why it is
pointed at a scratch folder next to the target (same file system, so the swap is two renames).

``--generator zensical`` builds the same guide with Zensical instead (``make build-zensical``), run from
its own venv ``.venv-zensical`` (requirements/zensical.txt), then the same post-build steps.

Usage: python tools/build_site.py [SITE_DIR] [--config mkdocs.yml] [--generator mkdocs|zensical]
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from img_red_flags import postbuild
from img_red_flags.model.catalog import data_dir_of, load
from img_red_flags.postbuild.config import Settings, from_mkdocs, read_settings
from img_red_flags.validation import DataError
from img_red_flags.validation.yamlio import load_yaml

ZENSICAL_VENV = ".venv-zensical"  # created by `make build-zensical` from requirements/zensical.txt


def source_date_epoch(root: Path) -> str:
    """The build's timestamp: $SOURCE_DATE_EPOCH, else the last commit's time, else the data's date.

    MkDocs stamps sitemap.xml and the gzip header of sitemap.xml.gz with the build date unless
    SOURCE_DATE_EPOCH is set (https://reproducible-builds.org/specs/source-date-epoch/); fixing it makes
    two builds of one commit byte-identical, whatever the day.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        last_commit = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if last_commit:
            return last_commit
    except (OSError, subprocess.CalledProcessError):
        pass  # not a git checkout (a source archive, a test copy): fall back to the data's date
    try:  # read as validation reads it (one YAML loader for the data): never raises, returns problems
        meta, _ = load_yaml(root / "data" / "meta.yaml", "data/meta.yaml")
        day = datetime.date.fromisoformat(str(meta["updated"]))
    except (LookupError, TypeError, ValueError):
        return "0"  # damaged data: the build stops at validation, which says where (file:line)
    return str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp()))


def zensical_report(output: str) -> str:
    """Zensical's output, readable in a log: without colour codes (it writes them even to a pipe, and
    ignores NO_COLOR) or the Python tracebacks it ends with, of which only the error lines say anything
    (a macro error: "RuntimeError: Python error: UnknownId: no red flag with id ...")."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", output)
    messages, _, trace = text.partition("Traceback (most recent call last):")
    errors = [
        line
        for line in trace.splitlines()
        if re.match(r"[A-Za-z_][\w.]*: ", line) and not line.startswith(("During handling", "The above"))
    ]
    return "\n".join([messages.rstrip(), *errors]).strip()


def zensical_build(config_file: Path, scratch: Path) -> Settings:
    """Strict Zensical build of ``config_file`` into ``scratch``. Raises DataError or Abort on failure.

    Zensical 0.0.73 has no option for the output folder and accepts only one inside the project, so it
    gets a generated config (``INHERIT`` the real one, plus ``site_dir`` and the classic theme variant,
    whose colours pass axe where the default "modern" one does not) and a folder in the project, moved to
    ``scratch`` afterwards. The data is validated first: a data error inside Zensical's macros extension
    would come out wrapped in two Python tracebacks.
    """
    project = config_file.parent
    load(data_dir_of(project))  # raises DataError, listing every problem
    zensical = project / ZENSICAL_VENV / "bin" / "zensical"
    if not zensical.exists():
        raise Abort(f"no {zensical.relative_to(project)}: run `make build-zensical` once to create it")
    out = Path(tempfile.mkdtemp(prefix=".site.zensical-", dir=project))
    generated = out.with_suffix(".yml")
    config = {"INHERIT": config_file.name, "site_dir": out.name, "theme": {"variant": "classic"}}
    generated.write_text(yaml.safe_dump(config), encoding="utf-8")
    try:
        # The macros module imports img_red_flags, which Zensical's venv does not install: the project
        # folder goes on its path.
        env = {**os.environ, "PYTHONPATH": str(project)}
        result = subprocess.run(
            [str(zensical), "build", "--strict", "-f", generated.name],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:  # Zensical still wrote pages: they are thrown away with `out`
            raise Abort(f"zensical build failed:\n{zensical_report(result.stdout + result.stderr)}")
        shutil.move(out, scratch)
    finally:
        generated.unlink(missing_ok=True)
        shutil.rmtree(out, ignore_errors=True)
    return read_settings(config_file)


def build_into(
    site_dir: Path, config_file: str = "mkdocs.yml", generator: str = "mkdocs", **overrides
) -> None:
    """Strict build of ``config_file`` into ``site_dir`` (replaced whole). Raises Abort on failure."""
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(Path(config_file).resolve().parent)
    site_dir = site_dir.resolve()
    scratch = site_dir.with_name(f".{site_dir.name}.building")
    old = site_dir.with_name(f".{site_dir.name}.old")
    for leftover in (scratch, old):
        shutil.rmtree(leftover, ignore_errors=True)
    if generator == "zensical":
        settings = zensical_build(Path(config_file).resolve(), scratch)
        try:
            postbuild.run(postbuild.open_site(scratch, settings))
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        _swap(scratch, site_dir, old)
        return
    config = load_config(config_file, strict=True, site_dir=str(scratch), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        postbuild.run(postbuild.open_site(scratch, from_mkdocs(config)))
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    finally:
        config.plugins.on_shutdown()
    _swap(scratch, site_dir, old)


def _swap(scratch: Path, site_dir: Path, old: Path) -> None:
    if site_dir.exists():
        site_dir.rename(old)
    scratch.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site")
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--generator", choices=("mkdocs", "zensical"), default="mkdocs")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s - %(message)s")
    try:
        build_into(Path(args.site_dir), args.config, args.generator)
    except DataError as error:
        print(
            f"Build failed; the previous site in {args.site_dir}/ was left as it was.\n{error.report()}",
            file=sys.stderr,
        )
        return 1
    except (Abort, ConfigurationError, postbuild.PostBuildError) as error:
        print(
            f"Build failed; the previous site in {args.site_dir}/ was left as it was.\n{error}",
            file=sys.stderr,
        )
        return 1
    except SystemExit as error:  # mkdocs-macros exits on a macro error (on_error_fail: true)
        print(
            f"Build failed in a macro; the previous site in {args.site_dir}/ was left as it was.",
            file=sys.stderr,
        )
        return error.code or 1
    print(f"Site built into {args.site_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
