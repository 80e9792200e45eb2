"""`mkdocs serve` only: run the post-build steps (img_red_flags/postbuild) on the preview, and reload code.

`make build` runs the steps itself after any generator (tools/build_site.py); this hook gives the live
preview the same short addresses, search terms and open data (without the CSP: the live-reload script
MkDocs injects is inline and changes on every request, so no hash can allow it).

Python modules outlive a rebuild under `mkdocs serve`, so after each build the project's own modules are
dropped from ``sys.modules``: the next rebuild imports the edited macros and post-build code afresh.
That is also why the steps are imported inside the function, not at the top.
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
    from img_red_flags.postbuild.config import Settings
    from img_red_flags.validation import DataError

    settings = Settings(
        Path(config.config_file_path).parent,
        config.site_name,
        config.site_url,
        dict(config.extra.get("moved_pages") or {}),
    )
    try:
        run(open_site(Path(config.site_dir), settings), csp=False)
    except DataError as error:
        raise PluginError("\n" + error.report()) from None
    except PostBuildError as error:
        raise PluginError(f"post-build steps failed:\n{error}") from None
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] in OWN_MODULES]:
            del sys.modules[name]
