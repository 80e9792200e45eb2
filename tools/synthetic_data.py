"""Write a synthetic data/ folder N times the size of the real one, for the build benchmark.

The red flags, questions and FAQs are repeated N times; each copy gets new ids (``<id>-r<k>``) and its
cross-references (a flag's questions and related flags, an FAQ's related flags) point inside the same
copy, so the result passes the same validation as the real data and renders the same way, only larger.
Severity levels, groups, audiences and the guide pages stay as they are: they do not grow with the
catalog.

Usage: python tools/synthetic_data.py FACTOR OUT_DIR
"""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class _NoAliases(yaml.SafeDumper):
    # Copies share nested lists; aliases (&id001 / *id001) would be refused by the data loader.
    def ignore_aliases(self, data):
        return True


def _renamed(entry: dict, k: int, refs: dict[str, str]) -> dict:
    """A copy of ``entry`` for replica ``k``: new id, references mapped through ``refs``."""
    entry = copy.deepcopy(entry)
    entry["id"] = f"{entry['id']}-r{k}"
    entry.pop("aliases", None)  # former ids belong to the original entry only
    for key in ("questions", "related"):
        if key in entry:
            entry[key] = [f"{ref}-r{k}" if ref in refs else ref for ref in entry[key]]
    for key in ("title", "question", "text"):
        if key in entry:
            entry[key] = f"{entry[key].rstrip()} (copy {k})"
    return entry


def entry_count(data_dir: Path) -> int:
    """The entries that grow with the catalog: red flags + questions + FAQs."""
    load = lambda name: yaml.safe_load((data_dir / f"{name}.yaml").read_text(encoding="utf-8"))  # noqa: E731
    return len(load("red_flags")["flags"]) + len(load("questions")["questions"]) + len(load("faqs")["faqs"])


def write_synthetic(factor: int, out_dir: Path, data_dir: Path = DATA_DIR) -> Path:
    """Copy ``data_dir`` to ``out_dir`` with flags, questions and FAQs repeated ``factor`` times."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(data_dir, out_dir)
    docs = {
        name: yaml.safe_load((data_dir / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("red_flags", "questions", "faqs")
    }
    grown = [("red_flags", "flags"), ("questions", "questions"), ("faqs", "faqs")]
    # Every id that gets copied, so references to them are rewritten to the same replica.
    refs = {e["id"]: e["id"] for name, key in grown for e in docs[name][key]}
    for name, key in grown:
        originals = docs[name][key]
        docs[name][key] = originals + [_renamed(e, k, refs) for k in range(1, factor) for e in originals]
        text = yaml.dump(docs[name], Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)
        (out_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    return out_dir


if __name__ == "__main__":
    factor, out = int(sys.argv[1]), Path(sys.argv[2])
    write_synthetic(factor, out)
    print(f"{entry_count(out)} entries written to {out}/")
