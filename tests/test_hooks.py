"""MkDocs hooks (hooks/) and post-build fixes: each keeps what readers get and fixes one thing."""

from __future__ import annotations

import importlib.util
import json

from mkdocs.structure.toc import AnchorLink

from conftest import ROOT


def _hook(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _walk(items, wanted):
    """Material's lookup as documented: first entry with that id, depth first, in document order."""
    for item in items:
        if item.id == wanted:
            return item
        found = _walk(item.children, wanted)
        if found is not None:
            return found
    return None


def test_toc_lookup_returns_what_materials_walk_returns():
    find = _hook("search_toc_lookup")._find_toc_by_id
    top = [AnchorLink("A", "a", 1), AnchorLink("B", "b", 1)]
    top[0].children = [AnchorLink("A1", "a1", 2), AnchorLink("dup", "dup", 2)]
    top[0].children[0].children = [AnchorLink("deep", "deep", 3)]
    top[1].children = [AnchorLink("dup again", "dup", 2), AnchorLink("B1", "b1", 2)]

    class Index:  # stands in for SearchIndex: the lookup keeps its per-page cache on the instance
        pass

    index = Index()
    for wanted in ("a", "a1", "deep", "dup", "b", "b1", "missing"):
        assert find(index, top, wanted) is _walk(top, wanted), wanted
    other_page = [AnchorLink("Other", "a", 1)]
    assert find(index, other_page, "a") is other_page[0]  # a new TOC is indexed afresh


def test_search_finds_every_red_flag_at_its_address(site, catalog):
    locations = {
        doc["location"] for doc in json.loads((site / "search" / "search_index.json").read_text())["docs"]
    }
    missing = [fid for fid in catalog.flags if f"red-flags/#{fid}" not in locations]
    assert not missing


def test_search_dialog_has_an_accessible_name(site):
    for page in ("index.html", "red-flags/index.html"):
        html = (site / page).read_text()
        assert 'role="dialog" aria-label="Search"' in html, page
