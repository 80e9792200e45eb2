"""A quick "yes, valid" for data that satisfies its schema, so that jsonschema only runs to word problems.

jsonschema checks the guide's 5,000 values in about 45 ms, most of what `make check` spends beyond
parsing (each value is a new validator object and a dynamic lookup per keyword). Hand-written because no
library answers faster with the same meaning: this compiles a schema, once, into plain Python checks of
the keywords the data's schemas use, with jsonschema's meaning (Draft 2020-12), and answers True (valid:
jsonschema finds no error), False (invalid) or None (not sure: a keyword, or a value, it does not read
exactly, such as a float where an integer is wanted). Only True skips jsonschema: otherwise jsonschema
runs and words every problem, so no message comes from here. tests/test_validation_schema.py holds the
answers to jsonschema's on the real data and on thousands of changed copies of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Check = Callable[[object], "bool | None"]
# Keywords that only document: they never make a value invalid.
_ANNOTATIONS = {"$comment", "$defs", "$id", "$schema", "default", "description", "examples", "title"}
_TYPES: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


def _unsure(_value: object) -> bool | None:
    return None


def _all(results: Iterable[bool | None]) -> bool | None:
    """False if any is False, else None if any is None, else True."""
    answer: bool | None = True
    for result in results:
        if result is False:
            return False
        if result is None:
            answer = None
    return answer


def _is_type(name: str, value: object) -> bool | None:
    if name == "integer":  # jsonschema counts 1.0 as an integer: a float is left to it
        if isinstance(value, float):
            return None
        return isinstance(value, int) and not isinstance(value, bool)
    known = _TYPES.get(name)
    return None if known is None else known(value)


def _equal_to_one_of(options: list, value: object) -> bool | None:
    """jsonschema's equality (enum, const), where it is plain Python equality: for text, and None."""
    if isinstance(value, str):
        return value in [o for o in options if isinstance(o, str)]
    if value is None and any(o is None for o in options):
        return True
    return None


class Compiler:
    """Turns a schema (its shared definitions merged in, schema.py) into one Check."""

    def __init__(
        self, defs: dict, regex: Callable, conforms: Callable[[object, str], bool], defs_prefix: str
    ):
        self.defs, self.regex, self.conforms, self.defs_prefix = defs, regex, conforms, defs_prefix

    def compile(self, schema) -> Check:
        if schema is True:
            return lambda _v: True
        if schema is False:
            return lambda _v: False
        if not isinstance(schema, dict):
            return _unsure
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword in ("then", "else"):  # then/else: read with "if"
                continue
            make = getattr(self, "_" + keyword.lstrip("$"), None)
            if make is None:
                return _unsure  # a keyword not read here: jsonschema decides
            checks.append(make(value, schema))
        return lambda v: _all(check(v) for check in checks)

    # One method per keyword: (the keyword's value, the whole schema) -> Check.

    def _type(self, value, _schema) -> Check:
        names = [value] if isinstance(value, str) else list(value)

        def check(v):
            answers = [_is_type(name, v) for name in names]
            return True if True in answers else (None if None in answers else False)

        return check

    def _enum(self, value, _schema) -> Check:
        return lambda v: _equal_to_one_of(value, v)

    def _const(self, value, _schema) -> Check:
        return lambda v: _equal_to_one_of([value], v)

    def _pattern(self, value, _schema) -> Check:
        found = self.regex(value).search
        return lambda v: not isinstance(v, str) or found(v) is not None

    def _format(self, value, _schema) -> Check:
        return lambda v: self.conforms(v, value)

    def _minLength(self, value, _schema) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= value

    def _maxLength(self, value, _schema) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= value

    def _minimum(self, value, _schema) -> Check:
        return lambda v: _is_type("number", v) is not True or v >= value

    def _maximum(self, value, _schema) -> Check:
        return lambda v: _is_type("number", v) is not True or v <= value

    def _minItems(self, value, _schema) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= value

    def _maxItems(self, value, _schema) -> Check:
        return lambda v: not isinstance(v, list) or len(v) <= value

    def _minProperties(self, value, _schema) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) >= value

    def _required(self, value, _schema) -> Check:
        return lambda v: not isinstance(v, dict) or all(key in v for key in value)

    def _properties(self, value, _schema) -> Check:
        checks = {key: self.compile(sub) for key, sub in value.items()}
        return lambda v: not isinstance(v, dict) or _all(c(v[k]) for k, c in checks.items() if k in v)

    def _additionalProperties(self, value, schema) -> Check:
        if "patternProperties" in schema:
            return _unsure
        named, other = set(schema.get("properties", {})), self.compile(value)
        return lambda v: not isinstance(v, dict) or _all(other(v[k]) for k in v if k not in named)

    def _items(self, value, schema) -> Check:
        if "prefixItems" in schema:
            return _unsure
        each = self.compile(value)
        return lambda v: not isinstance(v, list) or _all(each(item) for item in v)

    def _allOf(self, value, _schema) -> Check:
        checks = [self.compile(sub) for sub in value]
        return lambda v: _all(c(v) for c in checks)

    def _if(self, value, schema) -> Check:
        test, then = self.compile(value), self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))

        def check(v):
            holds = test(v)
            return None if holds is None else (then(v) if holds else otherwise(v))

        return check

    def _ref(self, value, _schema) -> Check:
        name = value.removeprefix(self.defs_prefix)
        if not value.startswith(self.defs_prefix) or name not in self.defs:
            return _unsure
        return self.compile(self.defs[name])  # "$ref" applies the definition in place
