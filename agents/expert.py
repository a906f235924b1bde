"""What an expert is: a named job, a domain, a model and a system prompt kept as data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

Domain = Literal["travel", "medical", "emergency", "other"]
# Which model answers: the base model, the medical LoRA adapter, or fixed text (no model).
ModelRole = Literal["base", "medical", "scripted"]

PROMPTS_DIR = Path(__file__).parent / "prompts"


@dataclass(frozen=True)
class Expert:
    name: str
    domain: Domain
    title: str
    prompt_file: Path
    model_role: ModelRole = "base"
    # Knowledge-base fields put in this expert's fact sheet (empty: no grounding).
    kb_fields: tuple[str, ...] = ()

    @cached_property
    def system_prompt(self) -> str:
        """Read once: nodes run on the event loop, where file reads would block."""
        return self.prompt_file.read_text(encoding="utf-8").strip()
