"""Mutated copies of the real data: the checker reports every problem as file:line, never a traceback.

Each case takes one real data file and damages it the way hands and tools do: a cut at a random byte,
duplicated or swapped lines, odd characters (controls, invisible direction marks, YAML syntax), deep
nesting, and non-text keys. Seeds are fixed, so a failure names a case that can be replayed. The build
part damages the data of a project copy once and checks that the last good site stays in place.
"""

from __future__ import annotations

import contextlib
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


@pytest.mark.skipif(yamlio.CParser is None, reason="PyYAML built without libyaml: one parser only")
@pytest.mark.parametrize("text", ["a: b\tc\n", "a:\tb\n", "a: [b,\tc]\n", "a: b\t# c\n", "a\tb: c\n"])
def test_a_tab_inside_a_line_is_refused_by_either_parser(text, tmp_path, monkeypatch):
    """libyaml takes these tabs as white space, the pure-Python parser refuses them: both must refuse."""
    path = tmp_path / "meta.yaml"
    path.write_text(text, encoding="utf-8")
    for parser in ("c", "python"):
        monkeypatch.setattr(yamlio, "PARSER", parser)
        data, problems = yamlio.load_yaml(path, "data/meta.yaml")
        assert data is None and [str(p) for p in problems] == [
            "data/meta.yaml:1: -: a tab character is used for indentation; YAML needs spaces"
        ], (parser, problems)


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


# ---- Template contexts: hostile Markdown in every text field, as the page will render it ---------------
#
# Every free-text field of every data file (read from the schemas: a string with no pattern, enum, format
# or $ref) gets the characters that change meaning where a template puts text: brackets and parentheses
# (a link), a backslash (escapes what follows), `!!!` (a note box), `|` (a table), `<` (a tag). Each
# mutation is either refused by `make check` with file:line, or the project built with all the accepted
# ones shows the text as written and has no link, heading, note box or table cell the real site lacks.

INLINE = " a < b | c > d Plain](javascript:alert(1)) [more \\"  # appended: ends with a backslash
NOTE = '!!! success "Verified by USCIS"'  # a one-line field's whole value
BLOCKS = "\n\n" + NOTE + "\n    The visa is fine.\n\n| a | b |\n| --- | --- |\n| c | d |"  # appended
ONE_LINE_KEYS = {"title", "question", "text"}  # img_red_flags/validation/rules.py ONE_LINE
ADDRESS_KEYS = {"url"}  # an address, not text: checked by validation/source_rules.py


def _schema_node(file: str, path: tuple):
    """The JSON Schema node describing the value at ``path`` in data file ``file`` (None if unknown)."""
    import json

    from img_red_flags.validation.schema import SCHEMA_DIR

    name = "guide_page" if file in ("exposure", "investigation", "already_in", "visa_basics") else file
    node = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    for step in path:
        if "$ref" in node:
            return node
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step) or next(
                (
                    alt.get("properties", {}).get(step)
                    for alt in node.get("oneOf", []) + node.get("anyOf", [])
                    if step in alt.get("properties", {})
                ),
                None,
            )
            if node is None:
                return None
    return node


def text_fields() -> list[tuple[str, tuple]]:
    """(data file name, path) of the first value of every free-text field shape, in every data file."""
    import yaml

    found: dict[tuple, tuple[str, tuple]] = {}

    def walk(file, node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(file, value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(file, value, (*path, i))
        elif isinstance(node, str):
            schema = _schema_node(file, path)
            if (
                schema
                and schema.get("type") == "string"
                and not {"pattern", "enum", "format", "$ref"} & set(schema)
                and path[-1] not in ADDRESS_KEYS
            ):
                shape = (file, *("*" if isinstance(p, int) else p for p in path))
                found.setdefault(shape, (file, path))

    for name in sorted(FILES):
        walk(name, yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8")), ())
    return list(found.values())


def _inline(value: str, path: tuple) -> str:
    return value.rstrip() + INLINE


def _blocks(value: str, path: tuple) -> str:
    return NOTE if path[-1] in ONE_LINE_KEYS else value.rstrip() + BLOCKS


def _shown(value: str) -> str:
    """What a reader must see of a mutated value (white space folded: HTML folds it too)."""
    return " ".join(value.split())


def _page_facts(html: str):
    """(text, links, headings, note boxes, table cells) of one built page."""
    import json
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.text, self.links, self.headings, self.ids = [], [], [], set()
            self.boxes = self.cells = 0
            self.json = False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            self.links += [v for k, v in attrs if k in ("href", "src", "action") and v is not None]
            self.ids |= {a["id"]} if a.get("id") else set()
            self.text += [v for k, v in attrs if k in ("content", "title", "aria-label", "alt") and v]
            classes = (a.get("class") or "").split()
            self.boxes += "admonition" in classes or (tag == "details" and "entry__more" not in classes)
            self.cells += tag in ("td", "th")
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.headings.append(tag)  # not its id: a heading without one takes a slug of its text
            self.json = tag == "script" and a.get("type") == "application/json"

        def handle_data(self, data):
            if self.json:

                def strings(node):
                    if isinstance(node, str):
                        yield node
                    elif isinstance(node, dict):
                        for v in node.values():
                            yield from strings(v)
                    elif isinstance(node, list):
                        for v in node:
                            yield from strings(v)

                with contextlib.suppress(ValueError):
                    self.text += list(strings(json.loads(data)))
                self.json = False
            else:
                self.text.append(data)

    reader = Reader()
    reader.feed(html)
    # A link to a heading of this page follows the heading's slug; the heading itself is compared.
    reader.links = [u for u in reader.links if not (u.startswith("#") and u[1:] in reader.ids)]
    return reader


def _site_facts(site: Path) -> dict:
    import json

    facts = {
        p.relative_to(site).as_posix(): _page_facts(p.read_text(encoding="utf-8"))
        for p in site.rglob("*.html")
    }
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    terms = [
        " ".join(map(str, d["terms"])) if isinstance(d.get("terms"), list) else str(d.get("terms", ""))
        for d in docs
    ]
    html = "".join(
        f"<p>{d.get('title', '')}</p>{d.get('text', '')}<p>{t}</p>" for d, t in zip(docs, terms, strict=True)
    )
    facts["search index"] = _page_facts(html)
    return facts


def _field_lines(text: str, path_list: list[tuple]) -> dict[int, tuple]:
    """Line (1-based) of each field's key and value in a YAML text -> the field's path."""
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    out = {}
    for path in path_list:
        node, key_node = root, None
        for step in path:
            if isinstance(node, yaml.MappingNode):
                key_node, node = next((k, v) for k, v in node.value if k.value == step)
            else:
                key_node, node = None, node.value[step]
        for n in (key_node, node):
            if n is not None:
                out.setdefault(n.start_mark.line + 1, path)
    return out


def _mutate_all(data_dir: Path, fields: list[tuple[str, tuple]], change) -> dict[tuple[str, int], tuple]:
    """Apply ``change`` to every field at once (on fresh copies of the real files): (file, line) -> field."""
    import yaml

    lines = {}
    for file in {f for f, _ in fields}:
        doc = yaml.safe_load((DATA_DIR / f"{file}.yaml").read_text(encoding="utf-8"))
        paths = [p for f, p in fields if f == file]
        for path in paths:
            node = doc
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = change(node[path[-1]], path)
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)
        (data_dir / f"{file}.yaml").write_text(text, encoding="utf-8")
        lines |= {(file, line): (file, path) for line, path in _field_lines(text, paths).items()}
    return lines


@pytest.fixture(scope="module")
def context_mutations(tmp_path_factory):
    """Per payload: every text field mutated at once; the refused ones (named by file:line) are put back
    and the rest checked again, until the data is accepted. (problem lines, refused fields, accepted
    fields, problems that named no mutated field). One field at a time would take minutes: a check of
    the whole data is the unit here, and each problem line says which field it is about."""
    data = tmp_path_factory.mktemp("contexts") / "data"
    results = {}
    for name, change in (("inline", _inline), ("blocks", _blocks)):
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(DATA_DIR, data)
        fields, refused, problems, strays = text_fields(), [], [], []
        for _round in range(6):
            lines = _mutate_all(data, fields, change)
            code, report = _run(data)
            if not code:
                break
            *found, _summary = report.splitlines()
            problems += found
            named = set()
            for problem in found:
                m = re.match(r"^data/([a-z_]+)\.yaml:(\d+): ", problem)
                field = m and lines.get((m.group(1), int(m.group(2))))
                (named.add(field) if field else strays.append(problem))
            if not named:
                break
            refused += sorted(named, key=str)
            fields = [f for f in fields if f not in named]
            for file in {f for f, _ in named}:  # files whose fields all went back: the real file again
                shutil.copy2(DATA_DIR / f"{file}.yaml", data / f"{file}.yaml")
        results[name] = (problems, refused, fields if not code else [], strays)
    return results


def test_every_text_field_is_found_in_the_schemas():
    fields = text_fields()
    keys = {path[-1] if isinstance(path[-1], str) else path[-2] for _file, path in fields}
    assert {"title", "summary", "answer", "question", "text", "label", "publisher", "signs"} <= keys, keys
    assert len(fields) > 50


@pytest.mark.parametrize("payload", ["inline", "blocks"])
def test_a_refused_template_context_mutation_names_file_and_line(context_mutations, payload):
    problems, refused, accepted, strays = context_mutations[payload]
    assert accepted, "the data with the accepted mutations was still refused"
    assert all(PROBLEM.match(p) for p in problems), problems
    assert not strays, strays  # every refusal names the line of the field it is about
    if payload == "blocks":  # a note box or table in a Markdown field is refused, in every such field
        from img_red_flags.model.text import MARKDOWN_FIELDS

        keys = {p[-1] if isinstance(p[-1], str) else p[-2] for _f, p in refused}
        assert keys >= MARKDOWN_FIELDS, MARKDOWN_FIELDS - keys


@pytest.fixture(scope="module")
def mutated_builds(context_mutations, tmp_path_factory):
    """Per payload: the project built with every accepted mutation at once, and the mutated values."""
    import os

    builds = {}
    for name, change in (("inline", _inline), ("blocks", _blocks)):
        _, _, accepted, _ = context_mutations[name]
        project = copy_project(tmp_path_factory.mktemp(f"contexts-{name}"))
        values = []
        _mutate_all(project / "data", accepted, change)
        import yaml

        for file, path in accepted:
            node = yaml.safe_load((project / "data" / f"{file}.yaml").read_text(encoding="utf-8"))
            for step in path:
                node = node[step]
            values.append((file, path, node))
        env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [sys.executable, "tools/build_site.py", "site"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, (name, result.stderr[-4000:])
        builds[name] = (project / "site", values)
    return builds


@pytest.mark.parametrize("payload", ["inline", "blocks"])
def test_an_accepted_mutation_shows_as_written(mutated_builds, payload):
    site, values = mutated_builds[payload]
    corpus = {name: _shown("".join(f.text)) for name, f in _site_facts(site).items()}
    missing = []
    for file, path, _value in values:
        wanted = (
            _shown(INLINE) if payload == "inline" else NOTE if path[-1] in ONE_LINE_KEYS else _shown(BLOCKS)
        )
        if not any(wanted in text for text in corpus.values()):
            missing.append((file, path, wanted))
    assert not missing, missing


@pytest.mark.parametrize("payload", ["inline", "blocks"])
def test_an_accepted_mutation_adds_no_link_heading_note_box_or_table_cell(
    mutated_builds, mkdocs_site, payload
):
    site, values = mutated_builds[payload]
    assert values, "no mutation was accepted: nothing was built to check"
    before, after = _site_facts(mkdocs_site), _site_facts(site)
    added = []
    for name, page in after.items():
        if name == "search index" or name not in before:
            continue
        old = before[name]
        new_links = set(page.links) - set(old.links)
        if new_links:
            added.append((name, "links", sorted(new_links)[:3]))
        if page.headings != old.headings:
            added.append((name, "headings", [h for h in page.headings if h not in old.headings][:3]))
        if page.boxes > old.boxes:
            added.append((name, "note boxes", page.boxes - old.boxes))
        if page.cells > old.cells:
            added.append((name, "table cells", page.cells - old.cells))
    assert not added, added
