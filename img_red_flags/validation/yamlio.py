"""Read one YAML file into plain dicts and lists that remember their line numbers.

PyYAML's safe loader is used with these additions: every mapping and sequence remembers the line of
each key / item (so schema errors can point at a line); a key repeated inside one mapping, a key that is
not text, an explicit tag, an alias and nesting deeper than the data ever needs are reported at their line
instead of being loaded or raising; and invisible or control characters are refused with line and column.
Whatever the bytes, ``load_yaml`` returns problems, never raises.

Speed: where PyYAML was installed with libyaml (its C parser, as the wheels on PyPI are), libyaml reads
the text into events and only composing and building the values runs in Python: about 8 times faster on
the guide's data, with the same marks (lines and columns). A text with no possible tag, alias or deep
nesting (the guide's) is composed by libyaml too, and only built in Python (_composed_in_c). Without
libyaml the pure-Python parser does the same work, slower. libyaml words its syntax errors differently,
so a file it cannot parse is parsed again by the pure-Python parser, whose message (and line) is the one
shown; and libyaml accepts tabs inside a line that the pure-Python parser refuses, so a file with a tab is
read by the pure-Python parser only: data and messages never depend on which parser is installed.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .problems import Problem

try:  # libyaml's parser, if PyYAML was built with it
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml: the pure-Python parser only
    CParser = None

PARSER = "c" if CParser is not None else "python"  # which parser reads the events (see above)
MAX_DEPTH = 12  # the deepest real file (checklists.yaml) nests 6 levels
MAX_BYTES = 10_000_000  # the largest real file is under 100 kB; a catalog 100x the real one is 3 MB
# Characters with no visible form: controls, format characters (direction marks and overrides,
# zero-width spaces and joiners, soft hyphen, BOM), line and paragraph separators, fillers and
# non-characters. They can reorder or hide text on the page; YAML also counts some as line breaks.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cn", "Co", "Cs"}
_INVISIBLE_EXTRA = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
_ALLOWED = {"\t", "\n", "\r"}


def invisible(char: str) -> bool:
    """Whether ``char`` is refused in the data (tab and line breaks are allowed)."""
    return char not in _ALLOWED and (
        unicodedata.category(char) in _INVISIBLE_CATEGORIES or char in _INVISIBLE_EXTRA
    )


def _surely_visible(text: str) -> bool:
    """True if ``text`` holds no refused character; False if it may. str.isprintable() is False for
    every refused category (and for a few allowed characters, such as the no-break space)."""
    return text.replace("\n", "").replace("\t", "").replace(
        "\r", ""
    ).isprintable() and _INVISIBLE_EXTRA.isdisjoint(text)


def first_invisible(text: str) -> str | None:
    """The first refused character in ``text``, or None."""
    if _surely_visible(text):  # only text it flags is read one character at a time
        return None
    return next((c for c in text if invisible(c)), None)


def describe(char: str) -> str:
    """U+202E (RIGHT-TO-LEFT OVERRIDE), or U+0007 (a control character)."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"


class LineDict(dict):
    """A mapping that knows the line of itself (``line``), of its end and of each key (``lines[key]``)."""

    line: int = 0
    end_line: int = 0
    lines: dict


class LineList(list):
    """A sequence that knows the line of itself and of each item."""

    line: int = 0
    lines: list


class _Refused(yaml.MarkedYAMLError):
    """Something the data may not contain, with the message to show."""

    def __init__(self, message: str, mark):
        super().__init__(problem=message, problem_mark=mark)


class _FastBase(Composer, SafeConstructor, Resolver):  # the parser (CParser) is mixed in below
    """yaml.SafeLoader with libyaml's parser: Python's composer (which the checks below hook into) reads
    libyaml's events. yaml.CSafeLoader would compose in C too, where no check can see aliases and tags."""

    def __init__(self, stream):
        CParser.__init__(self, stream)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        Composer.__init__(self)


_STR = "tag:yaml.org,2002:str"
_BASES: dict[str, tuple[type, ...]] = {"python": (yaml.SafeLoader,)}
if CParser is not None:
    _BASES["c"] = (_FastBase, CParser)


def _loader_class(problems: list[Problem], display: str, parser: str = "python", last_line: int = 0):
    class Loader(*_BASES[parser]):  # type: ignore[misc]  # the bases depend on the parser installed
        def __init__(self, stream):
            super().__init__(stream)
            self.depth = 0  # lists and mappings open around the node being composed
            self.entries: list[str] = []  # ids of the entries around the value being built

        def compose_node(self, parent, index):
            event = self.peek_event()
            # Aliases let a tiny file expand into a huge one ("billion laughs"), and hide where text
            # really lives; the data has no need for them.
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(
                    "YAML anchors and aliases (&name, *name) are not allowed; write the value out",
                    event.start_mark,
                )
            # Explicit tags (!!python/..., !!float, !!binary) build values the schemas do not describe.
            if getattr(event, "tag", None) not in (None, "!"):
                raise _Refused(
                    f"custom YAML tags are not allowed ('{event.tag}'); write plain values", event.start_mark
                )
            nested = isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent))
            self.depth += nested
            if self.depth > MAX_DEPTH:
                raise _Refused(
                    f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; "
                    "check the indentation and brackets",
                    event.start_mark,
                )
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= nested

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep=deep)
            except yaml.YAMLError:
                raise
            except (ValueError, OverflowError):  # e.g. a number of 5000 digits
                raise _Refused(
                    "this value is too large to read as a number; put it in quotes to keep it as text",
                    node.start_mark,
                ) from None

        def construct_mapping(self, node, deep=False):
            self.flatten_mapping(node)
            result = LineDict()
            result.line = node.start_mark.line + 1
            # At the end of a file without a final line break libyaml ends the mapping one line later
            # than the pure-Python parser: both stop at the file's last line.
            result.end_line = min(node.end_mark.line + 1, last_line or node.end_mark.line + 1)
            result.lines = {}
            entry = _entry_id(node) or (self.entries[-1] if self.entries else "-")
            self.entries.append(entry)
            try:
                for key_node, value_node in node.value:
                    line = key_node.start_mark.line + 1
                    if not isinstance(key_node, yaml.ScalarNode):
                        problems.append(
                            Problem(
                                display,
                                line,
                                entry,
                                (
                                    "a key must be a plain name (like title:), not a list or mapping; "
                                    "check for a stray '?', '[' or '{'"
                                ),
                            )
                        )
                        continue
                    key = self.build(key_node)
                    if not isinstance(key, str):
                        problems.append(
                            Problem(
                                display,
                                line,
                                entry,
                                (
                                    f"the key {key_node.value!r} is read as {_kind(key)}, not a name; keys are "
                                    "names like title: (check the indentation)"
                                ),
                            )
                        )
                        continue
                    if key in result:
                        problems.append(
                            Problem(
                                display,
                                line,
                                entry,
                                (
                                    f"'{key}' appears twice in this entry (first on line {result.lines[key]}); "
                                    "keep one"
                                ),
                            )
                        )
                        continue
                    result[key] = self.build(value_node)
                    result.lines[key] = line
            finally:
                self.entries.pop()
            return result

        def construct_sequence(self, node, deep=False):
            result = LineList(self.build(child) for child in node.value)
            result.line = node.start_mark.line + 1
            result.lines = [child.start_mark.line + 1 for child in node.value]
            return result

        def build(self, node):
            """construct_object(node, deep=True), without its general machinery for text, which most
            keys and values are (the same value: construct_yaml_str is construct_scalar)."""
            if node.tag == _STR and isinstance(node, yaml.ScalarNode):
                return self.construct_scalar(node)
            return self.construct_object(node, deep=True)

        def construct_scalar(self, node):
            value = super().construct_scalar(node)
            # Literal invisible characters were refused before parsing; these came from escapes ("\u202e"),
            # which only a double-quoted scalar reads.
            if node.style == '"' and isinstance(value, str) and (found := first_invisible(value)):
                problems.append(
                    Problem(
                        display,
                        node.start_mark.line + 1,
                        self.entries[-1] if self.entries else "-",
                        (
                            f"column {node.start_mark.column + 1}: the text holds {describe(found)} written as an "
                            "escape; remove it"
                        ),
                    )
                )
            return value

    # Mappings and sequences must be built through our methods, not the default generators.
    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_sequence)
    # Dates stay strings: the schema decides what a date looks like, and JSON has no date type.
    Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    # A lone "=" is YAML 1.1's "value" key type, which the safe loader cannot build: it is just text.
    Loader.add_constructor("tag:yaml.org,2002:value", yaml.SafeLoader.construct_yaml_str)
    return Loader


# Where a tag can start: "!" at the start of a line or after white space or a flow indicator.
_MAYBE_TAG = re.compile(r"(?:^|[\s\[\]{},:])!", re.MULTILINE)
_UNPLAIN = object()


def _composed_in_c(text: str):
    """The document as libyaml composes it on its own (about twice as fast as Python's composer reading
    libyaml's events), or _UNPLAIN where the checks made while composing are needed: a text that may hold
    a tag (those checks see the tag as written; a composed node only its meaning), a document libyaml
    cannot compose, an alias (a node met twice) or nesting deeper than MAX_DEPTH."""
    if "!" in text and _MAYBE_TAG.search(text):
        return _UNPLAIN
    parser = yaml.CSafeLoader(text)
    try:
        root = parser.get_single_node()
    except yaml.YAMLError:
        return _UNPLAIN
    finally:
        parser.dispose()
    aliases = "&" in text  # an alias needs an anchor (&name): without one, no node can be met twice
    seen: set[int] = set()
    stack = [(root, 1)] if isinstance(root, yaml.CollectionNode) else []
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _UNPLAIN
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
        for child in children:
            if aliases:
                if id(child) in seen:
                    return _UNPLAIN
                seen.add(id(child))
            if isinstance(child, yaml.CollectionNode):
                stack.append((child, depth + 1))
    return root


def _load_composed_in_c(text: str, loader_class: type):
    """yaml.load(text, Loader=loader_class), composed by libyaml alone when nothing needs the Python
    composer's checks (then built by the same constructor, which finds the same problems)."""
    root = _composed_in_c(text)
    if root is _UNPLAIN:
        return yaml.load(text, Loader=loader_class)
    if root is None:
        return None
    loader = loader_class(text)
    try:
        return loader.construct_document(root)
    finally:
        loader.dispose()


def _kind(value) -> str:
    if value is None:
        return "empty (null)"
    return {bool: "true or false", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _entry_id(node) -> str | None:
    """The ``id`` written in a mapping node, for messages about that mapping."""
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
            return str(value_node.value)
    return None


def text_values(node, entry="-", line=1, key=None) -> Iterator[tuple[str, int, str, str]]:
    """Every text value in a document, in order, with its line, the id of its entry and its key."""
    stack = [(node, entry, line, key)]
    while stack:
        node, entry, line, key = stack.pop()
        if isinstance(node, LineDict):
            entry = node["id"] if isinstance(node.get("id"), str) else entry
            stack.extend((v, entry, node.lines[k], k) for k, v in reversed(node.items()))
        elif isinstance(node, LineList):
            stack.extend((v, entry, node.lines[i], key) for i, v in reversed(list(enumerate(node))))
        elif isinstance(node, str):
            yield node, line, entry, key


def entry_at(data, line: int) -> str:
    """Id of the innermost entry whose lines include ``line`` ("-" if none)."""
    best, best_line = "-", 0
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, LineDict):
            if isinstance(node.get("id"), str) and best_line <= node.line <= line <= node.end_line:
                best, best_line = node["id"], node.line
            stack.extend(node.values())
        elif isinstance(node, LineList):
            stack.extend(node)
    return best


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The text of a data file, which must be a regular UTF-8 file inside data/; or the problem why not."""

    def refuse(message: str):
        return None, [Problem(display, 1, "-", message)]

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return refuse("file is missing; see data/README.md")
    except OSError as error:
        return refuse(f"file cannot be read ({error.strerror}); check its permissions")
    if stat.S_ISLNK(info.st_mode):
        return refuse(
            "file is a symbolic link; data files must be regular files inside data/, so "
            "put the file itself here"
        )
    if not stat.S_ISREG(info.st_mode):
        return refuse(
            "is not a regular file (a folder, pipe or device); data files must be regular files inside data/"
        )
    if info.st_size > MAX_BYTES:
        return refuse(f"file is {info.st_size} bytes; data files must stay under {MAX_BYTES} bytes")
    try:
        # O_NOFOLLOW: the file checked above is the file read, even if it was swapped for a link since.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return refuse(f"file cannot be read ({error.strerror}); check its permissions")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                display, line, "-", (f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")
            )
        ]


def _invisible_characters(text: str) -> tuple[str, list[tuple[int, str]]]:
    """(text with each refused character replaced by a space, [(offset, character)]).

    The space keeps every other character at its line and column for the messages that follow.
    """
    if _surely_visible(text):  # the usual case: the whole text at once
        return text, []
    found = []
    chars = list(text)
    offset = 0
    for line in text.splitlines(keepends=True):
        if first_invisible(line):  # most lines hold none: only those are read one by one
            for at, char in enumerate(line, offset):
                if invisible(char) and not (at == 0 and char == "\ufeff"):  # a leading BOM is harmless
                    found.append((at, char))
                    chars[at] = " "
        offset += len(line)
    return "".join(chars), found


def load_yaml(path: Path, display: str) -> tuple[object, list[Problem]]:
    """Load ``path``; return (data, problems). ``display`` is the name used in messages."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    text, hidden = _invisible_characters(text)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [
            Problem(
                display, 1, "-", "the file is empty; it must hold the entries described in data/README.md"
            )
        ]
    last_line = text.count("\n") + 1
    # libyaml takes a tab as white space inside a line ("a: b<tab>c", "key:<tab>value", "[a,<tab>b]") where
    # the pure-Python parser refuses it: a text with a tab goes to the pure-Python parser, so the data and
    # the message never depend on the parser installed. The real data holds no tab (only quoted or block
    # text may hold one), so the fast path stays the usual one.
    parser = "python" if "\t" in text else PARSER
    try:
        try:
            loader = _loader_class(problems, display, parser, last_line)
            data = _load_composed_in_c(text, loader) if parser == "c" else yaml.load(text, Loader=loader)
        except yaml.YAMLError as error:
            if parser == "python" or isinstance(error, _Refused):
                raise
            # libyaml's syntax errors are worded differently: the pure-Python parser words them as
            # always (and finds the same problems again, so start from none).
            del problems[:]
            data = yaml.load(text, Loader=_loader_class(problems, display, "python", last_line))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        data, problems = None, [Problem(display, line, "-", _syntax_message(error))]
    except yaml.YAMLError as error:  # a reader error: refused characters were replaced above
        data, problems = None, [Problem(display, 1, "-", f"not valid YAML: {str(error)[:100]}")]
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before
        data, problems = None, [Problem(display, 1, "-", "nested too deeply; check the brackets")]
    for offset, char in hidden:
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        problems.append(
            Problem(
                display,
                line,
                entry_at(data, line),
                (
                    f"column {column}: {describe(char)} is invisible or a control character; "
                    "delete it (it can hide or reorder text)"
                ),
            )
        )
    if data is None and not problems:
        problems.append(
            Problem(
                display,
                1,
                "-",
                (
                    "the file holds no data (only a document marker or null); it must hold the entries described "
                    "in data/README.md"
                ),
            )
        )
    return data, problems


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "syntax error"
    if isinstance(error, _Refused):
        return problem
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab character is used for indentation; YAML needs spaces"
    if "could not determine a constructor" in problem:
        return f"custom YAML tags are not allowed ({problem.split('tag ')[-1]}); write plain values"
    if "unhashable" in problem:
        return "a key must be a plain name (like title:), not a list or mapping; check for a stray '?', '[' or '{'"
    started = ""
    if error.context_mark and error.problem_mark and error.context_mark.line != error.problem_mark.line:
        started = f" (in the part that starts on line {error.context_mark.line + 1})"
    return f"not valid YAML: {problem}{started}; check indentation, quotes and brackets"
