"""The catalog as open data: one JSON file with everything, and a CSV per kind of entry.

Published with the site under ``data/`` (postbuild/open_data.py) so others can reuse, translate or check the
guide without scraping it. Each file carries the data version; entries keep their stable ids and public
addresses. Output is deterministic (file order, fixed keys), so two builds give identical bytes.
"""

from __future__ import annotations

import csv
import io
import json

from ..validation.schema import SCHEMA_DIR
from .addresses import HOSTED

LICENCE = {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"}
# Export file (under data/ on the site) -> (data file, list key, kind of entry)
TABLES = {
    "red-flags.csv": ("red_flags", "flags", "flag"),
    "questions.csv": ("questions", "questions", "question"),
    "faqs.csv": ("faqs", "faqs", "faq"),
}
JSON_NAME = "img-red-flags.json"
DIR = "data"  # where the files are published on the site
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _columns(file: str, key: str) -> list[str]:
    """An entry's fields in the order its JSON Schema lists them, so columns never move."""
    schema = json.loads((SCHEMA_DIR / f"{file}.schema.json").read_text(encoding="utf-8"))
    return list(schema["properties"][key]["items"]["properties"])


def _plain(value):
    """LineDict/LineList -> plain dict/list (JSON has no use for line numbers)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _entries(catalog, file: str, key: str, kind: str) -> list[dict]:
    """Entries as plain data, each with its public address (relative to the site root)."""
    return [
        {**_plain(entry), "address": HOSTED.entry(kind, entry["id"])} for entry in catalog.files[file][key]
    ]


def catalog_json(catalog) -> str:
    """Everything in one document: version, licence, notice, scales and all entries."""
    flags, questions, faqs = (_entries(catalog, *TABLES[name]) for name in TABLES)
    for question in questions:
        question["probes"] = catalog.probes.get(question["id"], [])
    document = {
        "name": "IMG Red Flags",
        "data_version": catalog.meta["version"],
        "updated": catalog.meta["updated"],
        "licence": LICENCE,
        "legal_notice": catalog.meta["legal_notice"],
        "severity_levels": _plain(catalog.files["red_flags"]["severity_levels"]),
        "groups": _plain(catalog.files["red_flags"]["groups"]),
        "red_flags": flags,
        "audiences": _plain(catalog.files["questions"]["audiences"]),
        "questions": questions,
        "faqs": faqs,
        "sources": _plain(catalog.files["sources"]["sources"]),  # what the entries' `sources` ids name
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(value) -> str:
    text = "\n".join(str(v) for v in value) if isinstance(value, list) else str(value or "")
    text = text.strip()
    # Exact text stays in the JSON; here a leading quote keeps a spreadsheet from running it.
    return f"'{text}" if text.startswith(FORMULA_START) else text


def table_csv(catalog, name: str) -> str:
    """One CSV (RFC 4180, header row) of one kind of entry; list fields are one item per line."""
    file, key, kind = TABLES[name]
    columns = ["data_version", *_columns(file, key), "address"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for entry in _entries(catalog, file, key, kind):
        entry["data_version"] = catalog.meta["version"]
        writer.writerow([_cell(entry.get(column)) for column in columns])
    return out.getvalue()


def files(catalog) -> dict[str, str]:
    """Every open-data file by its name under data/."""
    return {JSON_NAME: catalog_json(catalog), **{name: table_csv(catalog, name) for name in TABLES}}
