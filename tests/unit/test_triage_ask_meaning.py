"""The per-ask meaning reader (graph/triage/ask_meaning.py): each ask of a chained turn read by
the reading layer's vectors adds its expert; with the reading server down the char per-ask reader
reads the asks alone, exactly as before (h139_multi_intent_reading_rule_2026-12-08.md).

Stand-ins: a reading server that reads keywords, a fixed char ask reader; no fitted model.
"""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from graph.routing.base import RouteDecision
from graph.triage.ask_meaning import AskMeaning
from graph.triage.router import TriageRouter

WORDS = ("hotel", "train", "eat")


def keyword_embed(texts: list[str]) -> list[list[float]]:
    return [[float(w in t.lower()) for w in WORDS] + [1.0] for t in texts]


def failing_embed(texts: list[str]) -> list[list[float]]:
    raise ConnectionError("reading server down")


def toy_head(embed: Any = keyword_embed) -> AskMeaning:
    import numpy as np

    texts = ["a hotel near the park", "which train", "where to eat", "we land on friday"] * 200
    labels = ["accommodation", "transport", "food_culture", "none"] * 200
    return AskMeaning.fit(embed, np.asarray(keyword_embed(texts)), labels)


class CharAsks:
    """The char per-ask reader as a stand-in: sure of `found`, unsure of every ask's label."""

    def __init__(self, found: set[str]) -> None:
        self.found = found

    def answering(self, text: str, bar: float, within: str | None = None) -> set[str]:
        return set(self.found)

    def probabilities(self, asks: list[str]) -> list[dict[str, float]]:
        return [{"none": 0.5, "transport": 0.5} for _ in asks]


class Meaning:
    """The classifier's reading layer as a stand-in: its ask head only."""

    def __init__(self, head: AskMeaning) -> None:
        self.head = head
        self.calls = 0

    def ask_probabilities(self, asks: list[str]) -> list[dict[str, float]] | None:
        self.calls += 1
        return self.head.read(asks)


class Classifier:
    def __init__(self, meaning: Meaning | None) -> None:
        self.meaning = meaning

    def reading_asks(self, asks: list[str]) -> list[dict[str, float]] | None:
        return self.meaning.ask_probabilities(asks) if self.meaning else None


TWO_ASKS = "which train goes to Nara from Kyoto, and is there a quiet hotel by the station"
DECISION = RouteDecision(("transport",), "classifier: transport", primary="transport")


def router(
    head: AskMeaning | None, bar: float | None = 0.5, mix: str = "union", found: Any = None
) -> tuple[TriageRouter, Meaning | None]:
    meaning = Meaning(head) if head is not None else None
    triage = TriageRouter(
        classifier=Classifier(meaning),  # type: ignore[arg-type]
        asks=CharAsks(found or set()),  # type: ignore[arg-type]
        ask_bar=0.6,
        reading_ask_bar=bar,
        reading_ask_mix=mix,
    )
    return triage, meaning


def test_the_ask_head_learns_from_the_vectors_and_reads_nothing_when_the_server_fails() -> None:
    read = toy_head().read(["is there a hotel with a pool", "best place to eat"])
    assert read is not None
    assert max(read[0], key=lambda k: read[0][k]) == "accommodation"
    assert max(read[1], key=lambda k: read[1][k]) == "food_culture"
    assert toy_head(failing_embed).read(["is there a hotel with a pool"]) is None


def test_an_ask_read_by_its_meaning_adds_its_expert() -> None:
    triage, _ = router(toy_head())
    decision = triage.with_asks(DECISION, [HumanMessage(TWO_ASKS)])
    assert decision.experts == ("transport", "accommodation")
    assert "asks: accommodation" in decision.reason


@pytest.mark.parametrize("mix", ["union", "average", "replace"])
def test_with_the_reading_server_down_the_chars_read_the_asks_alone(mix: str) -> None:
    """The same route as with the per-ask meaning reader off, whatever the mix."""
    messages = [HumanMessage(TWO_ASKS)]
    for found in (set(), {"food_culture"}):
        down, _ = router(toy_head(failing_embed), mix=mix, found=found)
        off, _ = router(toy_head(), bar=None, mix=mix, found=found)
        assert down.with_asks(DECISION, messages) == off.with_asks(DECISION, messages)
    assert off.with_asks(DECISION, messages).experts == ("transport", "food_culture")
    without, _ = router(None, mix=mix, found={"food_culture"})  # no reading layer at all
    assert without.with_asks(DECISION, messages) == off.with_asks(DECISION, messages)


def test_a_turn_of_one_ask_is_not_read_by_its_asks() -> None:
    triage, meaning = router(toy_head())
    one = [HumanMessage("is there a quiet hotel by the station in Kyoto")]
    assert triage.with_asks(DECISION, one) == DECISION
    assert meaning is not None
    assert meaning.calls == 0


def test_the_bar_and_the_mix_decide_what_joins() -> None:
    messages = [HumanMessage(TWO_ASKS)]
    sure, _ = router(toy_head(), bar=0.99)
    assert sure.with_asks(DECISION, messages) == DECISION  # the toy head is not that sure
    # averaged with a char reader unsure of every ask (0.5 none / transport), the hotel ask's
    # accommodation is under the bar; replace drops the chars' own reading when the server reads
    averaged, _ = router(toy_head(), bar=0.5, mix="average", found={"food_culture"})
    assert averaged.with_asks(DECISION, messages).experts == ("transport", "food_culture")
    replaced, _ = router(toy_head(), bar=0.5, mix="replace", found={"food_culture"})
    assert replaced.with_asks(DECISION, messages) == DECISION


def test_an_escalation_is_never_read_by_its_asks() -> None:
    triage, meaning = router(toy_head())
    escalated = RouteDecision(("emergency",), "rules")
    assert triage.with_asks(escalated, [HumanMessage(TWO_ASKS)]) == escalated
    assert meaning is not None
    assert meaning.calls == 0


class HotelChars(CharAsks):
    """A char reader that reads a hotel ask as accommodation at `p`, anything else as none."""

    def __init__(self, p: float) -> None:
        super().__init__(set())
        self.p = p

    def probabilities(self, asks: list[str]) -> list[dict[str, float]]:
        return [
            {"accommodation": self.p, "none": 1 - self.p}
            if "hotel" in a
            else {"none": 0.9, "accommodation": 0.1}
            for a in asks
        ]


@pytest.mark.parametrize(("p", "joins"), [(0.55, True), (0.45, False)])
def test_agree_adds_an_expert_only_when_both_readers_name_it_at_the_bar(
    p: float, joins: bool
) -> None:
    """Amendment 1: strings and meaning both name the hotel ask's expert, each at the bar."""
    triage, _ = router(toy_head(), bar=0.5, mix="agree")
    triage.asks = HotelChars(p)  # type: ignore[assignment]
    decision = triage.with_asks(DECISION, [HumanMessage(TWO_ASKS)])
    assert ("accommodation" in decision.experts) is joins
