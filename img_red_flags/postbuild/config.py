"""What the post-build steps need from mkdocs.yml: the one place the build settings are read.

``from_mkdocs``: from the config MkDocs loaded (`make build`, `make serve`'s hook). ``read_settings``: from
the file, without MkDocs (Zensical's build; Zensical reads the same file), as plain YAML plus the two
things this project's configs use: ``!ENV [NAME, default]`` and ``INHERIT`` (``read_config``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    pass


def _env(loader, node):
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]
    )
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if os.environ.get(v)), default)


_Loader.add_constructor("!ENV", _env)


@dataclass(frozen=True)
class Settings:
    project_dir: Path
    site_name: str
    site_url: str | None
    moved_pages: dict[str, str] = field(default_factory=dict)


def read_config(path: Path) -> dict:
    """The config file as plain data, with its INHERIT parent merged in (``extra`` merged key by key)."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        base = read_config(Path(path).parent / parent)
        data = {**base, **data, "extra": {**base.get("extra", {}), **data.get("extra", {})}}
    return data


def from_mkdocs(config) -> Settings:
    """The settings of a config MkDocs has loaded (``mkdocs.config.load_config``)."""
    return Settings(
        Path(config.config_file_path).parent,
        config.site_name,
        config.site_url,
        dict(config.extra.get("moved_pages") or {}),
    )


def read_settings(config_file: Path) -> Settings:
    config_file = Path(config_file).resolve()
    data = read_config(config_file)
    extra = data.get("extra") or {}
    return Settings(
        config_file.parent,
        data["site_name"],
        data.get("site_url") or None,
        dict(extra.get("moved_pages") or {}),
    )
