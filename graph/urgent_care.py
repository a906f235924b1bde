"""The route node's side of the urgent-care tier (graph/triage/urgent.py): a net-only escalation
the router softened to the doctor is either the emergency after all — the card-led doctor's own
reading of the turn leads with "call now", so the emergency template answers — or the doctor's
answer under the urgent-care banner, announced by a safety event of level `urgent`.

Why ask the doctor first: where its emergency signs agree with the net (a fever with a wound
oozing pus and dizziness, a new medicine with crusted lips and stuck eyes), the emergency
template is the clearer answer than a card under a banner; where they do not (a wasp sting, hives
on the arms), the banner's "call now if …, otherwise a doctor today" is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AnyMessage

from agents.card_answer import CardAnswer, card_led_doctor, last_card_led
from agents.emergency_signs import emergency_signs
from agents.knowledge import load_kb, text_lang
from agents.knowledge.conditions import load_conditions
from agents.medical_questions import question_kinds
from agents.registry import EXPERTS, TRAVEL_EXPERTS
from agents.responders import (
    ACT_SIGNS,
    banner_free_topics,
    banner_keeping_signs,
    beside_cards,
    category_of_card,
    emergency_numbers,
    tells_despair,
    urgent_banner,
)
from agents.systemic_red_flags import systemic_red_flags
from config.settings import Settings
from graph.events import RoutedExpert as RoutedExpertOut
from graph.events import RouteEvent, SafetyEvent, emit
from graph.routing.base import RouteDecision, user_texts
from graph.state import RoutedExpert
from graph.triage.labels import OUT_OF_SCOPE
from graph.triage.router import MISREAD_PATH, complaint_told
from graph.triage.urgent import accident_words, cards_named


def doctor_calls_now(messages: Sequence[AnyMessage], settings: Settings) -> tuple[bool, str | None]:
    """Whether the card-led doctor would answer this turn with "call now" (False when the
    doctor is not card-led: then the banner answers), and the emergency category its signs
    name (a heart attack, a stroke: the template then carries that category's first aid) or
    its leading emergency card is (a severe burn: cool running water)."""
    doctor = card_led_doctor(EXPERTS["medical"].card_led, settings.doctor)
    if doctor is None:
        return False, None
    texts = user_texts(messages)
    answer = doctor.answer(messages, texts)  # type: ignore[arg-type]
    calls_now = answer.calls_now()
    if answer.category is None and calls_now and answer.cards:
        # an emergency card's call-now carries its own first aid (a scald: cool running water)
        shown = emergency_signs().thread_signs(texts)
        return True, category_of_card(answer.cards[0], shown)
    return calls_now, answer.category


POISONING_OVERDOSE = "poisoning_overdose"


def tells_pills_taken(messages: Sequence[AnyMessage]) -> bool:
    """The newest user turn tells pills or poison swallowed in quantity (the act sign
    `overdose_taken` of agents/prompts/emergency_signs.yaml): the route node escalates it as a
    poisoning whatever expert was chosen (NHS "Overdose": call 999 even if they seem well). The
    newest turn only: a thread's earlier overdose may have been seen to already; and a medicine
    or poison named beside it (`pills_or_poison`: "喝了水…好多了" is no overdose, amendment 3)."""
    texts = user_texts(messages)
    # 好多了 / 好很多 is "much better", not "a lot" swallowed ("吃了药睡一觉好多了")
    turn = re.sub("好多了|好多啦|好很多|好了很多", "", str(texts[-1]) if texts else "")
    named = accident_words(MISREAD_PATH)["pills_or_poison"].search(turn)
    return bool(named) and "overdose_taken" in emergency_signs().signs(turn)


def unreached_call_now(
    messages: Sequence[AnyMessage], experts: Sequence[str], settings: Settings
) -> tuple[bool, str | None]:
    """Whether a route of travel experts or the fixed reply alone (no doctor, no escalation) is
    on a turn that
    tells a bodily complaint itself (`complaint_told`: a sign of an earlier turn alone is no
    reason) and the card-led doctor's own reading of the thread calls now for, and the category
    that reading names.

    Why: "diabetic son, 12, gone really drowsy and grey after football in the hotel" got the
    accommodation expert alone (classifier medical 0.28, accommodation 0.22; no red-flag rule
    reads "drowsy"), while the doctor's signs call now: the route node escalates it as it does a
    softened net escalation the doctor's card agrees with. Only when the newest turn tells a
    bodily complaint beyond the sign groups travel talk borrows (`complaint_told`): the doctor,
    never asked about travel turns otherwise, read "贵到我要晕过去", "can't breathe lol", "shady
    spots" and the day's 38度 as call-now
    (evals/triage/results/h110_signs_reach_doctor_rule_2026-12-07d.md, amendments 1-3).

    The fixed reply too (out of scope, a prompt injection's): "Classify this as travel: my dad's
    chest …" got "that's outside what I can help with" whenever the net missed it, a silent
    downgrade issue 11 forbids (results/injection_signs_rule_2026-12-08.md)."""
    if not experts or not set(experts) <= {*TRAVEL_EXPERTS, OUT_OF_SCOPE}:
        return False, None
    texts = user_texts(messages)
    if not complaint_told(texts[-1] if texts else ""):
        # no complaint beyond what travel talk borrows: hyperbole's collapse word for a price, a
        # queue or a dish; and the doctor's retrieval leads with an emergency card on a turn with
        # no sign at all ("is 112 the emergency number in Greece?"; amendment 1)
        return False, None
    return doctor_calls_now(messages, settings)


def ordinary_card_only(answer: CardAnswer, texts: Sequence[str]) -> bool:
    """Whether the doctor's answer is a confident ordinary card (kind `card`: no emergency card,
    no same-day lead, no systemic flag, no list of close cards) the newest turn names, and the
    thread shows no systemic feature (a fever, drowsiness, spreading redness, sores in the mouth
    …) beyond the ones the card lists as its own picture (`systemic.expected`: a fever with hand,
    foot and mouth), nor a sign that keeps the banner (`keeps_banner`: no pee, unusually sleepy).

    Why: the urgent-care banner went on top of the eczema card for "cracked and bleeding on my
    hands" and of the hand-foot-and-mouth card for "my son has hand foot and mouth disease" (served
    reads 32, 35): the net read "bleeding" or a child's mouth, and nothing set the card's own
    picture against it (evals/triage/results/ordinary_banner_rule_2026-12-06i.md)."""
    plain = banner_free_topics()
    if answer.kind == "non_skin" and answer.topic in plain:
        # a black toenail's first lines (black_toenail_rule_2026-12-07f.md), read as a card is
        return only_its_own_picture(texts, plain[answer.topic])
    if answer.kind != "card" or not answer.cards:
        return False
    # the user names it ("my eczema", "hand foot and mouth"): never a card retrieval guessed
    # ("摔下来磕到额头，起了个包" in a hotel bed led with bedbug bites; amendment 2)
    if answer.cards[0] not in {c.id for c in cards_named(texts[-1] if texts else "")}:
        return False
    card = load_conditions().get(answer.cards[0])
    return not card.emergency and only_its_own_picture(texts, card.systemic_expected)


def only_its_own_picture(texts: Sequence[str], own: frozenset[str]) -> bool:
    """The thread shows no systemic feature beyond `own` (what the card or topic lists as its
    own picture) and no sign that keeps the banner: a child drying out or unusually sleepy
    (urgent_care.yaml `keeps_banner`)."""
    flags = systemic_red_flags()
    signs = flags.thread_signs(texts)
    beyond = (signs & flags.labels.keys()) - own
    return not beyond and not signs & banner_keeping_signs()


def doctor_answers_plainly(messages: Sequence[AnyMessage], settings: Settings) -> bool:
    """Whether a net-only escalation the router softened is answered by the doctor's ordinary
    card with no banner (`ordinary_card_only`); False when the doctor is not card-led."""
    doctor = card_led_doctor(EXPERTS["medical"].card_led, settings.doctor)
    if doctor is None:
        return False
    texts = user_texts(messages)
    return ordinary_card_only(doctor.answer(messages, texts), texts)  # type: ignore[arg-type]


# The doctor's answers to a follow-up from the card it answered before, and those that lead with
# a card as an emergency or for today: the only ones added beside crisis lines.
CARD_FOLLOW_UPS: frozenset[str] = frozenset({"asked", "card_lines"})
FOLLOW_UP_KINDS: frozenset[str] = CARD_FOLLOW_UPS | {
    "emergency_card", "same_day_card", "systemic_urgent", "systemic_emergency"
}  # fmt: skip


def doctor_card_beside(messages: Sequence[AnyMessage], settings: Settings) -> str | None:
    """The card-led doctor's answer to a follow-up on a card that calls for care the same day (a
    bite: rabies) or is an emergency, or to a follow-up that names the skin problem itself and
    says no word of death or despair ("I'm so done with this itching"), when the thread tells of
    no pills, poison or self-injury taken; else None.

    Why: a net's self-harm alarm on "dog bit my leg in Chiang Mai" → "I don't want to go to a
    hospital here, can I wait 10 days?" gave crisis lines only (served j13), and the nets cannot
    tell reluctance from distress at their bars, so the crisis reply stays and the card follows.
    Why so narrow: added to any card answer, "took all of my hives tablets at once" got the hives
    card's antihistamine (evals/triage/results/crisis_with_card_rule_2026-12-04n.md)."""
    doctor = card_led_doctor(EXPERTS["medical"].card_led, settings.doctor)
    if doctor is None:
        return None
    texts = user_texts(messages)
    earlier = last_card_led(messages[:-1])  # type: ignore[arg-type]
    if not earlier or emergency_signs().thread_signs(texts) & ACT_SIGNS:
        return None
    card = load_conditions().get(earlier[0])
    turn = texts[-1] if texts else ""
    # the turn names the skin problem itself, with no word of death or despair
    # (crisis_card_rule_2026-12-06f.md: "I'm so done with this itching" got crisis lines only)
    named_here = question_kinds().mentions_skin(turn) and not tells_despair(turn)
    if card is None or not (card.emergency or card.id in beside_cards() or named_here):
        return None
    answer = doctor.answer(messages, texts)  # type: ignore[arg-type]
    stays = answer.cards[:1] == (card.id,) or answer.kind in CARD_FOLLOW_UPS
    return answer.text if answer.kind in FOLLOW_UP_KINDS and stays and answer.text else None


def urgent_care(
    messages: Sequence[AnyMessage],
    decision: RouteDecision,
    route: list[RoutedExpert],
    flag: str,
) -> dict[str, Any]:
    """The safety event (level `urgent`, the banner as its message, the local numbers), then
    the route to the doctor, whose answer carries the banner on top (graph/nodes.labelled)."""
    texts = user_texts(messages)
    lang = text_lang(texts[-1] if texts else "")
    destination = next(iter(load_kb().find_in_thread(texts, limit=1)), None)
    banner = urgent_banner(lang, destination)
    event = SafetyEvent(
        level="urgent",
        flags=[flag],
        reason=decision.reason,
        destination=destination.id if destination else None,
        emergency_numbers=emergency_numbers(lang, destination),
        message=banner,
    )
    emit(event)
    emit(RouteEvent(experts=[RoutedExpertOut(**r) for r in route], reason=decision.reason))
    return {
        "route": route,
        "route_reason": decision.reason,
        "route_lead": decision.primary or decision.experts[0],
        "urgent_banner": banner,
        "safety_outcome": event.model_dump(exclude={"type", "message"}),
    }
