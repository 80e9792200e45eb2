"""Packaging: installing the project adds only img_red_flags, and installs come from complete locks.

macros/, hooks/, tools/ and tests/ are run from the checkout; as installed packages their generic names
(`macros`, `tools`, `tests`) would shadow or be shadowed by other distributions'.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
import zipfile

from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import ROOT, copy_project

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
TEST_TOOLS = {
    "pytest",
    "pytest-xdist",
    "playwright",
    "axe-playwright-python",
    "pypdf",
    "ruff",
    "mypy",
    "textstat",
    "selenium",
}


def locked(lock: str) -> dict[str, str]:
    """name -> version of every requirement in requirements/<lock>.txt."""
    text = (ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.MULTILINE))


def pins(requirements: list[str]) -> dict[str, str]:
    return dict(re.match(r"([A-Za-z0-9._-]+)==(\S+)$", r).groups() for r in requirements)


def test_wheel_holds_only_img_red_flags(tmp_path):
    project = copy_project(tmp_path)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path / "dist"), str(project)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert "SetuptoolsDeprecationWarning" not in built.stdout + built.stderr
    assert "SetuptoolsWarning" not in built.stdout + built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    top = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {name for name in top if not name.endswith(".dist-info")} == {"img_red_flags"}


def test_installed_project_puts_no_other_package_on_the_path(tmp_path):
    # From a folder outside the checkout, as any other program would import; `make test` installed the
    # project (editable) into this interpreter.
    probe = (
        "import importlib.util, json; "
        "print(json.dumps({n: importlib.util.find_spec(n) is not None for n in "
        "['img_red_flags', 'macros', 'validation', 'tools', 'tests', 'hooks', 'conftest']}))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == (
        '{"img_red_flags": true, "macros": false, "validation": false, "tools": false, '
        '"tests": false, "hooks": false, "conftest": false}'
    )


def test_locks_pin_exactly_the_pyproject_pins():
    build, test = locked("build"), locked("test")
    runtime = pins(PYPROJECT["project"]["dependencies"])
    tools = pins(PYPROJECT["project"]["optional-dependencies"]["test"])
    for name, version in runtime.items():
        assert build.get(name) == version, f"requirements/build.txt: {name} is not {version}: run `make lock`"
    for name, version in (runtime | tools).items():
        assert test.get(name) == version, f"requirements/test.txt: {name} is not {version}: run `make lock`"
    # One environment grows into the other: the test lock holds the build lock's versions unchanged.
    assert {name: test[name] for name in build} == build
    assert not TEST_TOOLS & set(build), "the build and serve environment must not carry the test tools"
    assert set(tools) == TEST_TOOLS


def test_every_locked_requirement_has_hashes():
    for lock in ("build", "test"):
        text = (ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        assert len(entries) == len(locked(lock))
        for entry in entries:
            assert "--hash=sha256:" in entry, f"requirements/{lock}.txt: no hash for {entry.split()[0]}"


def installed_here(lock: str) -> list[str]:
    """The lock's requirements whose environment marker holds on this machine (cffi is Windows-only)."""
    text = (ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8")
    found = re.findall(r"^([A-Za-z0-9._-]+)==\S+(?: ; ([^\\\n]+?))?\s*\\?$", text, re.MULTILINE)
    return [name for name, marker in found if not marker or Marker(marker).evaluate()]


def test_requires_python_is_the_highest_minimum_of_the_locked_packages():
    declared = PYPROJECT["project"]["requires-python"]
    lowest = Version(re.fullmatch(r">=\s*([\d.]+)", declared).group(1))
    minimums = {}
    for name in installed_here("test"):
        spec = SpecifierSet(importlib.metadata.metadata(name).get("Requires-Python") or "")
        assert lowest in spec, f"{name} does not support Python {lowest} (it needs {spec})"
        floors = [Version(s.version) for s in spec if s.operator == ">="]
        minimums[name] = max(floors, default=Version("0"))
    assert lowest == max(minimums.values()), f"requires-python could be {max(minimums.values())}: {minimums}"
