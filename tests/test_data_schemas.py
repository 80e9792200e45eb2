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
