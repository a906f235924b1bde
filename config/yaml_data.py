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

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeys(_BASE):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a mapping that repeats a key.

    Why: YAML keeps the last of two equal keys without a word. A condition card given a second
    `systemic:` block silently lost its first (its red flags) on 2026-12-03; a data file that
    says one thing twice is an error at start-up, not a guess."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the base loader reports it
                continue
            if repeated:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"found duplicate key {key!r}", key_node.start_mark,
                )  # fmt: skip
        return super().construct_mapping(node, deep=deep)


_LOADER: Any = _UniqueKeys


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def read_yaml(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"))
