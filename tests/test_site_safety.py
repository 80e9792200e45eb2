"""Safe to read when someone may be watching (issue 17), in the built HTML: the "Exit this page" button
and the "Read safely" link on every page, and titles (tab, history, bookmarks) that stay calm.
Behaviour in the browser: tests/browser/test_reading_safely.py."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from conftest import ROOT, page_files
from img_red_flags.postbuild.config import read_config

EXIT_URL = read_config(ROOT / "mkdocs.yml")["extra"]["exit_url"]


def test_every_page_has_the_exit_button_and_the_safety_note_link(site):
    pages = [*page_files(site), site / "404.html"]
    assert len(pages) > 15
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert html.count('class="exit-this-page__button"') == 1, path
        assert f'href="{EXIT_URL}" rel="nofollow noreferrer"' in html, path
        help_link = re.search(r'class="exit-this-page__help" href="([^"]*)"', html).group(1)
        here = "404.html" if path.name == "404.html" else path.parent.relative_to(site).as_posix() + "/"
        assert urljoin(f"http://x/{here}", help_link) == "http://x/read-safely/", path
        assert "assets/js/exit-this-page.js" in html, path
        # the neutral site (and any site the guide links to) is not told where the reader came from
        assert '<meta name="referrer" content="no-referrer">' in html.split("</head>")[0], path


def test_titles_are_short_and_calm(site):
    titles = {
        path.relative_to(site).as_posix(): re.search(r"<title>([^<]*)</title>", path.read_text()).group(1)
        for path in page_files(site)
    }
    assert titles["already-in-one/index.html"] == "First steps - IMG Red Flags"
    assert max(len(title) for title in titles.values()) <= 80, titles
    alarming = re.compile(r"malignant|abuse|retaliat|fired|deport|terminat", re.IGNORECASE)
    assert not {page: title for page, title in titles.items() if alarming.search(title)}


def test_search_box_has_no_name(site):
    """A search form submitted before the scripts run, or without them, would put ?query=<words> in the
    address (img_red_flags/postbuild/search_loading.py)."""
    for path in page_files(site):
        html = path.read_text(encoding="utf-8")
        box = re.search(r"<input [^>]*md-search__input[^>]*>", html).group(0)
        assert " name=" not in box, path
