"""The destination KB and a plan built from a question the way the itinerary expert builds it,
shared by the day-plan tests (test_kb_plan.py, test_kb_plan_areas.py)."""

from __future__ import annotations

from agents.itinerary_ask import read_ask
from agents.kb_plan import KbPlan, build_plan
from agents.knowledge import CJK, Destination, Lang, load_kb

KB = load_kb()


def dest(key: str) -> Destination:
    found = KB.get(key)
    assert found is not None
    return found


def plan_for(question: str, *, asked_sights: bool = True) -> KbPlan:
    """`asked_sights`: pass the question on, so sights it names come first when days are short."""
    ask = read_ask(question)
    lang: Lang = "zh" if CJK.search(question) else "en"
    said = question if asked_sights else ""
    return build_plan(KB.find(question), ask.days, lang, ask.easy, said, ask.half)
