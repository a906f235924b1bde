"""Day plans that honour the interest asked (`agents/kb_plan.py`, `agents/interests.py`): the
sights that fit are taken first and their days come first, each is marked, the plan says which
fit, that none do, or that they fill fewer days than asked; the rest of the plan (areas, pace,
half days, said-away sights) is kept. Phrasings written for these tests, none from an eval set."""

from __future__ import annotations

from agents.itinerary_ask import read_ask
from agents.kb_plan import KbPlan, Stay, build_plan, kb_plan_answer, plan_texts, render
from agents.knowledge import CJK, Lang
from tests.unit.kb_plan_helpers import KB


def _plan(question: str) -> KbPlan:
    ask = read_ask(question)
    lang: Lang = "zh" if CJK.search(question) else "en"
    found = KB.find(question)
    return build_plan(found, ask.days, lang, ask.easy, question, ask.half, ask.interests)


def _planned(stay: Stay) -> list[str]:
    return [s.text for d in stay.days for s in (*d.sights, *([d.evening] if d.evening else []))]


def test_fitting_sights_are_taken_first_when_days_are_short() -> None:
    # two days in Beijing hold five of its sights at most; both museum sights are among them
    stay = _plan("Two days in Beijing, we are museum people - plan it for us").stays[0]
    assert stay.interests == ("museums",)
    assert len(stay.fits) == 2
    assert all(s.text in _planned(stay) for s in stay.fits)


def test_the_first_day_holds_a_fitting_sight() -> None:
    for question in (
        "西安四天行程，想多看看博物馆",
        "Plan 4 days in London, we love galleries",
        "曼谷两天，喜欢寺庙，帮我排一下",
    ):
        stay = _plan(question).stays[0]
        first = stay.days[0]
        assert any(s in stay.fits for s in first.sights), question


def test_a_fitting_evening_puts_its_day_first() -> None:
    stay = _plan("Plan three days in Hong Kong - we like being out in the evenings").stays[0]
    assert stay.interests == ("nightlife",)
    assert stay.days[0].evening in stay.fits


def test_each_fitting_sight_is_marked_and_no_other() -> None:
    question = "上海三天，带着孩子，帮我排个行程"
    plan = _plan(question)
    mark = plan_texts()["zh"]["fit_mark"]
    text = render(plan)
    stay = plan.stays[0]
    for sight in (s for d in stay.days for s in d.sights):
        line = next(ln for ln in text.splitlines() if ln.startswith(f"- {sight.text}"))
        assert line.endswith(mark) == (sight in stay.fits), line


def test_fewer_fitting_days_than_asked_is_said_plainly() -> None:
    plan = _plan("西安五天，对博物馆感兴趣，怎么安排")
    stay = plan.stays[0]
    assert stay.fit_days() == 2
    assert "不够5天" in render(plan)


def test_enough_fitting_days_says_nothing_of_a_shortage() -> None:
    plan = _plan("Two days in Zhangjiajie for nature lovers, plan please")
    assert plan.stays[0].fit_days() == 2
    assert "That is all" not in render(plan)


def test_no_fitting_sight_is_said_and_none_is_marked() -> None:
    plan = _plan("Plan 3 days in Jiuzhaigou around museums")
    stay = plan.stays[0]
    assert stay.interests == ("museums",)
    assert not stay.fits
    text = render(plan)
    assert "no sight in" in text
    assert plan_texts()["en"]["fit_mark"] not in text


def test_an_interest_word_inside_a_named_sight_is_no_interest() -> None:
    assert _plan("杭州两天，灵隐寺去过了，帮我排一下").stays[0].interests == ()
    assert _plan("3 days in London - we've done the British Museum").stays[0].interests == ()


def test_without_an_interest_the_plan_is_unchanged() -> None:
    for question in ("帮我排一个四天的西安行程", "Plan 3 days in Kyoto for us"):
        ask = read_ask(question)
        lang: Lang = "zh" if CJK.search(question) else "en"
        found = KB.find(question)
        plain = build_plan(found, ask.days, lang, ask.easy, question, ask.half)
        assert render(_plan(question)) == render(plain)


def test_pace_half_day_and_said_away_are_kept() -> None:
    easy = _plan("带孩子去成都三天，帮忙排行程").stays[0]
    assert all(len(d.sights) <= 2 for d in easy.days)
    assert easy.left_out
    halves = ("杭州两天半，喜欢寺庙，怎么安排", "A day and a half in Beijing for museum fans")
    for question in halves:
        last = _plan(question).stays[0].days[-1]
        assert last.half, question
        assert len(last.sights) <= 2, question
        assert not any(s.whole_day for s in last.sights), question
    said = _plan("Kyoto for 3 days, temples please, but we've done Kinkaku-ji").stays[0]
    assert [s.text for s in said.refused] == ["Kinkaku-ji Golden Pavilion"]
    assert "Kinkaku-ji Golden Pavilion" not in _planned(said)


def test_an_areas_days_stay_together() -> None:
    for question in ("Five days in London for a museum lover", "曼谷三天，喜欢逛寺庙"):
        stay = _plan(question).stays[0]
        areas = [frozenset(s.area.order for s in d.sights) for d in stay.days if d.sights]
        for a in set().union(*areas):
            at = [i for i, x in enumerate(areas) if a in x]
            assert at == list(range(at[0], at[-1] + 1)), question


def test_the_served_answer_reads_the_interest() -> None:
    question = "Plan 3 days in Rome around churches"
    text = kb_plan_answer(read_ask(question), [question]).text
    assert "For your interest" in text
    assert "St. Peter's Basilica ★" in text
