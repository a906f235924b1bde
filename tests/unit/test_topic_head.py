"""A care topic's answer opens as advice on the topic, never "sounds most like" a diagnosis
(topic_head_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

from tests.unit.test_card_answer import answer


def test_a_care_topic_opens_as_advice_not_a_diagnosis() -> None:
    text = str(
        answer(
            "packing for a week of snorkelling, which sunscreen is best?", [("sun_protection", 1.0)]
        ).text
    )
    assert text.startswith("About **Sun protection**")
    assert "most like" not in text.splitlines()[0]


def test_a_condition_keeps_its_likely_head() -> None:
    text = str(answer("我背上晒得通红，一碰就疼", [("sunburn", 1.0)]).text)
    assert text.startswith("从你的描述看，较像**晒伤**")
