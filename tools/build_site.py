"""Build the site strictly into a scratch folder, and only on success swap it in as ``site/``.

A failed build (bad data, a broken link, a macro error) therefore never leaves a broken or half-written
site where the last good one was. MkDocs itself writes into its target as it goes, which is why it is
pointed at a scratch folder next to the target (same file system, so the swap is a rename).

The swap holds under any interruption:

- Two builds into one folder take turns: a lock (flock) on the folder that holds it is held for the
  whole build; the second says it is waiting, and waits.
- The swap is one atomic exchange of the two folders (Linux renameat2 RENAME_EXCHANGE): at every
  instant ``site/`` is a whole site, the old or the new. Chosen over a versioned folder behind a symlink
  because ``site/`` stays a real folder for every host, deploy tool and ``file://`` copy. Where the
  system has no exchange (macOS, other file systems) it is two renames, and a build killed between them
  is repaired by the next one, before anything else: the old site goes back in place.
- A previous site that cannot be deleted (a file without permission) is reported with the folder to
  remove by hand, never silently left to break the next build: scratch folders are named per process,
  so a leftover never stands in a later build's way.

``--generator zensical`` builds the same guide with Zensical instead (``make build-zensical``), run from
its own venv ``.venv-zensical`` (requirements/zensical.txt), then the same post-build steps.

Usage: python tools/build_site.py [SITE_DIR] [--config mkdocs.yml] [--generator mkdocs|zensical]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime
import errno
import logging
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
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
    generated = out.with_name(out.name + ".yml")  # with_suffix would give every build ".site.yml"
    config = {"INHERIT": config_file.name, "site_dir": out.name, "theme": {"variant": "classic"}}
    generated.write_text(yaml.safe_dump(config), encoding="utf-8")
    try:
        # The macros module imports img_red_flags, which Zensical's venv does not install: the project
        # folder goes on its path.
        env = {**os.environ, "PYTHONPATH": str(project)}
        # Zensical keeps its build cache in the project's .cache/, whatever the output folder: two of its
        # builds of one project at once (two test workers, two terminals) wrote no pages for one of them.
        with build_lock(project / ".cache" / "zensical"):
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


class SiteLeftover(Exception):
    """A folder the build moved aside could not be deleted; the message says which, and how to remove it."""


def build_into(
    site_dir: Path, config_file: str = "mkdocs.yml", generator: str = "mkdocs", **overrides
) -> None:
    """Strict build of ``config_file`` into ``site_dir`` (replaced whole). Raises Abort on failure, and
    SiteLeftover (after a successful swap) if the previous site could not be deleted."""
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(Path(config_file).resolve().parent)
    site_dir = site_dir.resolve()
    with build_lock(site_dir):
        old = site_dir.with_name(f".{site_dir.name}.old")
        recover(site_dir, old)
        leftovers = _remove_leftovers(site_dir)
        scratch = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}-{secrets.token_hex(4)}")
        _build(site_dir, scratch, config_file, generator, overrides)
        swap(scratch, site_dir, old)
        if leftovers:
            raise SiteLeftover(leftovers)


def _build(site_dir: Path, scratch: Path, config_file: str, generator: str, overrides: dict) -> None:
    if generator == "zensical":
        settings = zensical_build(Path(config_file).resolve(), scratch)
        try:
            postbuild.run(postbuild.open_site(scratch, settings))
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
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


@contextlib.contextmanager
def build_lock(site_dir: Path) -> Iterator[None]:
    """Hold a lock on the folder that holds ``site_dir`` for a whole build: a second build waits its turn.

    Two builds into one folder used to remove each other's scratch folder (tracebacks in both) and
    publish a half-processed site. The lock is flock on the parent folder itself, so no lock file is
    left behind, and the kernel releases it when the process ends, however it ends: a killed build never
    leaves a stale lock. (Builds of other sites in the same folder, such as site-zensical/, wait too.)
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; builds there are not serialised
        yield
        return
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(site_dir.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Another build is running in {site_dir.parent}; waiting for it to finish before building "
                f"{site_dir.name}/.",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # releases the lock


def recover(site_dir: Path, old: Path) -> None:
    """A build killed between the two renames of the fallback swap left no ``site_dir`` and the old
    site aside: put it back before anything else, so a failing build still leaves a site."""
    if not site_dir.exists() and old.is_dir():
        old.rename(site_dir)


def _remove(path: Path) -> str:
    """Delete ``path``; '' on success, else what to tell the person (the file that resisted, and why)."""
    failures: list[str] = []

    def note(_function, failed, info):
        if not failures:
            failures.append(f"{failed}: {info[1].strerror if isinstance(info[1], OSError) else info[1]}")

    shutil.rmtree(path, onerror=note)
    if not failures and not path.exists():
        return ""
    return (
        f"could not delete {path} ({failures[0] if failures else 'still there'}); remove it by hand, "
        f"for example: chmod -R u+w '{path}' && rm -rf '{path}'"
    )


def _remove_leftovers(site_dir: Path) -> str:
    """Scratch and old folders a killed or failed build left next to ``site_dir``; what could not go."""
    found = sorted(site_dir.parent.glob(f".{site_dir.name}.building-*"))
    found += [p for p in [site_dir.with_name(f".{site_dir.name}.old")] if p.exists()]
    return "\n".join(problem for problem in map(_remove, found) if problem)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 with RENAME_EXCHANGE, glibc 2.28+).

    False where the system or file system has no such call; ctypes because Python's os module does not
    expose renameat2."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if function(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap(scratch: Path, site_dir: Path, old: Path) -> None:
    """Put the finished ``scratch`` in place of ``site_dir``, then delete the previous site. Raises
    SiteLeftover when the previous site cannot be deleted (the new one is in place by then)."""
    if not site_dir.exists():
        scratch.rename(site_dir)
        return
    if exchange(scratch, site_dir):
        previous = scratch  # the exchange left the previous site under the scratch name
    else:
        site_dir.rename(old)  # interrupted after this line, the next build's recover() undoes it
        scratch.rename(site_dir)
        previous = old
    if problem := _remove(previous):
        raise SiteLeftover(f"The new site is in place, but the previous one {problem}")


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
    except SiteLeftover as error:
        print(f"Site built into {args.site_dir}/, with a folder left to remove:\n{error}", file=sys.stderr)
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
