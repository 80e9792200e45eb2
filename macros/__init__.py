"""Step 4 of data -> validation -> model -> macros -> pages -> post-build -> site: the macros pages call.

mkdocs-macros-plugin (and Zensical's macros extension) import this package (``module_name: macros``) and
call ``define_env``. Every macro is registered here, one way: a plain render function from one of the
modules below, called with the catalog and the source path of the page being rendered, plus whichever
of the build's settings (``addresses``, ``site_name``, ``offline``) it names as keyword parameters.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError

from img_red_flags.model.addresses import Addresses
from img_red_flags.model.catalog import data_dir_of, load
from img_red_flags.validation import DataError

from . import checklists, publishing, record, render, scorecard

MODULES = (render, publishing, scorecard, checklists, record)  # each names its macros in MACROS


def _zensical(env) -> bool:
    """True under Zensical, whose macros extension passes its own MacroEnv (MkDocs: mkdocs-macros')."""
    return type(env).__module__.split(".")[0] == "zensical"


def _here(env) -> str:
    """Source path of the page being rendered (MkDocs: page.file.src_uri; Zensical: page.path)."""
    page = getattr(env, "page", None)
    if page is None:
        return "index.md"
    return page.file.src_uri if hasattr(page, "file") else page.path


def settings(conf, zensical: bool = False) -> dict:
    """The build's settings a render function may ask for by naming them as parameters.

    Read when a page is rendered, not in define_env: a plugin listed after macros (Material's offline
    plugin) changes ``use_directory_urls`` in its own on_config, after define_env has run. Under
    Zensical, links written as raw HTML are written from the Markdown source (Addresses.html_link).
    """
    return {
        "addresses": Addresses(
            conf.get("use_directory_urls", True), conf.get("site_url") or None, html_from_source=zensical
        ),
        "site_name": conf.get("site_name", ""),
        "offline": bool((conf.get("extra") or {}).get("offline")),  # mkdocs.offline.yml sets it
    }


SETTINGS = tuple(settings({}))


def bind(function, catalog, env):
    """``function(catalog, here, *args, **settings it names)`` as a macro of the page being rendered."""
    wanted = [name for name in inspect.signature(function).parameters if name in SETTINGS]

    @functools.wraps(function)
    def macro(*args, **kwargs):
        values = settings(env.conf, _zensical(env)) if wanted else {}
        return function(catalog, _here(env), *args, **{name: values[name] for name in wanted}, **kwargs)

    return macro


def define_env(env) -> None:
    try:
        catalog = load(data_dir_of(Path(env.project_dir)))
    except DataError as error:
        # PluginError is a BuildError: MkDocs prints the message and aborts, without a traceback.
        raise PluginError("\n" + error.report()) from None
    env.variables["data_version"] = catalog.meta["version"]
    env.variables["data_updated"] = catalog.meta["updated"]
    for module in MODULES:
        for name in module.MACROS:
            env.macro(bind(getattr(module, name), catalog, env), name)
    env.variables["_guide_catalog"] = catalog  # for on_post_page_macros below, same build
    if _zensical(env) and env.page is not None:
        # Zensical never calls on_post_page_macros, but calls define_env once per page, with the page
        # known: its meta set here reaches the theme.
        describe(env.page, catalog, _here(env))


def describe(page, catalog, src: str) -> None:
    """Pages built from data take their meta description from it, so it is written once.

    Material and Zensical both write page.meta.description into an attribute without escaping it:
    escape every page's, front matter included (escape() leaves already-escaped Markup as it is).
    """
    description = render.description(catalog, src) or checklists.description(catalog, src)
    if description:
        page.meta.setdefault("description", description)
    if "description" in page.meta:
        page.meta["description"] = escape(page.meta["description"])


def on_post_page_macros(env) -> None:
    """MkDocs: the page's description, once its macros have run (Zensical: see define_env)."""
    catalog = env.variables.get("_guide_catalog")
    if catalog is not None:
        describe(env.page, catalog, _here(env))
