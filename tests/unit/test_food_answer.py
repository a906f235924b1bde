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


# the dish line said to be unchecked for the asked constraint (food_dishes_rule_2026-12-05.md)
UNCHECKED = re.compile(
    r"\*\*(?:当地美食|Local food)\*\*[：:].+(?:核实过这些菜|never checked these)"
)


@pytest.mark.parametrize(
    ("question", "key", "lang"),
    [
        ("my sister is vegan, what should she eat in Hangzhou?", "hangzhou", "en"),
        ("我们一家吃素，去成都吃点什么", "chengdu", "zh"),
        ("no pork for me please, what's good to eat in Bangkok?", "bangkok", "en"),
    ],
)
def test_a_diet_is_answered_beside_the_dishes_marked_unchecked(
    question: str, key: str, lang: Lang
) -> None:
    """A diet is answered with the entry's tips about it or a plain line that the KB has none;
    a what-to-eat turn still gets the dishes, said to be unchecked for the diet, never a list
    passed off as fitting it (diet_rule_2026-12-04k.md, food_dishes_rule_2026-12-05.md)."""
    answer = food_culture_answer(question, _dest(key), lang)
    assert answer is not None
    assert UNCHECKED.search(answer.text)
    assert re.search(r"\*\*(饮食限制|Diet)\*\*", answer.text)
    assert "不列菜名" not in answer.text
    assert "won't list dishes" not in answer.text


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
    ("question", "key", "lang", "avoids", "dishes"),
    [
        # these two found 不太敢吃辣 and 辣都不吃 missing from the first list (added after)
        ("第一次去长沙，不太敢吃辣，推荐点吃的", "changsha", "zh", True, "unchecked"),
        ("我老婆一点辣都不吃，在重庆吃饭怎么办", "chongqing", "zh", True, "none"),  # no dish ask
        ("爸妈辣也不吃，去成都有什么好吃的", "chengdu", "zh", True, "unchecked"),  # written after
        (
            "we're not spicy people, what's good to eat in Chengdu?",
            "chengdu",
            "en",
            True,
            "unchecked",
        ),
        ("Bangkok food for someone who can't eat spicy stuff?", "bangkok", "en", True, "none"),
        ("越辣越好，重庆有什么好吃的", "chongqing", "zh", False, "plain"),  # seeks spice
        ("is the food in Chengdu really that spicy?", "chengdu", "en", False, "plain"),  # how hot
        ("长沙的菜辣不辣，有什么好吃的", "changsha", "zh", False, "plain"),  # how hot
    ],
)
def test_avoiding_spice_marks_the_dishes_unchecked_seeking_or_asking_keeps_them_plain(
    question: str, key: str, lang: Lang, avoids: bool, dishes: str
) -> None:
    """Someone who avoids spice gets the spice answer, and the dishes only when they ask what to
    eat, then said to be unchecked for heat (served n17, 2026-12-04n: tteokbokki passed off for
    "I don't eat spicy food at all"; food_dishes_rule_2026-12-05.md: the dishes asked for are not
    dropped); someone who seeks spice or asks how hot it is keeps the plain list
    (spice_avoid_rule_2026-12-04n.md). Phrasings written after."""
    answer = food_culture_answer(question, _dest(key), lang)
    assert answer is not None
    listed = bool(re.search(r"\*\*(当地美食|Local food)\*\*", answer.text))
    unchecked = bool(UNCHECKED.search(answer.text))
    assert (listed, unchecked) == {"none": (False, False), "plain": (True, False),
                                   "unchecked": (True, True)}[dishes]  # fmt: skip
    assert re.search(r"\*\*(吃辣|Spice)\*\*", answer.text) or not avoids


@pytest.mark.parametrize(
    ("question", "key", "lang", "label"),
    [
        ("来洛阳玩两天，有哪些必吃的？我不太能吃辣", "luoyang", "zh", "吃辣"),
        (
            "We're vegetarians heading to Kyoto, which local specialties should we try?",
            "kyoto",
            "en",
            "Diet",
        ),
        ("去喀什有什么特色小吃推荐？我们只吃清真", "kashgar", "zh", "饮食限制"),
        ("Hanoi must try dishes? no spicy please", "hanoi", "en", "Spice"),
        (
            "My son has a shellfish allergy, what should we eat in Qingdao?",
            "qingdao",
            "en",
            "Allergy",
        ),
        ("我对花生过敏，去厦门有什么好吃的", "xiamen", "zh", "过敏"),
    ],
)
def test_a_what_to_eat_turn_with_a_constraint_gets_every_dish_and_the_constraint(
    question: str, key: str, lang: Lang, label: str
) -> None:
    """A turn that asks what to eat and adds a constraint (spice, a diet, a food allergy) gets
    the KB's dishes, marked unchecked for it, and the constraint answered beside them — not the
    constraint instead of the dishes (a served Xi'an must-eat-snacks question with "I don't eat
    spicy" got only a food street; food_dishes_rule_2026-12-05.md). Written after the change."""
    destination = _dest(key)
    answer = kb_led_answer("food_culture", [question])
    assert answer is not None
    assert all(dish in answer.text for dish in destination.data["local_food"][lang])
    assert UNCHECKED.search(answer.text)
    assert f"**{label}**" in answer.text


def test_no_dish_ask_no_dish_list_and_an_allergy_gets_its_own_allergen_s_tip() -> None:
    """Only a what-to-eat turn brings the dishes back: ordering meatless or finding the food
    street with a constraint gets none; an allergy gets the entry's tip on that allergen only
    (Xiamen's seafood-allergy tip is no answer to peanuts). Written after the change."""
    for question, key in (
        ("我吃素，在大理点菜怎么说不要猪油", "dali"),
        ("我不吃辣，重庆的美食街在哪", "chongqing"),
    ):
        answer = food_culture_answer(question, _dest(key), "zh")
        assert answer is not None
        assert "**当地美食**" not in answer.text
    xiamen = _dest("xiamen")
    seafood = food_culture_answer("对海鲜过敏，厦门吃什么", xiamen, "zh")
    assert seafood is not None
    assert "**过敏**：海鲜过敏者点菜时说明" in seafood.text
    peanut = food_culture_answer("peanut allergy, what to eat in Xiamen?", xiamen, "en")
    assert peanut is not None
    assert "seafood allergy" not in peanut.text
    assert "**Allergy**: the knowledge base says nothing" in peanut.text


def test_lactose_intolerance_is_no_allergy_and_a_tip_is_given_once() -> None:
    """Lactose intolerance gets its own line, not **过敏** (an allergy); a tip that answers both
    food safety and the allergy is given once (the led_all read of 2026-12-05 found both;
    food_dishes_rule_2026-12-05.md, amendment). Written after the amendment."""
    paris = food_culture_answer("乳糖不耐受的人去巴黎吃什么", _dest("paris"), "zh")
    assert paris is not None
    assert "**乳糖不耐**" in paris.text
    assert "**过敏**" not in paris.text
    assert UNCHECKED.search(paris.text)
    xiamen = food_culture_answer(
        "海鲜过敏的人在厦门吃东西安全吗，有什么推荐", _dest("xiamen"), "zh"
    )
    assert xiamen is not None
    assert xiamen.text.count("海鲜过敏者点菜时说明") == 1
    assert UNCHECKED.search(xiamen.text)
