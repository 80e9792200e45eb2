"""`make serve` shows edits to the data, the macros' Python and the post-build code without a restart."""

from __future__ import annotations

import pytest

from tools import bench_serve


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = bench_serve.copy_project(tmp_path_factory.mktemp("serve"))
    with bench_serve.serving(project) as base:
        yield project, base


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_data_edit_shows(served):
    project, base = served
    _edit(project / "data" / "red_flags.yaml", bench_serve.TITLE, bench_serve.TITLE + " (edited)")
    bench_serve.wait_for(base + "red-flags/", "Vague about the real workload (edited)", limit_s=60)


def test_an_edit_to_the_macros_python_shows(served):
    project, base = served
    _edit(project / "macros" / "publishing.py", "Download the whole", "Download (edited) the whole")
    bench_serve.wait_for(base, "Download (edited) the whole", limit_s=60)


def test_an_edit_to_the_post_build_code_shows_and_so_does_undoing_it(served):
    project, base = served
    short_links = project / "img_red_flags" / "postbuild" / "short_links.py"
    _edit(short_links, "<p>This address leads to", "<p>(edited) This address leads to")
    bench_serve.wait_for(base + "f/vague-workload/", "(edited) This address", limit_s=60)
    _edit(short_links, "<p>(edited) This address leads to", "<p>This address leads to")
    bench_serve.wait_for(base + "f/vague-workload/", "<p>This address leads to", limit_s=60)


def test_an_edit_to_a_theme_template_shows_and_so_does_undoing_it(served):
    # Compiled templates are kept between builds (hooks/rebuild_speed.py): an edited one must not be
    # served from that cache, in either direction.
    project, base = served
    partial = project / "overrides" / "partials" / "exit-this-page.html"
    _edit(partial, ">Read safely</a>", ">Read safely (edited)</a>")
    bench_serve.wait_for(base, "Read safely (edited)</a>", limit_s=60)
    _edit(partial, ">Read safely (edited)</a>", ">Read safely</a>")
    bench_serve.wait_for(base, ">Read safely</a>", limit_s=60)
