"""The schemas are the data's contract: complete, documented, and pointed to by every data file."""

from __future__ import annotations

import json

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
    pattern = json.dumps(json.loads(texts["defs.schema.json"])["$defs"]["id"]["pattern"])
    assert [name for name, text in texts.items() if pattern in text] == ["defs.schema.json"]
    assert all(
        '"$ref": "defs.schema.json#/$defs/id"' in text
        for name, text in texts.items()
        if name not in ("defs.schema.json", "meta.schema.json", "search_synonyms.schema.json")
    )
