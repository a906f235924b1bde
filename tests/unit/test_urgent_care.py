"""The urgent-care tier (graph/triage/urgent.py): which net escalations become the doctor's answer
under a banner, which never do, and what the graph emits and stores for one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from agents.card_answer import CARD_LED
from agents.responders import urgent_banner
from config.settings import Settings
from graph.builder import build_graph
from graph.routing.base import RouteDecision
from graph.triage.classifier import ClassifierVerdict
from graph.triage.router import TriageRouter
from graph.triage.urgent import UrgentCare
from tests.unit.test_graph import run_turn

TIER = UrgentCare(medical_at_least=0.2, emergency_below=0.7)


def scores(emergency: float, medical: float, self_harm: float = 0.01) -> dict[str, float]:
    base = {k: 0.01 for k in ("itinerary", "transport", "out_of_scope")}
    return {**base, "emergency": emergency, "medical": medical, "self_harm": self_harm}


@dataclass
class FixedClassifier:
    """The triage classifier's verdict, fixed: which net fired and with what scores."""

    labels: tuple[str, ...]
    scores: dict[str, float]
    calls: int = 0

    def classify(self, messages: Sequence[BaseMessage]) -> ClassifierVerdict:
        self.calls += 1
        return ClassifierVerdict(self.labels, self.scores)


@dataclass
class FixedRouter:
    decision: RouteDecision
    name: str = "older"

    def route(self, messages: Sequence[BaseMessage]) -> RouteDecision:
        return self.decision


@dataclass
class NoModel:
    calls: list[Any] = field(default_factory=list)

    def classify(self, messages: Sequence[BaseMessage]) -> None:
        return None


TURN = [HumanMessage("a turn")]
ORDINARY = RouteDecision(("transport",), "older: transport")


def router(labels: tuple[str, ...], s: dict[str, float], fallback: Any = None) -> TriageRouter:
    return TriageRouter(
        FixedClassifier(labels, s),  # type: ignore[arg-type]
        fallback=fallback or FixedRouter(ORDINARY),
        urgent=TIER,
    )


@pytest.mark.parametrize(
    ("emergency", "medical", "self_harm", "urgent"),
    [
        (0.55, 0.3, 0.01, True),  # borderline net, reads as a doctor's question
        (0.69, 0.2, 0.19, True),  # at the bars
        (0.7, 0.5, 0.01, False),  # a confident net keeps the template
        (0.55, 0.19, 0.01, False),  # not the doctor's question
        (0.55, 0.5, 0.2, False),  # a self-harm signal never leaves the crisis path
    ],
)
def test_the_tier_takes_only_borderline_doctor_turns(
    emergency: float, medical: float, self_harm: float, urgent: bool
) -> None:
    assert TIER.applies(scores(emergency, medical, self_harm)) is urgent
    decision = router(("emergency",), scores(emergency, medical, self_harm)).route(TURN)
    if urgent:
        assert (decision.experts, decision.urgent) == (("medical",), True)
        assert "urgent care" in decision.reason
    else:
        assert (decision.experts, decision.urgent) == (("emergency",), False)


@pytest.mark.parametrize(
    ("turn", "emergency", "self_harm", "urgent"),
    [
        ("my son has head lice after summer camp", 0.43, 0.07, True),  # an ordinary card named
        ("my son has head lice after summer camp", 0.69, 0.07, True),  # under the 0.7 ceiling
        ("my son has head lice after summer camp", 0.75, 0.07, False),  # a confident net
        ("my son has head lice after summer camp", 0.43, 0.2, False),  # self-harm signal
        ("I think I have heatstroke", 0.43, 0.07, False),  # an emergency card named
        ("my son fell and hit his head", 0.43, 0.07, False),  # nothing named
        # a name typed without its commas is still the name (served read 05, w2)
        ("My son has hand foot and mouth disease, we're in Singapore", 0.53, 0.07, True),
        # named in an alias's lay words (served j8, 2026-12-04h, got the ambulance template)
        ("my son was stung by a jellyfish off Koh Lanta", 0.53, 0.07, True),
        ("my son was stung by a jellyfish off Koh Lanta", 0.75, 0.07, False),
        # told in a sentence, not named (served e12, 2026-12-06: "got bitten by a monkey at
        # Uluwatu temple" got the ambulance template); phrasings written after the change
        ("a stray dog bit my calf outside the hostel in Cusco", 0.5, 0.07, True),
        ("my daughter got scratched by a monkey at the rock in Gibraltar", 0.5, 0.07, True),
        ("景区里一只猴子把我手抓破了", 0.5, 0.07, True),
        ("被邻居家的猫咬了一下，出了点血", 0.5, 0.07, True),
        ("a stray dog bit my calf outside the hostel in Cusco", 0.85, 0.07, False),
        ("my husband was hit by a cricket bat, his head is bleeding", 0.5, 0.07, False),
        ("在海边被蚊子咬得全是包", 0.5, 0.07, False),
        ("the dog didn't bite him, it only jumped up", 0.5, 0.07, False),  # denied
    ],
)
def test_a_net_escalation_on_a_turn_naming_an_ordinary_condition_goes_to_the_doctor(
    turn: str, emergency: float, self_harm: float, urgent: bool
) -> None:
    s = scores(emergency, 0.05, self_harm)  # the doctor's score alone would not soften it
    decision = router(("emergency",), s).route([HumanMessage(turn)])
    assert (decision.experts, decision.urgent) == (
        (("medical",), True) if urgent else (("emergency",), False)
    )


@pytest.mark.parametrize(
    ("cards", "urgent"),
    [(["tinea_pedis"], True), (["tinea_pedis", "heatstroke"], False), ([], False), (None, False)],
)
def test_a_net_escalation_on_a_follow_up_to_an_ordinary_card_goes_to_the_doctor(
    cards: list[str] | None, urgent: bool
) -> None:
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": cards or []})
    thread = [HumanMessage("脚趾缝痒，脱皮发白"), *([earlier] if cards is not None else [])]
    turn = HumanMessage("我朋友说涂皮炎平就好了，可以吗")
    decision = router(("emergency",), scores(0.43, 0.05)).route([*thread, turn])
    assert (decision.experts, decision.urgent) == (
        (("medical",), True) if urgent else (("emergency",), False)
    )


def test_self_harm_is_never_softened() -> None:
    decision = router(("self_harm",), scores(0.1, 0.9)).route(TURN)
    assert (decision.experts, decision.category) == (("emergency",), "self_harm")
    assert not decision.urgent


def test_the_older_routers_emergency_class_is_a_net_too() -> None:
    older = FixedRouter(RouteDecision(("emergency",), "classifier: emergency"))
    doctorish = router(("medical",), scores(0.1, 0.8), older).route(TURN)
    assert (doctorish.experts, doctorish.urgent) == (("medical",), True)
    # the triage classifier unsure of the doctor: the older router's escalation stands
    unclear = router(("transport",), scores(0.1, 0.1), older).route(TURN)
    assert unclear.experts == ("emergency",)


def test_off_every_net_escalation_escalates() -> None:
    off = TriageRouter(
        FixedClassifier(("emergency",), scores(0.55, 0.9)),  # type: ignore[arg-type]
        fallback=FixedRouter(ORDINARY),
    )
    assert off.route(TURN).experts == ("emergency",)


def test_a_net_beside_the_model_is_softened_but_the_models_category_is_not() -> None:
    from graph.triage.prompt import TriageAnswer

    class Says:
        def __init__(self, answer: TriageAnswer) -> None:
            self.answer = answer

        def classify(self, messages: Sequence[BaseMessage]) -> TriageAnswer:
            return self.answer

    s = scores(0.55, 0.5)
    net = TriageRouter(
        FixedClassifier(("emergency",), s),  # type: ignore[arg-type]
        Says(TriageAnswer(("medical",))),  # type: ignore[arg-type]
        urgent=TIER,
    )
    assert net.route(TURN).urgent
    model = TriageRouter(
        FixedClassifier(("medical",), s),  # type: ignore[arg-type]
        Says(TriageAnswer(("emergency",), "anaphylaxis")),  # type: ignore[arg-type]
        urgent=TIER,
    )
    decision = model.route(TURN)
    assert (decision.experts, decision.category) == (("emergency",), "anaphylaxis")


@dataclass(frozen=True)
class SoftenedRouter:
    """A router whose every turn is a softened net escalation."""

    name: str = "triage"

    def route(self, messages: Any) -> RouteDecision:
        return RouteDecision(("medical",), "net: emergency; urgent care", urgent=True)


async def test_the_graph_emits_the_event_and_the_doctor_answers_under_the_banner(
    fake_settings: Settings,
) -> None:
    graph = build_graph(fake_settings, router=SoftenedRouter(), checkpointer=InMemorySaver())
    customs, _ = await run_turn(graph, "u", "my arm got itchy bumps after the hike")
    assert [c["type"] for c in customs] == ["safety", "route"]
    safety = customs[0]
    assert (safety["level"], safety["flags"]) == ("urgent", ["triage"])
    assert "911" in safety["emergency_numbers"]
    assert [e["name"] for e in customs[1]["experts"]] == ["medical"]
    banner = urgent_banner("en", None)
    assert safety["message"] == banner
    state = (await graph.aget_state({"configurable": {"thread_id": "u"}})).values
    reply = state["messages"][-1]
    assert reply.name == "medical"
    assert str(reply.content).startswith(banner)
    assert str(reply.content) != banner  # the doctor's answer follows
    assert reply.additional_kwargs["safety"]["level"] == "urgent"
    assert state["experts_used"] == ["medical"]
    # the next turn on the thread is an ordinary one: no banner left over
    graph2 = build_graph(fake_settings, checkpointer=InMemorySaver())
    await run_turn(graph2, "v", "脸上长痘了怎么办")
    after = (await graph2.aget_state({"configurable": {"thread_id": "v"}})).values
    assert not after.get("urgent_banner")
    assert not str(after["messages"][-1].content).startswith("⚠️")


def card_led_softened(fake_settings: Settings) -> Any:
    """The graph with the card-led doctor, every turn a net escalation the router softened."""
    settings = fake_settings.updated(doctor={"answer": "card_led"})
    return build_graph(settings, router=SoftenedRouter(), checkpointer=InMemorySaver())


async def test_where_the_doctors_card_calls_now_the_emergency_template_answers(
    fake_settings: Settings,
) -> None:
    graph = card_led_softened(fake_settings)
    text = "red hot swollen patch on my shin spreading fast since this morning, chills and a fever"
    customs, _ = await run_turn(graph, "c", text)
    assert customs[0]["level"] == "emergency"
    assert "the doctor's card calls now" in customs[0]["reason"]
    assert [e["name"] for e in customs[1]["experts"]] == ["emergency"]
    reply = (await graph.aget_state({"configurable": {"thread_id": "c"}})).values["messages"][-1]
    assert reply.name == "emergency"
    assert urgent_banner("en", None) not in str(reply.content)
    # a card that does not call now (and that the user does not name): the doctor's answer
    # under the banner
    customs, _ = await run_turn(
        graph, "d", "itchy raised bumps on both arms since the beach, no swelling"
    )
    assert customs[0]["level"] == "urgent"
    reply = (await graph.aget_state({"configurable": {"thread_id": "d"}})).values["messages"][-1]
    assert reply.name == "medical"
    assert str(reply.content).startswith(urgent_banner("en", None))
    assert reply.response_metadata["answer"] == "card_led"


def test_a_doctors_answer_with_its_own_warning_gets_no_banner_on_top() -> None:
    from langchain_core.messages import AIMessage

    from agents.registry import EXPERTS
    from graph.nodes import labelled

    state: Any = {"urgent_banner": "BANNER", "safety_outcome": {"level": "urgent"}}
    own = labelled(EXPERTS["medical"], AIMessage("⚠️ see a doctor today …"), state)
    assert str(own.content) == "⚠️ see a doctor today …"
    assert own.additional_kwargs["safety"] == {"level": "urgent"}
    plain = labelled(EXPERTS["medical"], AIMessage("hives …"), state)
    assert str(plain.content) == "BANNER\n\nhives …"
    assert str(labelled(EXPERTS["transport"], AIMessage("trains"), state).content) == "trains"


def test_the_banner_names_the_destinations_numbers_and_the_call_now_signs() -> None:
    from agents.knowledge import load_kb

    place = load_kb().find_in_thread(["去厦门玩"], limit=1)[0]
    zh = urgent_banner("zh", place)
    for words in (place.emergency_number, "呼吸困难", "今天"):
        assert words in zh
    en = urgent_banner("en", None)
    for words in ("trouble breathing", "today", "112"):
        assert words in en


async def test_a_softened_turn_with_an_unrelated_task_escalates_not_the_fixed_reply(
    fake_settings: Settings,
) -> None:
    graph = build_graph(fake_settings, router=SoftenedRouter(), checkpointer=InMemorySaver())
    text = "my arm is swollen after a sting, and write me a python script to scrape flights"
    customs, _ = await run_turn(graph, "t", text)
    assert customs[0]["level"] == "emergency"
    assert [e["name"] for e in customs[1]["experts"]] == ["emergency"]


async def test_a_softened_heart_attack_gets_the_chest_pain_first_aid(
    fake_settings: Settings,
) -> None:
    """Where the doctor's signs name a non-skin emergency (NHS "Heart attack"), the template the
    tier escalates to carries that category's first aid, not the generic one."""
    from agents.responders import category_escalation, emergency_reply

    settings = fake_settings.updated(doctor={"answer": "card_led"})
    graph = build_graph(settings, router=SoftenedRouter(), checkpointer=InMemorySaver())
    # no red-flag rule reads this one (the safety node would give the category itself)
    customs, _ = await run_turn(graph, "h", "mum says her chest is really tight and she's clammy")
    safety = customs[0]
    assert (safety["level"], safety["category"]) == ("emergency", "chest_pain")
    assert "the doctor's card calls now" in safety["reason"]
    reply = (await graph.aget_state({"configurable": {"thread_id": "h"}})).values["messages"][-1]
    assert reply.name == "emergency"
    assert str(reply.content) == emergency_reply("en", None, category_escalation(["chest_pain"]))


@dataclass
class NetRouter:
    """A router whose every turn is a net escalation with no category (the nets name none)."""

    name: str = "triage"

    def route(self, messages: Any) -> RouteDecision:
        return RouteDecision(("emergency",), "classifier: emergency")


async def test_a_net_escalation_takes_the_category_the_doctors_signs_name(
    fake_settings: Settings,
) -> None:
    """A net names no category; a stroke it catches gets the stroke's first aid (note the time),
    not the generic template, where the doctor's sign reading names it (2026-12-04)."""
    from agents.responders import category_escalation, emergency_reply

    settings = fake_settings.updated(doctor={"answer": "card_led"})
    graph = build_graph(settings, router=NetRouter(), checkpointer=InMemorySaver())
    customs, _ = await run_turn(graph, "s", "her smile is lopsided and her left arm is weak")
    assert (customs[0]["level"], customs[0]["category"]) == ("emergency", "stroke")
    reply = (await graph.aget_state({"configurable": {"thread_id": "s"}})).values["messages"][-1]
    assert str(reply.content) == emergency_reply("en", None, category_escalation(["stroke"]))
    # nothing named: the generic template, as before
    customs, _ = await run_turn(graph, "g", "something is badly wrong with my friend")
    assert (customs[0]["level"], customs[0]["category"]) == ("emergency", None)


async def test_an_allergic_chest_emergency_gets_the_adrenaline_not_the_aspirin(
    fake_settings: Settings,
) -> None:
    """Through the graph: a tight chest and sweating after a wasp sting is escalated with
    anaphylaxis's first aid first and without the heart attack's aspirin."""
    settings = fake_settings.updated(doctor={"answer": "card_led"})
    graph = build_graph(settings, router=NetRouter(), checkpointer=InMemorySaver())
    customs, _ = await run_turn(graph, "a", "stung by a wasp, now my chest is tight and I'm clammy")
    assert customs[0]["category"] == "anaphylaxis"
    assert "auto-injector" in customs[0]["message"]
    assert "aspirin" not in customs[0]["message"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("spilled a pan of boiling soup on my toddler's chest, huge blisters", "severe_burn"),
        ("在沙漠里走了一天，外公浑身滚烫，开始说胡话", "heat_stroke"),
        ("my son ate a cashew and now his lips are puffing up", "anaphylaxis"),
        # the doctor's card calls now but its own picture is not shown: the generic first aid
        ("red hot swollen patch on my shin spreading fast since this morning", None),
    ],
)
async def test_an_escalation_the_doctors_emergency_card_agrees_with_carries_its_first_aid(
    fake_settings: Settings, text: str, category: str | None
) -> None:
    """A net escalation (no category of its own) carried the generic "keep them still, use
    their auto-injector" first aid where the doctor's card names the emergency (a scalded
    toddler: cool running water); card_category_rule_2026-12-04d.md."""
    settings = fake_settings.updated(doctor={"answer": "card_led"})
    graph = build_graph(settings, router=SoftenedRouter(), checkpointer=InMemorySaver())
    customs, _ = await run_turn(graph, "k", text)
    assert customs[0]["level"] == "emergency"
    assert customs[0]["category"] == category


def test_nitroglycerin_is_no_chemical_burn() -> None:
    """ "硝酸甘油" (a heart patient's nitroglycerin) read as 硝酸 (nitric acid): a chest pain got a
    burn's signs, and its escalation a burn's first aid."""
    from agents.emergency_signs import emergency_signs

    signs = emergency_signs().signs("心口一阵一阵绞痛，吃了硝酸甘油还痛")
    assert "burn" not in signs
    assert "chest_pain" in signs
    assert "burn" in emergency_signs().signs("手上溅到了硝酸")


@pytest.mark.parametrize(
    ("card", "shown", "category"),
    [
        ("severe_burn", {"burn", "blistering"}, "severe_burn"),
        ("severe_burn", {"chest_pain"}, None),  # led on a score: no burn told
        ("anaphylaxis", {"allergen", "breathing"}, "anaphylaxis"),
        ("anaphylaxis", {"breathing", "throat_voice"}, None),  # smoke: no trigger, no swelling
        ("heatstroke", {"heat_exposure", "consciousness"}, "heat_stroke"),
        ("heatstroke", {"consciousness"}, None),  # a stroke's confusion, no heat
        # spreading with a fever: the serious-infection first aid the rules' own flag for the
        # picture carries (spreading_red_rule_2026-12-05.md); spreading alone: none
        ("cellulitis_fever", {"spreading_redness", "fever"}, "sepsis_meningitis"),
        ("cellulitis_fever", {"spreading_redness", "inflamed_skin"}, None),
    ],
)
def test_an_emergency_card_names_its_category_only_with_its_own_picture(
    card: str, shown: set[str], category: str | None
) -> None:
    from agents.responders import category_of_card

    assert category_of_card(card, shown) == category


async def test_an_open_emergency_without_a_category_takes_the_one_the_next_turn_shows(
    fake_settings: Settings,
) -> None:
    """An emergency opened by a net has no category; the turn after it that shows the picture
    ("her lips are swelling now" after a sting) gets that emergency's first aid."""
    graph = build_graph(
        fake_settings.updated(doctor={"answer": "card_led"}), checkpointer=InMemorySaver()
    )
    first, _ = await run_turn(graph, "o", "a wasp stung my daughter on the neck at the campsite")
    assert first[0]["type"] == "safety"
    assert first[0]["category"] is None
    then, _ = await run_turn(graph, "o", "her lips are swelling now")
    assert "open" in then[0]["reason"]
    assert then[0]["category"] == "anaphylaxis"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        # the user names an ordinary card and tells nothing beyond its own picture: no banner
        (
            "the eczema on my wrists split open in the dry cold of Ulaanbaatar and bleeds a little",
            True,
        ),
        ("my toddler's hand foot and mouth spots have spread to his knees, he's eating fine", True),
        # a card retrieval guessed (nobody named it) keeps the banner
        ("itchy raised bumps on both arms since the beach, no swelling", False),
        # a sign beyond the card's picture (faint beside eczema) keeps it
        ("my eczema has cracked open and I feel faint", False),
        # a child drying out or unusually sleepy keeps it (urgent_care.yaml `keeps_banner`)
        ("孩子手足口病，一天没怎么尿", False),
        ("my son has hand foot and mouth and has been really sleepy since lunch", False),
    ],
)
def test_a_named_ordinary_card_with_nothing_beyond_its_picture_gets_no_banner(
    text: str, plain: bool
) -> None:
    """ordinary_banner_rule_2026-12-06i.md: the net's escalation on "cracked and bleeding" eczema
    or a named hand-foot-and-mouth put the banner over the card (served reads 32, 35)."""
    from agents.card_answer import card_led_doctor
    from agents.registry import EXPERTS
    from graph.urgent_care import ordinary_card_only

    doctor = card_led_doctor(EXPERTS["medical"].card_led, Settings().doctor)
    assert doctor is not None
    answer = doctor.answer([HumanMessage(text)], [text])
    assert ordinary_card_only(answer, [text]) is plain


async def test_a_softened_turn_on_a_named_ordinary_card_is_the_doctors_plain_answer(
    fake_settings: Settings,
) -> None:
    graph = card_led_softened(fake_settings)
    text = "my eczema flared on the flight to Lhasa, knuckles cracked and bleeding"
    customs, _ = await run_turn(graph, "e", text)
    assert [c["type"] for c in customs] == ["route"]
    assert "the doctor's ordinary card: no banner" in customs[0]["reason"]
    state = (await graph.aget_state({"configurable": {"thread_id": "e"}})).values
    reply = state["messages"][-1]
    assert reply.name == "medical"
    assert not str(reply.content).startswith("⚠️")
    assert not state.get("urgent_banner")
