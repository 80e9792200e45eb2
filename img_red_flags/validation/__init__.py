"""Step 2 of data -> validation -> macros -> pages -> site: load the YAML and prove it sound.

``load_catalog()`` reads every file in ``data/``, checks it against its JSON Schema and then against the
rules in ``rules.py``, and either returns a Catalog or raises DataError listing every problem as
``file:line: entry-id: what to change``.
"""

from .catalog import Catalog
from .load import load_catalog
from .problems import DataError, Problem

__all__ = ["Catalog", "DataError", "Problem", "load_catalog"]
