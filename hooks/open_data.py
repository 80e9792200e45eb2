"""Publish the catalog as JSON and CSV under data/ on the site (see macros/open_data.py).

Added as generated files before pages are built, so a page can link to them and strict link checking
sees those links resolve. The catalog is the one the macros plugin loaded and validated for the pages,
so the exports and the pages can never disagree.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File


def on_files(files, config, **kwargs):
    # Imported here, not at the top: hooks load before plugins, and an early import would pin `macros`
    # (and `validation`, with its data folder) to whatever copy sys.path finds first, instead of the
    # one the macros plugin loads from this project.
    from img_red_flags.model import open_data

    catalog = getattr(config.plugins.get("macros"), "guide_catalog", None)
    if catalog is None:
        raise PluginError("hooks/open_data.py needs the macros plugin (macros/__init__.py) to load the data")
    for name, content in open_data.files(catalog).items():
        files.append(File.generated(config, f"data/{name}", content=content))
    return files
