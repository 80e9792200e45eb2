"""The quick schema check (validation/schema_quick.py) never says "valid" where jsonschema finds a problem.

`make check` skips jsonschema when the quick check answers True, so a wrong True would lose a refusal.
Its answers are held to jsonschema's on the real data, on every invalid fixture, and on thousands of
copies of the real data with one value changed (to another type, a float for an integer, text too long
or too short, a word outside a list of allowed ones, a key removed or added, a list emptied).
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from img_red_flags.validation import schema, yamlio
from img_red_flags.validation.catalog import DATA_DIR, FILES

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "invalid").glob("*.yaml"))
CHANGES_PER_FILE = 100


def _agrees(data: object, schema_name: str) -> tuple[bool | None, int]:
    answer = schema.quick(schema_name)(data)
    errors = len(list(schema.validator(schema_name).iter_errors(data)))
    assert answer is not True or errors == 0, f"quick check says valid; jsonschema finds {errors} problems"
    assert answer is not False or errors > 0, "quick check says invalid; jsonschema finds no problem"
    return answer, errors


@pytest.mark.parametrize("name", FILES)
def test_the_real_data_is_valid_at_a_glance(name):
    data, problems = yamlio.load_yaml(DATA_DIR / f"{name}.yaml", name)
    assert not problems
    assert _agrees(data, FILES[name]) == (True, 0)  # True: `make check` skips jsonschema


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_an_invalid_fixture_is_never_valid_at_a_glance(fixture):
    target = next(
        line.split(":", 1)[1].strip()
        for line in fixture.read_bytes().decode("ascii", "replace").splitlines()
        if "replaces:" in line
    )
    data, _ = yamlio.load_yaml(fixture, fixture.name)
    if data is not None:
        _agrees(data, FILES[target.removesuffix(".yaml")])


def _places(node, path=()):
    """(path, value) of every mapping, list and value in a document."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _places(value, (*path, i))


def _changed(value, rng: random.Random):
    """Another value where ``value`` was: what a slip of the hand or a tool might leave."""
    options = [
        None,
        True,
        0,
        1.0,
        2.5,
        -1,
        10**6,
        "",
        "x",
        "x" * 2000,
        "Not-An-Id",
        "2026-02-30",
        [],
        {},
        ["x"],
    ]
    if isinstance(value, str):
        options += [value + " ", value.upper(), value[:1], value * 50]
    if isinstance(value, list):
        options += [value[:1], value + value, [*value, None]]
    if isinstance(value, dict) and value:
        dropped = dict(value)
        dropped.pop(rng.choice(list(dropped)))
        options += [dropped, {**value, "unknown_key": "x"}]
    return rng.choice(options)


@pytest.mark.parametrize("name", FILES)
def test_a_changed_value_is_judged_as_jsonschema_judges_it(name):
    original, _ = yamlio.load_yaml(DATA_DIR / f"{name}.yaml", name)
    places = [path for path, _ in _places(original) if path]
    rng = random.Random(name)
    answers = set()
    for _ in range(CHANGES_PER_FILE):
        data = copy.deepcopy(original)
        *parents, last = rng.choice(places)
        holder = data
        for step in parents:
            holder = holder[step]
        holder[last] = _changed(holder[last], rng)
        answers.add(_agrees(data, FILES[name])[0])
    assert False in answers  # the changes do break the data, and the quick check sees it


@pytest.mark.parametrize("name", FILES)
def test_every_number_and_true_or_false_judged_as_jsonschema_judges_it(name):
    """Where the data holds a number or true/false, every other kind of scalar (where bool is no integer,
    and 1.0 is one for jsonschema)."""
    original, _ = yamlio.load_yaml(DATA_DIR / f"{name}.yaml", name)
    places = [path for path, value in _places(original) if path and isinstance(value, int | float)]
    for path in places:
        for other in (True, False, None, 0, 1, 1.0, 1.5, -3, "1"):
            data = copy.deepcopy(original)
            holder = data
            for step in path[:-1]:
                holder = holder[step]
            holder[path[-1]] = other
            _agrees(data, FILES[name])
