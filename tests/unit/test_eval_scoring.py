"""The evaluation's scoring, on hand-written answers and on the held-out reference answers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from evals.medical.answers import build_report, condition_facts, pick_rows, rescore, score
from evals.medical.report import render_markdown
from evals.medical.scoring import (
    AnswerScore,
    exact_layout,
    key_fact_recall,
    language_matches,
    says_emergency_phrase,
    score_answer,
    sections_in_order,
    summarise,
    urges_emergency_care,
)
from serving.data.build_dataset import load_split, sha256_of, split_path

ZH_TRAINED = (
    "【初步判断】从你的描述看，这很可能是晒伤：皮肤发红、发热、疼痛。\n"
    "【护理建议】\n"
    "1. 用凉水冲洗或冷敷，不要用冰直接敷。\n"
    "2. 多喝水，涂抹保湿产品。\n"
    "【何时就医】出现大面积水疱、发热或头晕时请就医。\n"
    "【温馨提示】以上内容仅供参考，不能替代医生面诊。"
)
EN_TRAINED = (
    "Assessment: This is most likely sunburn.\n"
    "Care steps:\n"
    "1. Cool the skin with a cool shower.\n"
    "2. Drink plenty of water.\n"
    "When to see a doctor: See a doctor if you have blisters over a large area.\n"
    "Disclaimer: This is general information, not a diagnosis."
)
EN_MARKDOWN = (
    "**Assessment**: Probably sunburn.\n\n"
    "### Care steps\n"
    "- Cool the skin.\n"
    "- Drink water, and more water, and keep drinking it through the day.\n\n"
    "**When to see a doctor:** if it blisters badly.\n\n"
    "**Disclaimer:** I am not a doctor. Please see one."
)
EN_FREE_TEXT = (
    "Sunburn happens when UV light damages the skin. You should cool the skin, drink water "
    "and use aloe vera. If it blisters see a doctor."
)


def test_the_trained_layout_passes_both_structure_checks() -> None:
    assert sections_in_order(ZH_TRAINED, "zh")
    assert exact_layout(ZH_TRAINED, "zh")
    assert sections_in_order(EN_TRAINED, "en")
    assert exact_layout(EN_TRAINED, "en")


def test_decorated_sections_count_as_in_order_but_not_as_the_exact_layout() -> None:
    assert sections_in_order(EN_MARKDOWN, "en")
    assert not exact_layout(EN_MARKDOWN, "en")


@pytest.mark.parametrize(
    "answer",
    [
        EN_FREE_TEXT,
        EN_TRAINED.replace("Disclaimer: This is general information, not a diagnosis.", ""),
        # doctor before care
        "Assessment: x\nWhen to see a doctor: y\nCare steps:\n1. a\n2. b\nDisclaimer: z.",
        # a header mentioned mid-line does not start a section
        "Assessment: x. Care steps: a, b. When to see a doctor: y. Disclaimer: z.",
    ],
)
def test_missing_misordered_or_inline_sections_fail(answer: str) -> None:
    assert not sections_in_order(answer, "en")
    assert not exact_layout(answer, "en")


def test_headers_of_the_other_language_do_not_count() -> None:
    assert not sections_in_order(EN_TRAINED, "zh")
    assert not sections_in_order(ZH_TRAINED, "en")


@pytest.mark.parametrize(
    ("answer", "lang", "urges", "phrase"),
    [
        ("This may be an emergency: seek emergency care now, call 112/911.", "en", True, True),
        ("Call an ambulance right away.", "en", True, False),
        ("Go to the emergency department immediately.", "en", True, False),
        ("You need immediate medical attention.", "en", True, False),
        ("Apply a soothing cream and rest; it should settle in a few days.", "en", False, False),
        ("Keep an eye on it; see a doctor if it gets worse.", "en", False, False),
        ("这可能是急症：请立即就医，拨打120或去急诊。", "zh", True, True),
        ("请马上去医院急诊科。", "zh", True, False),
        ("可以涂点炉甘石洗剂，注意观察。", "zh", False, False),
        ("如果加重请到皮肤科就诊。", "zh", False, False),
    ],
)
def test_emergency_advice(answer: str, lang: str, urges: bool, phrase: bool) -> None:
    assert urges_emergency_care(answer, lang) is urges
    assert says_emergency_phrase(answer, lang) is phrase


@pytest.mark.parametrize(
    ("answer", "lang", "ok"),
    [
        (ZH_TRAINED, "zh", True),
        ("建议使用 SPF 30+ 的防晒霜，每两小时补涂一次。", "zh", True),
        (EN_TRAINED, "zh", False),
        (EN_TRAINED, "en", True),
        (ZH_TRAINED, "en", False),
        (
            "Acne (痤疮) is common. " + "Wash gently twice a day with a mild cleanser. " * 3,
            "en",
            True,
        ),
        ("Use sunscreen. 注意防晒，多喝水，避免暴晒。", "en", False),
        ("", "zh", False),
    ],
)
def test_language_match(answer: str, lang: str, ok: bool) -> None:
    assert language_matches(answer, lang) is ok


def test_key_fact_recall_counts_whole_english_words_and_chinese_substrings() -> None:
    assert key_fact_recall("Soak it in hot water; rinse with seawater.", ["seawater", "hot"], "en")
    assert key_fact_recall("A flu shot helps.", ["hot"], "en") == 0.0
    assert key_fact_recall("Rinse with seawater.", ["seawater", "hot"], "en") == 0.5
    assert key_fact_recall(
        "用海水冲洗，再用热水浸泡。", ["海水", "热水", "醋"], "zh"
    ) == pytest.approx(2 / 3)
    assert key_fact_recall("anything", [], "en") == 1.0


def test_red_flag_metrics_apply_only_to_red_flag_questions() -> None:
    ordinary = score_answer(EN_TRAINED, "en", ["sunburn"], red_flag=False)
    assert ordinary.urges_emergency_care is None
    red = score_answer("Seek emergency care now.", "en", [], red_flag=True)
    assert red.urges_emergency_care is True
    summary = summarise([ordinary, red])
    assert summary["urges_emergency_care"] == 1.0
    assert summary["urges_emergency_care_n"] == 1
    assert red.false_alarm is None
    assert summary["false_alarm"] == 0.0
    assert summary["false_alarm_n"] == 1
    assert summary["sections_in_order"] == 0.5
    assert summary["sections_in_order_n"] == 2


@pytest.mark.parametrize(
    ("answer", "lang", "alarm"),
    [
        # Conditional escalation in the doctor section is what ordinary answers should do.
        ("Assessment: Hives.\nCare steps:\n1. Cool it.\nWhen to see a doctor: If your throat "
         "swells, call an ambulance.\nDisclaimer: General info.", "en", False),
        ("Assessment: This may be an emergency.\nCare steps:\n1. Go to the emergency "
         "department now.\nWhen to see a doctor: Now.\nDisclaimer: General info.", "en", True),
        ("【初步判断】晒伤。\n【护理建议】\n1. 立即拨打120。\n"
         "【何时就医】现在。\n【温馨提示】仅供参考。", "zh", True),
        ("【初步判断】晒伤。\n【护理建议】\n1. 冷敷。\n"
         "【何时就医】起大疱或发烧去急诊。\n【温馨提示】仅供参考。", "zh", False),
        # No doctor section: the whole answer counts.
        ("Please call 911 right away.", "en", True),
    ],
)  # fmt: skip
def test_false_alarm_is_escalating_before_the_doctor_section(
    answer: str, lang: str, alarm: bool
) -> None:
    assert score_answer(answer, lang, [], red_flag=False).false_alarm is alarm


@pytest.fixture(scope="module")
def heldout() -> list[dict[str, Any]]:
    return load_split("heldout")


@pytest.fixture(scope="module")
def facts() -> dict[str, dict[str, list[str]]]:
    return condition_facts()


def test_every_reference_answer_scores_full_marks(
    heldout: list[dict[str, Any]], facts: dict[str, dict[str, list[str]]]
) -> None:
    """The yardstick agrees with the data: the held-out reference answers are perfect."""
    for row in heldout:
        s = score_answer(
            row["messages"][-1]["content"],
            row["lang"],
            facts[row["condition"]][row["lang"]],
            row["red_flag"],
        )
        expected_red = True if row["red_flag"] else None
        false_alarm = None if row["red_flag"] else False
        assert s == AnswerScore(True, True, True, 1.0, expected_red, expected_red, false_alarm), (
            row["id"]
        )


def test_a_limited_run_keeps_red_flags(heldout: list[dict[str, Any]]) -> None:
    picked = pick_rows(heldout, 8)
    assert len(picked) == 8
    assert any(r["red_flag"] for r in picked)
    assert any(not r["red_flag"] for r in picked)
    assert pick_rows(heldout, 0) == heldout


def test_report_compares_models_per_metric(
    heldout: list[dict[str, Any]], facts: dict[str, dict[str, list[str]]]
) -> None:
    rows = pick_rows(heldout, 4)
    answers = []
    for row in rows:
        ref = row["messages"][-1]["content"]
        for role, text in (("base", EN_FREE_TEXT), ("adapter", ref)):
            answers.append(
                {"id": row["id"], "role": role, "model": role, "answer": text,
                 "finish_reason": "stop", "completion_tokens": 9, "seconds": 1.0}
            )  # fmt: skip
    models = {"base": "qwen", "adapter": "medical-expert"}
    meta = {"questions": len(rows), "heldout_sha256": "ab" * 32, "max_tokens": 320,
            "concurrency": 8, "seconds": 12.0, "server": "http://x/v1"}  # fmt: skip
    report = build_report(score(rows, answers, facts), models, meta)
    assert report["summary"]["adapter"]["sections_in_order"] == 1.0
    assert report["summary"]["base"]["sections_in_order"] == 0.0
    assert report["summary"]["adapter"]["urges_emergency_care"] == 1.0
    assert report["summary"]["base"]["urges_emergency_care"] == 0.0
    md = render_markdown(report)
    assert (
        "| four sections in order (assessment → care → doctor → disclaimer) | 0.0% | 100.0% |" in md
    )
    assert "## Sample answers" in md


def test_rescoring_a_report_adds_new_metrics_to_old_answers(
    heldout: list[dict[str, Any]], facts: dict[str, dict[str, list[str]]]
) -> None:
    rows = pick_rows(heldout, 6)
    alarm = {"en": "Call 911 now.", "zh": "立即拨打120。"}
    answers = [
        {"id": r["id"], "role": "adapter", "model": "m", "answer": alarm[r["lang"]],
         "finish_reason": "stop", "completion_tokens": 4, "seconds": 0.5}
        for r in rows
    ]  # fmt: skip
    meta = {"questions": len(rows), "heldout_sha256": sha256_of(split_path("heldout")),
            "max_tokens": 320, "concurrency": 8, "seconds": 3.0, "server": "x"}  # fmt: skip
    report = build_report(score(rows, answers, facts), {"adapter": "m"}, meta)
    old = json.loads(json.dumps(report))
    for a in old["answers"]:
        del a["scores"]["false_alarm"]  # as a report written before the metric existed
    old["summary"]["adapter"].pop("false_alarm")
    again = rescore(old)
    assert again["summary"]["adapter"]["false_alarm"] == 1.0
    assert again["summary"]["adapter"]["false_alarm_n"] == sum(not r["red_flag"] for r in rows)
    assert again["answers"][0]["answer"] == alarm[rows[0]["lang"]]
    assert again["seconds"] == 3.0
    old["heldout_sha256"] = "0" * 64
    with pytest.raises(SystemExit, match="held-out split changed"):
        rescore(old)
