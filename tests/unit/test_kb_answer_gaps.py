"""What the KB cannot answer is said plainly, not covered by a dump of other fields (travel-7).

The travel-6 non-plan questions, answered through the graph, showed it: a visa question got the
season, costs, currency and tips of Singapore; "a visa for Japan" got "couldn't find that
destination"; "带什么衣服" got the season line but none of the clothing tips. Phrasings here were
written for these tests, not taken from an evaluation file.
"""

from __future__ import annotations

import pytest

import agents.kb_answer as kb_answer
from agents.kb_answer import country_named, kb_facts_answer
from agents.kb_led import kb_led_answer

OVERVIEW_LABELS = ("最佳季节", "参考花费", "货币", "Best seasons", "Typical costs", "Currency")


def dump_faults(text: str) -> list[str]:
    """Fields of the overview in an answer to a question the KB has no field for."""
    return [label for label in OVERVIEW_LABELS if f"**{label}" in text]


GAPS = [
    ("去泰国曼谷要办落地签吗？", "签证"),
    ("Can Australians get a visa on arrival in Bali?", "visa"),
    ("首尔的插座是什么标准，要带转换头吗", "插头"),
    ("Best way to get a SIM card in Bangkok?", "SIM"),
    ("去迪拜要买旅行险吗", "保险"),
]


@pytest.mark.parametrize(("question", "said"), GAPS)
def test_a_topic_the_kb_lacks_is_said_with_no_overview(question: str, said: str) -> None:
    text = kb_facts_answer(question, [question], "practicalities").text
    assert dump_faults(text) == []
    assert said in text
    assert "官方" in text or "Official" in text


def test_without_the_gap_list_the_overview_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_answer, "asked_gaps", lambda question, expert=None: [])
    dumped = [q for q, _ in GAPS if dump_faults(kb_facts_answer(q, [q], "practicalities").text)]
    assert len(dumped) >= 4


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("Do Canadians need a visa for Korea?", "South Korea"),
        ("中国护照去日本要签证吗", "Japan"),
        ("UK passport holder going to Vietnam - visa?", "Vietnam"),
        ("美国人去法国需要签证吗", "France"),
        ("What's the visa situation for Thailand", "Thailand"),
    ],
)
def test_the_destination_country_is_read_not_the_passport(question: str, country: str) -> None:
    """Through a city alias ("日本" is Tokyo's) or as a country; either way no dump."""
    assert country_named(question) == country
    answer = kb_facts_answer(question, [question], "practicalities")
    assert dump_faults(answer.text) == []
    assert "签证" in answer.text or "visa" in answer.text.lower()


def test_a_country_with_no_city_alias_gets_its_places_and_sources() -> None:
    question = "Travelling to Japan on a Canadian passport, do I need a visa?"
    answer = kb_facts_answer(question, [question], "practicalities")
    assert answer.kind == "country"
    assert "Kyoto" in answer.text
    assert "visa" in answer.text
    assert dump_faults(answer.text) == []


def test_a_clothes_question_gets_the_clothing_tips() -> None:
    text = kb_facts_answer("一月去哈尔滨穿什么？", ["一月去哈尔滨穿什么？"], "practicalities").text
    assert "羽绒服" in text
    assert "充电宝" not in text  # the phone-battery tip is not about clothes


# Asks the KB rarely answers, with general advice beside the "no vetted facts" line (lead,
# 2026-12-02 evening; phrasings written for these tests).
ADVICE = [
    ("Do shops in Bangkok take credit cards or should I carry cash?", "local currency"),
    ("在曼谷换钱去哪里比较靠谱", "不要在街上"),
    ("Is a JR Pass worth it for Tokyo and Osaka?", "single fares"),
    ("首尔的自来水能直接喝吗", "瓶装水"),
]


@pytest.mark.parametrize(("question", "advice"), ADVICE)
def test_an_ask_the_kb_lacks_gets_general_advice(question: str, advice: str) -> None:
    text = kb_facts_answer(question, [question], "practicalities").text
    assert advice in text
    assert "knowledge base has no" in text or "知识库里没有" in text


def test_the_advice_is_left_out_where_the_entry_covers_it() -> None:
    # Hangzhou's own tips say foreign cards work through Alipay/WeChat Pay.
    text = kb_facts_answer("杭州能刷信用卡吗", ["杭州能刷信用卡吗"], "practicalities").text
    assert "支付宝" in text
    assert "哪些地方能刷卡" not in text


def test_a_place_the_kb_lacks_still_gets_the_general_advice() -> None:
    from agents.kb_gap import gap_answer

    text = gap_answer("practicalities", "Can you drink the tap water in Lima?").text
    assert "boiled" in text
    assert "Lima" in text


def test_an_english_answer_lists_its_destinations_with_a_comma() -> None:
    text = kb_facts_answer("Is a JR Pass worth it for Tokyo and Osaka?", [], "transport").text
    assert "Tokyo, Osaka" in text or "Osaka, Tokyo" in text


# A practical ask beside another expert's topic (written for these tests, 2026-12-03): the food,
# sights, plan or lodging answer covers it too, before its official-sources line.
KYOTO = "Three days in Kyoto, temples mostly — and would a JR pass pay off?"
BANGKOK = "Where should we stay in Bangkok, and is it fine to brush teeth with tap water?"
BESIDE = [
    ("food_culture", "想去大阪吃章鱼烧，路边摊能用信用卡吗？", "刷卡", "官方"),
    ("itinerary", KYOTO, "rail-pass", "Official"),
    ("accommodation", BANGKOK, "tap water", "Official"),
    ("food_culture", "西安有什么必吃的小吃，哪里换钱比较安全", "换汇", "官方"),
]


@pytest.mark.parametrize(("expert", "question", "said", "official"), BESIDE)
def test_another_experts_answer_covers_the_practical_ask_beside_it(
    expert: str, question: str, said: str, official: str
) -> None:
    from agents.kb_led import kb_led_answer

    answer = kb_led_answer(expert, [question], plans_from_kb=True)
    assert answer is not None
    assert said in answer.text, answer.text
    assert answer.text.index(said) < answer.text.rindex(official), "before the sources line"


def test_no_practical_ask_leaves_the_other_answer_as_it_was() -> None:
    from agents.kb_led import kb_led_answer

    question = "What should I eat in Bangkok?"
    answer = kb_led_answer("food_culture", [question])
    assert answer is not None
    assert "knowledge base has no" not in answer.text


def test_a_practical_answer_reached_from_food_is_not_said_twice() -> None:
    from agents.kb_led import kb_led_answer

    question = "cheapest place to buy a SIM card in Seoul?"
    answer = kb_led_answer("food_culture", [question])
    assert answer is not None
    assert answer.text.count("SIM") == 1, answer.text


@pytest.mark.parametrize(
    "question",
    [
        # documents and permits the KB has no rules for (permits_gap_rule_2026-12-05.md;
        # phrasings written after the change)
        "Do we need any special permits for Xishuangbanna?",
        "去西双版纳要不要办什么通行证",
    ],
)
def test_a_documents_question_gets_the_no_rules_line_and_no_overview(question: str) -> None:
    text = kb_facts_answer(question, [question], "practicalities").text
    assert "证件和通行许可要求" in text or "no rules on documents or permits" in text
    assert dump_faults(text) == []


@pytest.mark.parametrize(
    ("question", "held"),
    [
        ("带爸妈去拉萨，出发前要准备哪些证件", "入藏函"),  # Lhasa's getting around
        ("澳门要办什么通行证吗", "港澳通行证"),  # Macau's tips
        ("Is a permit required to go to Lhasa as a foreigner?", "Tibet Travel Permit"),
    ],
)
def test_a_documents_question_gets_the_entry_s_own_line_where_it_has_one(
    question: str, held: str
) -> None:
    text = kb_facts_answer(question, [question], "practicalities").text
    assert held in text
    assert "证件和通行许可要求" not in text
    assert dump_faults(text) == []


@pytest.mark.parametrize(
    "question",
    [
        "在成都把身份证弄丢了，补办证件去哪",  # a replacement, not the rules
        "成都哪里可以拍证件照",
        "去香港要办什么通行证？我们住在深圳",  # Shenzhen's own tip has it
    ],
)
def test_a_lost_document_an_id_photo_or_a_tip_that_has_it_gets_no_gap_line(
    question: str,
) -> None:
    text = kb_facts_answer(question, [question], "practicalities").text
    assert "证件和通行许可要求" not in text


@pytest.mark.parametrize(
    "question",
    [
        "is the tap water in Hanoi safe, and what street food should I try?",
        "河内的自来水安全吗？有什么小吃推荐",
    ],
)
def test_a_line_the_food_answer_has_is_not_added_again_under_another_label(question: str) -> None:
    """Hanoi's eating-safely line and its tip say the same: the tip was added again under
    "Tips" (served read 23, g6, had the water line twice)."""
    answer = kb_led_answer("food_culture", [question], True)
    assert answer is not None
    body = "Drink bottled water" if question.isascii() else "喝瓶装水"
    assert answer.text.count(body) == 1
