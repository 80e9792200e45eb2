"""Checks the JSON Schemas cannot express. Each rule takes the Catalog and yields Problems."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import synonyms as search_words  # the matching the search index uses
from ..model.text import MARKDOWN_FIELDS
from .anchor_rules import no_taken_anchors
from .catalog import GUIDE_PAGES, Catalog
from .checklist_rules import checklist_references
from .defs import SEVERITIES
from .meta_rules import meta_sound
from .problems import Problem, repeated
from .rendered import render
from .source_rules import citations_checkable, citations_resolve, review_dates_sound, sources_sound
from .step_rules import contacts_are_cited, steps_name_sections
from .yamlio import LineDict, text_values

__all__ = ["RULES", "text_values"]


def _entries(catalog: Catalog) -> Iterator[tuple[str, str, LineDict]]:
    """(file, kind, entry) for every entry that has an id, in file order."""
    rf = catalog.files["red_flags"]
    for kind in ("severity_levels", "groups", "flags"):
        for entry in rf[kind]:
            yield "red_flags", kind, entry
    for kind in ("audiences", "questions"):
        for entry in catalog.files["questions"][kind]:
            yield "questions", kind, entry
    for entry in catalog.files["faqs"]["faqs"]:
        yield "faqs", "faqs", entry
    for page in GUIDE_PAGES:
        for section in catalog.page(page)["sections"]:
            yield page, "sections", section
            for item in section.get("items", []):
                yield page, "items", item
    for entry in catalog.files["checklists"]["sheets"]:
        yield "checklists", "sheets", entry


def _names(file: str, entries, aliases: bool = True) -> Iterator[tuple[str, tuple[str, str, int, str]]]:
    """(name, (what, file, line, entry id)) for each id, and former id in `aliases`, of ``entries``."""
    for entry in entries:
        yield entry["id"], ("id", file, entry.lines["id"], entry["id"])
        for i, alias in enumerate(entry.get("aliases", []) if aliases else []):
            yield alias, ("alias", file, entry["aliases"].lines[i], entry["id"])


def unique_ids(catalog: Catalog) -> Iterator[Problem]:
    """A name names one thing: ids (and former ids in `aliases`) are addresses, each naming one entry
    site-wide; a source id names one source; a visa fact id one fact of the scorecard (a saved scorecard
    keys its answers by it). The one rule of "used twice" for every kind of id (problems.repeated)."""
    shown = catalog.display
    addresses = (n for file, _kind, entry in _entries(catalog) for n in _names(file, [entry]))
    for name, (what, file, line, entry), (_, first_file, first_line, _) in repeated(addresses):
        yield Problem(
            shown[file],
            line,
            entry,
            f"{what} '{name}' is already used at {shown[first_file]}:{first_line}; "
            "ids must be unique across all data files, so choose another",
        )
    sources = _names("sources", catalog.files["sources"]["sources"], aliases=False)
    for name, (_, file, line, entry), _first in repeated(sources):
        yield Problem(shown[file], line, entry, f"source '{name}' is listed twice; list each source once")
    facts = _names("scorecard", catalog.files["scorecard"]["visa_facts"], aliases=False)
    for name, (_, file, line, entry), _first in repeated(facts):
        yield Problem(shown[file], line, entry, f"visa fact id '{name}' is used twice; rename one")


def scales_complete(catalog: Catalog) -> Iterator[Problem]:
    """Every severity level and every audience is explained exactly once."""
    for file, key, wanted in (
        ("red_flags", "severity_levels", SEVERITIES),
        ("questions", "audiences", ("leadership", "fellows", "gme")),
    ):
        doc = catalog.files[file]
        ids = [e["id"] for e in doc[key]]
        if sorted(ids) != sorted(wanted):
            yield Problem.at(
                catalog.display[file],
                doc,
                key,
                message=(
                    f"'{key}' must list each of {', '.join(wanted)} exactly once (found {', '.join(ids)})"
                ),
            )


def references_resolve(catalog: Catalog) -> Iterator[Problem]:
    """Every id an entry points at exists (and is of the right kind)."""
    checks = [  # (file, list key, field, target ids, what the target is)
        ("red_flags", "flags", "group", catalog.groups, "group in red_flags.yaml"),
        ("red_flags", "flags", "questions", catalog.questions, "question in questions.yaml"),
        ("red_flags", "flags", "related", catalog.flags, "red flag"),
        ("questions", "questions", "topic", catalog.groups, "group in red_flags.yaml (topics are groups)"),
        ("faqs", "faqs", "related", catalog.flags, "red flag"),
    ]
    for file, list_key, key, targets, what in checks:
        for entry in catalog.files[file][list_key]:
            value = entry.get(key)
            refs = value if isinstance(value, list) else [value] if value is not None else []
            for i, ref in enumerate(refs):
                index = i if isinstance(value, list) else None
                if ref not in targets:
                    yield Problem.at(
                        catalog.display[file],
                        entry,
                        key,
                        index,
                        message=(
                            f"'{key}' names '{ref}', which is not a {what}; "
                            f"use one of: {', '.join(sorted(targets))}"
                        ),
                    )
                elif key == "related" and file == "red_flags" and ref == entry["id"]:
                    yield Problem.at(
                        catalog.display[file],
                        entry,
                        key,
                        index,
                        message="a flag cannot be related to itself; remove it",
                    )


def nothing_orphaned(catalog: Catalog) -> Iterator[Problem]:
    """Every question probes at least one flag; every group holds at least one flag."""
    for qid, flags in catalog.probes.items():
        if not flags and qid in catalog.questions:
            yield Problem.at(
                catalog.display["questions"],
                catalog.questions[qid],
                "id",
                message=(
                    f"no red flag lists question '{qid}'; add it to the 'questions' of the flags it probes"
                ),
            )
    used = {f["group"] for f in catalog.flags.values()}
    for gid, group in catalog.groups.items():
        if gid not in used:
            yield Problem.at(
                catalog.display["red_flags"],
                group,
                "id",
                message=(f"group '{gid}' has no red flags; give it one or remove it"),
            )


UNSAFE_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
IMAGE = re.compile(r"!\[")
# Browsers drop ASCII tabs and line breaks anywhere in a URL ("java\tscript:" runs) and controls and
# spaces at its ends; all of them are dropped here, which is stricter.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def _link_problem(target: str) -> bool:
    """Whether a link target, as the browser reads it, leaves the allowed set: https/http, mailto, or a
    relative in-site path. ``//host`` and ``/\\host`` are other sites.
    """
    url = URL_NOISE.sub("", target)
    if url.startswith(("//", "/\\", "\\")):
        return True
    return bool(UNSAFE_SCHEME.match(url)) or (
        ":" in url.split("/")[0] and not url.lower().startswith(("http:", "https:", "mailto:"))
    )


def safe_text(catalog: Catalog) -> Iterator[Problem]:
    """Text is Markdown only: no raw HTML, no images, and links only to web, mail or in-site addresses.

    Links are read from the text rendered as the page renders it (entities decoded, line breaks kept),
    not from the source, so what is checked is what the browser follows.
    """
    for name, text, line, entry, key in catalog.texts:
        display = catalog.display[name]
        # Raw HTML as the renderer reads it: `<b>` is a tag, `a < b` is text and shows as written.
        for tag in render(text).raw_html[:1]:
            yield Problem(
                display,
                line,
                entry,
                (f"'{key}' contains raw HTML ({tag[:30]!r}); write plain Markdown instead"),
            )
        if IMAGE.search(text):
            yield Problem(
                display,
                line,
                entry,
                (
                    f"'{key}' embeds an image; images are not allowed in the data (one from another "
                    "site would be a request to that site), so describe it in words"
                ),
            )
        for target in render(text).links:
            if _link_problem(target):
                yield Problem(
                    display,
                    line,
                    entry,
                    (
                        f"'{key}' links to {target[:40]!r}; links may only go to https://, mailto: or "
                        "pages of this site"
                    ),
                )


def no_headings(catalog: Catalog) -> Iterator[Problem]:
    """Headings, the table of contents, note boxes and tables come from the page and its templates, never
    from a field."""
    for name, text, line, entry, key in catalog.texts:
        html = render(text)
        for heading in html.headings:
            yield Problem(
                catalog.display[name],
                line,
                entry,
                (
                    f"'{key}' makes a heading ({heading[:40]!r}), which would add to the page's table of "
                    "contents; write it as a sentence or **bold** text (a line of === or --- under "
                    "text, or a line starting with #, is a heading)"
                ),
            )
        for block in html.blocks[:1] if key in MARKDOWN_FIELDS else []:  # plain text is escaped
            yield Problem(
                catalog.display[name],
                line,
                entry,
                (
                    f"'{key}' makes {block}, which only the page's templates may make; write it as "
                    "sentences or a list (a line starting with !!! or ???, or lines of | cells over a "
                    "line of ---, make one)"
                ),
            )
        if html.toc:
            yield Problem(
                catalog.display[name],
                line,
                entry,
                (f"'{key}' holds a [TOC] marker, which inserts a table of contents; remove it"),
            )


# Fields printed as headings or link text: a line break would let the rest become page structure.
ONE_LINE = {"title", "question", "text"}


def one_line_fields(catalog: Catalog) -> Iterator[Problem]:
    """Titles, FAQ questions and question texts are one line each."""
    for name, text, line, entry, key in catalog.texts:
        if key in ONE_LINE and "\n" in text.strip():
            yield Problem(
                catalog.display[name],
                line,
                entry,
                (f"'{key}' must be one line; remove the line break (use '>-' or one long line)"),
            )


def scorecard_facts(catalog: Catalog) -> Iterator[Problem]:
    """Visa facts of the scorecard: unique values, and links to a real question and flag (unique ids:
    unique_ids)."""
    for fact in catalog.files["scorecard"]["visa_facts"]:
        if fact["question"] not in catalog.questions:
            yield Problem.at(
                catalog.display["scorecard"],
                fact,
                "question",
                message=(
                    f"'question' names '{fact['question']}', which is not a question in questions.yaml; "
                    f"use one of: {', '.join(sorted(catalog.questions))}"
                ),
            )
        # Options have no id of their own: problems are reported under the fact's id.
        options = fact["options"]
        for value, index, _first in repeated((o["value"], i) for i, o in enumerate(options)):
            yield Problem.at(
                catalog.display["scorecard"],
                options[index],
                "value",
                message=f"option value '{value}' appears twice; make each value unique",
                entry=fact["id"],
            )
        for option in options:
            if "concern" in option and option["concern"] not in catalog.flags:
                yield Problem.at(
                    catalog.display["scorecard"],
                    option,
                    "concern",
                    message=(
                        f"'concern' names '{option['concern']}', which is not a red flag; "
                        f"use one of: {', '.join(sorted(catalog.flags))}"
                    ),
                    entry=fact["id"],
                )


def search_synonyms(catalog: Catalog) -> Iterator[Problem]:
    """Each synonym word once (spellings that differ only by case or hyphens are one word), and each
    group holding at least one word the guide uses (in its text or search terms), or it finds nothing."""
    display = catalog.display["search_synonyms"]
    guide = " ".join(text for name, text, *_ in catalog.texts if name != "search_synonyms").lower()
    groups = catalog.files["search_synonyms"]["groups"]
    spellings = (
        (search_words.key(word), (word, group["words"].lines[i]))
        for group in groups
        for i, word in enumerate(group["words"])
    )
    for _key, (word, line), (first, first_line) in repeated(spellings):
        same = "the same word" if first.lower() == word.lower() else f"a spelling of '{first}'"
        yield Problem(
            display,
            line,
            "-",
            (
                f"'{word}' is {same}, already listed at line {first_line}; hyphen spellings are added "
                "by rule and a word belongs to one group only, so remove it or merge the groups"
            ),
        )
    # A one-word entry appears as a whole word exactly when it is one of the guide's words (the words of
    # its normal() form are its lower-case words): a set lookup. Only the other groups are searched, in
    # the guide made normal once.
    guide_words = set(re.findall(r"\w+", guide))
    normal_guide = None
    for group in groups:
        words = group["words"]
        if any(search_words.normal(w) in guide_words for w in words):
            continue
        normal_guide = normal_guide or search_words.normal(guide)
        if not search_words.Synonyms([words]).appear_in(normal_guide):
            yield Problem(
                display,
                group.line,
                "-",
                (
                    f"no word of the group {', '.join(words)} appears in the guide, so it would find nothing; "
                    "add the word the guide uses, or remove the group"
                ),
            )


# Every cross-file rule, in the order they report. Rules of their own modules: checklist_rules.py
# (data/checklists.yaml), anchor_rules.py (ids that would land on another element of their page),
# source_rules.py (data/sources.yaml and the citations of it).
RULES = [
    unique_ids,
    scales_complete,
    references_resolve,
    nothing_orphaned,
    safe_text,
    no_headings,
    one_line_fields,
    scorecard_facts,
    checklist_references,
    no_taken_anchors,
    citations_resolve,
    sources_sound,
    citations_checkable,
    review_dates_sound,
    search_synonyms,
    meta_sound,
    steps_name_sections,
    contacts_are_cited,
]
