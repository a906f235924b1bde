"""The emergency-sign reading: which combinations of signs make an emergency, in either language
and however the age is said, and which ordinary look-alikes do not."""

from __future__ import annotations

import pytest

from agents.emergency_signs import cn_number, emergency_signs
from agents.knowledge.conditions import load_conditions

SIGNS = emergency_signs()


def test_every_rule_points_only_at_emergency_cards() -> None:
    kb = load_conditions()
    for rule in SIGNS.rules:
        for card_id in rule.lead:
            assert kb.get(card_id).emergency, (rule.name, card_id)


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("我外婆81岁了", [81]),
        ("八十一岁的爷爷", [81]),
        ("两岁的女儿", [2]),
        ("宝宝10个月大", [10 / 12]),
        ("my 2-year-old", [2]),
        ("our 3 yo", [3]),
        ("grandma (80) fell", [80]),
        ("aged 67", [67]),
        ("a 9 month old baby", [9 / 12]),
        ("she is in her 80s", [80]),
        ("Dad's 79 and fell asleep in the sun", [79]),
        ("he's 9 months", [0.75]),
        ("my baby's temperature is 39", []),  # a temperature is not an age
        ("she's 39.5 degrees", []),
        ("宝宝一岁半", [1]),
    ],
)
def test_ages_are_read_however_they_are_said(text: str, ages: list[float]) -> None:
    assert SIGNS.ages(text) == pytest.approx(ages)


def test_a_stated_age_decides_over_the_words() -> None:
    assert SIGNS.vulnerable("my son (2) scalded his arm")
    assert not SIGNS.vulnerable("my son (16) scalded his arm")
    assert SIGNS.vulnerable("my son scalded his arm")  # no age: a child
    assert SIGNS.vulnerable("grandma (80)")
    assert not SIGNS.vulnerable("I'm 30 and scalded my arm")


def test_chinese_numerals() -> None:
    assert cn_number("八十三") == 83
    assert cn_number("十二") == 12
    assert cn_number("两") == 2
    assert cn_number("一百") == 100
    assert cn_number("几") is None


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("外婆八十五岁，被开水烫到小腿，起了两个大水疱", "severe_burn"),
        ("my 20-month-old pulled a mug of hot tea onto his arm and it's blistering", "severe_burn"),
        ("scalded the whole of my forearm with a pan of boiling water", "severe_burn"),
        ("烧伤的地方发白，反而不疼了", "severe_burn"),
        ("high fever and a red rash all over, and now he's confused", "spreading_rash_fever"),
        ("发烧39度，全身起红疹，一站起来就眼前发黑", "spreading_rash_fever"),
        ("高烧，身上红成一片，血压只有85", "spreading_rash_fever"),
        ("两岁的儿子碰翻了烧开的水，肚子红了一大片", "severe_burn"),
        ("fever and sunburn-like rash, using a tampon, feel faint", "spreading_rash_fever"),
        ("fever and purple spots that don't fade when I press a glass on them", "purpura_fever"),
        ("发烧，脖子发硬，怕光", "purpura_fever"),
        ("吃了卡马西平以后发烧，嘴里烂了，身上起大疱", "sjs_ten"),
        ("skin coming off in sheets and my eyes are sore and red", "sjs_ten"),
        ("redness around the cut is spreading up my leg and I have a fever", "cellulitis_fever"),
        ("吃了虾以后喉咙发紧，喘不上气", "anaphylaxis"),
        ("my 2 yo is burning hot and not sweating after the beach", "heatstroke"),
    ],
)
def test_emergency_signs_point_to_their_card(question: str, card: str) -> None:
    reading = SIGNS.read(question)
    assert reading is not None, question
    assert card in reading.lead, (question, reading)


@pytest.mark.parametrize(
    "question",
    [
        "burned my finger on a hot pan, small red patch",
        "手背被热水烫红了一小块，没起泡",
        "sunburn on my back, feeling a bit dizzy",
        "晒伤了，肩膀发红，有点头晕",
        "chickenpox spots on my 5-year-old, mild fever, eating and playing fine",
        "mild drug rash after amoxicillin, itchy pink spots, no fever",
        "I'm a bit confused about which cream to use on my eczema",
        "sunburn peeling in sheets on my shoulders",
        "想问问晒后脱皮可以撕吗",
        "洗了热水澡以后身上起了一大片红疹，很痒",
        # denied: no fever, not confused, no blisters
        "rash on my arms, no fever, not drowsy, no trouble breathing",
        "烫到了手，面积不大，也没起泡",
        "没有发烧，皮疹按压会褪色，孩子精神很好",
        # a child's high fever with no heat is a fever, not heatstroke (doctor-9)
        "我三岁的女儿发高烧，摸着额头很烫，在酒店睡觉",
        "my 4 year old has a high fever since last night, forehead feels very hot",
    ],
)
def test_look_alikes_and_denied_signs_raise_no_emergency(question: str) -> None:
    assert SIGNS.read(question) is None, (question, SIGNS.read(question))


# Burn severity as NHS "Burns and scalds" and St John / Red Cross first aid state it: clothes on
# fire, charred / white / leathery skin, blisters on the face, hands, arms, feet, legs or genitals.
@pytest.mark.parametrize(
    "question",
    [
        "his shirt caught fire at the barbecue and the skin on his chest is blackened",
        "做饭时袖子着火了，胳膊上的皮烧焦了",
        "烤火时裤子点着了，腿上一块皮发黑",
        "burnt my palm on the camping stove and it's come up in a big blister",
        "脸被溅起的热油烫到，起了几个水泡",
        "touched a hot exhaust with my calf, the skin looks white and leathery",
        "I'm 40 and splashed hot oil on my wrist and it blistered",  # NHS: a hand/arm blister
        # painless: a deep burn
        "touched the hot exhaust pipe, my palm blistered and now it doesn't hurt at all",
    ],
)
def test_burn_severity_signs_lead_with_the_burns_emergency(question: str) -> None:
    reading = SIGNS.read(question)
    assert reading is not None, question
    assert "severe_burn" in reading.lead, (question, reading)


@pytest.mark.parametrize(
    "question",
    [
        "burnt my thumb on a candle, small red mark, no blister",
        "点烟的时候打火机燎了一下手指，红了一点",
        "晒伤了，小腿起了水泡",
        "sunburn blisters on both feet after a day on the boat",
        # scale a source uses for a minor burn, and pain eased by cooling (doctor-9): the minor
        # card leads, whose own lines send a hand or face blister to be seen at hospital
        "I'm 40 and splashed hot oil on my wrist, one pea-sized blister",
        "卷发棒碰到手指，起了一个绿豆大的小水泡",
        "蜡烛油滴到手背上，红了一小块，冲了凉水就不疼了",
        "touched the iron with my finger, ran it under cold water and it doesn't hurt now",
    ],
)
def test_a_small_flame_burn_or_a_blistering_sunburn_is_no_burns_emergency(question: str) -> None:
    assert SIGNS.read(question) is None, (question, SIGNS.read(question))


@pytest.mark.parametrize(
    ("turns", "card"),
    [
        (["bite on my ankle, the redness keeps creeping up my leg", "now a fever and chills"],
         "cellulitis_fever"),
        (["蚊子包周围红肿，红的地方一直往上走", "今天开始发烧了"], "cellulitis_fever"),
        (["我两岁的儿子被热水烫到手背", "现在起了一个水泡"], "severe_burn"),
        (["rash all over my chest since this morning", "what cream?", "a fever, I feel faint"],
         "spreading_rash_fever"),
    ],
)  # fmt: skip
def test_a_follow_up_completes_the_emergency_with_the_turns_before_it(
    turns: list[str], card: str
) -> None:
    assert SIGNS.read(turns[-1]) is None  # the newest turn alone shows no emergency
    reading = SIGNS.read_thread(turns)
    assert reading is not None, turns
    assert card in reading.lead, (turns, reading)


@pytest.mark.parametrize(
    "turns",
    [
        # the newest turn adds no sign of the rule: it was answered when it was said
        ["high fever and a rash all over, and he's confused", "ok, which hospital is nearest?"],
        # each turn's negation is its own
        ["the redness around the cut is spreading up my arm", "no fever though"],
        ["红肿一直往上走", "没有发烧"],
        # older than the window of turns
        [
            "I had a fever last week",
            "thanks",
            "fine now",
            "a bite on my leg, the redness is spreading",
        ],
        # a sunburn said earlier stays a sunburn
        ["my 3 year old got sunburnt at the beach", "now there are blisters"],
    ],
)
def test_earlier_turns_do_not_raise_an_emergency_the_newest_turn_adds_nothing_to(
    turns: list[str],
) -> None:
    assert SIGNS.read_thread(turns) is None, (turns, SIGNS.read_thread(turns))


def test_a_rule_naming_an_unknown_group_fails_at_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from agents.emergency_signs import SIGNS_FILE

    data = yaml.safe_load(SIGNS_FILE.read_text(encoding="utf-8"))
    data["rules"][0]["none"] = ["no_such_group"]
    bad = tmp_path / "signs.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="no_such_group"):
        emergency_signs(bad)


@pytest.mark.parametrize(
    "question",
    [
        "car battery fluid dripped onto my nephew's hand",
        "my aunt got oven cleaner on her fingers, they look white",
        "工人手上沾了烧碱，皮肤发白",
        "装修时漂白水溅到了奶奶的小腿上",
        "knelt in wet cement all afternoon, knees raw",
    ],
)
def test_chemical_burns_lead_with_the_burns_emergency(question: str) -> None:
    reading = SIGNS.read(question)
    assert reading is not None, question
    assert reading.lead == ("severe_burn",)


@pytest.mark.parametrize(
    "question",
    ["salicylic acid toner made my cheeks sting", "用了果酸面膜脸有点刺痛", "lime juice and sun"],
)
def test_skincare_acids_and_limes_are_no_chemical_burn(question: str) -> None:
    assert "burn" not in SIGNS.signs(question), question


@pytest.mark.parametrize(
    ("text", "fever"),
    [
        ("his temperature is 39.4", True),
        ("she's 38.7 and floppy", True),
        ("thermometer read 102.3", True),
        ("40.1°C since lunch", True),
        ("体温三十九度", True),
        ("今天39度2", True),
        ("It's 39°C outside today", False),
        ("气温38度，晒了一天", False),
        ("在吐鲁番40度的天气", False),
        ("walked 38.5 km", False),
        ("paid 39.90 euros for the cream", False),
    ],
)
def test_a_temperature_as_a_number_is_a_fever_not_the_weather(text: str, fever: bool) -> None:
    assert ("fever" in SIGNS.signs(text)) is fever, text


@pytest.mark.parametrize(
    "turns",
    [
        ["我外公被狗抓了一下，有点红", "红的范围往手腕那边扩了，量了体温38.8"],
        ["my son scraped his shin on the reef", "the red patch keeps widening and he's 39.1 now"],
        ["孩子摸到了开水壶", "现在手指上起了个水泡"],
    ],
)
def test_new_spreading_scald_and_number_words_complete_a_follow_up(turns: list[str]) -> None:
    assert SIGNS.read(turns[0]) is None
    assert SIGNS.read_thread(turns) is not None, turns


@pytest.mark.parametrize(
    "question",
    [
        "hives came up on her chest after the crab and now she says her voice sounds funny",
        "起了一身风团，吞口水很困难，喉咙像被掐住一样",
        "his throat feels thick and he's struggling to swallow, welts all over his back after "
        "the bee sting",
    ],
)
def test_a_changed_voice_or_narrow_throat_beside_hives_is_anaphylaxis(question: str) -> None:
    """NHS "Anaphylaxis": a hoarse voice, throat swelling, trouble swallowing. Written for this
    test after the change (evals/medical/results/throat_voice_rule_2026-12-03.md)."""
    reading = emergency_signs().read(question)
    assert reading is not None
    assert "throat_or_voice_with_hives" in reading.rules


@pytest.mark.parametrize(
    "question",
    [
        "my voice is hoarse after three days of karaoke in Tokyo, what helps",
        "喉咙痛，咽东西困难，好像是扁桃体发炎了",
    ],
)
def test_a_hoarse_voice_or_sore_throat_alone_is_not_anaphylaxis(question: str) -> None:
    reading = emergency_signs().read(question)
    assert reading is None or "throat_or_voice_with_hives" not in reading.rules


@pytest.mark.parametrize(
    ("question", "category"),
    [
        ("我爸说心口像被大石头压着，一直冒冷汗", "chest_pain"),
        (
            "dad says it feels like an elephant is sitting on his chest and he's sweating buckets",
            "chest_pain",
        ),
        ("胸口闷得厉害，疼到左胳膊，人有点头晕", "chest_pain"),
        ("crushing pain across my chest going into my jaw", "chest_pain"),
        ("my chest feels tight and I'm short of breath and clammy", "chest_pain"),
        ("我妈突然嘴歪了，右手连筷子都拿不住", "stroke"),
        ("Grandpa's face went droopy on one side and he's talking funny all of a sudden", "stroke"),
        ("her smile is lopsided and her left arm is weak", "stroke"),
        ("外婆右边的脸突然麻了，说话也不太利索", "stroke"),
        ("he suddenly can't lift his right arm", "stroke"),
    ],
)
def test_heart_attack_and_stroke_signs_give_their_category(question: str, category: str) -> None:
    """NHS "Heart attack" (chest pressure with sweating, spreading pain, breathlessness or
    dizziness) and FAST (a face or a limb on one side, with the other or suddenly)."""
    reading = SIGNS.read(question)
    assert reading is not None, question
    assert reading.category == category


@pytest.mark.parametrize(
    "question",
    [
        "爬完山胸口有点闷，休息一下就好了",  # a tight chest alone, gone with rest
        "heartburn after the hotpot, my chest burns a bit",
        "胸前起了几个红疹子，有点痒",
        "my chest is sunburnt and it hurts",
        "I'm sweating a lot in Bangkok and my chest has heat rash",
        "no chest pain and no sweating, just a rash on my back",  # denied
        "胸口没有闷也没出冷汗，只是背上起了疹子",  # denied
        "the dentist numbed half my face and it's still droopy",
        "slept on my arm and my left hand is numb",
        "右腿爬山爬得没劲了，明天还能走吗",
        "嘴角长了个泡，有点歪歪的疼",
    ],
)
def test_heart_and_stroke_look_alikes_raise_no_emergency(question: str) -> None:
    assert SIGNS.read(question) is None, question


def test_a_heart_attack_gets_triages_chest_pain_reply_not_a_skin_card() -> None:
    """The doctor, reached by a non-skin emergency, answers with triage's call-now reply and
    the category's first aid (one text, emergency_categories.yaml), not "heatstroke"."""
    from langchain_core.messages import HumanMessage

    from agents.card_answer import CardLedDoctor
    from agents.responders import category_escalation, emergency_reply

    question = "my dad's chest feels crushed and he's in a cold sweat"
    answer = CardLedDoctor(0.1).answer([HumanMessage(question)], [question])
    assert answer.calls_now()
    assert answer.text == emergency_reply("en", None, category_escalation(["chest_pain"]))
    assert answer.cards == ()


@pytest.mark.parametrize(
    "question",
    [
        "被马蜂蛰了，胸口疼，出冷汗，头晕",
        "吃了海鲜以后胸口闷，喘不上气，全身起风团",
        "my friend collapsed after a bee sting, chest pain and he's sweating and pale",
        "ate some cashews and now his chest is tight, his lips are swelling and he's clammy",
    ],
)
def test_an_allergic_picture_leads_with_anaphylaxis_not_a_heart_attack(question: str) -> None:
    """NHS "Anaphylaxis": a tight chest, breathlessness, faintness or collapse after a trigger
    or with hives or swelling is anaphylaxis, whose first aid is adrenaline, not aspirin."""
    reading = SIGNS.read(question)
    assert reading is not None, question
    assert reading.category is None
    assert reading.lead[0] == "anaphylaxis"


@pytest.mark.parametrize(
    "question",
    [
        "I'm allergic to penicillin, my chest is crushing and I'm in a cold sweat",  # a history
        # spreading to the arm and jaw: the heart's own sign
        "吃了虾以后胸口疼，一直往左胳膊和下巴串",
    ],
)
def test_an_allergy_history_or_a_spreading_pain_stays_a_heart_attack(question: str) -> None:
    reading = SIGNS.read(question)
    assert reading is not None, question
    assert reading.category == "chest_pain"


@pytest.mark.parametrize(
    ("categories", "question", "expected"),
    [
        (["anaphylaxis", "chest_pain"], "被马蜂蛰了，胸口疼，出冷汗", ["anaphylaxis"]),
        (
            ["breathing_difficulty"],
            "ate shrimp, hives everywhere and I can't breathe",
            ["anaphylaxis"],
        ),
        (
            ["chest_pain", "altered_consciousness"],
            "collapsed after a bee sting with chest pain",
            ["anaphylaxis", "altered_consciousness"],
        ),
        # no allergic picture: unchanged
        (["chest_pain"], "my dad's chest is crushing and he's sweating", ["chest_pain"]),
        (["breathing_difficulty"], "asthma attack, can't breathe", ["breathing_difficulty"]),
        # a heart attack's own sign keeps its first aid beside anaphylaxis's
        (["chest_pain"], "吃了虾以后胸口疼，往左胳膊串", ["anaphylaxis", "chest_pain"]),
        # nothing anaphylaxis explains: untouched
        (["severe_burn"], "stung by a bee and burned my hand on the stove", ["severe_burn"]),
    ],
)
def test_first_aid_categories(categories: list[str], question: str, expected: list[str]) -> None:
    from agents.responders import first_aid_categories

    assert first_aid_categories(categories, [question]) == expected


@pytest.mark.parametrize(
    ("categories", "question", "expected"),
    [
        # CPR first, then drowning's own first aid (drowning_rule_2026-12-05.md)
        (
            ["breathing_difficulty"],
            "孩子掉进泳池，捞上来没有呼吸了",
            ["altered_consciousness", "hypothermia_drowning"],
        ),
        (
            ["chest_pain", "breathing_difficulty"],
            "dad collapsed clutching his chest and he isn't breathing",
            ["altered_consciousness"],
        ),
        # struggling to breathe, or breathing denied as a difficulty: unchanged
        (
            ["breathing_difficulty"],
            "I'm not breathing well, my chest is tight",
            ["breathing_difficulty"],
        ),
        (["breathing_difficulty"], "没有呼吸困难，就是喘不上气的感觉", ["breathing_difficulty"]),
        # a collapse with chest pain, breathing: the chest-pain first aid stays
        (
            ["chest_pain", "altered_consciousness"],
            "he collapsed with chest pain but he's breathing",
            ["chest_pain", "altered_consciousness"],
        ),
    ],
)
def test_not_breathing_puts_cpr_first(
    categories: list[str], question: str, expected: list[str]
) -> None:
    """NHS "CPR": someone not breathing needs CPR, never "sit them upright" or aspirin to chew."""
    from agents.responders import first_aid_categories

    assert first_aid_categories(categories, [question]) == expected


def test_the_explains_entries_name_known_categories_and_sign_groups() -> None:
    from agents.responders import CATEGORIES, _template

    data = _template(CATEGORIES)
    groups = set(SIGNS.groups) | set(SIGNS.place_groups)  # a card's places (box_jellyfish_waters)
    for entry in data["explains"]:
        assert entry["category"] in data["categories"]
        assert set(entry["when"]) <= groups
        assert set(entry.get("with", ())) <= groups
        assert set(entry.get("unless", ())) <= groups
        assert entry.get("alone") in (None, True, "only")
        for name, unless in entry["drop"].items():
            assert name in data["categories"]
            assert set(unless) <= groups
        assert set(entry["keep"]) <= set(data["categories"])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("her lips are swelling a bit", True),
        ("his lips are getting bigger and tingle", True),
        ("swollen lips", True),
        ("现在嘴唇也开始肿了", True),
        ("舌头变厚了", True),
        ("嘴唇没肿", False),  # denied
        ("my lips aren't swollen", False),
        ("眼皮肿得睁不开", False),  # an eyelid is not the mouth
        ("my face is puffy from the flight", False),
    ],
)
def test_mouth_swelling_is_read_from_lips_mouth_or_tongue(text: str, shown: bool) -> None:
    assert ("mouth_swelling" in SIGNS.signs(text)) is shown


@pytest.mark.parametrize(
    ("turns", "emergency"),
    [
        (["stung by a wasp on the arm", "now her lips are swelling"], True),
        (["吃了螃蟹以后，嘴巴肿起来了"], True),
        (["hives after the new tablets", "and her tongue is swollen"], True),
        (["my lip is swollen from a cold sore"], False),  # no trigger
        (["在高原嘴唇干裂，有点肿"], False),
        (["stung by a wasp on the arm", "the lips are fine, just the arm"], False),
    ],
)
def test_mouth_swelling_after_a_trigger_is_anaphylaxis(turns: list[str], emergency: bool) -> None:
    reading = SIGNS.read_thread(turns)
    got = reading is not None and "anaphylaxis" in reading.lead
    assert got is emergency
