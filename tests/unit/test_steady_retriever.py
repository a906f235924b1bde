"""The retriever's converged classifier (`SearchConfig(solver="newton-cg")`, measured and not
served: evals/medical/results/steady_retriever_rule_2026-12-07a.md) is fitted to its optimum:
the same rows give the same model in any order, and an alias on one card leaves the other cards'
questions where they were. Phrasings written for these tests after the change, not from any
split or fresh file. A few cards keep the fits quick."""

from __future__ import annotations

import dataclasses

from agents.knowledge.condition_search import ConditionSearch, SearchConfig, load_questions
from agents.knowledge.conditions import ConditionKB, load_conditions

FEW = ("sunburn", "heat_rash", "heatstroke", "frostbite", "chilblains", "insect_bites",
       "tinea_pedis", "contact_dermatitis", "xerosis", "folliculitis")  # fmt: skip

CONVERGED = SearchConfig(solver="newton-cg", max_iter=1000, tol=1e-6, C=10.0)

ASKED = [
    "my shoulders went bright pink after a day on the boat and sting in the shower",
    "脚趾缝里白白的一层皮，一直痒，还有点臭",
    "胳膊上被咬了好几个大包，痒得睡不着",
    "little pimples round the hairs on my thighs since the hotel pool",
]


def few_cards(more: dict[str, tuple[str, ...]] | None = None) -> ConditionKB:
    kb = load_conditions()
    cards = []
    for cid in FEW:
        card = dataclasses.replace(
            kb.cards[cid], differs_from={}, systemic_red_flags=(), systemic_lead=()
        )
        if more and cid in more:
            zh = (*card.aliases["zh"], *more[cid])
            card = dataclasses.replace(card, aliases={**card.aliases, "zh": zh})
        cards.append(card)
    return ConditionKB(cards)


def their_questions() -> list[tuple[str, str]]:
    return [(q, cid) for q, cid in load_questions() if cid in FEW]


def test_the_same_rows_in_another_order_give_the_same_scores() -> None:
    rows = their_questions()
    forwards = ConditionSearch(few_cards(), rows, CONVERGED)
    backwards = ConditionSearch(few_cards(), rows[::-1], CONVERGED)
    for question in ASKED:
        a, b = forwards.scores(question), backwards.scores(question)
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 1e-3, question


def test_a_lay_alias_on_frostbite_leaves_the_other_cards_questions_alone() -> None:
    rows = their_questions()
    before = ConditionSearch(few_cards(), rows, CONVERGED)
    after = ConditionSearch(few_cards({"frostbite": ("手指冻得发紫了",)}), rows, CONVERGED)
    for question in ASKED:
        a, b = before.scores(question), after.scores(question)
        assert [m.card.id for m in before.search(question)] == [
            m.card.id for m in after.search(question)
        ], question
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 0.01, question
