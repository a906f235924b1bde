"""Answers built from a card, for the evaluation's tests: the metric must be able to pass."""

from __future__ import annotations

from agents.knowledge import Lang
from agents.knowledge.conditions import Card

EMERGENCY_LINE: dict[Lang, str] = {
    "zh": "这是紧急情况：请立即拨打急救电话120（国外112/911）。",
    "en": "This is an emergency: call your local emergency number (112/911/999) now.",
}
DIAGNOSIS: dict[Lang, str] = {"zh": "这很可能是{name}。", "en": "This looks like {name}."}


def good_answer(card: Card, lang: Lang) -> str:
    """What a careful doctor reading the right card says: the condition, its care and don'ts."""
    lines = [EMERGENCY_LINE[lang]] if card.emergency else []
    lines.append(DIAGNOSIS[lang].format(name=card.names[lang]))
    lines += [*card.care[lang], *card.do_not[lang], *card.see_doctor[lang]]
    return "\n".join(lines)
