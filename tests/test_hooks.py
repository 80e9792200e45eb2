"""MkDocs hooks (hooks/) and post-build fixes: each keeps what readers get and fixes one thing."""

from __future__ import annotations

import json


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
