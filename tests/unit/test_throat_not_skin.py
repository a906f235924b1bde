"""A throat's own soreness, dryness, itch or redness, swollen tonsils and a dry cough are no skin
finding, and "喉咙肿痛" (a sore throat) is no narrowing throat; a rash beside a sore throat, and a
throat swelling after a trigger, are read as before (throat_not_skin_rule_2026-12-06f.md: a cold's
sore throat got "I can't tell the skin problem", 喉咙肿痛 the anaphylaxis call-now). Phrasings
written after the change."""

from __future__ import annotations

import pytest

from agents.medical_questions import question_kinds
from tests.unit.test_card_answer import answer


@pytest.mark.parametrize(
    "text",
    [
        "the air con on the sleeper train left my throat itchy and dry",
        "throat's been red and raw since the bonfire smoke",
        "my toddler has enlarged tonsils and a temperature",
        "嗓子红肿，说话都疼",
        "喉咙又干又痒，晚上咳个不停",
        "扁桃体肿得厉害，吞东西疼",
    ],
)
def test_a_throat_told_is_not_a_skin_question(text: str) -> None:
    assert not question_kinds().mentions_skin(text)


@pytest.mark.parametrize(
    "text",
    [
        "sore throat, and itchy red bumps came up on both arms this morning",
        "嗓子疼，肚子上还起了一片小疹子",
        "my lips are sore and cracked",
    ],
)
def test_a_skin_finding_beside_a_throat_stays_a_skin_question(text: str) -> None:
    assert question_kinds().mentions_skin(text)


def test_a_sore_throat_in_chinese_is_no_emergency() -> None:
    got = answer("喉咙肿痛两天了，有点低烧", [("anaphylaxis", 1.0), ("urticaria", 0.6)])
    assert got.kind == "non_skin"
    assert not got.calls_now()


def test_a_throat_swelling_after_a_trigger_still_calls_now() -> None:
    got = answer("吃了腰果以后喉咙肿了，呼吸有点费劲", [("anaphylaxis", 1.0), ("urticaria", 0.6)])
    assert got.calls_now()
