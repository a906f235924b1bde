"""NHS "When to call 999" signs in the doctor's call-now reading (h141, issue 11;
evals/triage/results/emergency_sweep_rule_2026-12-08.md): heavy bleeding, a heart attack's chest
pressure told in typed or mixed words, a sudden worst-ever headache, an asthma attack the reliever
does not help, diabetic ketoacidosis — the card-led doctor calls now with the category's first
aid, and the ordinary look-alikes (a cut that stopped, a period, a hangover, gym soreness, a
fruit-flavoured ice cream) do not.

The phrasings here are written for the tests, not taken from the evaluation files."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.emergency_signs import emergency_signs
from evals.triage.evaluate import card_led_answer

SIGNS = emergency_signs()
NEW_RULES = {
    "heavy_bleeding_999",
    "heart_attack_999",
    "sudden_worst_headache",
    "asthma_reliever_not_helping",
    "diabetic_ketoacidosis",
}

CALL_NOW = [
    # NHS: heavy bleeding — spraying, pouring, not stopping when pressed
    (
        "sliced my palm open on a broken bottle, the blood keeps pouring out through the tea towel",
        "heavy_bleeding",
    ),
    ("女儿膝盖被礁石割开了，血一直往外冒，压了十分钟还是止不住", "heavy_bleeding"),
    ("my friend's leg wound is spurting blood every time his heart beats", "heavy_bleeding"),
    ("老妈切菜切到手指，blood一直流，按不住", "heavy_bleeding"),
    # NHS "Heart attack": pressure / tightness with sweating, spread or grey, typed or mixed
    ("bro says his chest is really tight n heavy and hes sweatin like mad", "chest_pain"),
    ("老爸说chest好闷，出了一身冷汗", "chest_pain"),
    ("a squeezing pressure across my husband's chest, and his left arm feels heavy", "chest_pain"),
    ("我妈胸口压着疼，疼到左边肩膀，脸色发灰", "chest_pain"),
    # NHS "When to call 999": sudden severe headache; "Subarachnoid haemorrhage"
    ("out of nowhere a blinding headache, the worst she's ever had, and she's been sick", "stroke"),
    ("我爸刚才突然头痛得像要炸开，说从来没这么疼过，还说看不清", "stroke"),
    # NHS "Asthma attack": the reliever not helping, too breathless to talk
    (
        "her asthma is bad tonight, the blue inhaler isn't helping and she can't finish a sentence",
        "breathing_difficulty",
    ),
    ("孩子哮喘发作，吸入器喷了几次都不管用", "breathing_difficulty"),
    # NHS "Diabetic ketoacidosis"
    (
        "my son is type 1, he's been vomiting and his breath smells like pear drops",
        "altered_consciousness",
    ),
    ("老公有糖尿病，这两天口渴得厉害，现在呼吸又深又快", "altered_consciousness"),
]

LOOK_ALIKES = [
    "cut my thumb on a tin can, it bled a bit and stopped after a minute, plaster enough?",
    "my period is heavier than usual on this trip and soaking through pads, pharmacies in Rome?",
    "worst headache of my life this morning, so hungover from the pub crawl, threw up once lol",
    "did chest day at the hotel gym, my chest is sore and I was dripping with sweat, juice bars?",
    "水果味的冰淇淋哪里有卖？",
    "tiny nick from my razor keeps bleeding through the tissue, styptic pencil in Bangkok?",
    "这家店宰客宰得我一口老血喷出来，还有别的推荐吗",
    "I have asthma, which inhaler brands are sold in Japanese pharmacies?",
    "the spicy ramen made my forehead sweat and my chest burn lol, any milder places?",
    "my mum is diabetic and well controlled, do we need a cool bag for her insulin on the flight?",
    "头痛，昨晚没睡好，想找个安静点的酒店",
    "blood orange juice pouring everywhere at breakfast, best brunch in Valencia?",
]


@pytest.mark.parametrize(("text", "category"), CALL_NOW)
def test_when_to_call_999_signs_make_the_doctor_call_now(text: str, category: str) -> None:
    reading = SIGNS.read(text)
    assert reading is not None, text
    assert set(reading.rules) & NEW_RULES, (text, reading)
    answer = card_led_answer([HumanMessage(text)])
    assert answer.calls_now(), (text, answer.kind)
    assert category in {reading.category, reading.otherwise, answer.category}, (text, reading)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_meet_none_of_the_new_rules(text: str) -> None:
    reading = SIGNS.read(text)
    assert not (reading and set(reading.rules) & NEW_RULES), (text, reading)


def test_a_headache_in_the_heat_or_at_altitude_keeps_its_own_first_aid() -> None:
    """A splitting headache after a day in the desert sun or in Lhasa is heat's or altitude's,
    never a stroke's (`sudden_worst_headache` `none`)."""
    for text in (
        "在沙漠里晒了一天，突然头痛欲裂，还吐了",
        "in Lhasa, suddenly the worst headache ever and vomiting",
    ):
        reading = SIGNS.read(text)
        assert not (reading and "sudden_worst_headache" in reading.rules), (text, reading)


def test_the_negated_bleeding_and_inhaler_signs_are_read() -> None:
    """`call_now_whole_text`: "not stopping" and "isn't helping" are the sign, not a denial."""
    assert "bleeding_999" in SIGNS.signs("deep cut, blood not stopping")
    assert "asthma_999" in SIGNS.signs("his inhaler isn't helping at all")


def test_colour_sweat_and_smell_words_are_no_complaint_alone() -> None:
    """`call_now_context`: "the grey old town", "sweet fruit smell" name no health complaint for
    the quiet-expert and logistics checks."""
    assert "chest_sign_999" in SIGNS.context_groups
    assert "dka_sign" in SIGNS.context_groups


@pytest.mark.parametrize(
    "text",
    [
        "dabbed on the wart remover and then the freeze spray, now it's bleeding a tiny bit",
        "the pump bottle of hand gel nicked my thumb, bleeding a little",
        "pour antiseptic on it? the graze bled a bit this morning",
    ],
)
def test_a_spray_pump_or_pour_named_as_a_thing_is_no_blood_spraying(text: str) -> None:
    """A noun near a little bleeding is no heavy bleeding (spray_noun_rule_2026-12-08.md)."""
    reading = SIGNS.read(text)
    assert reading is None or "heavy_bleeding_999" not in reading.rules


@pytest.mark.parametrize(
    "text",
    [
        "blood is spraying out of his shin and won't slow down",
        "it pumps blood every time we lift the towel",
        "the wound poured blood onto the deck",
    ],
)
def test_the_verbs_still_read_as_blood_spraying(text: str) -> None:
    reading = SIGNS.read(text)
    assert reading is not None
    assert "heavy_bleeding_999" in reading.rules
