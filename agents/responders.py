"""The two responders that never call a model: the emergency escalation and the out-of-scope reply.

Both are fixed bilingual templates (YAML beside the prompts), so what a user gets in an emergency
or after an injection attempt cannot be steered by the user's text or a model's mood.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.expert import PROMPTS_DIR
from agents.knowledge import Destination, Lang

EMERGENCY_TEMPLATE = PROMPTS_DIR / "emergency.yaml"
OUT_OF_SCOPE_TEMPLATE = PROMPTS_DIR / "out_of_scope.yaml"


@cache
def _template(path: Path) -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Escalation:
    """What the safety layer found, in words for the reply (per language)."""

    summaries: Sequence[dict[str, str]] = ()
    advice: Sequence[dict[str, str]] = ()


def emergency_numbers(lang: Lang, destination: Destination | None) -> str:
    numbers = _template(EMERGENCY_TEMPLATE)["numbers"]
    if destination is None:
        return str(numbers["unknown"][lang])
    return str(
        numbers["known"][lang].format(
            number=destination.emergency_number, place=destination.name(lang)
        )
    )


def emergency_reply(lang: Lang, destination: Destination | None, found: Escalation) -> str:
    template = _template(EMERGENCY_TEMPLATE)
    generic = template["generic"]
    summaries = [s[lang] for s in found.summaries] or [generic["summary"][lang]]
    advice = [a[lang] for a in found.advice] or [generic["advice"][lang]]
    joiner = "；" if lang == "zh" else "; "
    return str(
        template[lang]
        .format(
            summary=joiner.join(summaries),
            numbers=emergency_numbers(lang, destination),
            advice=("" if lang == "zh" else " ").join(advice),
        )
        .strip()
    )


def load_templates() -> None:
    """Read the templates now (at graph build), not on the event loop during a turn."""
    _template(EMERGENCY_TEMPLATE)
    _template(OUT_OF_SCOPE_TEMPLATE)


def out_of_scope_reply(lang: Lang) -> str:
    return str(_template(OUT_OF_SCOPE_TEMPLATE)[lang]).strip()
