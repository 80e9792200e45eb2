"""Rules for data/sources.yaml and the citations (`sources:` lists) that point into it.

Every visa, accreditation and institutional claim must be traceable to an official page: a flag's visa
impact and every item of the visa basics page cite at least one source, every cited id exists, every
source is cited somewhere, and each source has an https address and a real date of checking. How old
a check may grow is not a rule of the data (time passing must not break a build): ``stale_sources``
reports it, as a warning for ``make check`` and a failure for ``make stale``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from .catalog import GUIDE_PAGES, Catalog
from .problems import Problem

STALE_AFTER_MONTHS = 12
# Pages whose every item states visa rules: each item must cite a source.
MUST_CITE_PAGES = ("visa_basics",)


def citing_entries(catalog: Catalog) -> Iterator[tuple[str, dict]]:
    """(file, mapping) for everything that may carry `sources:`: flags, FAQs, guide sections and items."""
    for flag in catalog.flags.values():
        yield "red_flags", flag
    for faq in catalog.faqs.values():
        yield "faqs", faq
    for page in GUIDE_PAGES:
        for section in catalog.page(page)["sections"]:
            yield page, section
            for item in section.get("items", []):
                yield page, item
        sections = {s["id"]: s for s in catalog.page(page)["sections"]}
        for step in catalog.page(page).get("steps", []):  # cited by its section's id and title
            section = sections.get(step["section"], {})
            yield page, {**step, "id": step["section"], "title": section.get("title", step["section"])}


def citations(catalog: Catalog) -> dict[str, list[tuple[str, dict]]]:
    """Source id -> the (file, entry) pairs citing it, in data order (unknown ids included)."""
    cited: dict[str, list[tuple[str, dict]]] = {}
    for file, entry in citing_entries(catalog):
        for source_id in entry.get("sources", []):
            cited.setdefault(source_id, []).append((file, entry))
    return cited


def _problem(catalog: Catalog, file: str, entry: dict, line: int, message: str) -> Problem:
    return Problem(catalog.display[file], line, entry.get("id", "-"), message)


def citations_resolve(catalog: Catalog) -> Iterator[Problem]:
    """Cited ids exist; visa impacts and visa-basics items cite something; every source is cited."""
    known = ", ".join(sorted(catalog.sources))
    for file, entry in citing_entries(catalog):
        for i, source_id in enumerate(entry.get("sources", [])):
            if source_id not in catalog.sources:
                yield _problem(
                    catalog,
                    file,
                    entry,
                    entry["sources"].lines[i],
                    (
                        f"'sources' names '{source_id}', which is not a source in sources.yaml; "
                        f"use one of: {known}"
                    ),
                )
    for flag in catalog.flags.values():
        if not flag.get("sources"):
            yield _problem(
                catalog,
                "red_flags",
                flag,
                flag.lines["visa_impact"],
                (
                    "'visa_impact' cites no source; add 'sources:' with the ids (data/sources.yaml) of the "
                    "official pages it rests on"
                ),
            )
    for page in MUST_CITE_PAGES:
        for section in catalog.page(page)["sections"]:
            for item in section.get("items", []):
                if not item.get("sources"):
                    yield _problem(
                        catalog,
                        page,
                        item,
                        item.lines["id"],
                        (
                            "this visa basics item cites no source; add 'sources:' with the ids "
                            "(data/sources.yaml) of the official pages it rests on"
                        ),
                    )
    cited = citations(catalog)
    for source in catalog.sources.values():
        if source["id"] not in cited:
            yield _problem(
                catalog,
                "sources",
                source,
                source.lines["id"],
                (
                    f"source '{source['id']}' is cited by no entry; cite it where its fact is used, "
                    "or remove it"
                ),
            )


def checked_date(text: str) -> datetime.date | None:
    """The date in a `checked` value, or None if it is not a real YYYY-MM-DD date."""
    if len(text) != 10:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def sources_sound(catalog: Catalog) -> Iterator[Problem]:
    """Each source is unique, has an https address and a real date of checking."""
    seen: set[str] = set()
    for source in catalog.files["sources"]["sources"]:
        if source["id"] in seen:
            yield _problem(
                catalog,
                "sources",
                source,
                source.lines["id"],
                (f"source '{source['id']}' is listed twice; list each source once"),
            )
        seen.add(source["id"])
        if not source["url"].startswith("https://"):
            yield _problem(
                catalog,
                "sources",
                source,
                source.lines["url"],
                (f"'url' is {source['url'][:60]!r}; cite the page's https:// address"),
            )
        if checked_date(source["checked"]) is None:
            yield _problem(
                catalog,
                "sources",
                source,
                source.lines["checked"],
                (
                    f"'checked' is {source['checked']!r}, not a real date; write the day you read the page "
                    "as YYYY-MM-DD, e.g. 2026-11-27"
                ),
            )


def stale_sources(catalog: Catalog, today: datetime.date) -> list[Problem]:
    """Sources last checked more than STALE_AFTER_MONTHS months before ``today``."""
    try:
        limit = today.replace(year=today.year - STALE_AFTER_MONTHS // 12)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - STALE_AFTER_MONTHS // 12, day=28)
    stale = []
    for source in catalog.sources.values():
        checked = checked_date(source["checked"])
        if checked is not None and checked < limit:
            stale.append(
                _problem(
                    catalog,
                    "sources",
                    source,
                    source.lines["checked"],
                    (
                        f"checked on {source['checked']}, more than {STALE_AFTER_MONTHS} months ago; read "
                        f"{source['url']} again, correct what changed, and update 'checked'"
                    ),
                )
            )
    return stale
