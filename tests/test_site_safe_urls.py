"""The post-build guarantee (img_red_flags/postbuild/safe_urls.py): every address in the built HTML is
relative, http(s):, mailto: or tel:. Anything else fails the build naming the page and, where it can be
traced, the data entry; the last good site stays. Holds on both generators' output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from img_red_flags.model.addresses import Addresses
from img_red_flags.postbuild import Site, safe_urls

BAD = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JavaScript&#9;:alert(1)">x</a>',  # entity and tab: a browser still runs it
    '<a href=" java&#10;script:alert(1)">x</a>',
    '<img src="data:text/html,x" alt="">',
    '<form action="vbscript:x"></form>',
    '<button formaction="javascript:x">x</button>',
    '<img srcset="a.png 1x, javascript:x 2x" alt="">',
    '<svg><use xlink:href="data:image/svg+xml,x"></use></svg>',
    '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    '<a href="//evil.example/">x</a>',
    '<a href="\\\\evil.example/">x</a>',
    # As the browser parses: unquoted and upper-case, and inside <template> and <noscript>
    "<A HREF=javascript:alert(1)>x</A>",
    '<template><a href="javascript:alert(1)">x</a></template>',
    '<noscript><a href="javascript:alert(1)">x</a></noscript>',
    '<img src="x.png" srcset=" data:image/svg+xml,x 1x" alt="">',
]
GOOD = [
    '<a href="../red-flags/#vague-workload">x</a>',
    '<a href="#top">x</a>',
    '<a href="https://www.acgme.org/">x</a>',
    '<a href="http://example.org/">x</a>',
    '<a href="mailto:someone@example.org">x</a>',
    '<a href="tel:+15555550100">x</a>',
    '<img srcset="a.png 1x, b.png 2x" src="a.png" alt="">',
    '<meta http-equiv="refresh" content="0; url=../red-flags/">',
    '<a href="/assets/x.css">x</a>',
]


def _Site(folder: Path, catalog) -> Site:
    return Site(folder, catalog, Addresses(True, None), "Site")


def _check(tmp_path: Path, catalog, body: str) -> list[str]:
    page = tmp_path / "red-flags" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<h3 id="vague-workload">Title</h3><p>{body}</p>', encoding="utf-8")
    return safe_urls.check(_Site(tmp_path, catalog))


@pytest.mark.parametrize("html", BAD)
def test_an_unsafe_address_fails_with_the_page_and_the_entry(tmp_path, catalog, html):
    problems = _check(tmp_path, catalog, html)
    assert len(problems) == 1, problems
    assert problems[0].startswith("red-flags/index.html: <")
    assert "in entry 'vague-workload' (data/red_flags.yaml:" in problems[0], problems[0]


@pytest.mark.parametrize("html", GOOD)
def test_a_safe_address_passes(tmp_path, catalog, html):
    assert _check(tmp_path, catalog, html) == []


@pytest.mark.both_generators
def test_the_built_site_passes_the_guarantee(site, catalog):
    assert safe_urls.check(_Site(site, catalog)) == []


def test_a_javascript_link_in_a_page_fails_the_build_and_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    build = [sys.executable, "tools/build_site.py", "site"]
    first = subprocess.run(build, cwd=project, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr[-3000:]
    good = (project / "site" / "about" / "index.html").read_text(encoding="utf-8")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n<a href="javascript:alert(1)">more</a>\n')
    second = subprocess.run(build, cwd=project, env=env, capture_output=True, text=True)
    assert second.returncode == 1 and "Traceback" not in second.stderr, second.stderr[-3000:]
    assert 'about/index.html: <a href="javascript:alert(1)">' in second.stderr, second.stderr[-3000:]
    assert (project / "site" / "about" / "index.html").read_text(encoding="utf-8") == good
