"""Plan wishes the planner reads (travel-7): sights said away, trip lengths in hours / nights /
half days, mobility aids and limited walking, half days kept, evening sights in an evening, dated
events only in their months.

Each rule has a checker that reads a plan, and a planted planner without the rule that the
checker must catch. Phrasings here were written for these tests, none taken from an evaluation
file (the travel-6 misses were "不去中山陵…去过了", "48 hours", "uses a walker").
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

import agents.kb_plan as kb_plan
import agents.pace as pace
from agents.highlights import KbShapeError, sights
from agents.itinerary_ask import read_ask
from agents.kb_plan import KbPlan, kb_plan_answer
from agents.pace import wants_easy_pace
from agents.trip_length import TripLength, trip_length, trip_months
from tests.unit.kb_plan_helpers import KB, dest, plan_for

# --- trip length ---------------------------------------------------------------------------

LENGTHS = [
    ("48 hours in Lisbon? no, Seoul - what would you do", TripLength(2)),
    ("72h in Tokyo", TripLength(3)),
    ("a 36-hour stopover in Singapore", TripLength(1, True)),
    ("广州48小时怎么玩", TripLength(2)),
    ("成都两天一夜", TripLength(2)),
    ("丽江三天两晚行程", TripLength(3)),
    ("5 days 4 nights in Bali", TripLength(5)),
    ("住两晚，西安怎么安排", TripLength(3)),
    ("3 nights in Hong Kong", TripLength(4)),
    ("杭州半天怎么逛", TripLength(0, True)),
    ("苏州一天半", TripLength(1, True)),
    ("青岛两天半", TripLength(2, True)),
    ("2.5 days in Paris", TripLength(2, True)),
    ("two and a half days in Kyoto", TripLength(2, True)),
    ("a day and a half in Macau", TripLength(1, True)),
    ("half a day in Osaka before my flight", TripLength(0, True)),
    ("a week in Bali", TripLength(7)),
    ("五一去北京玩三天", TripLength(3)),
    ("5月1日到北京，玩三天", TripLength(3)),
    ("坐高铁2小时到杭州，怎么安排", None),
    ("long weekend in Seoul", TripLength(3)),
]


@pytest.mark.parametrize(("text", "length"), LENGTHS)
def test_a_trip_length_is_read_in_hours_nights_and_half_days(
    text: str, length: TripLength | None
) -> None:
    assert trip_length(text) == length
    assert read_ask(text).days == (length.slots if length else None)


def _days_only(text: str) -> TripLength | None:
    """The reader before travel-7: "N 天" / "N days" only (planted)."""
    zh = re.search(r"(\d{1,2}|[一两二三四五六七八九十])\s*(?:天|日游|日)", text)
    en = re.search(r"\b(\d{1,2}|two|three|four|five)[\s-]*days?\b", text, re.I)
    m = zh or en
    if m is None:
        return None
    word = m.group(1)
    numbers = {"一": 1, "两": 2, "三": 3, "two": 2, "three": 3, "four": 4, "five": 5}
    return TripLength(int(word) if word.isdigit() else numbers.get(word.lower(), 0))


def test_the_days_only_reader_fails_the_length_cases() -> None:
    wrong = [t for t, length in LENGTHS if _days_only(t) != length]
    assert len(wrong) >= 10, wrong


# --- sights said away ----------------------------------------------------------------------


def refusal_faults(plan: KbPlan, refused_text: str) -> list[str]:
    """A refused sight planned on a day, or not named as left out at the traveller's word."""
    faults = []
    for stay in plan.stays:
        on_days = [s.text for d in stay.days for s in (*d.sights, *filter(None, [d.evening]))]
        if any(refused_text in t for t in on_days):
            faults.append(f"{refused_text} planned")
        if not any(refused_text in s.text for s in stay.refused):
            faults.append(f"{refused_text} not named as left out")
    return faults


REFUSALS = [
    ("西安两天，兵马俑我们去年去过了，帮我排一下", "兵马俑"),
    ("杭州三天行程，灵隐寺就不去了", "灵隐寺"),
    ("北京三天怎么安排？已经去过长城和颐和园", "长城"),
    ("北京三天怎么安排？已经去过长城和颐和园", "颐和园"),
    ("上海两天，不想去迪士尼，帮我规划", "迪士尼"),
    ("东京四天行程，筑地没什么兴趣", "筑地"),
    ("Plan 3 days in Paris - we've already seen the Louvre", "Louvre"),
    ("Three days in Beijing, skip the Great Wall please", "Great Wall"),
    ("Kyoto 2 days; Arashiyama we've done before, plan the rest", "Arashiyama"),
    ("2 days in Singapore, not interested in Universal Studios", "Universal Studios"),
    ("Bangkok itinerary for 3 days, no Chatuchak, we were there last year", "Chatuchak"),
    # after the fresh-set review (a verb + 过 pattern, any two neighbouring words of a name)
    ("杭州两天，西湖我们逛过了", "西湖"),
    ("上海三天行程，到过外滩了", "外滩"),
    ("Hong Kong 2 days, skip the night market", "Night Market"),
]


@pytest.mark.parametrize(("question", "refused"), REFUSALS)
def test_a_sight_said_away_is_left_out_and_named(question: str, refused: str) -> None:
    assert refusal_faults(plan_for(question), refused) == []


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("西安两天，兵马俑一定要去，其他的随意", "兵马俑"),
        ("杭州三天，不想太累，灵隐寺想去", "灵隐寺"),
        ("Three days in Beijing, no shopping, but the Great Wall is a must", "Great Wall"),
        ("西安两天，还没去过兵马俑", "兵马俑"),
        ("西安两天，还没来过兵马俑", "兵马俑"),
        ("Paris 3 days, we haven't seen the Louvre yet", "Louvre"),
    ],
)
def test_a_wish_next_to_a_negation_is_not_a_refusal(question: str, wanted: str) -> None:
    plan = plan_for(question)
    assert not plan.stays[0].refused
    assert any(wanted in s.text for d in plan.stays[0].days for s in d.sights)


def test_refusing_one_place_of_an_area_name_spares_its_neighbours() -> None:
    """An area named "Tiananmen, the Forbidden City and the National Museum" does not make the
    museum refused when the Forbidden City is."""
    plan = plan_for("Beijing 3 days, we've seen the Forbidden City")
    assert [s.text.split(" (")[0] for s in plan.stays[0].refused] == ["Forbidden City"]


def test_a_planner_that_ignores_refusals_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_plan, "split_refused", lambda c, q: (list(c), []))
    caught = [q for q, r in REFUSALS if refusal_faults(plan_for(q), r)]
    assert len(caught) == len(REFUSALS)


# --- mobility aids and limited walking -----------------------------------------------------

MOBILITY = [
    ("Plan 3 days in Rome for me and my dad, he uses a rollator", True),
    ("带外公去成都三天，他要坐轮椅", True),
    ("奶奶用助行器，西安两天怎么排", True),
    ("My aunt walks with a cane, 2 days in Hong Kong", True),
    ("我妈走路不太方便，杭州三天", True),
    ("老爸爬楼梯很吃力，重庆两天怎么玩", True),
    ("She can't walk far, plan Kyoto for 3 days", True),
    ("my husband struggles with stairs - 2 days in Lisbon, er, Seoul", True),
    ("能少走路就少走路，北京三天", True),
    ("Lisbon, no, Hanoi 3 days - she walks with a frame these days", True),
    ("Osaka 2 days, grandpa can only walk with help", True),
    ("walking and hiking hard trails in Bali for 5 days", False),
    ("We're keen walkers, 4 days in Kyoto", False),
    ("no trouble walking, plan 3 days in Taipei", False),
    ("北京站出发，三天怎么玩", False),
    ("limited time, lots of walking is fine - Seoul 2 days", False),
]


@pytest.mark.parametrize(("text", "easy"), MOBILITY)
def test_mobility_aids_and_limited_walking_are_a_pace_wish(text: str, easy: bool) -> None:
    assert wants_easy_pace(text) is easy
    assert read_ask(text).easy is easy


def test_pace_words_without_aids_and_walking_limits_miss_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pace, "limited_walking", lambda text: False)
    words = pace.pace_words()
    monkeypatch.setattr(pace, "pace_words", lambda: {**words, "aids": {"zh": [], "en": []}})
    missed = [t for t, easy in MOBILITY if easy and not wants_easy_pace(t)]
    assert len(missed) >= 5, missed


def test_a_walker_leaves_out_the_steps() -> None:
    question = "Kuala Lumpur, 3 days, my mum has a walker now"
    plan = plan_for(question)
    assert plan.easy
    on_days = [s for d in plan.stays[0].days for s in d.sights]
    assert not any(s.demanding for s in on_days)


# --- half days -----------------------------------------------------------------------------


def half_day_faults(plan: KbPlan, half: bool) -> list[str]:
    days = [d for s in plan.stays for d in s.days]
    halves = [d for d in days if d.half]
    if not half:
        return [f"day {d.day} is a half day" for d in halves]
    last = max(s.first_day + len(s.days) + s.spare - 1 for s in plan.stays)
    if not plan.half:
        return ["no half day"]
    faults = []
    for d in halves:
        if d.day != last:
            faults.append(f"half day {d.day} is not the last ({last})")
        if len(d.sights) > 2 or any(s.whole_day or s.area.apart for s in d.sights):
            faults.append(f"half day {d.day} holds {[s.text for s in d.sights]}")
    return faults


HALVES = [
    "青岛两天半怎么安排",
    "2.5 days in Taipei, plan it",
    "a day and a half in Macau, itinerary?",
]


@pytest.mark.parametrize("question", HALVES)
def test_a_half_day_is_kept_as_the_last_day(question: str) -> None:
    plan = plan_for(question)
    ask = read_ask(question)
    assert plan.total_days == ask.days
    assert half_day_faults(plan, True) == []
    text = kb_plan_answer(ask, [question]).text
    assert "（半天）" in text or "(half day)" in text
    assert ".5" in text.split("\n")[0]


def test_a_planner_that_drops_the_half_is_caught() -> None:
    for question in HALVES:
        ask = read_ask(question)
        planted = kb_plan.build_plan(KB.find(question), ask.days and ask.days - 1, "en")
        assert half_day_faults(planted, True)


# --- evening sights ------------------------------------------------------------------------


def evening_faults(plan: KbPlan) -> list[str]:
    """An evening sight (by the KB) on a day's daytime list, or alone on a day while another
    planned day's evening is free."""
    faults = []
    for stay in plan.stays:
        marked = {s.text for s in sights(stay.destination, plan.lang) if s.evening}
        free = [d for d in stay.days if d.evening is None and d.sights]
        for d in stay.days:
            faults += [f"{s.text} in the daytime" for s in d.sights if s.text in marked]
            if d.evening and not d.sights and free:
                faults.append(f"day {d.day} has only an evening")
    return faults


EVENINGS = [
    "Hong Kong 2 days, plan please",
    "台北三天怎么安排",
    "Dubai itinerary for 3 days",
    "南京两天行程",
    "敦煌两天怎么玩",
]


@pytest.mark.parametrize("question", EVENINGS)
def test_an_evening_sight_is_planned_in_an_evening(question: str) -> None:
    plan = plan_for(question)
    assert evening_faults(plan) == []
    assert any(d.evening for s in plan.stays for d in s.days)


def test_a_planner_that_ignores_evenings_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    real = kb_plan.sights
    monkeypatch.setattr(
        kb_plan, "sights", lambda d, lang: [replace(s, evening=False) for s in real(d, lang)]
    )
    assert all(evening_faults(plan_for(q)) for q in EVENINGS)


# --- dated events --------------------------------------------------------------------------


def dated_faults(plan: KbPlan, months: frozenset[int]) -> list[str]:
    faults = []
    for stay in plan.stays:
        for d in stay.days:
            for s in (*d.sights, *filter(None, [d.evening])):
                if s.months and not months & set(s.months):
                    faults.append(f"{s.text} planned outside {s.months}")
    return faults


DATED = [
    ("哈尔滨三天怎么玩", "冰雪大世界", False),
    ("一月去哈尔滨三天怎么玩", "冰雪大世界", True),
    ("Harbin in July, 3-day plan", "Ice and Snow World", False),
    ("西双版纳四天行程，11月去", "泼水节", False),
    ("Luoyang 2 days in April, plan please", "Peony Festival", True),
    ("清迈四天，十一月去，怎么安排", "水灯节", True),
]


@pytest.mark.parametrize(("question", "event", "planned"), DATED)
def test_a_dated_event_is_planned_only_in_its_months(
    question: str, event: str, planned: bool
) -> None:
    plan = plan_for(question)
    assert dated_faults(plan, trip_months(question)) == []
    on_days = [s.text for st in plan.stays for d in st.days for s in (*d.sights,
               *filter(None, [d.evening]))]  # fmt: skip
    assert any(event in t for t in on_days) is planned
    if not planned:
        assert any(event in s.text for st in plan.stays for s in st.dated)


def test_a_planner_that_ignores_months_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_plan, "trip_months", lambda q: frozenset(range(1, 13)))
    caught = [q for q, _, planned in DATED if not planned and dated_faults(
        plan_for(q), trip_months(q))]  # fmt: skip
    assert len(caught) == sum(1 for *_, p in DATED if not p)


# --- the KB marks --------------------------------------------------------------------------

NIGHT = re.compile(r"夜|日落|晚餐|night|dusk|sunset|dinner|lights", re.I)


def test_evening_marks_follow_the_kb_text() -> None:
    """Marked evening ⇔ the highlight's text (zh or en) says night / dusk / sunset / dinner /
    lights, except a whole-day sight (a zoo by day and a night safari is one long day)."""
    for d in KB.destinations.values():
        zh, en = sights(d, "zh"), sights(d, "en")
        for a, b in zip(zh, en, strict=True):
            says = bool(NIGHT.search(a.text) or NIGHT.search(b.text))
            assert a.evening == (says and not a.whole_day), (d.id, a.text, b.text)


def test_month_marks_follow_the_kb_text() -> None:
    for d in KB.destinations.values():
        for s in sights(d, "en"):
            if s.months:
                assert re.search(r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec", s.text)


def test_an_evening_mark_outside_the_highlights_is_refused() -> None:
    entry = dest("nanjing")
    broken = replace(entry, data={**entry.data, "evening": [99]})
    with pytest.raises(KbShapeError):
        sights(broken, "zh")
