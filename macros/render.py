"""Render catalog entries as Markdown for the pages. One function per content type.

Every function takes the Catalog first and a ``here`` (the source path of the page being rendered, used
to write relative links MkDocs can check), then stable ids. An unknown id raises ``UnknownId``: a page
must never silently render a blank where an entry should be.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from img_red_flags.model.addresses import GUIDE_PAGES, HOSTED, PAGES, Addresses
from img_red_flags.validation.rendered import EXTENSIONS

# Source path of a guide page -> its data file.
PAGE_NAMES = {PAGES[name]: name for name in GUIDE_PAGES}

MACROS = [
    "legal_notice",
    "severity_scale",
    "flag_index",
    "red_flags",
    "red_flag",
    "question_bank",
    "question",
    "questions_for",
    "questions_by_audience",
    "faqs",
    "guide_page",
    "sources_page",
    "contacts_card",
    "what_changed",
    "abbreviations",
]


class Rendered(str):
    """Markdown a render function produced (templates may embed it): passed through as it is."""


def inline_text(value):
    """A plain-text value (a title, a question, a label) as inline Markdown that shows it as written.

    Every value a template prints goes through this (the environment's ``finalize``), wherever the
    template puts it: link text ``[...](...)``, a heading, an admonition or summary title, a list item. So
    no text can end a link early (``Title](javascript:...) [more``), escape the template's own syntax (a
    trailing backslash), open a block (``!!!``, ``|``, ``- ``, ``1. ``, ``#``) or add attributes (``{``).
    Python-Markdown's own list of backslash-escapable characters (with the site's extensions: ``tables``
    adds ``|``) is escaped everywhere; ``< & `` become entities (so ``a < b`` shows as written and never
    starts a tag); line breaks fold to spaces (one line cannot start a block inside it); and the block
    markers that only count at the start of a line (``-``, ``+``, ``#``, ``1.``) are escaped there, so ids,
    dates and paths, which contain them inside, pass unchanged.

    Markdown fields go through the ``markdown`` filter instead, text inside raw HTML through ``label``;
    ``Rendered`` and ``Markup`` values (a render function's output, addresses, a macro's HTML) pass as
    they are.
    """
    if isinstance(value, (Rendered, Markup)) or not isinstance(value, str):
        return value
    text = "".join(f"\\{c}" if c in _ESCAPE_ANYWHERE else c for c in _SPACES.sub(" ", value))
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text, count=1)


def markdown_field(value) -> Rendered | Markup:
    """A Markdown field (schema: "Markdown."), passed on as Markdown, with what data could misuse escaped.

    Validation has already refused what a field may not make (raw HTML, images, links off the allowed
    schemes, headings, admonitions, tables: img_red_flags/validation/rendered.py). Braces are the one
    Markdown syntax left that data could use against the page: attr_list reads ``*word*{ onclick="..." }``
    or a trailing ``{: ... }`` as HTML attributes. An asterisk between two letters or digits (``7*7``) is
    meant literally, but Python-Markdown would pair it with the next one, including the ``**`` a template
    wraps around the text. Both are backslash-escaped, so ``{{ 7*7 }}`` shows as ``{{ 7*7 }}``. (Jinja never
    evaluates data in any case: values are printed, not parsed as templates.)

    A ``<`` that does not open an autolink (``<https://...>``) becomes ``&lt;``: validation has refused
    every tag, so it is text (``a < b``), and it must not pair with a ``>`` in the next field the template
    prints (``x <b`` then ``onclick=... >`` would make a tag).
    """
    if isinstance(value, (Rendered, Markup)):
        return value
    text = _INTRAWORD_STAR.sub(r"\\*", str(value).replace("{", "\\{").replace("}", "\\}"))
    return Rendered(_TEXT_LT.sub("&lt;", text))


# What a backslash escapes in the site's Markdown (Python-Markdown's list, extensions included), minus
# the characters that only start a block at the beginning of a line (escaped there by _LINE_START).
_ESCAPE_ANYWHERE = frozenset(markdown.Markdown(extensions=EXTENSIONS).ESCAPED_CHARS) - set("-+.#")
_LINE_START = re.compile(r"^\s?(?:[-+#]|\d+\.(?=\s|$))")
_INTRAWORD_STAR = re.compile(r"(?<=\w)\*(?=\w)")
_SPACES = re.compile(r"\s+")
_TEXT_LT = re.compile(r"<(?!https?://[^<>\s]*>|[^<>\s!]+@[^@<>\s]+>)", re.IGNORECASE)

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=StrictUndefined,  # a misspelt field fails the build instead of rendering blank
    autoescape=False,  # output is Markdown: finalize escapes for Markdown, not for HTML
    finalize=inline_text,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_templates.filters["label"] = escape  # text inside raw HTML: exactly as written

# The tools' panels (scorecard, record) are HTML templates (*.html.j2), escaped for HTML. A panel is put
# into the page on one line: a blank line would end the raw HTML block in Markdown.
_html_templates = Environment(
    loader=_templates.loader,
    undefined=StrictUndefined,
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def html_block(template: str, **values) -> str:
    """An HTML template rendered as one raw HTML block of Markdown."""
    html = _html_templates.get_template(template).render(**values)
    return "\n" + " ".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"


# A link in a Markdown field names a page as seen from the top of docs/ (``my-record.md#x``), as every
# guide page is. The same field is printed on pages in other folders too (the sheets in checklists/), so
# the filter rewrites such a link relative to the page being rendered, as MkDocs then expects it.
_PAGE_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|#|/|\.\./)([^)\s#]+\.md)(#[^)\s]*)?\)")


@pass_context
def _markdown(context, value) -> Rendered | Markup:
    out = markdown_field(value)
    here = context.get("here", "")
    if "/" not in here:  # a page at the top of docs/: links stay as written
        return out
    return Rendered(
        _PAGE_LINK.sub(lambda m: f"]({relative_source(here, m.group(1))}{m.group(2) or ''})", out)
    )


_templates.filters["markdown"] = _markdown  # a Markdown field
_templates.filters["html"] = Markup  # a template macro's own HTML (its labels already escaped)


class UnknownId(LookupError):
    """A page asked for an entry that is not in the data."""


def _get(table: dict, kind: str, entry_id: str) -> dict:
    try:
        return table[entry_id]
    except KeyError:
        raise UnknownId(
            f"no {kind} with id '{entry_id}' in the data; known ids: {', '.join(sorted(table))}"
        ) from None


def relative_source(here: str, source: str) -> str:
    """Markdown link target from source page ``here`` to source page ``source`` (MkDocs rewrites it)."""
    return posixpath.relpath(source, posixpath.dirname(here) or ".")


def href(here: str, kind: str, anchor: str = "") -> str:
    """Relative Markdown link from page ``here`` to the page holding ``kind`` entries."""
    if PAGES[kind] == here:
        return f"#{anchor}"
    target = relative_source(here, PAGES[kind])
    return f"{target}#{anchor}" if anchor else target


def share_attributes(addresses: Addresses, here: str, entry_id: str) -> Rendered:
    """HTML attributes an entry's Share control reads (docs/assets/js/entries.js).

    ``data-short``: the short address f/<id>/ relative to this page, in this build's URL style.
    ``data-share``: the absolute public short address, only when site_url is known; without it the
    script derives it from the page's own http(s) address, and never shares a file:// path.
    """
    out = f'data-short="{escape(addresses.link(here, addresses.short(entry_id)))}"'
    if public := addresses.public_short(entry_id):
        out += f' data-share="{escape(public)}"'
    return Rendered(out)


def _render(template: str, catalog, here: str, addresses: Addresses = HOSTED, **values) -> str:
    def link(kind: str, anchor: str = "") -> Rendered:  # an address the template must not escape
        return Rendered(href(here, kind, anchor))

    share = functools.partial(share_attributes, addresses, here)
    return Rendered(
        _templates.get_template(template).render(catalog=catalog, here=here, link=link, share=share, **values)
    )


def description(catalog, src: str) -> str | None:
    """Meta description of a guide page built from data, or None for other pages."""
    name = PAGE_NAMES.get(src)
    return catalog.page(name).get("description") if name else None


def legal_notice(catalog, here: str) -> str:
    """The not-legal-advice notice as an admonition. ``{{ legal_notice() }}``"""
    return _render("legal_notice.md.j2", catalog, here)


def severity_scale(catalog, here: str) -> str:
    """What caution, serious and critical mean. ``{{ severity_scale() }}``"""
    return _render("severity_scale.md.j2", catalog, here)


def flag_index(catalog, here: str) -> str:
    """A compact list of every flag by group, linking to its section. ``{{ flag_index() }}``"""
    return _render("flag_index.md.j2", catalog, here)


def red_flags(catalog, here: str, *, addresses: Addresses = HOSTED) -> str:
    """Every red flag, grouped, each at its id. ``{{ red_flags() }}``"""
    return "\n".join(
        _render("group.md.j2", catalog, here, group=group)
        + "".join(
            red_flag(catalog, here, f["id"], addresses=addresses)
            for f in catalog.flags.values()
            if f["group"] == gid
        )
        for gid, group in catalog.groups.items()
    )


def red_flag(catalog, here: str, flag_id: str, *, addresses: Addresses = HOSTED) -> str:
    """One red flag: title, severity and summary, the rest folded. ``{{ red_flag('vague-workload') }}``"""
    return _render("red_flag.md.j2", catalog, here, addresses, flag=_get(catalog.flags, "red flag", flag_id))


def question_bank(catalog, here: str, *, addresses: Addresses = HOSTED) -> str:
    """Every question, by topic, each at its id. ``{{ question_bank() }}``"""
    out = []
    for gid, group in catalog.groups.items():
        ids = [q["id"] for q in catalog.questions.values() if q["topic"] == gid]
        if ids:
            out.append(_render("group.md.j2", catalog, here, group=group))
            out += [question(catalog, here, qid, addresses=addresses) for qid in ids]
    return "\n".join(out)


def question(catalog, here: str, question_id: str, *, addresses: Addresses = HOSTED) -> str:
    """One question, with whom to ask and how to read the answer folded. ``{{ question('typical-week') }}``"""
    return _render(
        "question.md.j2", catalog, here, addresses, q=_get(catalog.questions, "question", question_id)
    )


def questions_for(catalog, here: str, audience: str) -> str:
    """A linked list of the questions to put to one audience. ``{{ questions_for('fellows') }}``"""
    _get(catalog.audiences, "audience", audience)
    items = [q for q in catalog.questions.values() if audience in q["ask"]]
    return _render("questions_for.md.j2", catalog, here, items=items, audience=catalog.audiences[audience])


def questions_by_audience(catalog, here: str) -> str:
    """Each audience's questions as a folded list, for a reader preparing one conversation.
    ``{{ questions_by_audience() }}``"""
    return "\n".join(
        _render(
            "audience_list.md.j2",
            catalog,
            here,
            audience=audience,
            count=sum(aid in q["ask"] for q in catalog.questions.values()),
            questions=questions_for(catalog, here, aid),
        )
        for aid, audience in catalog.audiences.items()
    )


def faqs(catalog, here: str, *, addresses: Addresses = HOSTED) -> str:
    """Every FAQ entry, each at its id. ``{{ faqs() }}``"""
    return _render("faqs.md.j2", catalog, here, addresses)


def guide_page(catalog, here: str, name: str, short_forms: bool = True) -> str:
    """A whole guide page from its data file. ``{{ guide_page('investigation') }}``

    After the intro it lists the short forms its text uses, written out (found in the rendered page,
    so new text is covered). ``short_forms=False`` leaves the list out, for a page read in a hurry whose
    text writes each one out where it first uses it (the already-in page).
    """
    from img_red_flags.model.abbreviations import used

    if name not in GUIDE_PAGES:
        raise UnknownId(f"no guide page named '{name}'; known: {', '.join(GUIDE_PAGES)}")
    values = {"page": catalog.page(name), "questions_for": functools.partial(questions_for, catalog, here)}
    text = _render("guide_page.md.j2", catalog, here, short_forms=[], **values)
    if not short_forms:
        return text
    found = used(text, catalog.meta.get("abbreviations", []))
    return _render("guide_page.md.j2", catalog, here, short_forms=found, **values)


def sources_page(catalog, here: str) -> str:
    """Every source with its publisher, the date it was checked and the entries citing it.
    ``{{ sources_page() }}``"""
    from img_red_flags.validation.source_rules import citations

    used = {}
    for source_id, citers in citations(catalog).items():
        used[source_id] = [(_kind_of(file), entry) for file, entry in citers]
    return _render("sources_page.md.j2", catalog, here, used=used)


def _kind_of(file: str) -> str:
    """The PAGES key of the page that shows entries of a data file."""
    return {"red_flags": "flag", "faqs": "faq"}.get(file, file)


def contacts_card(catalog, here: str) -> str:
    """Help outside the hospital (988, the J-1 helpline, the ACGME's ombudsperson) as a card that stands
    out. ``{{ contacts_card() }}``"""
    if not catalog.meta.get("contacts"):
        raise UnknownId("no contacts in data/meta.yaml: the contacts card needs at least one")
    return _render("contacts_card.md.j2", catalog, here)


def what_changed(catalog, here: str) -> str:
    """Each content version's changes, one line each, linking to the page by its id. ``{{ what_changed() }}``"""
    from img_red_flags.model.changes import SOURCES, TITLES

    if not catalog.meta.get("changes"):
        raise UnknownId("no changes in data/meta.yaml: the What changed page needs at least one version")
    return _render(
        "changes_page.md.j2",
        catalog,
        here,
        titles=TITLES,
        page_link=lambda name: relative_source(here, SOURCES[name]),
    )


def abbreviations(catalog, here: str, *shorts: str, of: tuple[str, ...] = ()) -> str:
    """The short forms a page uses, each written out, in a compact list to put after the page's intro:
    those named, and those the text of the macros named in ``of`` uses (found in their output, so a new
    entry is covered). ``{{ abbreviations('IMG', of=['red_flags']) }}``; tests/test_site_plain.py checks
    that no page leaves one out."""
    from img_red_flags.model.abbreviations import used

    known = {a["short"]: a for a in catalog.meta.get("abbreviations", [])}
    named = {_get(known, "abbreviation", s)["short"] for s in shorts}
    from . import checklists  # imports this module: imported here, when a page is rendered

    macros = {name: globals()[name] for name in MACROS if name != "abbreviations"}
    macros |= {name: getattr(checklists, name) for name in checklists.MACROS}
    for name in of:
        if name not in macros:
            raise UnknownId(f"abbreviations(of=...): no macro named '{name}'; known: {', '.join(macros)}")
        named |= {a["short"] for a in used(macros[name](catalog, here), list(known.values()))}
    entries = [a for a in known.values() if a["short"] in named]
    return _render("abbreviations.md.j2", catalog, here, entries=entries)
