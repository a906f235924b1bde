"""The place metric (evals/travel/places.py) and its controls: invented places fail it, the
canned "no information" answer passes it but fails the helpfulness row, the app's own answers
for places the KB lacks pass both.

Answers here were written for these tests (the two invented ones echo the failures reported in
served read 2026-12-02b r9 and validation run 1 va-15, in new words).
"""

from __future__ import annotations

import pytest

from agents.kb_gap import ALWAYS_PLACE_BOUND, gap_answer
from agents.knowledge import load_kb
from agents.lodging_answer import lodging_answer
from evals.travel.places import CANNED_NO_INFO, controls, helpful, score, unvetted_places


@pytest.mark.parametrize(
    ("answer", "question", "named"),
    [
        ("For your stay, the Burgundy area suits you best, close to Sultanahmet Square.",
         "Where should I stay in Istanbul?", {"Burgundy", "Sultanahmet Square"}),
        ("You can stay at the Central Park Hotel, near the famous Central Park.",
         "Where to stay in London?", {"Central Park Hotel"}),
        # was Istanbul's 苏丹艾哈迈德区 / 蓝色清真寺 until Istanbul joined the KB (2026-12-06g)
        ("推荐住在佩斯城区，步行可到马加什教堂。", "布达佩斯住哪里好",
         {"佩斯城区", "马加什教堂"}),
        ("可以去：\n1. **Harbour Light Gallery** - 免费\n- **Opening Hours**: 9-17",
         "奥克兰有什么美术馆", {"Harbour Light Gallery"}),  # a bold name, a bold heading
    ],
)  # fmt: skip
def test_invented_places_are_found(answer: str, question: str, named: set[str]) -> None:
    assert set(unvetted_places(answer, question)) == named


@pytest.mark.parametrize(
    "answer",
    [
        "建议住在市中心或者老城区，选中档酒店，离地铁近一点。",
        "Stay close to the metro and check reviews before you book.",
        "杭州可以住在西湖附近，去灵隐寺也方便。",  # KB names
        "Visit the Louvre and the Eiffel Tower.",
    ],
)
def test_generic_words_and_kb_names_are_not_counted(answer: str) -> None:
    assert unvetted_places(answer, "住哪里 / where to stay") == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_canned_control_passes_places_and_fails_helpfulness(lang: str) -> None:
    question = "里斯本住哪里好" if lang == "zh" else "Where to stay in Lisbon?"
    canned = controls(question)["canned_no_info"]
    assert canned["no_unvetted_places"]
    assert not canned["helpful"]
    assert CANNED_NO_INFO[lang] in CANNED_NO_INFO.values()


@pytest.mark.parametrize("expert", [*ALWAYS_PLACE_BOUND, "food_culture"])
@pytest.mark.parametrize("question", ["What should I know about Lisbon?", "里斯本有什么推荐？"])
def test_the_gap_answers_pass_both_rows(expert: str, question: str) -> None:
    result = score(gap_answer(expert, question).text, question)
    assert result["no_unvetted_places"], result
    assert helpful(gap_answer(expert, question).text)


def test_every_lodging_answer_names_only_vetted_places() -> None:
    for d in load_kb().destinations.values():
        for lang, q in (("zh", "住哪里方便"), ("en", "where to stay")):
            text = lodging_answer(q, d, lang).text  # type: ignore[arg-type]
            assert unvetted_places(text, q) == [], (d.id, lang)
