"""What the post-build steps need from mkdocs.yml: the one place the build settings are read.

``from_mkdocs``: from the config MkDocs loaded (`make build`, `make serve`'s hook). ``read_settings``: from
the file, without building a MkDocs config (Zensical's build; Zensical reads the same file), by MkDocs' own
YAML reader (``read_config``): ``!ENV [NAME, default]`` and ``INHERIT`` mean what they mean to MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.yaml import yaml_load


@dataclass(frozen=True)
class Settings:
    project_dir: Path
    site_name: str
    site_url: str | None
    moved_pages: dict[str, str] = field(default_factory=dict)


def read_config(path: Path) -> dict:
    """The config file as MkDocs reads it (``!ENV``, ``INHERIT`` merged), without validating it."""
    with Path(path).open("rb") as file:
        return yaml_load(file)


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
