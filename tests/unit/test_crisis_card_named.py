"""A net's self-harm alarm on a follow-up that names the skin problem itself, with no word of
death or despair, keeps the crisis reply and adds the doctor's card; with such a word, pills
taken, or no skin word, the crisis reply stays alone (crisis_card_rule_2026-12-06f.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.responders import tells_despair
from config.settings import Settings
from graph.urgent_care import doctor_card_beside
from tests.unit.test_crisis_with_card import thread

SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (
            "mosquito bites all over my arms after the jungle trek in Borneo",
            "honestly sick of this itch, nothing helps",
        ),
        ("海边玩了一天，肩膀晒伤了，红红的", "晒伤的地方火辣辣的，疼得一晚上没睡"),
    ],
)
def test_a_follow_up_naming_the_skin_problem_gets_the_card(first: str, then: str) -> None:
    assert doctor_card_beside(thread(first, then), SETTINGS) is not None


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("eczema on my hands again after the hotel soap", "this itching makes me want to die"),
        ("hives on my legs since yesterday", "so tired of this rash, I'd rather be dead"),
        ("腿上被蚊子咬了很多包", "痒得我都不想活了"),
        (
            "itchy bites on my legs from the hostel",
            "I swallowed the whole strip of antihistamines to stop the itching",
        ),
        ("acne flare on my chin in Singapore", "I can't do this anymore"),
        ("手背上有一块烫伤，起了泡", "其实是我自己故意烫的"),
        (
            "some cuts on my forearm are scabbing over and itch",
            "I made them myself with a razor blade",
        ),
    ],
)
def test_despair_pills_or_no_skin_word_keep_the_crisis_reply_alone(first: str, then: str) -> None:
    assert doctor_card_beside(thread(first, then), SETTINGS) is None


def test_despair_words() -> None:
    assert tells_despair("what's the point of living like this")
    assert tells_despair("真想就这样消失")
    assert not tells_despair("the itch is driving me up the wall")
    assert not tells_despair("I keep scratching myself in my sleep")
