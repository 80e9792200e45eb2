"""The schemas are the data's contract: complete, documented, and pointed to by every data file."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from img_red_flags.validation.catalog import DATA_DIR, FILES

SCHEMAS = sorted((DATA_DIR / "schemas").glob("*.schema.json"))


def _properties(node, path="$"):
    """Every property definition in a schema, with its path."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}/{key}" if key != "properties" else path)
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{path}[{i}]")


@pytest.mark.parametrize("schema_path", SCHEMAS, ids=[p.stem for p in SCHEMAS])
def test_schema_is_valid_and_every_property_is_described(schema_path):
    schema = json.loads(schema_path.read_text())
    Draft202012Validator.check_schema(schema)
    undescribed = [path for path, prop in _properties(schema) if not prop.get("description")]
    assert not undescribed


@pytest.mark.parametrize("name", FILES)
def test_data_file_points_editors_at_its_schema(name):
    first = (DATA_DIR / f"{name}.yaml").read_text().splitlines()[0]
    assert first == f"# yaml-language-server: $schema=schemas/{FILES[name]}.schema.json"


def _resolve(node, defs):
    """A property with its $ref to defs.schema.json merged in."""
    if isinstance(node, dict) and node.get("$ref", "").startswith("defs.schema.json#/$defs/"):
        return {**defs[node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _strings(node, defs, path="$"):
    node = _resolve(node, defs)
    if isinstance(node, dict):
        if node.get("type") == "string" or (isinstance(node.get("type"), list) and "string" in node["type"]):
            yield path, node
        for key, sub in node.items():
            yield from _strings(sub, defs, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _strings(sub, defs, f"{path}[{i}]")


@pytest.mark.parametrize("schema_path", SCHEMAS, ids=[p.stem for p in SCHEMAS])
def test_every_string_has_a_maximum_length(schema_path):
    defs = json.loads((DATA_DIR / "schemas" / "defs.schema.json").read_text())["$defs"]
    strings = list(_strings(json.loads(schema_path.read_text()), defs))
    assert strings
    assert [path for path, node in strings if "maxLength" not in node and "enum" not in node] == []


def test_the_id_pattern_is_defined_once():
    texts = {p.name: p.read_text() for p in SCHEMAS}
    written = json.loads(texts["defs.schema.json"])["$defs"]["id"]["pattern"]
    pattern = json.dumps(written)
    assert [name for name, text in texts.items() if pattern in text] == ["defs.schema.json"]
    # Nor does any code or documentation keep a copy: each reads it (validation/defs.py) or names the schema.
    root = DATA_DIR.parent
    others = [
        root / "data" / "README.md", root / "README.md", root / "CONTRIBUTING.md",
        *(root / "docs").rglob("*.md"), *(root / "docs" / "assets").rglob("*.js"),
        *(root / "img_red_flags").rglob("*.py"), *(root / "macros").rglob("*.py"), *(root / "tools").rglob("*.py"),
    ]  # fmt: skip
    assert [p.name for p in others if written.strip("^$") in p.read_text(encoding="utf-8")] == []
    assert all(
        '"$ref": "defs.schema.json#/$defs/id"' in text
        for name, text in texts.items()
        if name not in ("defs.schema.json", "meta.schema.json", "search_synonyms.schema.json")
    )


def _definitions(node, name):
    """(definition, whether its object requires it) of every property called ``name`` in a schema."""
    if isinstance(node, dict):
        if name in node.get("properties", {}):
            yield node["properties"][name], name in node.get("required", [])
        for sub in node.values():
            yield from _definitions(sub, name)
    elif isinstance(node, list):
        for sub in node:
            yield from _definitions(sub, name)


def _readme_minimums():
    """(data file, key, minimum or 'optional') for each key data/README.md's examples annotate with
    ``N+`` or ``optional``."""
    file, in_block = None, False
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        if heading := re.match(r"### `(\w+)\.yaml`", line):
            file = heading.group(1)
        elif line.startswith("```"):
            in_block = line == "```yaml"
        elif in_block and file and (m := re.match(r"\s*(?:- )?(\w+):.*?#(.*)", line)):
            key, comment = m.groups()
            if count := re.search(r"\b(\d+)\+", comment):
                yield file, key, int(count.group(1))
            elif re.search(r"\boptional\b", comment):
                yield file, key, "optional"


README_MINIMUMS = list(dict.fromkeys(_readme_minimums()))


def test_the_readme_minimums_are_found():
    """The annotations the next test holds to the schema are read (a change of their wording would
    leave it nothing to check)."""
    wanted = {("red_flags", "signs", 2), ("red_flags", "how_to_verify", 2), ("red_flags", "search_terms", 1)}
    assert wanted <= set(README_MINIMUMS)


@pytest.mark.parametrize(
    "file, key, minimum", README_MINIMUMS, ids=[f"{f}-{k}" for f, k, _ in README_MINIMUMS]
)
def test_readme_states_the_schemas_minimums(file, key, minimum):
    """data/README.md says what the schema enforces: `N+ items` is the schema's minItems for that key
    (a required key), `optional` a key the schema does not require; so the guide to the data and
    `make check` never disagree."""
    schema = json.loads((DATA_DIR / "schemas" / f"{FILES[file]}.schema.json").read_text(encoding="utf-8"))
    found = list(_definitions(schema, key))
    assert found, f"data/README.md annotates '{key}', which {FILES[file]}.schema.json does not define"
    if minimum == "optional":
        assert not any(required for _, required in found), f"'{key}' is required by the schema"
    else:
        assert any(d.get("minItems") == minimum and required for d, required in found), (
            f"data/README.md says '{key}' takes {minimum}+; the schema says "
            f"{[(d.get('minItems'), 'required' if r else 'optional') for d, r in found]}"
        )
