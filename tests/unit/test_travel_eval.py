"""The travel evaluation's metrics: the looping control must fail them, a KB-built answer pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.knowledge import Destination, load_kb, text_lang
from evals.splits import read_jsonl
from evals.travel.controls import looping
from evals.travel.metrics import (
    days_covered,
    kb_facts_used,
    repeated_line_rate,
    repeated_ngram_share,
    score_answer,
    treatment_sentences,
    unsupported_values,
)
from evals.travel.run import DATA, main, pick_rows, split_path
from evals.travel.variants import VARIANTS


def hangzhou() -> Destination:
    found = load_kb().get("hangzhou")
    assert found is not None
    return found


GOOD_ZH = (
    "第1天：上午沿苏堤和白堤散步到断桥，下午坐游船看雷峰塔，晚上在湖边吃西湖醋鱼。\n"
    "第2天：上午去灵隐寺和飞来峰，下午到龙井村喝茶，晚上尝尝龙井虾仁。\n"
    "第3天：上午逛西溪国家湿地公园，下午走河坊街，晚上去京杭大运河拱宸桥看夜景。"
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_looping_control_fails_every_metric_it_should(lang: str) -> None:
    question = "帮我规划三天的杭州行程" if lang == "zh" else "Plan three days in Hangzhou"
    scores = score_answer(looping(text_lang(question)), question, hangzhou())
    assert scores.looping
    assert scores.repeated_line_rate >= 0.5
    assert scores.kb_facts == 0
    assert scores.treatment_advice >= 1
    assert scores.language_ok  # it is in the right language: that metric alone cannot fail it


def test_an_answer_built_from_the_kb_passes() -> None:
    scores = score_answer(GOOD_ZH, "帮我规划三天的杭州行程", hangzhou())
    assert not scores.looping
    assert scores.repeated_line_rate == 0.0
    assert scores.kb_facts >= 10
    assert scores.treatment_advice == 0
    assert scores.guard_hazards == 0
    assert scores.language_ok


def test_near_duplicate_lines_count_even_with_other_day_numbers() -> None:
    blocks = "\n".join(f"**第{d}天：西湖周边** 西湖周边适合步行、骑车或坐游船。" for d in (1, 2, 3))
    assert repeated_line_rate(blocks) == pytest.approx(2 / 3)
    assert repeated_line_rate(GOOD_ZH) == 0.0


def test_a_loop_inside_one_line_is_caught_by_the_ngram_share() -> None:
    loop = "推荐小笼包、生煎包、" + "小笼包、生煎包、" * 12
    assert repeated_line_rate(loop) == 0.0  # one sentence: the line metric cannot see it
    assert repeated_ngram_share(loop) > 0.5
    assert repeated_ngram_share(GOOD_ZH) < 0.1


def test_facts_the_question_already_named_do_not_count() -> None:
    assert "灵隐寺" in kb_facts_used("去灵隐寺看看", "杭州三天", hangzhou())
    assert "灵隐寺" not in kb_facts_used("去灵隐寺看看", "灵隐寺怎么去", hangzhou())


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("被蚊子咬了可以涂点炉甘石洗剂。", True),
        ("晒伤了就抹芦荟胶，再吃片抗过敏药。", True),
        ("For the bites, apply hydrocortisone cream twice a day.", True),
        ("Take an antihistamine before bed.", True),
        ("不要自己乱涂药膏，健康问题请看皮肤科医生的部分。", False),
        ("Don't put any cream on it yourself; the dermatology section covers that.", False),
        ("记得带好防晒霜和驱蚊液。", False),
        ("Pack sunscreen lotion and insect repellent.", False),
        ("晚上去河坊街吃片儿川。", False),
    ],
)
def test_treatment_advice_reads_negation_and_prevention(text: str, advice: bool) -> None:
    assert bool(treatment_sentences(text)) is advice


def test_every_question_names_a_known_destination_and_expert() -> None:
    kb = load_kb()
    ids: set[str] = set()
    for split in ("train", "validation", "test"):
        for row in read_jsonl(split_path(split)):
            assert kb.get(row["destination"]) is not None, row
            assert row["expert"] in {"itinerary", "transport", "accommodation",
                                     "food_culture", "practicalities"}  # fmt: skip
            assert row["lang"] in ("zh", "en", "mixed")
            assert row["id"] not in ids
            ids.add(row["id"])


def test_the_splits_share_no_question() -> None:
    splits = ("train", "validation", "test")
    texts = [r["question"] for s in splits for r in read_jsonl(split_path(s))]
    assert len(texts) == len(set(texts))


def test_pick_rows_takes_every_expert_in_turn() -> None:
    rows = read_jsonl(DATA / "questions_validation.jsonl")
    picked = pick_rows(rows, 5)
    assert {r["expert"] for r in picked} == {r["expert"] for r in rows}


def test_day_by_day_designs_only_change_the_itinerary_expert() -> None:
    from agents.registry import EXPERTS

    days = VARIANTS["days-rp1.1-120"]
    assert days.apply(EXPERTS["itinerary"]).plans_days
    assert not days.apply(EXPERTS["transport"]).plans_days
    assert not VARIANTS["before"].apply(EXPERTS["itinerary"]).plans_days
    assert all(not v.apply(EXPERTS["itinerary"]).guarded for v in VARIANTS.values())
    # A design of how the model writes a plan is not answered by the KB plan first.
    assert not days.apply(EXPERTS["itinerary"]).kb_plans
    assert VARIANTS["kb-plan"].apply(EXPERTS["itinerary"]).kb_plans


@pytest.mark.parametrize(
    ("answer", "covered"),
    [("**Day 1** a\n**Days 2-4**: nothing more", 1.0), ("第1天 a\n第2-3天：没有更多", 0.75)],
)
def test_a_line_for_several_days_covers_them_and_states_no_value(
    answer: str, covered: float
) -> None:
    assert days_covered(answer, 4) == covered
    assert unsupported_values(answer, "plan four days", kb_text="") == []


@pytest.mark.parametrize("extra", [[], ["--limit", "3"], ["--experts", "itinerary"]])
def test_the_sealed_test_split_refuses_partial_or_unreleased_runs(
    extra: list[str], tmp_path: Path
) -> None:
    args = ["--split", "test", "--out", str(tmp_path / "t.json"), *extra]
    if extra:
        args += ["--release", "r1"]
    with pytest.raises(SystemExit):
        main(args)


def test_unknown_variants_are_refused() -> None:
    with pytest.raises(SystemExit, match="unknown variants"):
        main(["--variants", "nope"])
