"""Three travel asks the KB-led answers had misread (kb_asks_rule_2026-12-04h.md): a local
transport pass (not a long-distance coach), a first-aid kit (not the seasons overview), and an
etiquette question headed as customs (not "food"). Phrasings written for this file."""

from __future__ import annotations

from agents.kb_led import kb_led_answer


def text(expert: str, question: str) -> str:
    answer = kb_led_answer(expert, [question])
    assert answer is not None
    return answer.text


def test_a_local_pass_gets_how_to_weigh_it_not_coach_times() -> None:
    osaka = text("transport", "Osaka subway pass or just pay as I go?")
    assert "no local fares or pass rules for Osaka" in osaka
    kyoto = text("transport", "in Kyoto, is a bus day pass worth it?")
    assert "long-distance bus" not in kyoto
    assert "pass rules" not in text("transport", "how long is the bus from Kyoto to Osaka?")
    # a temple ticket is no transport pass
    assert "pass rules" not in text("transport", "Angkor: 1-day pass or 3-day pass?")


def test_a_first_aid_kit_question_gets_the_travel_health_kit() -> None:
    kit = text("practicalities", "which medical kit for Bangkok with two kids?")
    assert "oral rehydration salts" in kit
    assert "Best seasons" not in kit  # no overview in place of the asked kit
    zh = text("practicalities", "去河内玩要带哪些常备药")
    assert "口服补液盐" in zh


def test_an_etiquette_question_is_headed_as_customs() -> None:
    temples = text("food_culture", "any temple etiquette for Bangkok I should follow?")
    assert temples.startswith("Bangkok: local customs")
    dishes = text("food_culture", "what should I eat in Bangkok?")
    assert dishes.startswith("Bangkok: food")


def test_a_late_night_journey_gets_no_timetable_guess_and_night_advice() -> None:
    """Served h16 (2026-12-04h): Pudong to the Bund "late at night" got the Maglev and Line 2."""
    night = text("transport", "arriving at Haneda at 2am, how do I get into Tokyo?")
    assert "no timetables or last-departure times for Tokyo" in night
    assert "licensed taxi" in night
    day = text("transport", "how do I get from Haneda into Tokyo?")
    assert "last-departure" not in day
    # a late hour with no journey asked is no transport question
    food = text("food_culture", "凌晨一点的东京还有什么能吃的")
    assert "末班" not in food


def test_tattoos_at_a_bath_get_the_kb_s_gap_and_what_holds_anywhere() -> None:
    """Served k9 (2026-12-04k) got Tokyo's seasons and costs (tattoo_bath_rule_2026-12-04k.md)."""
    osaka = text("practicalities", "Osaka sento with a tattoo on my back, is that a problem?")
    assert "no rule on tattoos at Osaka's baths" in osaka
    assert "Best seasons" not in osaka
    seoul = text("practicalities", "首尔的汗蒸房，有刺青的人能进吗")
    assert "对纹身的规定" in seoul
    # a tattoo without a bath, and a bath without a tattoo, ask something else
    legal = text("practicalities", "is it legal to get tattooed in Seoul?")
    assert "no rule on tattoos" not in legal
    assert "no rule on tattoos" not in text("practicalities", "best onsen towns near Tokyo?")


def test_a_trip_s_vaccines_get_the_kb_s_gap_and_whom_to_ask() -> None:
    """Served m5 (2026-12-04k) got Bali's seasons and costs (vaccines_rule_2026-12-04k.md)."""
    chiang_mai = text("practicalities", "any shots or vaccines needed before Chiang Mai?")
    assert "no vaccine requirements for Chiang Mai" in chiang_mai
    assert "4-6 weeks" in chiang_mai
    zh = text("practicalities", "下个月去新加坡，需要接种什么疫苗吗")
    assert "没有新加坡的疫苗要求" in zh
    # a scratch now, or a reaction after a jab, is the doctor's question, not a trip's vaccines
    scratch = text("practicalities", "在曼谷被狗抓了一下，要打狂犬疫苗吗")
    assert "旅行门诊" not in scratch
    sore = text("practicalities", "my arm is sore after the travel vaccine, ok to fly to Bangkok?")
    assert "4-6 weeks" not in sore
