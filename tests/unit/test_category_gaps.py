"""Category gaps and heat words of 2026-12-07i (evals/triage/results/category_rule_2026-12-07i.md):
an escalation's first aid follows the category its signs name — heat exhaustion told in everyday
words, a place's temperature read as the weather (never a fever), a sudden confusion, a snake
named by the guide, a baby's soft spot after a fall or with a fever, a severe asthma attack — and
the `watch` reply is logged as what was served. Phrasings written for the test, none from an
evaluation file."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from agents.responders import escalation_categories
from graph.turn_outcome import served_escalation

NAMED = [
    # (c) heat exhaustion's everyday words (NHS)
    (
        "hot afternoon at the Colosseum and my wife feels queasy and wobbly, sweating like crazy",
        "heat_exhaustion",
    ),
    ("大热天在外面逛了一天，我有点晕，一直冒汗", "heat_exhaustion"),
    # (c) a place and a number: the weather
    ("Dubai 今天42度，我朋友逛街后说胡话，身上很烫", "heat_stroke"),
    ("Seville 41度，我爸在外面走了一下午，现在头晕恶心，一直冒汗", "heat_exhaustion"),
    # (d) a sudden confusion, no cause told
    (
        "my aunt is super confused out of nowhere and doesn't know what hotel we're in",
        "altered_consciousness",
    ),
    ("我外公突然变得很糊涂，连我是谁都不认识了", "altered_consciousness"),
    # (d) a snake named by someone else, beside a bite
    ("he was bitten on the calf by the river and the ranger thinks it was a krait", "snake_bite"),
    ("我妈脚踝被咬了两个小洞，向导说是竹叶青", "snake_bite"),
    # (d) a baby's soft spot: after a fall, with a fever
    (
        "our 6 month old fell off the sofa and the soft part on top of her head is puffy now",
        "head_injury",
    ),
    ("baby has a fever and the soft bit on his head is bulging out", "sepsis_meningitis"),
    # (d) a severe asthma attack (NHS)
    ("her inhaler isn't doing anything and she can't finish a sentence", "breathing_difficulty"),
    ("他哮喘犯了，喷雾喷了好几下都没用，嘴唇发紫", "breathing_difficulty"),
]


@pytest.mark.parametrize(("text", "category"), NAMED)
def test_a_net_escalation_takes_the_category_its_signs_name(text: str, category: str) -> None:
    assert escalation_categories(None, [], [text])[:1] == [category]


@pytest.mark.parametrize(
    "text",
    [
        "Dubai 40度，我老公在户外走了一天后叫不醒",
        "Phoenix is 41°C today and my son got dizzy after the hike",
        "在Bangkok 39度的天气走了一天，头晕",
    ],
)
def test_a_place_s_temperature_is_no_fever(text: str) -> None:
    assert "fever" not in emergency_signs().thread_signs([text])


@pytest.mark.parametrize(
    "text",
    ["宝宝今天39度，叫不醒", "my son is 39.5°C and floppy", "Mum 39度，一直说胡话"],
)
def test_a_body_s_temperature_stays_a_fever(text: str) -> None:
    assert "fever" in emergency_signs().thread_signs([text])


def test_a_place_s_temperature_is_no_body_heat() -> None:
    """Heat exhaustion's picture on a hot day named by its temperature keeps its `watch` first
    aid: the day's 41°C is not heatstroke's body over 40 °C; a person's stays one."""
    day = "Phoenix is 41°C today and my son got dizzy and queasy after the hike, sweating loads"
    assert "body_heat" not in emergency_signs().thread_signs([day])
    assert escalation_categories(None, [], [day]) == ["heat_exhaustion"]
    assert "body_heat" in emergency_signs().thread_signs(["his temperature is 40.5°C"])


@pytest.mark.parametrize(
    "text",
    [
        "he collapsed in the street",  # a bare collapse: the category reader guesses its cause
        "the guide says there are vipers on this trail",  # no bite told
        "有点晕车，出了点汗",  # car sickness, no heat
        # blue lips and broken sentences with no asthma told: not an asthma attack (amendment 1)
        "her lips look blue and she can only say a few words",
    ],
)
def test_no_category_without_the_picture(text: str) -> None:
    assert escalation_categories(None, [], [text]) == []


def test_the_watch_reply_is_logged_as_served() -> None:
    """(b): heat exhaustion's self-care frame is level `watch`; anything beside it is called now."""
    heat = "大热天爬完山，我妈头晕想吐，出了好多汗"
    assert served_escalation("heat_exhaustion", [], [heat]).level == "watch"
    assert served_escalation("chest_pain", [], [heat]).level == "emergency"
    assert served_escalation("self_harm", [], ["x"]).level == "self_harm"
