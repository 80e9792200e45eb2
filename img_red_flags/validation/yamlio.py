"""Read one YAML file into plain dicts and lists that remember their line numbers.

PyYAML's safe loader is used as is, with two additions it lacks: every mapping and sequence remembers
the line of each key / item (so schema errors can point at a line), and a key repeated inside one
mapping is reported instead of silently keeping the last value.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem


class LineDict(dict):
    """A mapping that knows the line of itself (``line``) and of each key (``lines[key]``)."""

    line: int = 0
    lines: dict


class LineList(list):
    """A sequence that knows the line of itself and of each item."""

    line: int = 0
    lines: list


def _loader_class(problems: list[Problem], display: str):
    class Loader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
            self.flatten_mapping(node)
            result = LineDict()
            result.line = node.start_mark.line + 1
            result.lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if key in result:
                    problems.append(Problem(display, line, _entry_id(node, self), (
                        f"'{key}' appears twice in this entry (first on line {result.lines[key]}); "
                        "keep one")))
                    continue
                result[key] = self.construct_object(value_node, deep=True)
                result.lines[key] = line
            return result

        def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
            # Aliases let a tiny file expand into a huge one ("billion laughs"), and hide where text
            # really lives; the data has no need for them.
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, "alias", mark)
            return super().compose_node(parent, index)

        def construct_sequence(self, node, deep=False):  # noqa: D102 - PyYAML hook
            result = LineList(self.construct_object(child, deep=True) for child in node.value)
            result.line = node.start_mark.line + 1
            result.lines = [child.start_mark.line + 1 for child in node.value]
            return result

    # Mappings and sequences must be built through our methods, not the default generators.
    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_sequence)
    # Dates stay strings: the schema decides what a date looks like, and JSON has no date type.
    Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    return Loader


def _entry_id(node, loader) -> str:
    """The ``id`` written in a mapping node, for messages about that mapping."""
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
            return str(value_node.value)
    return "-"


def load_yaml(path: Path, display: str) -> tuple[object, list[Problem]]:
    """Load ``path``; return (data, problems). ``display`` is the name used in messages."""
    problems: list[Problem] = []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display, line, "-", (
            f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8"))]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(display, 1, "-", "the file is empty; it must hold the entries described in data/README.md")]
    try:
        data = yaml.load(text, Loader=_loader_class(problems, display))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(display, line, "-", _syntax_message(error))]
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors for text input
        return None, [Problem(display, 1, "-", f"not valid YAML: {error}")]
    return data, problems


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "syntax error"
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab character is used for indentation; YAML needs spaces"
    if problem == "alias":
        return "YAML anchors and aliases (&name, *name) are not allowed; write the value out"
    if "could not determine a constructor" in problem:
        return f"custom YAML tags are not allowed ({problem.split('tag ')[-1]}); write plain values"
    started = ""
    if error.context_mark and error.problem_mark and error.context_mark.line != error.problem_mark.line:
        started = f" (in the part that starts on line {error.context_mark.line + 1})"
    return f"not valid YAML: {problem}{started}; check indentation, quotes and brackets"
