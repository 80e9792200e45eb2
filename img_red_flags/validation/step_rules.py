"""Rules for a guide page written as numbered steps (``steps:`` in data/already_in.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from .catalog import GUIDE_PAGES, Catalog
from .problems import Problem


def steps_name_sections(catalog: Catalog) -> Iterator[Problem]:
    """Each step names a section of its page, once; the first section stays first, so it is no step."""
    for page in GUIDE_PAGES:
        data = catalog.page(page)
        steps = data.get("steps", [])
        sections = [s["id"] for s in data["sections"]]
        seen: set[str] = set()
        for step in steps:
            sid = step["section"]
            if sid not in sections:
                message = (
                    f"'section' names '{sid}', which is not a section of this page; "
                    f"use one of: {', '.join(sections[1:])}"
                )
            elif sid == sections[0]:
                message = "the first section stays first, before the steps; name another one"
            elif sid in seen:
                message = f"'{sid}' is already a step; each section is one step at most"
            else:
                seen.add(sid)
                continue
            seen.add(sid)
            yield Problem.at(catalog.display[page], step, "section", message=message, entry=sid)


def contacts_are_cited(catalog: Catalog) -> Iterator[Problem]:
    """A contact's phone number is one its item's own text states, or one the card of contacts
    (data/meta.yaml ``contacts``) states for the same source; its web address is a source the item cites:
    a printed number or address is never one the data does not already back.

    The card is where the web page states a number, once (one place to read it and to correct it); an
    item may then point to the card instead of repeating the number, and its printed contact still
    takes the number from data that cites where it was read."""
    # A number the card states, by the source it cites (its ``how`` text holds the number).
    card: dict[str, list[str]] = {}
    for c in catalog.meta.get("contacts", []):
        card.setdefault(c["source"], []).append(c["how"])
    for page in GUIDE_PAGES:
        for section in catalog.page(page)["sections"]:
            for item in section.get("items", []):
                contact = item.get("contact")
                if not contact:
                    continue
                phone = contact.get("phone")
                stated = [item.get("detail", ""), *card.get(contact.get("source"), [])]
                if phone and not any(phone in text for text in stated):
                    yield Problem.at(
                        catalog.display[page],
                        item,
                        "contact",
                        message=f"the contact's phone '{phone}' is not in the item's detail, nor in a card "
                        "contact (data/meta.yaml contacts) with the same source; state it in one, "
                        "with its source, or remove it",
                    )
                source = contact.get("source")
                if source and source not in item.get("sources", []):
                    yield Problem.at(
                        catalog.display[page],
                        item,
                        "contact",
                        message=f"the contact's source '{source}' is not among the item's "
                        f"sources; use one of: {', '.join(item.get('sources', []))}",
                    )
