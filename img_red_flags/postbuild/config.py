"""What the post-build steps need from mkdocs.yml, read without MkDocs (Zensical reads the same file).

Only plain YAML plus the two things this project's configs use: ``!ENV [NAME, default]`` and ``INHERIT``.
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


def _read(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        base = _read(path.parent / parent)
        data = {**base, **data, "extra": {**base.get("extra", {}), **data.get("extra", {})}}
    return data


def read_settings(config_file: Path) -> Settings:
    config_file = Path(config_file).resolve()
    data = _read(config_file)
    extra = data.get("extra") or {}
    return Settings(
        config_file.parent,
        data["site_name"],
        data.get("site_url") or None,
        dict(extra.get("moved_pages") or {}),
    )
