"""README's table from each page address to the file a contributor edits covers every page of the nav.

Nothing else tells a contributor that `why-imgs/` is written in `data/exposure.yaml`; a page added to the
nav without its row would be the one nobody can find the source of.
"""

from __future__ import annotations

import re

from conftest import ROOT
from img_red_flags.postbuild.config import read_config


def nav_files(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [f for item in node for f in nav_files(item)]
    if isinstance(node, dict):
        return [f for value in node.values() for f in nav_files(value)]
    return []


def readme_addresses() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("### Correct a visa fact") : text.index("### Add a page")]
    return set(re.findall(r"^\| (?:\(home\) )?`([^`]+)` \|", table, re.MULTILINE))


def address(source: str) -> str:
    """docs path -> the address the README names: red-flags.md -> red-flags/, checklists/x.md -> checklists/..."""
    if source == "index.md":
        return "/"
    if source.startswith("checklists/"):
        return "checklists/..."
    return source.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def test_every_nav_page_has_a_row_in_the_readme_table():
    config = read_config(ROOT / "mkdocs.yml")  # the one reader of the build settings
    pages = {address(source) for source in nav_files(config["nav"])}
    missing = sorted(pages - readme_addresses())
    assert not missing, f"README.md's page table (Recipes) has no row for {missing}"
