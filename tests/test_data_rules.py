"""Each file in fixtures/invalid/ breaks one rule of the small valid set in fixtures/data/.

Its header says which data file it replaces and the exact problems (file:line: entry: message) the
checker must report, no more and no fewer. A fixture for a cross-file rule names it (``# rule: name``):
every rule has one, and without the rule the fixture's problems are not reported.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from img_red_flags.postbuild.config import read_config
from img_red_flags.validation import DataError, load_catalog, rules
from img_red_flags.validation.published import BASE_ENV as PUBLISHED_BASE
from img_red_flags.validation.published import render
from img_red_flags.validation.rendered import EXTENSIONS
from tools import published_ids

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.suffix in (".yaml", ".txt"))


def _header(path: Path, key: str = "expect") -> list[str]:
    lines = path.read_bytes().decode("ascii", errors="replace").splitlines()
    return [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith(f"# {key}:")]


def _problems(data: Path) -> list[str]:
    try:
        load_catalog(data)
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.fixture
def data_copy(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", copy)
    return copy


def test_fixture_set_is_valid():
    catalog = load_catalog(FIXTURES / "data")
    assert list(catalog.flags) == ["vague-workload", "weak-visa-support"]


def test_every_rule_has_a_fixture():
    named = {rule for fixture in INVALID for rule in _header(fixture, "rule")}
    assert {rule.__name__ for rule in rules.RULES} <= named


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_reports_exact_problems(fixture, data_copy, monkeypatch):
    [target], expected = _header(fixture, "replaces"), _header(fixture)
    assert expected, f"{fixture.name} has no '# expect:' line"
    shutil.copyfile(fixture, data_copy / target)
    assert sorted(_problems(data_copy)) == sorted(expected)
    for rule in _header(fixture, "rule"):  # the fixture fails because of the rule it names
        monkeypatch.setattr(rules, "RULES", [r for r in rules.RULES if r.__name__ != rule])
        assert sorted(_problems(data_copy)) != sorted(expected), f"{fixture.name} passes without {rule}"


def test_command_line_reports_without_traceback(data_copy):
    shutil.copyfile(FIXTURES / "invalid" / "bad-severity.yaml", data_copy / "red_flags.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "img_red_flags.validation", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "data/red_flags.yaml:24: vague-workload: 'severity' must be one of caution, serious, critical",
        "1 problem in the data; nothing was built.",
    ]


def test_command_line_accepts_real_data():
    result = subprocess.run(
        [sys.executable, "-m", "img_red_flags.validation"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data OK:")


# ---- Data files are regular files inside data/ ----------------------------------------------------------


def _replace_faqs(data_copy: Path, how: str) -> None:
    faqs = data_copy / "faqs.yaml"
    if how == "symlink":
        outside = data_copy.parent / "faqs-elsewhere.yaml"
        faqs.rename(outside)
        faqs.symlink_to(outside)
    elif how == "folder":
        faqs.unlink()
        faqs.mkdir()
    elif how == "pipe":
        faqs.unlink()
        os.mkfifo(faqs)  # reading it would wait forever
    elif how == "huge":
        faqs.write_text("faqs:\n" + "# padding\n" * 1_200_000)


@pytest.mark.parametrize(
    "how, message",
    [
        (
            "symlink",
            "file is a symbolic link; data files must be regular files inside data/, so put the file "
            "itself here",
        ),
        (
            "folder",
            "is not a regular file (a folder, pipe or device); data files must be regular files inside data/",
        ),
        (
            "pipe",
            "is not a regular file (a folder, pipe or device); data files must be regular files inside data/",
        ),
        ("huge", "file is 12000006 bytes; data files must stay under 10000000 bytes"),
    ],
)
def test_data_file_must_be_a_small_regular_file(data_copy, how, message):
    _replace_faqs(data_copy, how)
    assert _problems(data_copy) == [f"data/faqs.yaml:1: -: {message}"]


def test_unreadable_file_is_reported(data_copy, monkeypatch):
    # Tests may run as root, which reads any file: the refusal is simulated where the file is opened.
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("faqs.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert _problems(data_copy) == [
        "data/faqs.yaml:1: -: file cannot be read (Permission denied); check its permissions"
    ]


# ---- Published ids: kept by git, checked against the base branch ---------------------------------------


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _repo(path: Path, addresses: list[str]) -> Path:
    """A git repository on branch main holding the fixture data, these published addresses and the
    project's .gitattributes."""
    shutil.copytree(FIXTURES / "data", path / "data")
    shutil.copyfile(ROOT / ".gitattributes", path / ".gitattributes")
    (path / "data" / "published_ids.txt").write_text(render(addresses))
    _git(path, "init", "-q", "-b", "main")
    _git(path, "add", "-A")
    _git(path, "commit", "-qm", "data")
    return path


@pytest.mark.parametrize("shallow", [False, True], ids=["full-history", "shallow-clone"])
def test_removing_a_line_published_on_the_base_branch_fails(tmp_path, shallow, monkeypatch):
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    monkeypatch.delenv(PUBLISHED_BASE, raising=False)
    addresses = ["red-flags/#vague-workload", "red-flags/#weak-visa-support", "faq/#first-visa-holder"]
    origin = _repo(tmp_path / "origin", addresses)
    repo = tmp_path / "clone"
    depth = ["--depth", "1"] if shallow else []
    subprocess.run(
        ["git", "clone", "-q", *depth, f"file://{origin}", str(repo)], check=True, capture_output=True
    )
    data = repo / "data"
    assert _problems(data) == []
    # On a branch, the FAQ line goes (committed), and the entry with it: what is left is consistent,
    # but the base branch published the address.
    _git(repo, "checkout", "-qb", "rename")
    (data / "published_ids.txt").write_text(render(addresses[:2]))
    faqs = data / "faqs.yaml"
    faqs.write_text(faqs.read_text().replace("id: first-visa-holder", "id: visa-first-time"))
    _git(repo, "commit", "-qam", "rename")
    assert _problems(data) == [
        "data/published_ids.txt:5: first-visa-holder: faq/#first-visa-holder was published (line 5 on "
        "origin/main) but its line is gone; restore it (`git checkout origin/main -- data/published_ids.txt`): "
        "lines are never removed"
    ]


def test_the_last_commit_counts_when_there_is_no_base(tmp_path, monkeypatch):
    monkeypatch.setenv(PUBLISHED_BASE, "no-such-ref")
    repo = _repo(tmp_path / "repo", ["faq/#first-visa-holder"])
    (repo / "data" / "published_ids.txt").write_text(render([]))
    assert _problems(repo / "data") == [
        "data/published_ids.txt:5: first-visa-holder: faq/#first-visa-holder was published (line 5 on HEAD) "
        "but its line is gone; restore it (`git checkout HEAD -- data/published_ids.txt`): lines are never "
        "removed"
    ]


def test_published_file_removed_after_commit_fails(tmp_path):
    repo = _repo(tmp_path / "repo", ["faq/#first-visa-holder"])
    (repo / "data" / "published_ids.txt").unlink()
    assert _problems(repo / "data") == [
        "data/published_ids.txt:1: -: the file was removed; restore it "
        "(`git checkout main -- data/published_ids.txt`): it only grows"
    ]


@pytest.mark.parametrize(
    "base, a, b",
    [
        # the new lines land in different places of the sorted file
        (
            ["faq/#first-visa-holder", "red-flags/#vague-workload"],
            ["red-flags/#weak-visa-support"],
            ["questions/#typical-week"],
        ),
        # both land after the same line: a conflict, but for .gitattributes (merge=union)
        (["faq/#first-visa-holder"], ["questions/#typical-week"], ["red-flags/#vague-workload"]),
    ],
    ids=["apart", "same-place"],
)
def test_two_branches_that_each_add_entries_merge_cleanly(tmp_path, base, a, b, monkeypatch):
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    monkeypatch.delenv(PUBLISHED_BASE, raising=False)
    repo = _repo(tmp_path / "repo", base)
    path = repo / "data" / "published_ids.txt"
    for branch, added in (("a", a), ("b", b)):
        _git(repo, "checkout", "-qb", branch, "main")
        path.write_text(render(base + added))
        _git(repo, "commit", "-qam", f"add {added}")
    _git(repo, "checkout", "-q", "a")
    _git(repo, "merge", "-q", "--no-edit", "b")  # raises if the merge conflicts
    assert set(published_ids.recorded(path)) == set(base + a + b)
    assert _problems(repo / "data") == []


def test_make_ids_adds_new_entries_in_order(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    path = data / "published_ids.txt"
    path.write_text(render(["red-flags/#vague-workload"]))
    monkeypatch.setattr(published_ids, "PUBLISHED", path)
    monkeypatch.setattr(published_ids, "ROOT", tmp_path)
    monkeypatch.setattr(published_ids, "load_catalog", lambda **kw: load_catalog(data, **kw))
    assert published_ids.main([]) == 0
    assert _problems(data) == []
    recorded = published_ids.recorded(path)
    assert recorded == sorted(recorded) and "red-flags/#weak-visa-support" in recorded
    assert published_ids.missing(load_catalog(data), path) == []


@pytest.mark.parametrize("damage", ["old-format", "byte-order-mark"])
def test_make_ids_rewrites_a_damaged_file(tmp_path, monkeypatch, damage):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    path = data / "published_ids.txt"
    damaged = {
        "old-format": "red-flags/#vague-workload 66cc6ac61513\n",
        "byte-order-mark": "\ufeffred-flags/#vague-workload\n",
    }[damage]
    path.write_text(damaged, encoding="utf-8")
    assert _problems(data) != []
    monkeypatch.setattr(published_ids, "PUBLISHED", path)
    monkeypatch.setattr(published_ids, "ROOT", tmp_path)
    monkeypatch.setattr(published_ids, "load_catalog", lambda **kw: load_catalog(data, **kw))
    assert published_ids.main([]) == 0
    assert _problems(data) == []
    assert "red-flags/#vague-workload" in published_ids.recorded(path)


# ---- Text is checked as the site renders it -------------------------------------------------------------


def test_text_is_rendered_with_the_sites_markdown_extensions():
    config = read_config(ROOT / "mkdocs.yml")  # the one reader of the build settings
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert names == EXTENSIONS
