"""When an expert the router added has nothing for the turn, it stays out of the reply.

Why: the classifier sometimes adds a second expert with nothing to say, and its section is noise
(served read 27): "去成都想吃火锅但是一点辣都不能吃，怎么办" got the food answer, then the
doctor's "这听起来不是皮肤问题…请尽快问当地的医生或药师" on a turn with no health complaint (r8); a
Bali tattoo that is red and oozing got the tattoo card and then Bali's sights list, though nothing
of travel was asked (r10). Two answers, both scripted, are "nothing to add":

1. the card-led doctor's plain "not a skin problem, ask a doctor or pharmacist" (`non_skin`
   without its altitude or sun-medicine lines) when the turn names no health complaint: none of
   the router's health words (graph/routing/lexicon.yaml `medical_terms`, and `complaint_terms`,
   which add the doctor to a travel-led turn: its section must then stay), the doctor's own words
   for how a complaint feels (prompts/medical_question_kinds.yaml `findings.feels`: "牙疼", "sore")
   or an emergency sign (prompts/emergency_signs.yaml);
2. a KB-led travel expert beside the doctor whose own travel part (agents/travel_part.py) gets
   the KB's default sights list and asks for nothing a travel expert answers: no plan, list,
   places, food, interest, count (prompts/itinerary_ask.yaml), practical or transport topic
   (prompts/kb_answer.yaml), travel ask or travel expert's cue word (lexicon.yaml `travel_asks`,
   `expert_cues`).

Only an expert that is not the turn's lead is ever quiet (the caller says which), never a
model-written answer; the graph keeps the doctor on an urgent-care turn.
(evals/results/quiet_second_expert_rule_2026-12-06.md)
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache
from pathlib import Path

from agents.card_answer import CardAnswer
from agents.emergency_signs import emergency_signs
from agents.highlights import words_of
from agents.itinerary_ask import read_ask
from agents.kb_answer import KbAnswer, asked_topics
from agents.knowledge import has_word
from agents.medical_questions import question_kinds
from agents.prompt_data import read_yaml
from agents.travel_part import without_context

# The router's word lists, read here and not imported: agents/ does not import graph/.
LEXICON = Path(__file__).parents[1] / "graph" / "routing" / "lexicon.yaml"
SIGHTS_LIST = "sights_list"
WHERE = re.compile(r"(?<![a-z])where(?![a-z])", re.IGNORECASE)
TOPIC_EXPERTS = ("practicalities", "transport", "accommodation")


HEALTH_KEYS = ("medical_terms", "complaint_terms")


@cache
def _lexicon(key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in read_yaml(LEXICON)[key])


@cache
def _cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    """The router's strong words for each travel expert ("day trip", "怎么去", "住哪")."""
    cues: dict[str, list[str]] = read_yaml(LEXICON)["expert_cues"]
    return {e: tuple(re.compile(p, re.IGNORECASE) for p in ps) for e, ps in cues.items()}


def names_health_complaint(question: str, not_signs: Collection[str] = ()) -> bool:
    """Whether the question says something is wrong with someone's health (`not_signs`: sign
    groups that say no complaint here: a high place asked about, altitude_lead_rule)."""
    if any(p.search(question) for key in HEALTH_KEYS for p in _lexicon(key)):
        return True
    kinds = question_kinds()
    lowered = question.lower()
    feels = kinds.findings["feels"]
    if any(
        re.search(rf"(?<![a-z]){re.escape(w)}", lowered) if w.isascii() else w in lowered
        for w in feels
    ):
        return True
    signs = emergency_signs()
    return bool(signs.signs(question) - set(not_signs) - signs.context_groups)


def doctor_has_nothing(answer: CardAnswer, question: str) -> bool:
    """The doctor's plain "not a skin problem" referral, on a turn with no health complaint."""
    return answer.referral_only and not names_health_complaint(question)


def asks_travel(part: str) -> bool:
    """Whether the travel part asks anything a travel expert answers."""
    ask = read_ask(part)
    if ask.plan or ask.food or ask.dishes or ask.interests or ask.count is not None:
        return True
    if any(has_word(words_of(kind), part) for kind in ("list_words", "place_words")):
        return True
    if WHERE.search(part):  # list_words' "哪里" in English ("where's good for beginners?")
        return True
    if any(asked_topics(part, expert) for expert in TOPIC_EXPERTS):
        return True
    if any(p.search(part) for p in _lexicon("travel_asks")):
        return True
    return any(p.search(part) for patterns in _cues().values() for p in patterns)


def names_lodging(part: str) -> bool:
    """Whether the text says anything of lodging: the router's accommodation cue words
    (住哪 / hotel / "where to stay") or a lodging topic of prompts/kb_answer.yaml."""
    return bool(asked_topics(part, "accommodation")) or any(
        p.search(part) for p in _cues()["accommodation"]
    )


def travel_has_nothing(answer: KbAnswer, part: str) -> bool:
    """The KB's default sights list for a travel part that asks nothing of travel (read without
    its context line: "(Trip: Bali)" is where the complaint happened, not an ask)."""
    return answer.kind == SIGHTS_LIST and not asks_travel(without_context(part))
