"""Step 3 of data -> validation -> macros -> pages -> site: the Jinja macros pages call.

mkdocs-macros-plugin imports this package (``module_name: macros``) and calls ``define_env``. The data is
loaded and validated here, once per build; a data problem stops the build with the problem list and no
traceback. Rendering lives in ``render.py`` as plain functions of (catalog, ids), so it can be tested
without MkDocs and moved to another generator.
"""

from __future__ import annotations

import functools

from markupsafe import escape
from mkdocs.exceptions import PluginError

from img_red_flags.validation import DataError, load_catalog

from . import checklists, publishing, render, scorecard


def define_env(env) -> None:
    try:
        catalog = load_catalog()
    except DataError as error:
        # PluginError is a BuildError: MkDocs prints the message and aborts, without a traceback.
        raise PluginError("\n" + error.report()) from None
    env.guide_catalog = catalog
    env.variables["data_version"] = catalog.meta["version"]
    env.variables["data_updated"] = catalog.meta["updated"]
    for name in render.MACROS:
        env.macro(render.bind(getattr(render, name), catalog, env), name)
    # mkdocs.offline.yml sets extra.offline: the offline copy says so instead of linking to itself.
    offline = bool(env.conf["extra"].get("offline"))
    env.macro(render.bind(functools.partial(publishing.offline_copy, offline=offline), catalog, env),
              "offline_copy")
    env.macro(render.bind(publishing.open_data, catalog, env), "open_data")
    # The scorecard writes final URLs into JSON, so it needs to know the site's URL style.
    directory_urls = env.conf["use_directory_urls"]
    for name in scorecard.MACROS:
        function = functools.partial(getattr(scorecard, name), directory_urls=directory_urls)
        env.macro(render.bind(function, catalog, env), name)
    checklists.define(env, catalog)


def on_post_page_macros(env) -> None:
    """Pages built from data take their meta description from it, so it is written once."""
    catalog = getattr(env, "guide_catalog", None)
    src = env.page.file.src_uri
    if catalog is not None:
        name = render.PAGE_NAMES.get(src)
        if name in catalog.files and "description" in catalog.page(name):
            env.page.meta.setdefault("description", catalog.page(name)["description"])
        if sheet := checklists.description(catalog, src):
            env.page.meta.setdefault("description", sheet)
    # Material writes page.meta.description into an attribute without escaping it: escape every page's,
    # front matter included (escape() leaves already-escaped Markup as it is).
    if "description" in env.page.meta:
        env.page.meta["description"] = escape(env.page.meta["description"])
