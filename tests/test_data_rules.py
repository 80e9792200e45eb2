"""Each file in fixtures/invalid/ breaks one rule of the small valid set in fixtures/data/.

Its header says which data file it replaces and the exact problems (file:line: entry: message) the
checker must report, no more and no fewer.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from img_red_flags.validation import DataError, load_catalog

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def _header(path: Path) -> tuple[str, list[str]]:
    lines = path.read_bytes().decode("ascii", errors="replace").splitlines()
    target = next(ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("# replaces:"))
    expected = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("# expect:")]
    return target, expected


@pytest.fixture
def data_copy(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", copy)
    return copy


def test_fixture_set_is_valid():
    catalog = load_catalog(FIXTURES / "data")
    assert list(catalog.flags) == ["vague-workload", "weak-visa-support"]


def test_there_is_a_fixture_per_rule():
    assert len(INVALID) >= 20


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_reports_exact_problems(fixture, data_copy):
    target, expected = _header(fixture)
    assert expected, f"{fixture.name} has no '# expect:' line"
    shutil.copyfile(fixture, data_copy / target)
    with pytest.raises(DataError) as raised:
        load_catalog(data_copy)
    assert [str(p) for p in raised.value.problems] == sorted(expected)


def test_command_line_reports_without_traceback(data_copy):
    shutil.copyfile(FIXTURES / "invalid" / "bad-severity.yaml", data_copy / "red_flags.yaml")
    result = subprocess.run([sys.executable, "-m", "img_red_flags.validation", str(data_copy)],
                            capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "data/red_flags.yaml:24: vague-workload: 'severity' must be one of caution, serious, critical",
        "1 problem in the data; nothing was built.",
    ]


def test_command_line_accepts_real_data():
    result = subprocess.run([sys.executable, "-m", "img_red_flags.validation"], capture_output=True, text=True,
                            cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data OK:")
