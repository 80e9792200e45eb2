"""Mutated copies of the real data: the checker reports every problem as file:line, never a traceback.

Each case takes one real data file and damages it the way hands and tools do: a cut at a random byte,
duplicated or swapped lines, odd characters (controls, invisible direction marks, YAML syntax), deep
nesting, and non-text keys. Seeds are fixed, so a failure names a case that can be replayed. The build
part damages the data of a project copy once and checks that the last good site stays in place.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from img_red_flags.validation import yamlio
from img_red_flags.validation.__main__ import main as check_main
from img_red_flags.validation.catalog import DATA_DIR, FILES

NAMES = [f"{name}.yaml" for name in sorted(FILES)] + ["published_ids.txt"]
ODD = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200f",
    "\ufeff",
    "\u2028",
    "\t",
    "\r",
    "{",
    "}",
    "*",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!!float ",
    "!!binary ",
    "? ",
    "- ",
    ": ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "|",
    ">",
    "'",
    '"',
    "#",
    "[",
    "]",
    "=",
    "1" * 5000,
    "\\u202e",
    "<b>",
    "](javascript:x)",
    "\n# Heading\n",
    "\n    ",
]
PROBLEM = re.compile(r"^data/[a-z_]+\.(yaml|txt):\d+: \S+: .+$")
CASES = 60  # every file meets most kinds of damage; about 0.15 s of CPU each


def _lines_mutation(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    kind = rng.choice(["cut", "duplicate", "swap", "delete", "odd", "nest", "key", "indent", "marker"])
    if kind == "cut":
        return text[: rng.randrange(len(text))]
    if kind == "duplicate":
        lines.insert(j, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "delete":
        del lines[i]
    elif kind == "odd":
        line = lines[i]
        at = rng.randrange(len(line) + 1)
        lines[i] = line[:at] + rng.choice(ODD) + line[at:]
    elif kind == "nest":
        depth = rng.choice([30, 200, 5000])
        value = "[" * depth + "x" + "]" * depth
        lines[i] = re.sub(r":\s.*$", ": " + value, lines[i].rstrip("\n"), count=1) + "\n"
    elif kind == "key":
        key = rng.choice(["1", "true", "null", "[a, b]", "{a: 1}", "? [x]\n", "2026-01-01", "1.5", "~"])
        lines[i] = re.sub(r"^(\s*(?:- )?)[a-z_]+:", lambda m: m.group(1) + key + ":", lines[i], count=1)
    elif kind == "indent":
        lines[i] = " " * rng.randrange(1, 5) + lines[i]
    elif kind == "marker":
        return rng.choice(["---\n", "...\n", "--- \n...\n", "---\n---\n", "--- null\n", "[]\n", "'x'\n"])
    return "".join(lines)


def _run(data: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = check_main([str(data)])  # an exception here is the traceback `make check` would show
    return code, err.getvalue()


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


@pytest.mark.parametrize("seed", range(CASES))
def test_mutated_data_is_reported_by_line_or_accepted(seed, data_copy):
    rng = random.Random(seed)
    name = NAMES[seed % len(NAMES)]
    target = data_copy / name
    original = (DATA_DIR / name).read_text(encoding="utf-8")
    target.write_bytes(_lines_mutation(rng, original).encode("utf-8", errors="surrogatepass"))
    try:
        code, report = _run(data_copy)
    finally:
        target.write_text(original, encoding="utf-8")
    if code:
        *problems, summary = report.splitlines()
        assert summary.endswith("in the data; nothing was built."), report
        assert problems and all(PROBLEM.match(p) for p in problems), report


def _with_marks(node):
    """Loaded data with the line of every mapping, key, list and item: what messages are built from."""
    if isinstance(node, yamlio.LineDict):
        return (
            "map",
            node.line,
            node.end_line,
            {k: (node.lines[k], _with_marks(v)) for k, v in node.items()},
        )
    if isinstance(node, yamlio.LineList):
        return ("list", node.line, list(zip(node.lines, map(_with_marks, node), strict=True)))
    return node


INVALID_YAML = sorted((ROOT / "tests" / "fixtures" / "invalid").glob("*.yaml"))


@pytest.mark.skipif(yamlio.CParser is None, reason="PyYAML built without libyaml: one parser only")
@pytest.mark.parametrize("case", [*range(CASES), *INVALID_YAML], ids=str)
def test_libyaml_and_the_pure_python_parser_give_the_same_data_and_messages(case, tmp_path, monkeypatch):
    """`make check` reads with libyaml where installed; what it reports must not depend on that."""
    if isinstance(case, int):
        names = [n for n in NAMES if n.endswith(".yaml")]
        name = names[case % len(names)]
        text = _lines_mutation(random.Random(case), (DATA_DIR / name).read_text(encoding="utf-8"))
        raw = text.encode("utf-8", errors="surrogatepass")
    else:
        name, raw = case.name, case.read_bytes()
    path = tmp_path / name
    path.write_bytes(raw)
    seen = {}
    for parser in ("c", "python"):
        monkeypatch.setattr(yamlio, "PARSER", parser)
        data, problems = yamlio.load_yaml(path, f"data/{name}")
        seen[parser] = (_with_marks(data), [str(p) for p in problems])
    assert seen["c"] == seen["python"]


def test_make_check_shows_no_traceback_on_a_damaged_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "red_flags.yaml").write_text("flags:\n  - " + "[" * 3000 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "img_red_flags.validation", str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(PROBLEM.match(p) for p in result.stderr.splitlines()[:-1]), result.stderr


def _tree_hash(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(site)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_a_damaged_data_file_never_replaces_a_good_site(tmp_path):
    project = copy_project(tmp_path)
    build = [sys.executable, "tools/build_site.py", "site"]
    first = subprocess.run(build, cwd=project, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = _tree_hash(project / "site")
    rng = random.Random(7)
    for name in ("meta", "red_flags"):  # meta.yaml is also read by the build tool itself
        path = project / "data" / f"{name}.yaml"
        path.write_text(_lines_mutation(rng, path.read_text()) + "\n: [\x07\n", encoding="utf-8")
    second = subprocess.run(build, cwd=project, capture_output=True, text=True)
    assert second.returncode != 0
    assert "Traceback" not in second.stderr, second.stderr[-3000:]
    assert re.search(r"^data/[a-z_]+\.yaml:\d+: ", second.stderr, re.MULTILINE), second.stderr[-3000:]
    assert _tree_hash(project / "site") == before
