"""The reading layer (graph/triage/meaning.py): it helps choose the leading expert, never decides
an escalation, and triage goes on without it when the reading server is down.

The reading server itself (serving/embedder.py, torch) is tested end to end in
tests/integration/test_reading_server_e2e.py; here a stand-in reads texts by keywords.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from config.settings import Settings
from graph.routing import build_router
from graph.routing.base import RouteDecision
from graph.triage.classifier import default_triage_classifier
from graph.triage.labels import EMERGENCY, LABELS, SELF_HARM
from graph.triage.meaning import MeaningReader, cached_features, meaning_reader
from graph.triage.router import TriageRouter

WORDS = ("taco", "train", "hotel", "rash")


def keyword_embed(texts: list[str]) -> list[list[float]]:
    """A stand-in reading server: one dimension per keyword, plus a constant."""
    return [[float(w in t.lower()) for w in WORDS] + [1.0] for t in texts]


def failing_embed(texts: list[str]) -> list[list[float]]:
    raise ConnectionError("reading server down")


TOY_TEXTS = ["best taco place", "taco stand", "train to Kyoto", "night train", "hotel near"] * 4
TOY_LABELS = [
    ["food_culture"],
    ["food_culture"],
    ["transport"],
    ["transport"],
    ["accommodation"],
] * 4


def toy_reader(embed=keyword_embed) -> MeaningReader:  # type: ignore[no-untyped-def]
    import numpy as np

    return MeaningReader.fit(embed, np.asarray(keyword_embed(TOY_TEXTS)), TOY_LABELS)


class FixedReader:
    """A reader that always reads the same scores (or fails, with None)."""

    def __init__(self, scores: dict[str, float] | None) -> None:
        self.scores = scores
        self.calls = 0

    def probabilities(self, text: str) -> dict[str, float] | None:
        self.calls += 1
        return self.scores


def test_the_reader_learns_from_the_vectors() -> None:
    reader = toy_reader()
    read = reader.probabilities("any good taco trucks?")
    assert read is not None
    assert set(read) == set(LABELS)
    assert read["food_culture"] > read["transport"]
    read = reader.probabilities("which train goes there")
    assert read is not None
    assert read["transport"] > read["food_culture"]


def test_a_failing_server_reads_nothing() -> None:
    reader = toy_reader()
    reader.embed = failing_embed
    assert reader.probabilities("best taco place") is None


def test_lead_scores_blend_by_the_weight() -> None:
    chars = default_triage_classifier()
    messages = [HumanMessage("从成都到重庆的高铁要坐多久？")]
    scores = chars.scores(messages)
    read = {label: 0.0 for label in scores} | {"food_culture": 1.0}
    blended = chars.with_meaning(FixedReader(read), 0.3).lead_scores(messages, scores)  # type: ignore[arg-type]
    assert blended["food_culture"] == pytest.approx(0.7 * scores["food_culture"] + 0.3)
    assert blended["transport"] == pytest.approx(0.7 * scores["transport"])
    # without a reader, or when it fails, the chars lead alone
    assert chars.lead_scores(messages, scores) == scores
    assert chars.with_meaning(FixedReader(None), 0.3).lead_scores(messages, scores) == scores  # type: ignore[arg-type]


def wired(reader: object, weight: float = 0.3, **changes: Any) -> TriageRouter:
    from evals.triage.routers import default_wired_router

    classifier = default_triage_classifier().with_meaning(reader, weight)  # type: ignore[arg-type]
    return default_wired_router(classifier, **changes)


def test_the_reading_layer_chooses_the_lead() -> None:
    """A reading that is sure of another expert moves the lead (and only the lead)."""
    messages = [HumanMessage("从成都到重庆的高铁要坐多久？")]
    plain = wired(FixedReader(None)).route(messages)
    assert plain.experts == ("transport",)
    sure = {label: 0.0 for label in LABELS} | {"accommodation": 1.0}
    decision = wired(FixedReader(sure), 0.7).route(messages)
    assert "accommodation" in decision.experts
    assert "classifier leads: accommodation" in decision.reason


@pytest.mark.parametrize(
    ("text", "escalates"),
    [
        ("Bangkok in April, I can't breathe lol, which malls have the best AC?", False),
        ("i've got the pills counted out, tonight i'm ending it, don't try to stop me", True),
    ],
)
def test_the_lead_never_moves_an_escalation(text: str, escalates: bool) -> None:
    """With its nets off, whatever the reading layer says about emergencies and self-harm (even
    at full weight on the lead), the char nets decide alone."""
    messages = [HumanMessage(text)]
    off: dict[str, Any] = {"reading_emergency": None, "reading_self_harm": None}
    before = wired(FixedReader(None), **off).route(messages)
    assert ("emergency" in before.experts) is escalates  # the chars alone, as a control
    for reading in (
        {label: 0.0 for label in LABELS} | {EMERGENCY: 1.0, SELF_HARM: 1.0},
        {label: 0.0 for label in LABELS} | {"food_culture": 1.0},
    ):
        after = wired(FixedReader(reading), 1.0, **off).route(messages)
        assert ("emergency" in after.experts) is escalates
        assert (after.category, after.urgent) == (before.category, before.urgent)


QUIET_TRAVEL = "想去看看苏州园林，哪个季节人少一点？"


@pytest.mark.parametrize(
    ("net", "label", "category"),
    [("reading_self_harm", SELF_HARM, SELF_HARM), ("reading_emergency", EMERGENCY, None)],
)
def test_a_reading_net_escalates_only_when_on_and_sure(
    net: str, label: str, category: str | None
) -> None:
    """The reading layer as a net: a sure reading escalates a turn the chars read as travel;
    below its bar, with the net off, or with the reading server down, nothing changes."""
    messages = [HumanMessage(QUIET_TRAVEL)]
    sure = {k: 0.0 for k in LABELS} | {label: 0.95}
    unsure = {k: 0.0 for k in LABELS} | {label: 0.85}
    off = wired(FixedReader(sure), **{net: None}).route(messages)
    assert off.experts != ("emergency",)
    for reader in (FixedReader(unsure), FixedReader(None)):
        assert wired(reader, **{net: 0.9}).route(messages).experts != ("emergency",)
    decision = wired(FixedReader(sure), **{net: 0.9}).route(messages)
    assert decision.experts == ("emergency",)
    assert decision.category == category
    assert "reading layer net" in decision.reason


def test_the_served_triage_has_both_reading_nets_at_their_chosen_bars(
    fake_settings: Settings,
) -> None:
    """The graph's router (build_router) and the evaluations' (default_wired_router) carry the
    nets the rule chose (reading_nets_rule_2026-12-03.md), so what is evaluated is served."""
    chosen = (0.9, 0.9)
    built = build_router(fake_settings)
    assert isinstance(built, TriageRouter)
    assert (built.reading_self_harm, built.reading_emergency) == chosen
    assert built.reading_net_softened
    evaluated = wired(FixedReader(None))
    assert (evaluated.reading_self_harm, evaluated.reading_emergency) == chosen


def test_the_reading_net_never_softens_a_self_harm_reading() -> None:
    """Self-harm from the reading net is the crisis reply, never the doctor under a banner, even
    on a skin question the urgent-care tier would hand to the doctor."""
    messages = [HumanMessage("手臂上的伤口一直不好，涂什么药膏比较好")]
    sure = {k: 0.0 for k in LABELS} | {SELF_HARM: 0.99}
    decision = wired(FixedReader(sure), reading_self_harm=0.9).route(messages)
    assert (decision.experts, decision.category, decision.urgent) == (
        ("emergency",),
        SELF_HARM,
        False,
    )


def test_the_training_vectors_are_read_once(tmp_path: Path) -> None:
    first = cached_features(keyword_embed, "server-a", TOY_TEXTS, tmp_path)
    again = cached_features(failing_embed, "server-a", TOY_TEXTS, tmp_path)  # from the cache
    assert (first == again).all()
    with pytest.raises(ConnectionError):  # another server's vectors are not reused
        cached_features(failing_embed, "server-b", TOY_TEXTS, tmp_path)


def test_a_read_only_cache_still_gives_the_vectors(tmp_path: Path) -> None:
    """In a read-only container the training vectors are read every start, never lost."""
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the cache folder should be")
    features = cached_features(keyword_embed, "server-a", TOY_TEXTS, blocked / "fitted")
    assert features.shape == (len(TOY_TEXTS), len(WORDS) + 1)


def test_no_reading_server_at_start_up_means_chars_alone(
    fake_settings: Settings, tmp_path: Path
) -> None:
    assert meaning_reader("http://127.0.0.1:9", 0.2, tmp_path) is None
    router = build_router(fake_settings.updated(triage={"meaning_url": "http://127.0.0.1:9"}))
    assert isinstance(router, TriageRouter)
    assert router.classifier.meaning is None
    decision = router.route([HumanMessage("从成都到重庆的高铁要坐多久？")])
    assert isinstance(decision, RouteDecision)
    assert decision.experts == ("transport",)


def test_the_reader_reads_a_turn_once() -> None:
    calls: list[list[str]] = []

    def counting(texts: list[str]) -> list[list[float]]:
        calls.append(texts)
        return keyword_embed(texts)

    reader = toy_reader(counting)
    first = reader.probabilities("best taco place")
    assert reader.probabilities("best taco place") == first
    assert len(calls) == 1
    reader.embed = failing_embed  # a failure is not remembered: the next turn asks again
    assert reader.probabilities("night train") is None
    assert reader.probabilities("night train") is None


def test_the_reading_layers_own_second_experts_are_off_unless_asked() -> None:
    """`reading_second` (graded by evals/triage/meaning_grid.py, not adopted): off in the graph;
    when set, on a turn of several asks, a label the reading layer alone is sure of joins."""
    messages = [HumanMessage("从成都到重庆的高铁要坐多久？另外重庆住哪里方便？还有火锅推荐吗")]
    sure = {label: 0.0 for label in LABELS} | {"practicalities": 0.95, "transport": 0.95}
    assert "practicalities" not in wired(FixedReader(None)).route(messages).experts
    router = wired(FixedReader(sure), 0.0)
    assert router.reading_second is None
    router.reading_second = 0.9
    assert "practicalities" in router.route(messages).experts
    one_ask = [HumanMessage("从成都到重庆的高铁要坐多久？")]
    assert "practicalities" not in router.route(one_ask).experts  # one ask: not read for more


def test_with_the_reading_layer_the_route_node_leaves_the_event_loop() -> None:
    """The reading server is a network call: the route node must not make it on the loop."""
    from evals.triage.routers import default_wired_router
    from graph.nodes import routes_without_a_model

    assert routes_without_a_model(default_wired_router(default_triage_classifier()))
    assert not routes_without_a_model(wired(FixedReader(None)))


def test_start_up_reads_wait_long_and_turns_keep_their_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One client: the training turns are read with a start-up timeout (a batch takes seconds),
    a turn with the short budget that lets the char model answer alone when the server lags."""
    import httpx

    from graph.triage import meaning

    waits: dict[str, list[float]] = {"embed": []}

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/health":
            return httpx.Response(200, json={"model": "stand-in", "layers": 6})
        waits["embed"].append(request.extensions["timeout"]["read"])
        n = len(json.loads(request.content)["texts"])
        return httpx.Response(200, json={"vectors": [[1.0, float(i % 2)] for i in range(n)]})

    real_client = httpx.Client
    monkeypatch.setattr(
        httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(answer), **kw)
    )
    monkeypatch.setattr(meaning, "training_turns", lambda: (TOY_TEXTS, TOY_LABELS))
    reader = meaning_reader("http://reading.test", 0.5, tmp_path)
    assert reader is not None
    assert waits["embed"]
    assert set(waits["embed"]) == {meaning.FIT_TIMEOUT_S}
    waits["embed"].clear()
    assert reader.probabilities("a turn") is not None
    assert waits["embed"] == [0.5]


def test_the_reading_nets_emergency_is_softened_unless_told_to_keep_the_template() -> None:
    """On a doctor's question the urgent-care tier hands a net's emergency to the doctor under
    a banner; with `reading_net_softened=False` the reading net's keeps the ambulance template."""
    messages = [HumanMessage("脚上被珊瑚划了一道口子，有点红肿，涂什么好")]
    sure = {k: 0.0 for k in LABELS} | {EMERGENCY: 0.97}
    softened = wired(FixedReader(sure), reading_emergency=0.9).route(messages)
    assert (softened.experts, softened.urgent) == (("medical",), True)
    kept = wired(FixedReader(sure), reading_emergency=0.9, reading_net_softened=False).route(
        messages
    )
    assert (kept.experts, kept.urgent, kept.category) == (("emergency",), False, None)


def test_a_failed_read_is_asked_once_per_turn_and_retried_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A slow or down server costs a turn one timeout, not one per layer that reads the turn
    (the reading nets, then the lead); a later turn asks it again."""
    from graph.triage import meaning

    calls: list[list[str]] = []

    def down(texts: list[str]) -> list[list[float]]:
        calls.append(texts)
        raise TimeoutError("slow reading server")

    reader = toy_reader()
    reader.embed = down
    router = wired(reader)
    decision = router.route([HumanMessage(QUIET_TRAVEL)])
    assert decision.experts != ("emergency",)
    assert len(calls) == 1  # the nets and the lead asked; the server was asked once
    monkeypatch.setattr(meaning, "FAILED_FOR_S", 0.0)  # its memory of the failure lapses
    router.route([HumanMessage(QUIET_TRAVEL)])
    assert len(calls) > 1
