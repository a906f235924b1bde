"""A card's regional note is said, before its care, only where the thread places the person in
its region: a jellyfish sting in tropical northern Australia gets vinegar and 000 first; a sting
elsewhere keeps the card as it was (tropical_jellyfish_rule_2026-12-05d.md). Phrasings written
after the change."""

from __future__ import annotations

import pytest

from agents.knowledge.conditions import ConditionsError, load_conditions, parse_card
from tests.unit.test_card_answer import asked_alone

TROPICAL = ("Stung in tropical northern Australia", "在澳大利亚热带北部被蜇")


def note_shown(text: str) -> bool:
    return any(head in text for head in TROPICAL)


# A sting told as having happened there is call-now with the box-jellyfish first aid since
# 2026-12-07b (dangerous_sea_sting_rule_2026-12-07b.md; tests/unit/test_sting_shock_edges.py); the
# card's note answers the first-aid question asked ahead of one.
@pytest.mark.parametrize(
    "question",
    [
        "what's the first aid for a jellyfish sting at Palm Cove, in case the kids get one",
        "去艾尔利海滩游泳，万一被水母蜇到了手臂该怎么处理",
        "if you get stung by a jellyfish diving at Ningaloo, what should you do",
    ],
)
def test_a_sting_in_the_tropical_north_gets_vinegar_and_000_before_the_care(question: str) -> None:
    answer = asked_alone(question)
    assert answer.cards[:1] == ("jellyfish_sting",)
    text = answer.text or ""
    assert note_shown(text)
    note_at = next(text.index(h) for h in TROPICAL if h in text)
    care_at = max(text.find("**What you can do**"), text.find("**可以这样做**"))
    assert 0 < note_at < care_at
    assert "000" in text
    assert "Surf Life Saving Queensland" in text


@pytest.mark.parametrize(
    "question",
    [
        "stung by a jellyfish at Manly beach, it really hurts",
        "在巴厘岛浮潜被水母蜇了，怎么处理",
        "got really sunburnt on the boat to Green Island off Cairns, my back is on fire",
    ],
)
def test_elsewhere_or_another_card_says_no_such_note(question: str) -> None:
    answer = asked_alone(question)
    assert not note_shown(answer.text or "")


def test_the_note_is_the_jellyfish_cards_own_and_needs_sources() -> None:
    card = load_conditions().get("jellyfish_sting")
    assert card.thread_notes(["we're snorkelling in Port Douglas"])
    assert not card.thread_notes(["we're on the Gold Coast"])  # south of the region
    raw = {
        "id": "x",
        "names": {"zh": "x", "en": "x"},
        "looks_like": {"zh": "x", "en": "x"},
        **{f: {"zh": ["x"], "en": ["x"]} for f in ("aliases", "care", "do_not", "see_doctor")},
        "key_facts": {"zh": [["x"]], "en": [["x"]]},
        "sources": [{"org": "o", "title": "t"}],
        "regional": [
            {"places": {"zh": ["某地"], "en": ["somewhere"]}, "lines": {"zh": "x", "en": "x"}}
        ],
    }
    with pytest.raises(ConditionsError, match="regional"):
        parse_card(raw)
