"""tools/build_site.py's swap under interruption: two builds at once, a kill between the swap's steps, a
previous site that cannot be deleted. There is always one whole site, old or new, and every problem is a
clear message, never a traceback.

The kill and undeletable cases fake the generator (a "build" writes a few pages) and inject the failure
at the exact step; the concurrency cases run real builds in real processes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tools.build_site as build_site
from conftest import copy_project


class Killed(BaseException):
    """Stands for the process being killed at the injected point."""


@pytest.fixture
def fake(monkeypatch, tmp_path):
    """build_into with a fake generator: each build writes version N of a small site (or fails)."""
    state = {"version": 0, "fail": False}

    def fake_build(config):
        if state["fail"]:
            from mkdocs.exceptions import Abort

            raise Abort("bad data (injected)")
        state["version"] += 1
        out = Path(config.site_dir)
        (out / "sub").mkdir(parents=True)
        (out / "index.html").write_text(f"version {state['version']}", encoding="utf-8")
        (out / "sub" / "locked.txt").write_text("x", encoding="utf-8")

    monkeypatch.setattr(build_site, "build", fake_build)
    monkeypatch.setattr(build_site.postbuild, "open_site", lambda *a, **k: None)
    monkeypatch.setattr(build_site.postbuild, "run", lambda *a, **k: None)
    config = Path(__file__).resolve().parent.parent / "mkdocs.yml"
    site = tmp_path / "site"

    def run():
        build_site.build_into(site, str(config))

    return state, site, run


def _version(site: Path) -> str:
    return (site / "index.html").read_text(encoding="utf-8")


def _fail_on_rename_into(monkeypatch, site: Path):
    """The process dies when a scratch folder is about to be renamed to ``site``."""
    real = Path.rename

    def rename(self, target):
        if Path(target) == site and self.name.startswith(f".{site.name}.building"):
            raise Killed
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)


def test_a_kill_between_the_two_renames_then_a_failed_build_leaves_the_old_site(fake, monkeypatch):
    state, site, run = fake
    run()
    assert _version(site) == "version 1"
    with monkeypatch.context() as m, pytest.raises(Killed):
        m.setattr(build_site, "exchange", lambda a, b: False, raising=False)  # the two-rename path
        _fail_on_rename_into(m, site)
        run()
    state["fail"] = True
    with pytest.raises(Exception, match="bad data"):
        run()
    assert _version(site) == "version 1"  # the complete old site, put back


def test_a_kill_right_after_the_exchange_then_a_failed_build_leaves_the_new_site(fake, monkeypatch):
    state, site, run = fake
    run()
    with monkeypatch.context() as m, pytest.raises(Killed):
        m.setattr(build_site, "_remove", lambda path: (_ for _ in ()).throw(Killed()))
        run()
    assert _version(site) == "version 2"  # one step: the new site is whole
    state["fail"] = True
    with pytest.raises(Exception, match="bad data"):
        run()
    assert _version(site) == "version 2"
    assert not list(site.parent.glob(".site.building*")), "the previous site is cleaned up"


def test_the_swap_is_one_atomic_exchange_on_linux(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not build_site.exchange(a, b):
        pytest.skip("no renameat2(RENAME_EXCHANGE) on this system: the two-rename path is used")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_an_undeletable_previous_site_is_named_with_what_to_remove(fake, monkeypatch, capsys):
    _state, site, run = fake
    run()
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):  # as if sub/ had no write permission (root ignores chmod)
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(build_site.SiteLeftover, match="remove it by hand") as first:
        run()
    assert _version(site) == "version 2"
    assert "locked.txt: Permission denied" in str(first.value)
    # The next build is not blocked by the leftover: it builds, and names it again.
    with pytest.raises(build_site.SiteLeftover, match="remove it by hand"):
        run()
    assert _version(site) == "version 3"
    monkeypatch.setattr(os, "unlink", real_unlink)
    run()  # once it can be removed, it is, and nothing is left beside the site
    assert _version(site) == "version 4"
    assert sorted(p.name for p in site.parent.iterdir() if p.name != "site") == []


def test_make_build_reports_a_leftover_without_a_traceback(fake, monkeypatch, capsys):
    _state, site, run = fake
    run()
    leftover = build_site.SiteLeftover("The new site is in place, but the previous one could not be deleted")
    monkeypatch.setattr(build_site, "build_into", lambda *a, **k: (_ for _ in ()).throw(leftover))
    code = build_site.main([str(site)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "could not be deleted" in err


def _build(project: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [sys.executable, "tools/build_site.py", "site"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("swap"))


def test_a_second_build_waits_for_the_first(project):
    """The test holds the build lock as a running build would; a real build must wait, touching nothing."""
    folder = os.open(project, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        second = _build(project)
        line = second.stderr.readline()  # blocks until the build says something: the waiting notice
        assert f"Another build is running in {project}; waiting for it to finish" in line, line
        assert not list(project.glob(".site.building*")) and not (project / "site").exists()
        fcntl.flock(folder, fcntl.LOCK_UN)
    finally:
        os.close(folder)
    _out, err = second.communicate(timeout=900)
    assert second.returncode == 0, err[-3000:]
    assert (project / "site" / "index.html").is_file()


def test_two_real_builds_at_once_both_succeed_and_publish_a_whole_site(project):
    shutil.rmtree(project / "site", ignore_errors=True)
    builds = [_build(project), _build(project)]
    results = [(b.wait(timeout=1800), *b.communicate()) for b in builds]
    for code, _out, err in results:
        assert code == 0 and "Traceback" not in err, err[-3000:]
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 20
    # The CSP is the last post-build step: every page having it means no half-processed site was published.
    assert all("Content-Security-Policy" in p.read_text(encoding="utf-8") for p in pages)
    assert not list(project.glob(".site.building*")) and not (project / ".site.old").exists()
