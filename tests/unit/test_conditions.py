"""The condition cards: loaded and validated at start-up, found for a question, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage

from agents.expert import Expert
from agents.grounding import condition_prompt
from agents.knowledge.condition_search import default_search
from agents.knowledge.conditions import ConditionsError, load_conditions
from agents.registry import EXPERTS
from config.settings import Settings


def test_the_kb_has_the_conditions_travellers_meet_each_with_sources() -> None:
    kb = load_conditions()
    assert len(kb) >= 60
    for card in kb.cards.values():
        assert card.sources, card.id
        for lang in ("zh", "en"):
            assert card.care[lang], card.id
            assert card.key_facts[lang], card.id


def test_a_card_that_says_call_names_no_one_countrys_number_as_the_only_one() -> None:
    """A card is read wherever the traveller is: "立即拨打120" told someone burned in Vietnam to
    dial China's number (served read 2026-12-04n, n1) while the answer's own header gave Hanoi's
    115. The header names the local number; a card line that gives 120 says it is China's."""
    import re

    china_only = re.compile(r"(?<![0-9])120(?![0-9])")
    qualified = re.compile(
        r"(中国|大陆|in China|in mainland China)[^，。；,;]{0,4}120|120[^，。；]{0,3}中国"
        r"|120 in (mainland )?China"
    )
    for card in load_conditions().cards.values():
        for field in (card.care, card.do_not, card.see_doctor, card.red_flags):
            for lang in ("zh", "en"):
                for line in field[lang]:
                    if china_only.search(line):
                        assert qualified.search(line), (card.id, line)


@pytest.mark.parametrize(
    "content",
    [None, "conditions: [", "version: 1\n", "conditions:\n  - id: x\n    names: {zh: 一}\n"],
)
def test_a_missing_or_corrupt_file_fails_with_a_clear_message(
    tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "conditions.yaml"
    if content is not None:
        path.write_text(content, "utf-8")
    with pytest.raises(ConditionsError, match=r"conditions|condition 'x'"):
        load_conditions.__wrapped__(path)


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("I think I have athlete's foot after using the hostel shower in Bangkok", "tinea_pedis"),
        ("woke up in a hostel with a line of itchy red bites on my arm", "bedbug_bites"),
        ("嘴唇边上起了一簇小水泡，又痒又疼，以前也长过", "cold_sores"),
    ],
)
def test_the_fitting_card_is_among_the_three_found(question: str, card: str) -> None:
    assert card in [m.card.id for m in default_search().fitting([question])]


def test_the_doctor_reads_the_cards_under_its_trained_prompt() -> None:
    doctor: Expert = EXPERTS["medical"]
    grounding = condition_prompt(doctor.system_prompt, ["my feet itch and peel between the toes"])
    assert grounding.system_prompt.startswith(doctor.system_prompt)
    assert "Do NOT:" in grounding.system_prompt
    assert "tinea_pedis" in [m.card.id for m in grounding.matches]
    assert "topical_steroid" in grounding.avoid_tags  # the guard's context for this answer


def test_an_expert_prepares_its_prompt_and_history() -> None:
    settings = Settings(llm={"backend": "fake"})
    prepared = EXPERTS["itinerary"].prepare(
        [HumanMessage("帮我规划三天的杭州行程")], ["帮我规划三天的杭州行程"], settings
    )
    assert "西湖" in prepared.system_prompt  # the destination's facts
    assert "不要给任何医疗" in prepared.system_prompt  # travel experts stay in their lane
    assert prepared.system_prompt.endswith("请用中文回答。")
    assert prepared.conditions is None


def test_the_no_card_class_says_nothing_fits_by_default_and_can_be_turned_off() -> None:
    """The train questions without a card teach a "no card" class; its cut-off is chosen on
    validation (evals/medical/retrieval.py --none-grid) and 1.0 turns it off. Phrasings written
    for this test, not from any split."""
    from agents.knowledge.condition_search import ConditionSearch, SearchConfig, load_questions

    kb, examples = load_conditions(), load_questions()
    skin = ["脸上长了好多红色的小痘痘，有点痒", "I got sunburned on my shoulders at the beach"]
    toothache = "my tooth has been aching since the flight, what should I do"
    default = ConditionSearch(kb, examples)
    assert all(default.fits_any(q) for q in skin)
    assert not default.fits_any(toothache)
    assert default.fitting([toothache]) == []
    off = ConditionSearch(kb, examples, SearchConfig(max_none=1.0))
    assert all(off.fits_any(q) for q in [*skin, toothache])


def test_the_search_predicts_without_copying_its_weights_and_scores_the_same() -> None:
    """Row-major weights made every prediction copy them (29 MB, ~18 ms CPU); column-major
    ones are read in place. The scores must not move."""
    import numpy as np

    search = default_search()
    model = search.classifier.steps[-1][1]
    assert model.coef_.T.flags.c_contiguous  # scipy's sparse @ dense reads it as is
    question = "手臂被蚊子咬了好多包，很痒"
    in_place = search.scores(question)
    model.coef_ = np.ascontiguousarray(model.coef_)  # the old layout
    try:
        assert search.scores(question) == in_place
    finally:
        search.lay_out_for_queries()


def test_the_retriever_s_seed_and_stopping_reach_its_classifier() -> None:
    """The served fit is the early-stopped seed-0 SGD; an evaluation that varies the seed or fits
    to convergence (evals/medical/seed_spread.py) must really change the model it scores."""
    from agents.knowledge.condition_search import ConditionSearch, SearchConfig

    served = default_search().classifier.steps[-1][1]
    assert (served.max_iter, served.tol, served.random_state) == (100, 1e-3, 0)
    other = ConditionSearch(
        load_conditions(), [], SearchConfig(max_iter=7, tol=1e-6, random_state=3)
    ).classifier.steps[-1][1]
    assert (other.max_iter, other.tol, other.random_state) == (7, 1e-6, 3)
