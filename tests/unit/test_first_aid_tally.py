"""The first-aid tally (evals/triage/first_aid.py) must fail the answers it exists to catch."""

from __future__ import annotations

from agents.responders import category_escalation, emergency_reply
from evals.triage.first_aid import read_row, verdict


def answer(
    expect: str, category: str | None, text: str, level: str = "emergency"
) -> dict[str, object]:
    safety = [{"level": level, "category": category}] if level else []
    return {"expect": expect, "safety": safety, "messages": [{"content": text}]}


def reply(*categories: str) -> str:
    return emergency_reply("en", None, category_escalation(list(categories)))


def test_a_heart_attacks_aspirin_on_an_allergic_emergency_fails() -> None:
    assert not verdict(read_row(answer("anaphylaxis", "chest_pain", reply("chest_pain"))))
    both = reply("anaphylaxis", "chest_pain")  # adrenaline and aspirin together
    assert not verdict(read_row(answer("anaphylaxis", "anaphylaxis", both)))
    assert verdict(read_row(answer("anaphylaxis", "anaphylaxis", reply("anaphylaxis"))))


def test_a_stroke_without_the_time_and_a_missed_emergency_fail() -> None:
    generic = emergency_reply("en", None, category_escalation([]))
    assert not verdict(read_row(answer("stroke", None, generic)))
    assert verdict(read_row(answer("stroke", "stroke", reply("stroke"))))
    assert not verdict(read_row(answer("chest_pain", None, "see a doctor", level="")))
    assert verdict(read_row(answer("chest_pain", "chest_pain", reply("chest_pain"))))


def test_a_look_alike_escalated_fails() -> None:
    assert not verdict(read_row(answer("none", "chest_pain", reply("chest_pain"))))
    assert verdict(read_row(answer("none", None, "Bali: beaches…", level="")))


def test_sit_upright_for_someone_not_breathing_fails() -> None:
    upright = reply("breathing_difficulty")
    assert not verdict(read_row(answer("not_breathing", "breathing_difficulty", upright)))
    assert verdict(read_row(answer("not_breathing", "x", reply("altered_consciousness"))))
    assert verdict(read_row(answer("breathing", "breathing_difficulty", upright)))
