"""`mkdocs serve` only: run the post-build steps (img_red_flags/postbuild) on the preview, and reload code.

`make build` runs the steps itself after any generator (tools/build_site.py); this hook gives the live
preview the same short addresses, search terms and open data (without the CSP: the live-reload script
MkDocs injects is inline and changes on every request, so no hash can allow it).

Python modules outlive a rebuild under `mkdocs serve`, so before each rebuild, if any of the project's own
Python files changed since it was imported, all of the project's modules are dropped from ``sys.modules``:
the rebuild imports the edited macros and post-build code afresh. When only data or pages changed
they stay, with their caches (compiled schemas, the catalog keyed by the data files' stamps), which keeps
a data edit's rebuild short. That is also why the steps are imported inside the function, not at the top.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

OWN_MODULES = ("macros", "img_red_flags")
_command = {"name": "build"}


def on_startup(command, dirty) -> None:
    _command["name"] = command


@event_priority(-1000)  # after every plugin
def on_post_build(config) -> None:
    if _command["name"] != "serve":
        return
    from img_red_flags.postbuild import PostBuildError, open_site, run
    from img_red_flags.postbuild.config import from_mkdocs
    from img_red_flags.validation import DataError

    settings = from_mkdocs(config)
    try:
        run(open_site(Path(config.site_dir), settings), csp=False)
    except DataError as error:
        raise PluginError("\n" + error.report()) from None
    except PostBuildError as error:
        raise PluginError(f"post-build steps failed:\n{error}") from None
    finally:
        _remember_code()


_imported: dict[str, int] = {}  # source file -> its modification time when it was imported


def _own_code() -> tuple[list[str], dict[str, int]]:
    """The project's loaded modules, and the modification time of each one's file."""
    own = [name for name in sys.modules if name.split(".")[0] in OWN_MODULES]
    files = {getattr(sys.modules[name], "__file__", None) for name in own} - {None}
    return own, {f: Path(f).stat().st_mtime_ns for f in files if Path(f).exists()}


@event_priority(100)  # before the macros plugin imports macros/ (and the model) in its own on_config
def on_config(config):
    """Under `mkdocs serve`: if any of the project's Python files changed, drop all its modules."""
    if _command["name"] == "serve":
        own, stamps = _own_code()
        if any(_imported.get(f, stamp) != stamp for f, stamp in stamps.items()):
            for name in own:  # one edited module may change what the others import from it
                del sys.modules[name]
            _imported.clear()
    return config


def _remember_code() -> None:
    """Record the files of the modules this build imported (a file edited mid-build keeps its old stamp)."""
    for file, stamp in _own_code()[1].items():
        _imported.setdefault(file, stamp)
