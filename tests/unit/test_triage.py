"""Triage: the label line, the router's layers and fallback, the replies it leads to."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from agents.knowledge import load_kb
from agents.responders import category_escalation, category_of_flag, self_harm_reply
from graph.events import GuardEvent, RouteEvent, SafetyEvent, parse
from graph.routing.base import RouteDecision
from graph.triage.classifier import default_triage_classifier
from graph.triage.prompt import TriageAnswer, answer_line, parse_answer, render
from graph.triage.router import TriageRouter


def test_label_lines_round_trip_and_junk_is_refused() -> None:
    assert answer_line(["medical", "itinerary"], None) == "itinerary medical"
    assert answer_line(["emergency"], "stroke") == "emergency stroke"
    assert parse_answer("itinerary medical") == TriageAnswer(("itinerary", "medical"))
    assert parse_answer("emergency chest_pain") == TriageAnswer(("emergency",), "chest_pain")
    assert parse_answer("self_harm") == TriageAnswer(("self_harm",), "self_harm")
    for junk in ("", "I think this is travel", "itinerary, medical!", "hotel"):
        assert parse_answer(junk) is None


def test_render_shows_earlier_turns_and_who_answered() -> None:
    thread = [HumanMessage("帮我规划三天的杭州行程"), AIMessage("…", name="itinerary")]
    text = render([*thread, HumanMessage("第二天呢")])
    assert text.splitlines() == [
        "[earlier] 帮我规划三天的杭州行程",
        "[answered by] itinerary",
        "[now] 第二天呢",
    ]


class FixedModel:
    def __init__(self, answer: TriageAnswer | None) -> None:
        self.answer = answer
        self.calls = 0

    def classify(self, messages: Sequence[BaseMessage]) -> TriageAnswer | None:
        self.calls += 1
        return self.answer


class FixedRouter:
    name = "fixed"

    def route(self, messages: Sequence[BaseMessage]) -> RouteDecision:
        return RouteDecision(("transport",), "fixed")


def test_the_model_decides_when_it_answers() -> None:
    model = FixedModel(TriageAnswer(("emergency",), "stroke"))
    router = TriageRouter(default_triage_classifier(), model, fallback=FixedRouter())  # type: ignore[arg-type]
    decision = router.route([HumanMessage("grandpa's face went droopy on one side")])
    assert decision.experts == ("emergency",)
    assert decision.category == "stroke"
    assert model.calls == 1


def test_self_harm_from_the_model_is_escalated_with_its_category() -> None:
    model = FixedModel(TriageAnswer(("self_harm",), "self_harm"))
    router = TriageRouter(default_triage_classifier(), model)  # type: ignore[arg-type]
    decision = router.route([HumanMessage("anything")])
    assert (decision.experts, decision.category) == (("emergency",), "self_harm")


def test_without_an_answer_the_net_escalates_and_the_router_routes_the_rest() -> None:
    router = TriageRouter(default_triage_classifier(), FixedModel(None), fallback=FixedRouter())  # type: ignore[arg-type]
    ordinary = router.route([HumanMessage("高铁还是飞机去杭州比较方便？")])
    assert ordinary.experts == ("transport",)  # the fallback router, not the classifier
    chest = router.route(
        [HumanMessage("my dad says it feels like an elephant is sitting on his chest")]
    )
    assert chest.experts == ("emergency",)


@pytest.mark.parametrize(
    ("flag", "category"),
    [
        ("anaphylaxis", "anaphylaxis"),
        ("breathing", "breathing_difficulty"),
        ("self_harm", "self_harm"),
    ],
)
def test_rule_flags_map_to_categories(flag: str, category: str) -> None:
    assert category_of_flag(flag) == category


def test_category_first_aid_is_specific() -> None:
    advice = category_escalation(["anaphylaxis", "severe_burn", "stroke"]).advice
    assert "auto-injector" in advice[0]["en"]
    assert "20 minutes" in advice[1]["en"]
    assert "时间" in advice[2]["zh"]


def test_self_harm_reply_names_crisis_lines_for_destination_and_home() -> None:
    london = load_kb().get("london")
    text = self_harm_reply("zh", london)
    assert "116 123" in text  # the destination's line
    assert "12356" in text  # home, for a Chinese-speaking traveller
    assert "988" in self_harm_reply("en", None)


def test_self_harm_reply_sends_a_taken_overdose_to_emergency_care_unconditionally() -> None:
    """Asked "my brother swallowed a strip of paracetamol, feels fine", this reply is given: its
    crisis-line sentence is conditional on thoughts of self-harm, and an overdose needs A&E now
    (NHS), so a line of its own says so whatever the person feels."""
    zh = [s for s in self_harm_reply("zh", None).splitlines() if "已经吞下" in s]
    en = [s for s in self_harm_reply("en", None).splitlines() if "already been taken" in s]
    assert len(zh) == 1
    assert len(en) == 1
    assert "急诊" in zh[0]
    assert "感觉没事" in zh[0]
    assert "A&E now" in en[0]
    assert "even if they feel fine" in en[0]


def test_events_parse_to_their_types_and_ignore_others() -> None:
    route = {
        "type": "route",
        "experts": [{"name": "medical", "domain": "medical", "model": "m"}],
        "reason": "r",
    }
    assert isinstance(parse(route), RouteEvent)
    safety = {"type": "safety", "emergency_numbers": "120", "message": "…", "category": "stroke"}
    assert isinstance(parse(safety), SafetyEvent)
    guard = {"type": "guard", "tag": "antifungal", "expert": "medical", "replaced": "…"}
    assert isinstance(parse(guard), GuardEvent)
    assert parse({"type": "other"}) is None
    assert parse("text") is None


def test_a_self_harm_signal_from_the_classifier_wins_over_the_model() -> None:
    """The adapter misreading a self-harm turn as an ordinary ask must not send it to a model:
    the classifier's self-harm net escalates it whatever the model answered (no veto set)."""
    classifier = default_triage_classifier()
    turn = [HumanMessage("考研又失败了 我想从宿舍楼顶跳下去")]
    assert classifier.classify(turn).labels == ("self_harm",)  # the net sees it
    for answer in (TriageAnswer(("medical",)), TriageAnswer(("itinerary",))):
        router = TriageRouter(classifier, FixedModel(answer))  # type: ignore[arg-type]
        decision = router.route(turn)
        assert (decision.experts, decision.category) == (("emergency",), "self_harm")


def test_the_model_still_routes_what_the_self_harm_net_does_not_see() -> None:
    router = TriageRouter(default_triage_classifier(), FixedModel(TriageAnswer(("transport",))))  # type: ignore[arg-type]
    assert router.route([HumanMessage("高铁还是飞机去杭州比较方便？")]).experts == ("transport",)


def test_an_emergency_from_the_classifier_net_wins_over_the_model() -> None:
    """D4 (evals/triage/results/README.md): the adapter reading a turn as an ordinary ask does
    not overrule the net's emergency."""
    classifier = default_triage_classifier()
    turn = [HumanMessage("My dad collapsed at the hotel pool and is not breathing")]
    assert classifier.classify(turn).labels == ("emergency",)  # the net sees it
    router = TriageRouter(classifier, FixedModel(TriageAnswer(("itinerary",))))  # type: ignore[arg-type]
    assert router.route(turn).experts == ("emergency",)


def test_the_classifiers_second_expert_joins_the_models_single_label() -> None:
    turn = [
        HumanMessage(
            "I got a bad sunburn on my back, what should I put on it? "
            "And how do I get from Bangkok airport to the city by train?"
        )
    ]
    classifier = default_triage_classifier()
    scores = classifier.classify(turn).scores
    assert scores["transport"] >= 0.4
    assert scores["medical"] >= 0.4
    model = FixedModel(TriageAnswer(("medical",)))
    alone = TriageRouter(classifier, model)  # type: ignore[arg-type]
    assert alone.route(turn).experts == ("medical",)  # no second-expert bar: the model alone
    both = TriageRouter(classifier, model, second_expert=0.4, second_expert_several=0.35)  # type: ignore[arg-type]
    assert set(both.route(turn).experts) == {"medical", "transport"}
