"""The data files are read with libyaml, and it reads them exactly as the pure loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config import yaml_data

ROOT = Path(__file__).resolve().parents[2]
DATA_FILES = sorted(
    p
    for folder in ("agents", "graph", "serving/data")
    for p in (ROOT / folder).rglob("*.yaml")
)


def test_the_c_loader_is_used() -> None:
    """The pure-Python loader cost ~2 s of every API start (cards and KB): keep libyaml."""
    assert yaml.__with_libyaml__
    assert yaml_data._LOADER is yaml.CSafeLoader


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_data_file_reads_the_same_as_with_the_pure_loader(path: Path) -> None:
    assert yaml_data.read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        yaml_data.parse_yaml("!!python/object/apply:os.system ['true']")
