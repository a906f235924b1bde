"""The default path's primary from the triage classifier, and the per-ask reader (2026-12-02d).

Pure functions over fixed scores and a fixed ask reader: no model, no fitted classifier, except
the last test, which fits the real per-ask reader on the repo's training turns."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from langchain_core.messages import HumanMessage

from graph.routing.base import RouteDecision
from graph.routing.policy import DOCTOR_FOLLOW_UP
from graph.triage.asks import asks_of
from graph.triage.router import ESCALATE, TriageRouter

SCORES = {
    "emergency": 0.01,
    "self_harm": 0.01,
    "itinerary": 0.1,
    "transport": 0.05,
    "accommodation": 0.1,
    "food_culture": 0.3,
    "practicalities": 0.1,
    "medical": 0.1,
    "out_of_scope": 0.05,
}


class FixedAsks:
    def __init__(self, found: set[str]) -> None:
        self.found = found
        self.calls = 0

    def answering(self, text: str, bar: float) -> set[str]:
        self.calls += 1
        return set(self.found)


def router(asks: Any = None, bar: float | None = None) -> TriageRouter:
    return TriageRouter(
        classifier=None,  # type: ignore[arg-type]  # with_* read only the scores given
        primary_from_classifier=True,
        asks=asks,
        ask_bar=bar,
    )


def test_asks_are_cut_at_breaks_and_at_spaces_between_cjk_characters() -> None:
    assert asks_of("黄山两天一夜 怎么上山 山顶住哪") == ["黄山两天一夜", "怎么上山", "山顶住哪"]
    assert asks_of("weekend in porto: what to do, where to stay") == [
        "weekend in porto",
        "what to do",
        "where to stay",
    ]
    # a space between Latin words is no break; a one-character piece carries no ask
    assert asks_of("Tokyo Tower要提前book吗") == ["Tokyo Tower要提前book吗"]
    assert asks_of("去老挝要打什么疫苗，我，有点哮喘") == ["去老挝要打什么疫苗", "有点哮喘"]


def test_the_classifiers_best_label_replaces_the_older_routers_primary() -> None:
    older = RouteDecision(("itinerary",), "classifier: itinerary", primary="itinerary")
    decision = router().with_primary(older, SCORES)
    assert decision.experts == ("food_culture",)
    assert decision.primary == "food_culture"


def test_the_older_routers_additions_stay_when_the_primary_is_replaced() -> None:
    older = RouteDecision(("itinerary", "medical"), "also health", primary="itinerary")
    assert router().with_primary(older, SCORES).experts == ("food_culture", "medical")


def test_a_replaced_doctor_stays_behind_the_new_lead_when_kept() -> None:
    """A blister told with a day at Disneyland: the blended lead prefers a travel expert, and the
    doctor the older router chose stays (keep_doctor_rule_2026-12-04.md); without the set it is
    dropped, as before."""
    older = RouteDecision(("medical",), "classifier: medical", primary="medical")
    kept = replace(router(), keep_replaced=frozenset({"medical"})).with_primary(older, SCORES)
    assert kept.experts == ("food_culture", "medical")
    assert kept.primary == "food_culture"
    assert router().with_primary(older, SCORES).experts == ("food_culture",)
    # only the experts in the set are kept: a replaced itinerary still goes
    travel = RouteDecision(("itinerary",), "classifier: itinerary", primary="itinerary")
    kept_travel = replace(router(), keep_replaced=frozenset({"medical"}))
    assert kept_travel.with_primary(travel, SCORES).experts == ("food_culture",)


def test_a_follow_up_keeps_the_older_routers_thread_policy() -> None:
    older = RouteDecision(("itinerary",), "follow-up", primary="itinerary", follow_up=True)
    assert router().with_primary(older, SCORES).experts == ("itinerary",)


def test_out_of_scope_leads_when_the_classifier_reads_it_best() -> None:
    scores = {**SCORES, "out_of_scope": 0.6}
    older = RouteDecision(("transport",), "classifier: transport", primary="transport")
    assert router().with_primary(older, scores).experts == ("out_of_scope",)


def test_off_by_setting_the_older_router_decides() -> None:
    older = RouteDecision(("itinerary",), "classifier: itinerary", primary="itinerary")
    off = TriageRouter(classifier=None)  # type: ignore[arg-type]
    assert off.with_primary(older, SCORES) == older


def test_a_confident_ask_adds_its_expert() -> None:
    asks = FixedAsks({"accommodation"})
    decision = RouteDecision(("itinerary",), "classifier: itinerary", primary="itinerary")
    turn = [HumanMessage("黄山两天一夜 怎么上山 山顶住哪")]
    assert router(asks, 0.8).with_asks(decision, turn).experts == ("itinerary", "accommodation")


def test_the_ask_reader_stays_out_of_stories_doctor_follow_ups_and_out_of_scope() -> None:
    asks = FixedAsks({"accommodation"})
    story = [HumanMessage("我们去年去了云南，" * 40 + "这次住哪？")]
    plain = RouteDecision(("itinerary",), "classifier: itinerary")
    assert router(asks, 0.8).with_asks(plain, story) == plain
    doctor = RouteDecision(("medical",), DOCTOR_FOLLOW_UP)
    short = [HumanMessage("还要擦几天，另外能化妆吗")]
    assert router(asks, 0.8).with_asks(doctor, short) == doctor
    oos = RouteDecision(("out_of_scope",), "classifier: out_of_scope")
    assert router(asks, 0.8).with_asks(oos, short) == oos
    assert asks.calls == 0
    assert router(asks, None).with_asks(plain, short) == plain


def test_an_escalated_turn_never_gains_an_answering_expert() -> None:
    # An emergency or self-harm turn is answered by the fixed escalation text alone: a confident
    # ask beside it ("... and where should we stay?") must not put a model next to it.
    asks = FixedAsks({"accommodation", "itinerary"})
    escalated = RouteDecision((ESCALATE,), "rules: self_harm")
    turn = [HumanMessage("我不想活了 药都攒好了 明天住哪无所谓")]
    assert router(asks, 0.8).with_asks(escalated, turn) == escalated
    assert asks.calls == 0


def test_the_fitted_ask_reader_names_each_side_of_a_two_sided_turn() -> None:
    from graph.triage.asks import default_ask_reader

    reader = default_ask_reader()
    found = reader.answering("从成都去重庆坐高铁还是大巴，到了住解放碑还是洪崖洞附近", 0.5)
    assert {"transport", "accommodation"} <= found
    assert reader.read("帮我看看新加坡住哪个区方便") == []  # one ask: the whole-turn readers'


def test_the_reader_reads_background_as_no_ask_and_the_older_derivation_did_not() -> None:
    # "I have 3 days in Rome" says where and how long, it asks nothing: with ask-level labels
    # (data/asks_train.jsonl) the reader names no expert for it; fitted without them (every
    # piece inheriting its turn's label, the control) it reads the piece as an itinerary ask.
    from graph.routing.classifier import default_classifier
    from graph.triage.asks import NO_ASK, AskReader, default_ask_reader

    turn = "I have 3 days in Rome, what should I see?"
    background = default_ask_reader().read(turn)[0]
    assert background[0] == "I have 3 days in Rome"
    assert background[1] == NO_ASK
    older = AskReader.fit(default_classifier(), {}).read(turn)[0]
    assert older[1] == "itinerary"
    assert older[2] >= 0.6


def test_the_written_ask_pieces_are_labelled_and_taken_from_no_evaluation_turn() -> None:
    # TRAIN-only pieces written by hand (2026-12-02g): every label is one the reader knows, no
    # piece twice, and none is cut from a validation, test or fresh turn (a leak would make the
    # reader's validation numbers and the fresh checks say nothing).
    import json
    from pathlib import Path

    from graph.triage.asks import ASK_LABELS, NO_ASK, AskRecipe, written_asks, written_labels

    asks, labels = written_asks(), written_labels()
    assert len(asks) == len(labels) >= 200
    assert set(labels) <= {*ASK_LABELS, NO_ASK}
    assert len(set(asks)) == len(asks)
    data = Path(__file__).resolve().parents[2] / "evals" / "triage" / "data"
    turns = [
        str(json.loads(line)["messages"][-1]["content"]).lower()
        for path in data.glob("*.jsonl")
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    # checked and kept (results file); "my son has a rash" is inside the served j3 turn that
    # fresh_2026-12-04h-alias-named.jsonl keeps verbatim (an urgent-care check, not the reader's);
    # "what cream should I use" ends a control written for fresh_2026-12-06h-flight-luggage.jsonl;
    # "what should I pack" opens a control of fresh_2026-12-06i-net-false-alarms.jsonl (nf-c3);
    # "what's the emergency number there" is inside control scc-6 of
    # fresh_2026-12-07d-h110-signs-reach-doctor-c.jsonl (a call-now check, not the reader's);
    # "which area is best to stay in" ends target ad-6 of fresh_2026-12-07e-h115-asked-after-d.jsonl
    # (found after its run; that amendment was not adopted and ad-6 is not counted for it);
    # "I'm vegetarian" is inside dt-9 of fresh_2026-12-07i-h135-travel-lane.jsonl (a diet told
    # beside a food ask: a check of the nets' alarm, not of the reader; found after its run)
    # "my wife is pregnant" opens one-ask control h139-o23 of
    # fresh_2026-12-08-multi-intent-reading.jsonl (background before a weather ask, written
    # without reading the written pieces; found after its run)
    generic = {
        "where should we stay",
        "do i need a visa",
        "my son has a rash",
        "what cream should i use",
        "what should i pack",
        "what's the emergency number there",
        "which area is best to stay in",
        "i'm vegetarian",
        "my wife is pregnant",
    }
    leaked = [a for a in asks if len(a) >= 12 and a.lower() not in generic]
    assert not [a for a in leaked if any(a.lower() in t for t in turns)]
    assert AskRecipe().written
    assert AskRecipe().char_ngrams == (1, 5)
