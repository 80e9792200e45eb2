"""The already-in page as numbered steps (GOV.UK's step-by-step pattern), read from the built HTML:
the do / do-not block first, then each step in the order data/already_in.yaml gives, each saying who
learns of it and what it can do to the visa, and every section and item still at its id."""

from __future__ import annotations

import html
import re

import pytest

# Who may learn of a step, as the issue names them (and the State Department's J-1 line).
PARTIES = re.compile(
    r"\b(nobody|only the one you contact|program|institution|ECFMG|ACGME|attorney|State Department)\b", re.I
)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _steps(page: str) -> list[dict]:
    """Each <li class="step ..."> of the page: its heading id and text, and its who and visa lines."""
    out = []
    for block in re.split(r'<li class="step entry">', page)[1:]:
        block = block.split("</details>")[0]
        heading = re.search(r'<h2 class="step__title" id="([^"]+)">(.*?)</h2>', block, re.S)
        who = re.search(r'<p class="step__who"[^>]*>(.*?)</p>', block, re.S)
        visa = re.search(r'<p class="step__visa"[^>]*>(.*?)</p>', block, re.S)
        out.append(
            {
                "id": heading and heading.group(1),
                "heading": heading and _text(heading.group(2)),
                "who": who and _text(who.group(1)),
                "visa": visa and _text(visa.group(1)),
            }
        )
    return out


@pytest.fixture(scope="module")
def page(site) -> str:
    return (site / "already-in-one" / "index.html").read_text(encoding="utf-8")


@pytest.mark.both_generators
def test_steps_are_numbered_in_the_order_of_the_data(page, catalog):
    steps = _steps(page)
    sections = {s["id"]: s for s in catalog.page("already_in")["sections"]}
    expected = [s["section"] for s in catalog.page("already_in")["steps"]]
    assert len(expected) >= 4
    assert [s["id"] for s in steps] == expected
    for number, (step, sid) in enumerate(zip(steps, expected, strict=True), 1):
        assert step["heading"].startswith(f"Step {number} "), step["heading"]
        assert sections[sid]["title"] in step["heading"]


@pytest.mark.both_generators
def test_every_step_says_who_learns_of_it_and_what_it_can_do_to_the_visa(page, catalog):
    data = {s["section"]: s for s in catalog.page("already_in")["steps"]}
    for step in _steps(page):
        assert step["who"] and step["who"].startswith("Who learns of it:"), step
        assert PARTIES.search(step["who"]), f"{step['id']}: names nobody the issue lists: {step['who']}"
        assert " ".join(data[step["id"]]["who_learns"].split()) in step["who"]
        assert step["visa"] and step["visa"].startswith("What it can do to your visa:"), step
    nobody = [s["id"] for s in _steps(page) if s["who"].startswith("Who learns of it: Nobody")]
    assert "document" in nobody  # a private log: nobody learns of it


@pytest.mark.both_generators
def test_do_and_do_not_come_first_before_any_step(page):
    first_steps = page.index('id="first-steps"')
    assert (
        first_steps
        < page.index("Do not resign, walk out or stop going to work")
        < page.index('class="steps"')
    )
    assert first_steps < page.index("<strong>Do</strong>") < page.index('class="steps"')
    # The first steps are not folded: no <details> between their heading and the list of steps.
    assert "<details" not in page[first_steps : page.index('class="steps"')]


@pytest.mark.both_generators
def test_every_section_and_item_keeps_its_id(page, catalog):
    for section in catalog.page("already_in")["sections"]:
        assert f'id="{section["id"]}"' in page, section["id"]
        for item in section.get("items", []):
            assert f'id="{item["id"]}"' in page, item["id"]
