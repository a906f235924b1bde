"""Prompts, templates and word lists are YAML beside their owner; this reads one, once.

Read at graph build (see `graph.builder.load_data_files`), never on the event loop mid-turn.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from config import yaml_data


@cache
def read_yaml(path: Path) -> Any:
    return yaml_data.read_yaml(path)
