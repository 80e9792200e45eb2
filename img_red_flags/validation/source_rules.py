"""Rules for data/sources.yaml and the citations (`sources:` lists) that point into it.

Every visa, accreditation and institutional claim must be traceable to a page a reader can check: a
flag's visa impact and every item of the visa basics page cite at least one source, every cited id
exists, every source is cited somewhere and carries the passages read on it, and each source has an
address that is what it seems (https, no user name or password, an ASCII host) and real dates that
are not after the build. "Official" is a rule, not a word: a source is official only on a host of the
data's own allowlist (``official_hosts``); any other source says ``official: false``, and a visa claim
cites it only next to an official one or with its visible ``note``.

How old a check may grow is not a rule of the data (time passing must not break a build):
``stale_sources`` and ``stale_reviews`` report it, as a warning for ``make check`` and a failure for
``make stale``. A date in the future is a data error, because it would never go stale.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from urllib.parse import urlsplit

from .catalog import GUIDE_PAGES, Catalog
from .problems import Problem
from .yamlio import LineDict

STALE_AFTER_MONTHS = 12
# A rule in motion with no stated end date is read again at most this many days after it was checked.
REVIEW_WITHIN_DAYS = 90
# The day the data is checked against ("the build date"); tests set it.
TODAY_ENV = "IMG_RED_FLAGS_TODAY"
# Pages whose every item states visa rules: each item must cite a source.
MUST_CITE_PAGES = ("visa_basics",)


def citing_entries(catalog: Catalog) -> Iterator[tuple[str, dict]]:
    """(file, mapping) for everything that may carry `sources:`: flags, FAQs, guide sections and items."""
    for flag in catalog.flags.values():
        yield "red_flags", flag
    for faq in catalog.faqs.values():
        yield "faqs", faq
    for rule in catalog.files["record"]["rules"]:
        yield "record", rule
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


def citations_resolve(catalog: Catalog) -> Iterator[Problem]:
    """Cited ids exist; visa impacts and visa-basics items cite something; every source is cited."""
    known = ", ".join(sorted(catalog.sources))
    for file, entry in citing_entries(catalog):
        for i, source_id in enumerate(entry.get("sources", [])):
            if source_id not in catalog.sources:
                yield Problem.at(
                    catalog.display[file],
                    entry,
                    "sources",
                    i,
                    message=(
                        f"'sources' names '{source_id}', which is not a source in sources.yaml; "
                        f"use one of: {known}"
                    ),
                )
    for flag in catalog.flags.values():
        if not flag.get("sources"):
            yield Problem.at(
                catalog.display["red_flags"],
                flag,
                "visa_impact",
                message=(
                    "'visa_impact' cites no source; add 'sources:' with the ids (data/sources.yaml) of the "
                    "official pages it rests on"
                ),
            )
    for page in MUST_CITE_PAGES:
        for section in catalog.page(page)["sections"]:
            for item in section.get("items", []):
                if not item.get("sources"):
                    yield Problem.at(
                        catalog.display[page],
                        item,
                        "id",
                        message=(
                            "this visa basics item cites no source; add 'sources:' with the ids "
                            "(data/sources.yaml) of the official pages it rests on"
                        ),
                    )
    cited = citations(catalog)
    for source in catalog.sources.values():
        if source["id"] not in cited:
            yield Problem.at(
                catalog.display["sources"],
                source,
                "id",
                message=(
                    f"source '{source['id']}' is cited by no entry; cite it where its fact is used, "
                    "or remove it"
                ),
            )


def build_date() -> datetime.date:
    """The day of this build: ``IMG_RED_FLAGS_TODAY`` if set (tests, reproducible builds), else today."""
    return datetime.date.fromisoformat(os.environ.get(TODAY_ENV) or datetime.date.today().isoformat())


def checked_date(text: str) -> datetime.date | None:
    """The date in a `checked` value, or None if it is not a real YYYY-MM-DD date."""
    if len(text) != 10:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _host_allowed(host: str, allowed: set[str]) -> bool:
    """The host is an allowlisted host or one of its subdomains (www.ecfmg.org under ecfmg.org)."""
    return any(host == a or host.endswith("." + a) for a in allowed)


def _shown(url: str) -> str:
    """The address quoted in a message, non-ASCII letters escaped (\\u0430) so a look-alike shows."""
    return "'" + url[:60].encode("ascii", "backslashreplace").decode("ascii") + "'"


def address_problem(url: str) -> str | None:
    """Why ``url`` is not an address a reader can trust as written, or None.

    https only; no user name or password (``https://ecfmg.org@evil.example/`` goes to evil.example);
    an ASCII host, so a look-alike Unicode host (a Cyrillic a, U+0430, in 'ecfmg.org') cannot pass for the
    real one.
    """
    if not url.startswith("https://"):
        return "cite the page's https:// address"
    # urlsplit takes any text after the host as a path: white space or <>"{}|\\^` would reach the page's
    # href as written (and end or break the link); a browser's address bar never shows them unencoded.
    if any(c.isspace() or c in '<>"{}|\\^`' for c in url):
        return (
            "it holds a space or a character an address cannot hold; copy it from the browser's address bar"
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return "it is not a valid address; copy the address from the browser's address bar"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "it carries a user name or password before the host; cite the address without it"
    if not host.isascii():
        return (
            "its host has non-ASCII letters (a look-alike of a real host?); cite the address with "
            "the host in plain ASCII letters, as the official site writes it"
        )
    if not host or "." not in host:
        return "it has no host name; copy the address from the browser's address bar"
    return None


def _date_problems(catalog, file, entry, node, key, today, what) -> Iterator[Problem]:
    """The date at ``node[key]`` (in ``entry``, or the entry itself) is real and not after ``today``."""
    value = node[key]
    day = checked_date(value)
    if day is None:
        message = (
            f"'{key}' is {value!r}, not a real date; write the day you read {what} as YYYY-MM-DD, "
            "e.g. 2026-11-27"
        )
    elif day > today:
        message = (
            f"'{key}' is {value}, after the build date; write the day you actually read "
            f"{what} (a date in the future would never go stale)"
        )
    else:
        return
    yield Problem.at(catalog.display[file], node, key, message=message, entry=entry.get("id", "-"))


def sources_sound(catalog: Catalog) -> Iterator[Problem]:
    """Each source's address is what it seems; official only on an allowlisted host; its dates
    (checked, passages read) are real and not after the build. (Each source listed once: unique_ids.)"""
    today = build_date()
    doc = catalog.files["sources"]
    allowed = {h["host"] for h in doc.get("official_hosts", [])}
    for source in doc["sources"]:
        for key in ("url", "read_at"):
            if key not in source:
                continue
            if why := address_problem(source[key]):
                yield Problem.at(
                    catalog.display["sources"],
                    source,
                    key,
                    message=f"'{key}' is {_shown(source[key])}; {why}",
                )
        if source.get("official", True) and not address_problem(source["url"]):
            host = urlsplit(source["url"]).hostname or ""
            if not _host_allowed(host, allowed):
                yield Problem.at(
                    catalog.display["sources"],
                    source,
                    "url",
                    message=(
                        f"'{host}' is not on the official_hosts allowlist, so this source cannot be "
                        "presented as official; add 'official: false' (and a 'note' saying why no "
                        "official page exists), or cite the official body's own page"
                    ),
                )
        yield from _date_problems(catalog, "sources", source, source, "checked", today, "the page")
        for passage in source.get("passages", []):
            yield from _date_problems(catalog, "sources", source, passage, "read", today, "the passage")


def citations_checkable(catalog: Catalog) -> Iterator[Problem]:
    """A cited source carries the passages read on it; a non-official source is cited only next to an
    official one, or with a note saying why none exists."""
    cited = citations(catalog)
    for source in catalog.sources.values():
        if source["id"] in cited and not source.get("passages"):
            yield Problem.at(
                catalog.display["sources"],
                source,
                "id",
                message=(
                    f"source '{source['id']}' is cited but has no 'passages'; add the short quotation(s) "
                    "you read on the page that support the claims citing it, with the day you read them"
                ),
            )
    for file, entry in citing_entries(catalog):
        ids = [s for s in entry.get("sources", []) if s in catalog.sources]
        official = [s for s in ids if catalog.sources[s].get("official", True)]
        for i, source_id in enumerate(entry.get("sources", [])):
            found = catalog.sources.get(source_id)
            if found is None or found.get("official", True) or official or found.get("note"):
                continue
            yield Problem.at(
                catalog.display[file],
                entry,
                "sources",
                i,
                message=(
                    f"'{source_id}' is not an official page and is cited alone; cite an official page "
                    "beside it, or give the source a 'note' that says why no official page exists"
                ),
            )


def _review_items(catalog: Catalog) -> Iterator[tuple[str, LineDict]]:
    for page in GUIDE_PAGES:
        for section in catalog.page(page)["sections"]:
            for item in section.get("items", []):
                if any(k in item for k in ("checked", "review_by", "ends")):
                    yield page, item


def review_dates_sound(catalog: Catalog) -> Iterator[Problem]:
    """A rule in motion has a checked date and a review-by date: its stated end date if it has one,
    otherwise no more than REVIEW_WITHIN_DAYS days after it was checked."""
    today = build_date()
    for page, item in _review_items(catalog):
        missing = [k for k in ("checked", "review_by") if k not in item]
        if missing:
            yield Problem.at(
                catalog.display[page],
                item,
                "id",
                message=(
                    f"a rule in motion needs both 'checked' and 'review_by'; add {' and '.join(missing)} "
                    "(YYYY-MM-DD)"
                ),
            )
            continue
        yield from _date_problems(catalog, page, item, item, "checked", today, "the official page")
        checked, review = checked_date(item["checked"]), checked_date(item["review_by"])
        ends = checked_date(item["ends"]) if "ends" in item else None
        if review is None or ("ends" in item and ends is None):
            key = "review_by" if review is None else "ends"
            yield Problem.at(
                catalog.display[page],
                item,
                key,
                message=f"'{key}' is {item[key]!r}, not a real date; write it as YYYY-MM-DD",
            )
            continue
        if checked is None:
            continue
        limit = ends if ends is not None else checked + datetime.timedelta(days=REVIEW_WITHIN_DAYS)
        if review > limit or review < checked:
            yield Problem.at(
                catalog.display[page],
                item,
                "review_by",
                message=(
                    f"'review_by' is {item['review_by']}; it must fall between 'checked' ({item['checked']}) "
                    + (
                        f"and the rule's stated end date ({item['ends']})"
                        if ends is not None
                        else f"and {REVIEW_WITHIN_DAYS} days after it ({limit})"
                    )
                ),
            )


def stale_reviews(catalog: Catalog, today: datetime.date) -> list[Problem]:
    """Rules in motion whose review-by date has passed."""
    stale = []
    for page, item in _review_items(catalog):
        review = checked_date(item.get("review_by", ""))
        if review is not None and review < today:
            stale.append(
                Problem.at(
                    catalog.display[page],
                    item,
                    "review_by",
                    message=(
                        f"to be reviewed by {item['review_by']}, which has passed; read its official page "
                        "again, correct what changed, and update 'checked' and 'review_by'"
                    ),
                )
            )
    return stale


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
                Problem.at(
                    catalog.display["sources"],
                    source,
                    "checked",
                    message=(
                        f"checked on {source['checked']}, more than {STALE_AFTER_MONTHS} months ago; read "
                        f"{source['url']} again, correct what changed, and update 'checked'"
                    ),
                )
            )
    return stale
