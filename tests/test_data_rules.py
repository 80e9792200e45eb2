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
import yaml

from conftest import ROOT
from img_red_flags.validation import DataError, load_catalog, rules
from img_red_flags.validation.published import lines_for
from img_red_flags.validation.rendered import EXTENSIONS

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


# ---- Published ids: the file only grows, checked against git history -----------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("shallow", [False, True], ids=["full-history", "shallow-clone"])
def test_removing_the_last_published_line_with_its_entry_fails(tmp_path, shallow):
    addresses = ["red-flags/#vague-workload", "red-flags/#weak-visa-support", "faq/#first-visa-holder"]
    origin = tmp_path / "origin"
    shutil.copytree(FIXTURES / "data", origin / "data")
    (origin / "data" / "published_ids.txt").write_text(lines_for(addresses, ""))
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "data")
    repo = tmp_path / "clone"
    clone = (
        ["clone", "-q", "--depth", "1", f"file://{origin}", str(repo)]
        if shallow
        else ["clone", "-q", str(origin), str(repo)]
    )
    subprocess.run(["git", *clone], check=True, capture_output=True)
    data = repo / "data"
    assert _problems(data) == []
    # The last line goes, and the FAQ entry with it: the chain of the remaining lines is still whole.
    (data / "published_ids.txt").write_text(lines_for(addresses[:2], ""))
    faqs = data / "faqs.yaml"
    faqs.write_text(faqs.read_text().replace("id: first-visa-holder", "id: visa-first-time"))
    assert _problems(data) == [
        "data/published_ids.txt:3: first-visa-holder: faq/#first-visa-holder was published (it is in a commit "
        "of this file) but its line is gone; restore the file (`git checkout data/published_ids.txt`): lines "
        "are never removed"
    ]


def test_published_file_removed_after_commit_fails(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "data", repo / "data")
    (repo / "data" / "published_ids.txt").write_text(lines_for(["faq/#first-visa-holder"], ""))
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "data")
    (repo / "data" / "published_ids.txt").unlink()
    assert _problems(repo / "data") == [
        "data/published_ids.txt:1: -: the file was removed; restore it (`git checkout data/published_ids.txt`): "
        "it only grows"
    ]


def test_make_ids_appends_lines_that_check(tmp_path, monkeypatch):
    from tools import published_ids

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    path = data / "published_ids.txt"
    path.write_text(published_ids.HEADER + lines_for(["red-flags/#vague-workload"], ""))
    monkeypatch.setattr(published_ids, "PUBLISHED", path)
    monkeypatch.setattr(published_ids, "ROOT", tmp_path)
    monkeypatch.setattr(published_ids, "load_catalog", lambda: load_catalog(data))
    assert published_ids.main([]) == 0
    assert _problems(data) == []
    assert published_ids.recorded(path)[:2] == ["red-flags/#vague-workload", "red-flags/#weak-visa-support"]
    assert published_ids.missing(load_catalog(data), path) == []


# ---- Text is checked as the site renders it -------------------------------------------------------------


def test_text_is_rendered_with_the_sites_markdown_extensions():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert names == EXTENSIONS
