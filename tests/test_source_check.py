"""`make source-check` (tools/source_check.py): finds pasted wording, and says so when the article is absent.

These run on articles made here, so they need no private material; the real article is checked by
`make source-check` itself.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from img_red_flags.validation.catalog import DATA_DIR
from img_red_flags.validation.rules import text_values
from img_red_flags.validation.yamlio import load_yaml

TOOL = ROOT / "tools" / "source_check.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True)


def a_data_sentence() -> tuple[str, str]:
    """A long text value of the real data and its entry id."""
    document = load_yaml(DATA_DIR / "red_flags.yaml", "red_flags")[0]
    text, _line, entry, _key = next(v for v in text_values(document) if len(v[0].split()) >= 12)
    return text, entry


def test_absent_article_fails_and_says_why(tmp_path):
    result = run(str(tmp_path / "guide.txt"))
    assert result.returncode == 2
    assert "not here" in result.stderr and "public clone" in result.stderr


def test_a_pasted_sentence_is_reported_with_its_place(tmp_path):
    text, entry = a_data_sentence()
    article = tmp_path / "guide.txt"
    article.write_text(f"An unrelated opening line.\n{text}\nAn unrelated closing line.\n")
    result = run(str(article))
    assert result.returncode == 1
    assert "data/red_flags.yaml:" in result.stdout and f": {entry}: " in result.stdout


def test_own_words_pass(tmp_path):
    article = tmp_path / "guide.txt"
    article.write_text("Zebra quartz violin marmalade: no guide entry would ever say this.\n")
    result = run(str(article))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout
