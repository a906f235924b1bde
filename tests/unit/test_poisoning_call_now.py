"""Poisonings and snake bites the doctor's reading calls now for (h138,
evals/triage/results/poisoning_call_now_rule_2026-12-08.md): a child who swallowed a medicine not
given to them as a dose (poison-centre guidance, NHS "Poisoning"), a garden poison swallowed,
mushrooms someone picked eaten with NHS "Mushroom poisoning" symptoms, and a snake named close to
a bite told in any wording (NHS "Snake bites") — and their ordinary look-alikes do not.

The phrasings here are written for the tests, not taken from the evaluation files."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.emergency_signs import emergency_signs
from evals.triage.evaluate import card_led_answer

SIGNS = emergency_signs()
NEW_RULES = (
    "child_swallowed_medicine",
    "garden_poison_swallowed",
    "picked_mushroom_with_a_sign",
    "picked_mushroom_in_a_child_or_elder",
    "snake_named_bite",
)

CALL_NOW = [
    # a child and a medicine not given as a dose: another person's, several, got into
    ("our 3 year old got into her uncle's allergy pills at the cottage", "poisoning_overdose"),
    ("my toddler found my sleeping tablets in the drawer and swallowed two, he seems okay",
     "poisoning_overdose"),
    ("宝宝把外公的降压药吃了两片，现在还在睡", "poisoning_overdose"),
    ("孩子偷吃了好几颗维生素软糖，会不会有事", "poisoning_overdose"),
    ("在Kyoto的民宿，我家toddler把妈妈的melatonin吃了几颗", "poisoning_overdose"),
    # a garden poison
    ("my kid licked some rat bait under the sink at the rental", "poisoning_overdose"),
    # mushrooms someone picked, eaten, with NHS symptoms
    ("we picked chanterelles in the forest in Sweden, cooked them, now my partner has stomach "
     "cramps and keeps being sick", "poisoning_overdose"),
    ("和朋友在山里采了蘑菇回来炒着吃，现在肚子疼想吐", "poisoning_overdose"),
    ("the mushrooms our landlord gathered went into the omelette we ate, two hours later I'm "
     "seeing things", "poisoning_overdose"),
    # a snake named close to a bite told without "bitten by a snake"
    ("the ranger said it was a cobra, it got him on the calf", "snake_bite"),
    ("在山上被咬了一口，老乡说是烙铁头，腿有点麻", "snake_bite"),
    ("咬他的那条是银环，手指有点麻", "snake_bite"),
]  # fmt: skip

LOOK_ALIKES = [
    "gave my 2 year old her paracetamol as the label says, still warm, when's the next dose?",
    "我给孩子喂了儿童退烧药，按说明书的剂量，还是38度",
    # a measured dose (`dose_given`) though the amount is told
    "my 3 year old chewed 2 tablets of his kids' paracetamol, the right dose for his weight",
    "按说明书，4岁的女儿吃了两片儿童维生素，好几天了，没事吧",
    "what if my toddler gets into my pills while we travel, how do I store them?",
    "my son took his antibiotic this morning and now has a few spots",
    "my 7 year old takes his own ADHD tablets, can we take them to Japan?",
    "孩子吃了退烧药还是烧，怎么办",
    "we bought mushrooms at the market, cooked them, now a bit of stomach ache",
    "picked up a mushroom pizza and now I feel sick",
    "在菜市场买的菌子，炒熟了吃，很好吃",
    "看见一条蛇从路边爬过去，没有咬到人，路还能走吗",
    "the snake at the zoo show was a cobra, any other sights nearby?",
    "被蚊子咬了一口，导游说这里有蛇",
    "a rash after starting a new tablet, itchy, no fever",
]


@pytest.mark.parametrize(("text", "category"), CALL_NOW)
def test_poisoning_and_named_snake_bites_make_the_doctor_call_now(text: str, category: str) -> None:
    reading = SIGNS.read(text)
    assert reading is not None, text
    assert set(reading.rules) & set(NEW_RULES), (text, reading)
    answer = card_led_answer([HumanMessage(text)])
    assert answer.calls_now(), (text, answer.kind)
    assert category in {reading.category, reading.otherwise, answer.category}, (text, reading)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_meet_none_of_the_new_rules(text: str) -> None:
    reading = SIGNS.read(text)
    assert not (reading and set(reading.rules) & set(NEW_RULES)), (text, reading)


def test_the_new_rules_come_last() -> None:
    """Appended after every earlier rule: each earlier rule keeps its own category where met."""
    names = [r.name for r in SIGNS.rules]
    start = names.index(NEW_RULES[0])
    assert names[start : start + len(NEW_RULES)] == list(NEW_RULES)


def test_who_and_how_are_no_complaint_alone() -> None:
    """`call_now_context`: a child, an owner, a dose, picked mushrooms are no health complaint for
    the quiet-expert checks (agents/quiet_expert.py `names_health_complaint`)."""
    from agents.quiet_expert import names_health_complaint

    said = "我们带着3岁的儿子去看大熊猫，别人的药不会带，按说明书吃"
    told = SIGNS.signs(said) - SIGNS.context_groups
    assert not told & {"child_told", "not_their_dose", "dose_given", "poison_asked"}
    assert not names_health_complaint("we picked mushrooms on a guided walk in Kent, fun day")


def test_a_travel_led_turn_telling_them_asks_the_doctor() -> None:
    """`call_now_told` (self_harm_misread.yaml): a travel-led turn that tells a medicine
    swallowed or a named snake's bite reaches the doctor's reading."""
    from graph.triage.router import complaint_told

    assert complaint_told("our flat in Porto: the toddler chewed two of granny's heart pills")
    assert complaint_told("在清迈徒步，咬我的是竹叶青，还能走到下一个村吗")
    assert not complaint_told("在清迈看了眼镜蛇表演，接下来去哪里玩")
