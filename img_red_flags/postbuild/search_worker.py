"""Make Material's search worker forgive small typos and ignore little words (search_worker.js).

Material 9.8.2 rewrites the query inside its search worker and has no hook for changing how; the worker
does expose its lunr, so search_worker.js is appended to the worker file Material wrote (the same file
serves the hosted site and, through the iframe shim, the offline copy from file://). Pages load no new
script, so the Content-Security-Policy is unchanged. A site without Material's worker (Zensical) is left
alone: its search is its own.
"""

from __future__ import annotations

from pathlib import Path

PATCH = Path(__file__).with_name("search_worker.js")
WORKERS = "assets/javascripts/workers"
MARKER = "img_red_flags/postbuild/search_worker.py"  # in the patch's first line: appended once only


def write(site) -> list[str]:
    workers = sorted((site.dir / WORKERS).glob("search.*.min.js"))
    if not (site.dir / "search" / "search_index.json").exists():
        return []  # not Material's search (Zensical): nothing to patch
    if len(workers) != 1:
        return [f"search worker: expected one Material search worker in {WORKERS}, found {len(workers)}"]
    source = workers[0].read_text(encoding="utf-8")
    if MARKER not in source:
        workers[0].write_text(f"{source.rstrip()}\n{PATCH.read_text(encoding='utf-8')}", encoding="utf-8")
    return []
