"""The contributor steps say the same thing in the repository (CONTRIBUTING.md) and on the site.

A contributor may meet either first; two versions that drift apart teach two different workflows (the
site's page once left out `make ids` and `make test`). The numbered steps are kept word for word alike.
"""

from __future__ import annotations

import re

from conftest import ROOT

STEP = re.compile(r"^(\d+)\. (.+)$", re.MULTILINE)
COMMANDS = ("make check", "make serve", "make ids", "make test")


def steps(path: str) -> list[str]:
    text = (ROOT / path).read_text(encoding="utf-8")
    found = [(int(number), step) for number, step in STEP.findall(text)]
    assert [n for n, _ in found] == list(range(1, len(found) + 1)), f"{path}: one numbered list, from 1"
    return [step for _, step in found]


def test_contributing_steps_are_the_same_in_the_repository_and_on_the_site():
    assert steps("CONTRIBUTING.md") == steps("docs/about/contributing.md")


def test_the_steps_name_every_command_a_contributor_needs():
    text = "\n".join(steps("docs/about/contributing.md"))
    missing = [command for command in COMMANDS if f"`{command}`" not in text]
    assert not missing, f"the contributor steps leave out {missing}"
    assert "published_ids.txt" in text and "date you read it" in text


def test_both_say_never_rename_an_id_and_how_to_keep_an_old_one():
    for path in ("CONTRIBUTING.md", "docs/about/contributing.md"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(r"[Nn]ever (delete or rename|remove or rename)", text), path
        assert "`aliases:`" in text, path
