"""The data files are read with libyaml, and it reads them exactly as the pure loader does; a
mapping that repeats a key is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config import yaml_data

ROOT = Path(__file__).resolve().parents[2]
DATA_FILES = sorted(
    p for folder in ("agents", "graph", "serving/data") for p in (ROOT / folder).rglob("*.yaml")
)


def test_the_c_loader_is_used() -> None:
    """The pure-Python loader cost ~2 s of every API start (cards and KB): keep libyaml."""
    assert yaml.__with_libyaml__
    assert issubclass(yaml_data._LOADER, yaml.CSafeLoader)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_data_file_reads_the_same_as_with_the_pure_loader(path: Path) -> None:
    assert yaml_data.read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        yaml_data.parse_yaml("!!python/object/apply:os.system ['true']")


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\na: 3\n",
        "- id: card\n  systemic: {lead: [x]}\n  names: {}\n  systemic: {red_flags: []}\n",
        "top:\n  inner: {k: 1, k: 2}\n",
    ],
)
def test_a_repeated_key_is_an_error_not_the_last_one_silently(text: str) -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key"):
        yaml_data.parse_yaml(text)


def test_equal_keys_in_different_mappings_are_fine() -> None:
    assert yaml_data.parse_yaml("- {id: a}\n- {id: b}\n") == [{"id": "a"}, {"id": "b"}]
