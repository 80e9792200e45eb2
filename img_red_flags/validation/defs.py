"""Values the schemas define once (data/schemas/defs.schema.json) that the code needs too.

The schema is the contract for contributors, so the code reads these from it instead of repeating them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DEFS_FILE = Path(__file__).resolve().parents[2] / "data" / "schemas" / "defs.schema.json"
_DEFS = json.loads(DEFS_FILE.read_text(encoding="utf-8"))["$defs"]

# What an id looks like: vague-workload. ID_PATTERN as the schema writes it (an ECMA-262 regex, which the
# scorecard's script reads from its page), ID without its ^ and $ anchors; at most ID_MAX_LENGTH characters.
ID_PATTERN: str = _DEFS["id"]["pattern"]
ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
ID_MAX_LENGTH: int = _DEFS["id"]["maxLength"]
# The severity levels, mildest first (caution, serious, critical), and most severe first, as a tally reads.
SEVERITIES: tuple[str, ...] = tuple(_DEFS["severity"]["enum"])
MOST_SEVERE_FIRST: tuple[str, ...] = tuple(reversed(SEVERITIES))
