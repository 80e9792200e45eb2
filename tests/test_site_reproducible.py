"""Two builds of one commit give byte-identical files, whatever the day, hash seed or folder."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys

from conftest import ROOT

# The second build runs as if on another day: MkDocs reads the clock through mkdocs.utils.datetime, so
# a build that forgot SOURCE_DATE_EPOCH would stamp 2031-05-17 into the sitemap and its gzip header.
ANOTHER_DAY = """
import datetime, runpy, sys
import mkdocs.utils

class Later(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.datetime(2031, 5, 17, 3, 0, tzinfo=datetime.timezone.utc)

mkdocs.utils.datetime = Later
sys.argv = ["build_site.py", sys.argv[1]]
runpy.run_path("tools/build_site.py", run_name="__main__")
"""


def _files(root):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_two_builds_are_identical_file_by_file(site, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED="12345", NO_MKDOCS_2_WARNING="1")
    other = tmp_path / "elsewhere" / "site"
    result = subprocess.run(
        [sys.executable, "-c", ANOTHER_DAY, str(other)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert _files(other) == _files(site)
    _, mismatch, errors = filecmp.cmpfiles(site, other, [str(p) for p in _files(site)], shallow=False)
    assert not mismatch and not errors, mismatch
    assert "2031-05-17" not in (other / "sitemap.xml").read_text()
