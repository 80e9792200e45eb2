"""Check a data file against its JSON Schema and turn each error into a Problem at the right line."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource

from .problems import Problem
from .schema_quick import Check, Compiler
from .yamlio import LineDict, LineList

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"


@cache
def _regex(pattern: str) -> re.Pattern:
    # JSON Schema patterns are ECMA-262 regexes, where a final '$' is the end of the text; Python's '$'
    # also matches before a final line break, which would let "vague-workload\n" pass as an id.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


DEFS = "defs.schema.json#/$defs/"
# Keywords that only document a value: a "$ref" beside them still means the definition it names.
_ANNOTATIONS = {"description", "title", "examples", "$comment"}


@cache
def registry() -> Registry:
    """Every schema in data/schemas/ by its $id, so a "$ref": "defs.schema.json#..." resolves locally."""
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def _inline(node, defs: dict):
    """``node`` with each "$ref" to a shared definition replaced by the definition itself.

    Resolving a "$ref" (the referencing library) costs more than checking the value: the data holds
    thousands of ids, and resolving theirs took most of `make check`. A definition merged in place checks
    and words its errors the same (its description stays the referring property's own). A "$ref" beside
    another check of the same keyword (an id with a shorter maxLength) is left to the resolver, which
    applies both."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _inline(value, defs) for key, value in node.items()}
    ref = node.get("$ref", "")
    if ref.startswith(DEFS) and ref.removeprefix(DEFS) in defs:
        shared = {k: v for k, v in defs[ref.removeprefix(DEFS)].items() if k != "description"}
        own = {k: v for k, v in node.items() if k != "$ref"}
        if not (set(own) - _ANNOTATIONS) & set(shared):
            return {**shared, **own}
    return node


@cache
def _defs() -> dict:
    return json.loads((SCHEMA_DIR / "defs.schema.json").read_text(encoding="utf-8"))["$defs"]


@cache
def _schema(schema_name: str) -> tuple[dict, FormatChecker]:
    """One schema, its shared definitions merged in, and the checker of the formats it uses. The
    schemas themselves are checked against JSON Schema's own (the metaschema) by the tests
    (tests/test_data_schemas.py), not on every run: that check cost more than checking the data."""
    schema = _inline(
        json.loads((SCHEMA_DIR / f"{schema_name}.schema.json").read_text(encoding="utf-8")), _defs()
    )
    # "format": "date" is a real date (2026-02-30 is not), not only its shape. Only the formats the
    # schema uses are set up (an unknown one raises).
    formats = sorted(set(re.findall(r'"format": "([^"]+)"', json.dumps(schema))))
    return schema, FormatChecker(formats=formats)


@cache
def validator(schema_name: str) -> Draft202012Validator:
    """jsonschema's validator of one schema: it words the problems."""
    schema, formats = _schema(schema_name)
    needs_registry = DEFS in json.dumps(schema)  # a "$ref" left in place (see _inline)
    return Validator(schema, registry=registry() if needs_registry else Registry(), format_checker=formats)


@cache
def quick(schema_name: str) -> Check:
    """The quick check of valid data (schema_quick.py), with the same schema, patterns and formats."""
    schema, formats = _schema(schema_name)
    return Compiler(_defs(), _regex, formats.conforms, DEFS).compile(schema)


def check_schema(data: object, schema_name: str, display: str) -> list[Problem]:
    if quick(schema_name)(data) is True:  # valid: nothing for jsonschema to word
        return []
    return [
        _placed(display, data, list(error.absolute_path), _message(error))
        for error in validator(schema_name).iter_errors(data)
    ]


def _placed(display: str, data: object, path: list, message: str) -> Problem:
    """The problem at the deepest step of ``path`` the data holds, under the innermost entry around it."""
    node, parent, step, entry = data, None, None, "-"
    for at in path:
        if not (
            (isinstance(node, LineDict) and at in node)
            or (isinstance(node, LineList) and isinstance(at, int) and at < len(node))
        ):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            entry = node["id"]
        parent, step, node = node, at, node[at]
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        entry = node["id"]
    if parent is None:  # the file itself (which may not even be a mapping)
        return Problem(display, getattr(data, "line", 1), entry, message)
    return Problem.at(display, parent, step, message=message, entry=entry)


def _name(error) -> str:
    """How to call the offending value: its key, or 'item N of <key>'."""
    path = list(error.absolute_path)
    if not path:
        return "the file"
    if isinstance(path[-1], int):
        parent = next((p for p in reversed(path) if isinstance(p, str)), "list")
        return f"item {path[-1] + 1} of '{parent}'"
    return f"'{path[-1]}'"


_TYPES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of keys",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _message(error) -> str:
    kind, value, name = error.validator, error.validator_value, _name(error)
    if kind == "enum":
        return f"{name} must be one of {', '.join(map(str, value))}"
    if kind == "required":
        missing = error.message.split("'")[1]
        what = error.schema["properties"].get(missing, {}).get("description", "")
        return (
            f"'{missing}' is missing; add it ({what.rstrip('.')})"
            if what
            else f"'{missing}' is missing; add it"
        )
    if kind == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown key {', '.join(_short(k, 40) for k in extra)}; allowed keys are {allowed}"
    if kind == "type":
        wanted = " or ".join(_TYPES.get(t, t) for t in ([value] if isinstance(value, str) else value))
        return f"{name} must be {wanted}, not {type(error.instance).__name__.replace('Line', '').lower()}"
    if kind == "pattern" and value == error.schema.get("pattern") and "a-z" in value:
        return (
            f"{name} is {_short(error.instance)}, not a valid id; use lowercase letters, digits and "
            "single hyphens, starting with a letter (e.g. vague-workload)"
        )
    if kind == "pattern":
        example = error.schema.get("examples", [None])[0]
        return (
            f"{name} is {_short(error.instance)}; write it like {example}"
            if example
            else (f"{name} is {_short(error.instance)}, which does not have the form {value}")
        )
    if kind == "format" and value == "date":
        return f"{name} is {_short(error.instance)}, which is not a real date; write a date as YYYY-MM-DD"
    if kind == "minItems":
        return f"{name} needs at least {value} item{'s' if value != 1 else ''}"
    if kind == "minLength":
        return f"{name} is too short: write at least {value} characters"
    if kind == "maxLength":
        return f"{name} is too long ({len(error.instance)} characters); keep it under {value}"
    return f"{name}: {error.message[:200]}"
