"""Every YAML data file (cards, KB, rules, prompts) is read through here, with libyaml.

Why: the pure-Python loader took about 2 s of each API start-up on the condition cards and the
destination KB alone (every test that starts an API process paid it); PyYAML's C loader reads
the same files 10-20x faster and gives the same objects. PyYAML wheels ship libyaml; the pure
loader stays the fallback where it was built without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def read_yaml(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"))
