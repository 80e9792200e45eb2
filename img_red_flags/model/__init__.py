"""The site model: what the guide is (the catalog, its entries) and where each part lives (addresses).

``load()`` is the one way the rest of the code gets the catalog: loaded and validated once, then served
from a cache until a data file changes (``mkdocs serve`` rebuilds, and Zensical calls the macros module
once per page, so validating on every call would cost a full load each time).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..validation import Catalog, load_catalog
from ..validation.catalog import DATA_DIR_ENV

_cache: dict[Path, tuple[tuple, Catalog]] = {}


def _stamp(data_dir: Path) -> tuple:
    """What changes when any data file or schema changes: names, sizes and modification times."""
    files = sorted(p for pattern in ("*.yaml", "*.txt", "schemas/*.json") for p in data_dir.glob(pattern))
    # lstat: a link (even a dangling one) is reported by validation, not raised here.
    return tuple((str(p), p.lstat().st_mtime_ns, p.lstat().st_size) for p in files)


def data_dir_of(project_dir: Path) -> Path:
    """The data folder a build of ``project_dir`` renders: its data/, or $IMG_RED_FLAGS_DATA if set
    (the benchmark's larger catalogs, the tests' renamed ids)."""
    return Path(os.environ.get(DATA_DIR_ENV) or Path(project_dir) / "data")


def load(data_dir: Path) -> Catalog:
    """The validated catalog of ``data_dir``; raises validation.DataError listing every problem."""
    data_dir = Path(data_dir).resolve()
    stamp = _stamp(data_dir)
    cached = _cache.get(data_dir)
    if cached is None or cached[0] != stamp:
        _cache[data_dir] = (stamp, load_catalog(data_dir))
    return _cache[data_dir][1]
