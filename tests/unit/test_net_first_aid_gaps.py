"""Which first aid leads an escalation the net or a rule named too broadly: a knock to the head
gets the head injury's (keep the head still), a diabetic's low sugar gets sugar while they can
swallow, a collapse in the heat gets cooling even where a rule named only the collapse
(net_first_aid_gaps_rule_2026-12-07d.md). Phrasings written for this file after the change."""

from __future__ import annotations

import pytest

from agents.responders import first_aid_categories


@pytest.mark.parametrize(
    ("named", "question"),
    [
        (
            [],
            "my sister tumbled down the steps of the temple and now she's being sick and very "
            "drowsy",
        ),
        (
            ["altered_consciousness"],
            "he cracked his head on the pool edge and is confused and throwing up",
        ),
        ([], "孩子从滑梯上摔下来磕到了后脑勺，刚才吐了，一直想睡觉"),
    ],
)
def test_a_knock_to_the_head_leads_with_the_head_injury_first_aid(
    named: list[str], question: str
) -> None:
    found = first_aid_categories(named, [question])
    assert found[0] == "head_injury"
    assert set(named) <= set(found)  # the consciousness first aid stays below


@pytest.mark.parametrize(
    "question",
    [
        "I fell asleep by the pool and now I'm being sick and drowsy",
        "he fell ill on the ferry, vomiting and confused",
        "我爸吃了海鲜以后一直吐，人也迷迷糊糊的",
    ],
)
def test_no_knock_names_no_head_injury(question: str) -> None:
    assert "head_injury" not in first_aid_categories(["altered_consciousness"], [question])


@pytest.mark.parametrize(
    ("named", "question"),
    [
        (
            ["altered_consciousness"],
            "she's type 1 and missed breakfast, now she's shaking and muddled",
        ),
        ([], "我老爸血糖一下子掉下来了，满头大汗，手一直在抖"),
        (["stroke"], "my diabetic uncle suddenly can't get his words out and is sweating a lot"),
    ],
)
def test_a_diabetic_low_sugar_gets_sugar_first_not_nothing_by_mouth(
    named: list[str], question: str
) -> None:
    found = first_aid_categories(named, [question])
    assert found[0] == "low_blood_sugar"
    assert "altered_consciousness" not in found
    assert "stroke" not in found


@pytest.mark.parametrize(
    ("named", "question", "lead"),
    [
        (
            ["chest_pain"],
            "my dad is diabetic and has a heavy crushing pain in his chest, sweating",
            "chest_pain",
        ),
        (["stroke"], "糖尿病的外婆右边胳膊突然抬不起来，说话也不清楚", "stroke"),
        (
            ["sepsis_meningitis"],
            "diabetic mum has a high fever and is confused, her leg wound is red",
            "sepsis_meningitis",
        ),
    ],
)
def test_another_emergency_sign_keeps_its_own_first_aid_for_a_diabetic(
    named: list[str], question: str, lead: str
) -> None:
    found = first_aid_categories(named, [question])
    assert found[0] == lead
    assert "low_blood_sugar" not in found


@pytest.mark.parametrize(
    "question",
    [
        "we're in Marrakech, it's 46 degrees, my father stopped sweating and doesn't know where "
        "he is",
        "heatwave in Athens and my friend just passed out on the Acropolis steps, skin burning hot",
    ],
)
def test_a_rule_named_collapse_in_the_heat_gets_cooling_first(question: str) -> None:
    assert first_aid_categories(["altered_consciousness"], [question]) == [
        "heat_stroke",
        "altered_consciousness",
    ]


@pytest.mark.parametrize(
    ("named", "question"),
    [
        (["chest_pain"], "it's 41 degrees in Seville and grandpa has a crushing pain in his chest"),
        (["altered_consciousness"], "in the heat in Cairo she collapsed and isn't breathing"),
    ],
)
def test_the_heat_leads_no_other_emergency(named: list[str], question: str) -> None:
    assert first_aid_categories(named, [question])[0] != "heat_stroke"


def test_a_fitting_diabetic_gets_the_fit_first_aid_first_and_the_sugar_below() -> None:
    question = "my aunt has diabetes, she was sweating and muddled and now she's convulsing"
    for named in ([], ["altered_consciousness"], ["seizure"]):
        assert first_aid_categories(named, [question]) == ["seizure", "low_blood_sugar"]


@pytest.mark.parametrize(
    "question",
    [
        "舅舅中午打了胰岛素没顾上吃饭，现在一身虚汗，说话颠三倒四",
        "奶奶的胰岛素今天好像多打了一次，现在手一直抖，人也迷迷糊糊",
    ],
)
def test_insulin_told_in_chinese_in_any_form_says_diabetes(question: str) -> None:
    # insulin_told_rule_2026-12-07d.md: 打了胰岛素 / 胰岛素…多打了 were not read as diabetes
    assert first_aid_categories(["altered_consciousness"], [question])[0] == "low_blood_sugar"


@pytest.mark.parametrize(
    "question",
    [
        "we went dune bashing and my wife fainted, her skin is burning hot",
        "在烈日下爬了一整天山，朋友刚才晕倒了，身上烫得吓人",
    ],
)
def test_a_collapse_with_a_hot_body_after_a_day_out_gets_cooling_first(question: str) -> None:
    # day_out_heat_first_aid_rule_2026-12-07d.md (served read 45 s4)
    assert first_aid_categories(["altered_consciousness"], [question]) == [
        "heat_stroke",
        "altered_consciousness",
    ]
