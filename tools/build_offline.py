"""Build the offline copy: the whole guide as one zip that works from file:// after unzipping.

`make offline` writes build/img-red-flags-offline.zip; `make publish` also copies it into the hosted
site at downloads/ (macros/publishing.py links there). The copy is built from mkdocs.offline.yml (same
pages, Material's offline plugin: no directory URLs, search index inlined, worker shim vendored) into a
scratch folder, then zipped with fixed timestamps, order and permissions, so two builds of one commit
give the same bytes. The zip is written beside its target and renamed into place: a failed build
leaves the previous zip as it was.

Usage: python tools/build_offline.py [ZIP] [--publish SITE_DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from mkdocs.exceptions import Abort, ConfigurationError

from img_red_flags.model.addresses import OFFLINE_ZIP
from img_red_flags.postbuild.config import read_config
from tools.build_site import build_into, source_date_epoch

ROOT = Path(__file__).resolve().parent.parent
ZIP = ROOT / "build" / "img-red-flags-offline.zip"
FOLDER = "img-red-flags"  # unzipping makes one folder, with index.html in it
# Of no use from file://: the sitemap, the server's 404 page, the JSON twin of search_index.js, and
# source maps.
SKIP = ("sitemap.xml", "sitemap.xml.gz", "404.html", "search/search_index.json")
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def write_zip(site: Path, zip_path: Path, epoch: int) -> None:
    """Zip ``site`` as FOLDER/..., reproducibly, replacing ``zip_path`` only once it is complete."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH))[:6]
    partial = zip_path.with_name(f".{zip_path.name}.part")
    with zipfile.ZipFile(partial, "w") as archive:
        for path in sorted(site.rglob("*")):
            name = path.relative_to(site).as_posix()
            if not path.is_file() or name in SKIP or name.endswith(".map"):
                continue
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(zip_path)


def offline_plugins(config_file: Path) -> list:
    """mkdocs.yml's plugins with Material's ``offline`` added. MkDocs' INHERIT replaces a list whole, so
    the offline config cannot add one plugin to the list it inherits; it is added here, at load time, and
    the plugins stay written once (mkdocs.yml)."""
    return [*read_config(config_file).get("plugins", []), "offline"]


def build_offline_site(site: Path, config_file: Path = ROOT / "mkdocs.offline.yml") -> None:
    """Build the offline copy, unzipped, into ``site``: mkdocs.offline.yml plus the ``offline`` plugin.
    Building mkdocs.offline.yml without this gives the hosted layout (directory URLs), not the copy."""
    build_into(site, str(config_file), plugins=offline_plugins(config_file))


def build_offline(zip_path: Path = ZIP, config_file: Path = ROOT / "mkdocs.offline.yml") -> Path:
    """Build the offline copy and zip it to ``zip_path``. Raises Abort if the build fails."""
    zip_path = zip_path.resolve()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=zip_path.parent, prefix=".offline-") as scratch:
        site = Path(scratch) / FOLDER
        build_offline_site(site, config_file)
        write_zip(site, zip_path, int(source_date_epoch(config_file.resolve().parent)))
    return zip_path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zip", nargs="?", type=Path, default=ZIP)
    parser.add_argument(
        "--publish",
        type=Path,
        metavar="SITE_DIR",
        help=f"also copy the zip into SITE_DIR/{OFFLINE_ZIP}, where the site links to it",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        zip_path = build_offline(args.zip)
    except (Abort, ConfigurationError) as error:
        print(f"Offline build failed; the previous {args.zip} was left as it was.\n{error}", file=sys.stderr)
        return 1
    except SystemExit as error:  # mkdocs-macros exits on a macro error (on_error_fail: true)
        print(
            f"Offline build failed in a macro; the previous {args.zip} was left as it was.", file=sys.stderr
        )
        return error.code or 1
    print(f"Offline copy: {zip_path} ({zip_path.stat().st_size // 1024} KiB)")
    if args.publish:
        if not (args.publish / "index.html").is_file():
            print(f"No built site in {args.publish}/; run `make build` first.", file=sys.stderr)
            return 1
        target = args.publish / OFFLINE_ZIP
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(zip_path, target)
        print(f"Published at {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
