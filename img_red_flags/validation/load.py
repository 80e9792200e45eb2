"""Load every data file, validate it, and hand back one Catalog: schema first, then the cross-file rules."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from . import published, rules
from .catalog import DATA_DIR, DATA_DIR_ENV, FILES, Catalog
from .problems import DataError, Problem
from .schema import check_schema
from .yamlio import LineDict, load_yaml


def load_catalog(data_dir: Path | None = None, check_published: bool = True) -> Catalog:
    """Load and check all data files; raise DataError listing every problem found.

    ``check_published=False`` leaves out data/published_ids.txt: for `make ids`, which rewrites it."""
    data_dir = Path(data_dir or os.environ.get(DATA_DIR_ENV) or DATA_DIR)
    # What git holds of the published ids is read while the files are parsed: git runs in processes
    # of its own, which would otherwise be waited for one after the other.
    history: list[dict] = []
    reading = threading.Thread(
        target=lambda: history.append(published.published_before(data_dir / published.NAME)), daemon=True
    )
    if check_published:
        reading.start()
    files: dict[str, LineDict] = {}
    display: dict[str, str] = {}
    problems: list[Problem] = []
    for name, schema_name in FILES.items():
        path = data_dir / f"{name}.yaml"
        display[name] = f"{data_dir.name}/{path.name}"  # as people see it: data/red_flags.yaml
        data, found = load_yaml(path, display[name])
        problems += found
        if data is not None:
            problems += check_schema(data, schema_name, display[name])
            files[name] = data  # type: ignore[assignment]  # the schema checked it is a mapping
    if problems:
        raise DataError(problems)
    catalog = Catalog(files=files, display=display)
    problems = [p for rule in rules.RULES for p in rule(catalog)]
    # Published addresses: none gone since the base branch, and every line still leads to its entry.
    display["published_ids"] = f"{data_dir.name}/{published.NAME}"
    if check_published:
        reading.join()
        before = history[0] if history else None  # None: read it here (the thread failed)
        problems += published.check(catalog, data_dir / published.NAME, display["published_ids"], before)
    if problems:
        raise DataError(problems)
    return catalog
