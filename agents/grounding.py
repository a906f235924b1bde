"""The retrieval step: put vetted facts in front of the model, under its instructions.

Robust for a 0.5B model that cannot call tools: a travel expert sees a compact fact sheet of the
destinations the thread mentions (only the fields its job needs), the dermatology expert the
condition cards that fit the question, in the user's language. When no card fits, the doctor is
told to say it cannot tell rather than invent a condition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agents.knowledge import KnowledgeBase, Lang, load_kb, text_lang
from agents.knowledge.condition_search import ConditionSearch, Match, default_search
from agents.prompt_data import read_yaml

HEADER = {
    "zh": "知识库资料（以下事实可靠，请据此回答；价格为参考区间）：",
    "en": "Knowledge-base facts (reliable; answer from them; prices are indicative ranges):",
}
MAX_DESTINATIONS = 2
MAX_CARDS = 3
MEDICAL_GROUNDING = Path(__file__).parent / "prompts" / "medical_grounding.yaml"


def _medical_templates() -> dict[str, Any]:
    templates: dict[str, Any] = read_yaml(MEDICAL_GROUNDING)
    return templates


def destination_prompt(
    system_prompt: str,
    kb_fields: Sequence[str],
    user_texts: Sequence[str],
    kb: KnowledgeBase | None = None,
) -> str:
    """The prompt plus fact sheets for the newest destinations in the thread."""
    if not kb_fields or not user_texts:
        return system_prompt
    kb = kb or load_kb()
    destinations = kb.find_in_thread(user_texts, limit=MAX_DESTINATIONS)
    if not destinations:
        return system_prompt
    lang = text_lang(user_texts[-1])
    sheets = "\n\n".join(d.fact_sheet(kb_fields, lang) for d in destinations)
    return f"{system_prompt}\n\n{HEADER[lang]}\n{sheets}"


@dataclass(frozen=True)
class ConditionGrounding:
    """The doctor's prompt for this turn and the cards it was given (empty: none fits)."""

    system_prompt: str
    matches: tuple[Match, ...] = field(default=())

    @property
    def avoid_tags(self) -> frozenset[str]:
        return frozenset(t for m in self.matches for t in m.card.avoid)

    @property
    def emergency(self) -> bool:
        return any(m.card.emergency for m in self.matches[:1])


def condition_prompt(
    system_prompt: str, user_texts: Sequence[str], search: ConditionSearch | None = None
) -> ConditionGrounding:
    """The trained prompt plus the best-fitting condition cards, or the "cannot tell" line."""
    if not user_texts:
        return ConditionGrounding(system_prompt)
    lang: Lang = text_lang(user_texts[-1])
    matches = tuple((search or default_search()).fitting(user_texts, k=MAX_CARDS))
    templates = _medical_templates()
    if not matches:
        return ConditionGrounding(f"{system_prompt}\n\n{templates['no_card'][lang].strip()}")
    cards = "\n\n".join(m.card.sheet(lang) for m in matches)
    grounding = templates["cards"][lang].format(cards=cards).strip()
    return ConditionGrounding(f"{system_prompt}\n\n{grounding}", matches)
