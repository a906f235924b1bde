"""The food & culture expert's KB-led answer (travel-7): dishes, food places and tips from the KB.

Phrasings were written for these tests; the served answers that motivated it invented dishes
("成都…西兰花炒饭") and garbled the KB's tips.
"""

from __future__ import annotations

import re

import pytest

from agents.food_answer import food_culture_answer
from agents.kb_led import kb_led_answer
from agents.knowledge import Destination, Lang, load_kb
from agents.registry import EXPERTS

KB = load_kb()


def _dest(key: str) -> Destination:
    found = KB.get(key)
    assert found is not None
    return found


def dish_faults(answer: str, destination: Destination, lang: Lang) -> list[str]:
    """Dishes on the answer's local-food line that the KB entry does not list."""
    line = re.search(r"\*\*(?:当地美食|Local food)\*\*[：:]\s*(.+)", answer)
    if line is None:
        return ["no local-food line"]
    known = set(destination.data["local_food"][lang])
    return [d for d in re.split(r"[、;]\s*", line.group(1).strip()) if d not in known]


@pytest.mark.parametrize(
    ("question", "key", "lang"),
    [
        ("重庆有什么地道的吃的？", "chongqing", "zh"),
        ("去长沙吃什么好", "changsha", "zh"),
        ("What dishes should I order in Hanoi?", "hanoi", "en"),
        ("Best things to eat in Osaka?", "osaka", "en"),
    ],
)
def test_a_dish_ask_gets_the_kb_dishes_only(question: str, key: str, lang: Lang) -> None:
    answer = kb_led_answer("food_culture", [question])
    assert answer is not None
    assert answer.kind == "food_culture"
    assert dish_faults(answer.text, _dest(key), lang) == []


def test_an_invented_dish_is_caught() -> None:
    planted = "**当地美食**：四川火锅、西兰花炒饭、红烧肉"
    assert dish_faults(planted, _dest("chengdu"), "zh") == ["西兰花炒饭", "红烧肉"]


def test_customs_get_only_the_customs_tips_or_say_the_kb_has_none() -> None:
    xian = food_culture_answer("西安吃饭有什么讲究", _dest("xian"), "zh")
    assert xian is not None
    assert "清真" in xian.text
    assert "陕西历史博物馆" not in xian.text  # a booking tip is no custom
    chiang_mai = food_culture_answer("Any etiquette I should know in Chiang Mai?",
                                     _dest("chiang_mai"), "en")  # fmt: skip
    assert chiang_mai is not None
    assert "no note on these customs" in chiang_mai.text


def test_a_person_who_avoids_spice_gets_the_entry_s_spice_tip_or_a_plain_none() -> None:
    """Served h21 (2026-12-04h) "成都有什么好吃的？我不太能吃辣" got the all-spicy dish list and not
    Chengdu's own tip (evals/travel/results/spice_rule_2026-12-04h.md)."""
    chengdu = food_culture_answer("去成都玩，我怕辣，有啥好吃的", _dest("chengdu"), "zh")
    assert chengdu is not None
    assert "鸳鸯锅" in chengdu.text
    seoul = food_culture_answer("what to eat in Seoul when you can't take spicy food?",
                                _dest("seoul"), "en")  # fmt: skip
    assert seoul is not None
    assert "says nothing about how spicy" in seoul.text
    plain = food_culture_answer("成都有什么好吃的", _dest("chengdu"), "zh")
    assert plain is not None
    assert "鸳鸯锅" not in plain.text
    assert "吃辣" not in plain.text
    weather = food_culture_answer("too hot for a baby in Dubai in July?", _dest("dubai"), "en")
    assert weather is None


@pytest.mark.parametrize(
    ("question", "key", "lang"),
    [
        ("my sister is vegan, what should she eat in Hangzhou?", "hangzhou", "en"),
        ("我们一家吃素，去成都吃点什么", "chengdu", "zh"),
        ("no pork for me please, what's good to eat in Bangkok?", "bangkok", "en"),
    ],
)
def test_a_diet_gets_no_unchecked_dish_list_and_says_so(
    question: str, key: str, lang: Lang
) -> None:
    """A diet is answered with the entry's tips about it or a plain line that the KB has none,
    never the local dish list, which was never checked for it (diet_rule_2026-12-04k.md)."""
    answer = food_culture_answer(question, _dest(key), lang)
    assert answer is not None
    assert not re.search(r"\*\*(当地美食|Local food)\*\*", answer.text)
    assert re.search(r"\*\*(饮食限制|Diet)\*\*", answer.text)


def test_a_diet_tip_is_the_asked_diet_s_and_a_mosque_is_no_diet() -> None:
    xian = _dest("xian")
    halal = food_culture_answer("我们只吃清真，西安吃饭方便吗", xian, "zh")
    assert halal is not None
    assert "清真餐厅内不要自带猪肉食品" in halal.text  # the entry's own halal tip
    veggie = food_culture_answer("我吃素，西安吃饭方便吗", xian, "zh")
    assert veggie is not None
    assert "猪肉" not in veggie.text  # a halal tip is no answer to a vegetarian
    mosque = food_culture_answer("去西安清真寺参观有什么讲究", xian, "zh")
    assert mosque is not None
    assert "饮食限制" not in mosque.text


def test_a_question_asking_nothing_the_kb_holds_goes_to_the_model() -> None:
    # a KB destination and an ask its entry cannot answer (a class, a show, a venue): said
    # plainly with the entry's dishes, not the model's guess (it invented a Muay Thai website)
    cooking = kb_led_answer("food_culture", ["Can I join a cooking class in Chiang Mai?"])
    assert cooking is not None
    assert cooking.kind == "no_food_fact"
    assert "Khao soi" in cooking.text
    # no place: a term the food notes hold gets its note; none, a plain "no vetted note" — never
    # the base model's guess ("omakase means sushi bread", served read 2026-12-03b)
    dim_sum = kb_led_answer("food_culture", ["What does dim sum mean?"])
    assert dim_sum is not None
    assert dim_sum.kind == "food_terms"
    unknown = kb_led_answer("food_culture", ["What is poutine?"])
    assert unknown is not None
    assert unknown.kind == "no_food_note"
    # a dish ask with no destination: "no vetted facts" and general advice (test_kb_gap.py)
    answer = kb_led_answer("food_culture", ["有什么好吃的推荐吗"])
    assert answer is not None
    assert answer.kind == "no_destination"


def test_the_food_expert_is_kb_led() -> None:
    assert EXPERTS["food_culture"].kb_led


@pytest.mark.parametrize(
    ("question", "key", "lang", "avoids"),
    [
        # these two found 不太敢吃辣 and 辣都不吃 missing from the first list (added after)
        ("第一次去长沙，不太敢吃辣，推荐点吃的", "changsha", "zh", True),
        ("我老婆一点辣都不吃，在重庆吃饭怎么办", "chongqing", "zh", True),
        ("爸妈辣也不吃，去成都有什么好吃的", "chengdu", "zh", True),  # written after
        ("we're not spicy people, what's good to eat in Chengdu?", "chengdu", "en", True),
        ("Bangkok food for someone who can't eat spicy stuff?", "bangkok", "en", True),
        ("越辣越好，重庆有什么好吃的", "chongqing", "zh", False),  # seeks spice
        ("is the food in Chengdu really that spicy?", "chengdu", "en", False),  # how hot
        ("长沙的菜辣不辣，有什么好吃的", "changsha", "zh", False),  # how hot
    ],
)
def test_avoiding_spice_gets_no_unchecked_dish_list_seeking_or_asking_keeps_it(
    question: str, key: str, lang: Lang, avoids: bool
) -> None:
    """Someone who avoids spice gets no dish list (the dishes were never checked for heat; served
    n17, 2026-12-04n: tteokbokki for "I don't eat spicy food at all"); someone who seeks spice or
    asks how hot it is keeps it (spice_avoid_rule_2026-12-04n.md). Phrasings written after."""
    answer = food_culture_answer(question, _dest(key), lang)
    assert answer is not None
    has_dishes = bool(re.search(r"\*\*(当地美食|Local food)\*\*", answer.text))
    assert has_dishes is not avoids
    assert re.search(r"\*\*(吃辣|Spice)\*\*", answer.text) or not avoids
