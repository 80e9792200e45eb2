"""The MkDocs configuration files themselves: a repeated key silently drops the first one.

PyYAML keeps the last of two equal keys without a word; a second `hooks:` list once replaced the first
and switched off short links and search terms while every build still passed.
"""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT


class _StrictLoader(yaml.SafeLoader):
    """Safe loading plus MkDocs' !ENV / !relative tags, refusing repeated keys."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(k, deep=True) for k, _ in node.value]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise yaml.constructor.ConstructorError(
                None, None, f"key(s) {repeated} appear twice in one mapping", node.start_mark
            )
        return super().construct_mapping(node, deep)


_StrictLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@pytest.mark.parametrize("name", ["mkdocs.yml", "mkdocs.offline.yml"])
def test_config_has_no_repeated_keys(name):
    assert yaml.load((ROOT / name).read_text(), Loader=_StrictLoader)


def test_the_check_catches_a_repeated_key():
    with pytest.raises(yaml.constructor.ConstructorError, match="hooks"):
        yaml.load("hooks: [a]\nnav: []\nhooks: [b]\n", Loader=_StrictLoader)
