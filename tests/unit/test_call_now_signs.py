"""The doctor's call-now signs (call_now_rule_2026-12-07i.md): whole NHS "call 999 / A&E now"
sign groups — a seizure's 999 signs, wild mushrooms with a sign or in a child, something harmful
swallowed, a snake bite, a baby's or small child's sepsis and breathing signs — make the card-led
doctor call now with the category's first aid, and their ordinary look-alikes do not.

The phrasings here are written for the tests, not taken from the evaluation files."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.emergency_signs import SIGNS_FILE, emergency_signs
from evals.triage.evaluate import card_led_answer

SIGNS = emergency_signs()

CALL_NOW = [
    # NHS seizures: one after another without waking, over 5 minutes, a first seizure
    ("my brother had a seizure on the ferry and then a second one before he woke up", "seizure"),
    ("mum's been fitting for over five minutes in the hotel lobby", "seizure"),
    ("我朋友在机场突然抽搐，他说自己从来没抽过，现在醒了但很累", "seizure"),
    ("老公癫痫发作，一次接一次地抽，叫不醒", "seizure"),
    ("在酒店里我弟弟抽了一下，停了，人还没醒过来又抽了", "seizure"),
    # NHS poisoning / mushrooms / jaundice
    (
        "we ate some wild mushrooms at the campsite yesterday and now my wife keeps vomiting",
        "poisoning_overdose",
    ),
    ("在山上采的蘑菇炒了吃，两天后我爸眼白发黄", "poisoning_overdose"),
    ("my grandson, 4, ate a toadstool from the hotel garden", "poisoning_overdose"),
    ("孩子三岁把洗衣凝珠咬破吞下去了一点", "poisoning_overdose"),
    ("my 18 month old swallowed a button battery from the car key", "poisoning_overdose"),
    # NHS snake bites
    ("a snake bit my husband's hand while he was clearing brush by the villa", "snake_bite"),
    ("女儿在草地上被蛇咬了一口，蛇已经跑了", "snake_bite"),
    ("something bit my leg on the trail, two tiny puncture marks and it's throbbing", "snake_bite"),
    # NHS sepsis in babies and young children, meningitis, struggling to breathe
    ("our 9 week old has a fever and won't take her bottle at all", "sepsis_meningitis"),
    ("my baby's fontanelle is bulging and he keeps vomiting", "sepsis_meningitis"),
    (
        "two year old with a temperature, she's gone floppy and her lips look grey",
        "sepsis_meningitis",
    ),
    ("宝宝五个月，呼吸的时候肋骨下面往里凹得很厉害", "breathing_difficulty"),
    (
        "my 6 month old is flaring his nostrils and his ribs are pulling in with every breath",
        "breathing_difficulty",
    ),
]

LOOK_ALIKES = [
    "my daughter has epilepsy and had a short absence at lunch, she's back to herself now",
    "he had one seizure years ago as a child, any advice for flying?",
    "we bought chanterelles at the market in Riga and cooked them, they were delicious",
    "在餐厅吃了松茸，好吃，哪里还能买到",
    "my son nearly put a mushroom in his mouth at the park but we stopped him, he didn't eat it",
    "we saw a huge snake at the zoo in Singapore, what else should we visit?",
    "被无毒蛇咬过，医生已经处理过了，伤口还要怎么护理",
    "my dog bit me a bit while playing, two little marks, how do I clean it?",
    "something bit me overnight, a small bump with two tiny dots, very itchy",
    "新闻里说有游客在景区被蛇咬了，景区要负责吗",
    "my baby's soft spot is flat and I can feel it pulse, is that normal?",
    "宝宝7个月，吃奶很好，精神也好，就是有点流鼻涕",
    "my 3 year old has a cold but she's eating and playing normally",
    "toddler's lips are a bit dry and chapped after the beach",
    "she's a bit floppy after her nap, then perks right up and plays",
]

# h132's rules, in their order (rules appended after them by later changes keep them in place)
H132_RULES = (
    "seizure_999_sign", "seizure_999_told", "wild_mushroom_with_a_sign",
    "wild_mushroom_in_a_child_or_elder",
    "swallowed_harmful", "snake_bite_999", "bite_with_fang_marks", "bulging_fontanelle",
    "child_999_sign_with_fever", "baby_not_feeding_with_fever", "breathing_recession",
    "child_999_sign",
)  # fmt: skip


# rules appended after h132's by later changes: h141's NHS "When to call 999", h138's poisonings
LATER_RULES = {
    "heavy_bleeding_999", "heart_attack_999", "sudden_worst_headache",
    "asthma_reliever_not_helping", "diabetic_ketoacidosis",
    "child_swallowed_medicine", "garden_poison_swallowed", "picked_mushroom_with_a_sign",
    "picked_mushroom_in_a_child_or_elder", "snake_named_bite",
}  # fmt: skip


@pytest.mark.parametrize(("text", "category"), CALL_NOW)
def test_call_now_signs_make_the_doctor_call_now(text: str, category: str) -> None:
    reading = SIGNS.read(text)
    assert reading is not None, text
    answer = card_led_answer([HumanMessage(text)])
    assert answer.calls_now(), (text, answer.kind)
    assert category in {reading.category, reading.otherwise, answer.category}, (text, reading)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_meet_no_call_now_sign_rule(text: str) -> None:
    reading = SIGNS.read(text)
    new = set(H132_RULES)
    assert not (reading and set(reading.rules) & new), (text, reading)


def test_the_new_rules_come_after_every_earlier_rule() -> None:
    """Appended last: each earlier rule keeps its own category where it is met (a fever with a
    stiff neck keeps its meningitis cards)."""
    names = [r.name for r in SIGNS.rules]
    start = names.index(H132_RULES[0])
    assert names[start : start + len(H132_RULES)] == list(H132_RULES)
    # only rules appended later come after them
    assert set(names[start + len(H132_RULES) :]) <= LATER_RULES
    reading = SIGNS.read("baby 5 months, fever, stiff neck and a bulging fontanelle")
    assert reading is not None
    assert reading.lead[:1] == ("purpura_fever",)


def test_a_negated_sign_of_these_groups_is_still_read() -> None:
    """`call_now_whole_text`: "hasn't woken up in between" is the sign, not a denial."""
    assert "seizure_999" in SIGNS.signs("two fits and she hasn't woken up in between")
    assert "feeding_refused" in SIGNS.signs("宝宝发烧，奶也不喝")


def test_a_travel_led_turn_with_a_call_now_sign_asks_the_doctor() -> None:
    """`complaint_told` (graph/urgent_care.py `unreached_call_now`) reads the call-now groups
    (self_harm_misread.yaml `call_now_told`): a baby's recession beside a hotel ask reaches the
    doctor's reading; a snake show in a plan does not."""
    from graph.triage.router import complaint_told

    assert complaint_told("酒店在大阪，宝宝八个月，吸气的时候肋骨下面往里凹")
    assert complaint_told("our cottage in Wales: my toddler swallowed a button battery")
    assert not complaint_told("在曼谷看了眼镜蛇表演，接下来去哪里玩")


def test_the_control_moves_every_new_group_list() -> None:
    """The shuffled-groups control (evals/triage/call_now_control.py) is a derangement: no new
    group keeps its own patterns, and every other group is untouched."""
    from config.yaml_data import read_yaml
    from evals.triage.call_now_control import NEW_GROUPS, shuffled_signs

    base = read_yaml(SIGNS_FILE)["groups"]
    moved = shuffled_signs(7)["groups"]
    assert all(moved[g] != base[g] for g in NEW_GROUPS)
    assert sorted(map(str, (moved[g] for g in NEW_GROUPS))) == sorted(
        map(str, (base[g] for g in NEW_GROUPS))
    )
    assert all(moved[g] == base[g] for g in base if g not in NEW_GROUPS)
