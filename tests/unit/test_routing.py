"""Routing decisions are pure functions of the thread: tested here without any LLM."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage

from agents.registry import ALL_EXPERTS
from graph.routing.base import RouteDecision, previous_experts
from graph.routing.classifier_router import ClassifierRouter
from graph.routing.llm_router import RouteChoice, choice_to_experts
from graph.routing.policy import PolicyConfig, decide, is_follow_up, load_lexicon


@pytest.fixture(scope="module")
def router() -> ClassifierRouter:
    return ClassifierRouter()


def thread(*turns: str | tuple[str, ...]) -> list[AnyMessage]:
    """Strings are user turns; tuples are the experts that answered."""
    messages: list[AnyMessage] = []
    for t in turns:
        if isinstance(t, tuple):
            meta = {"experts": list(t)} if len(t) > 1 else {}
            messages.append(AIMessage(content="…", name=t[0], response_metadata=meta))
        else:
            messages.append(HumanMessage(content=t))
    return messages


@pytest.mark.parametrize(
    ("text", "expert"),
    [
        ("我脸上长痘痘怎么办？", "medical"),
        ("I got a bad sunburn in Sanya, what should I put on it?", "medical"),
        ("帮我规划三天的杭州行程", "itinerary"),
        ("Plan a 3-day trip to Kyoto for me", "itinerary"),
        ("从成都去九寨沟怎么走？", "transport"),
        ("Where should I stay in Tokyo for my first visit?", "accommodation"),
        ("西安有什么必吃的？", "food_culture"),
        ("Do I need a visa for Vietnam with a Chinese passport?", "practicalities"),
        ("write me a python function to sort a list", "out_of_scope"),
    ],
)
def test_single_turns(router: ClassifierRouter, text: str, expert: str) -> None:
    assert router.route(thread(text)).experts == (expert,)


def test_follow_ups_stay_with_the_previous_expert(router: ClassifierRouter) -> None:
    museum = thread("帮我安排一个杭州三天的行程", ("itinerary",), "第二天换成去博物馆吧")
    assert router.route(museum).experts == ("itinerary",)
    skin = thread("我脸上长痘痘怎么办？", ("medical",), "那要连续用几天？")
    assert router.route(skin).experts == ("medical",)
    kyoto = thread("Can you plan 3 days in Kyoto?", ("itinerary",), "what about the second day?")
    assert router.route(kyoto).experts == ("itinerary",)


def test_a_clear_new_topic_switches_expert(router: ClassifierRouter) -> None:
    switched = thread(
        "My forehead keeps breaking out. What can I do?",
        ("medical",),
        "Totally different question, what's the best month to visit Seoul?",
    )
    assert router.route(switched).experts == ("practicalities",)
    coding = thread("帮我规划三天的杭州行程", ("itinerary",), "write python code for me")
    assert router.route(coding).experts == ("out_of_scope",)


def test_multi_intent_puts_travel_first_then_medical(router: ClassifierRouter) -> None:
    xiamen = thread("去厦门玩两天，我一吃海鲜就起荨麻疹，美食路线怎么安排？")
    assert router.route(xiamen).experts == ("food_culture", "medical")
    sanya = thread("Plan 4 days in Sanya for me. I burn really easily, protect my skin?")
    assert router.route(sanya).experts == ("itinerary", "medical")


def test_previous_experts_reads_merged_answers() -> None:
    merged = thread("q1", ("food_culture", "medical"), "q2")
    assert previous_experts(merged) == ("food_culture", "medical")
    assert previous_experts(thread("q1", ("itinerary",), "q2")) == ("itinerary",)
    assert previous_experts(thread("first turn")) == ()


def test_policy_is_pure_and_uses_the_thread() -> None:
    scores = dict.fromkeys(
        ALL_EXPERTS,
        0.0,
    )
    scores["transport"] = 0.4
    assert decide(scores, "ok?", ("medical",)).experts == ("medical",)  # a short follow-up
    assert decide(scores, "ok?").experts == ("transport",)
    assert decide({**scores, "emergency": 0.9}, "help").experts == ("emergency",)
    # the classifier's emergency class alone must be confident to escalate
    assert decide({**scores, "emergency": 0.3}, "hmm").experts != ("emergency",)


def test_follow_up_detection() -> None:
    lexicon, config = load_lexicon(), PolicyConfig()
    assert is_follow_up("那要连续用几天？", lexicon, config)
    assert is_follow_up("how much would that cost?", lexicon, config)
    assert not is_follow_up(
        "帮我规划一个成都五天四晚的详细行程，我们喜欢美食和熊猫", lexicon, config
    )


def test_llm_router_choice_maps_to_experts() -> None:
    both = RouteChoice(domain="travel+medical", travel_expert="food_culture")
    assert choice_to_experts(both, ()) == ("food_culture", "medical")
    other = RouteChoice(domain="other", travel_expert=None)
    assert choice_to_experts(other, ()) == ("out_of_scope",)
    # no travel expert given: keep the previous one
    travel = RouteChoice(domain="travel", travel_expert=None)
    assert choice_to_experts(travel, ("transport",)) == ("transport",)


def test_llm_router_falls_back_when_the_model_cannot_answer(router: ClassifierRouter) -> None:
    from agents.models import FakeChatModel
    from graph.routing.llm_router import LLMRouter

    llm = LLMRouter(FakeChatModel(messages=iter([])), fallback=router)
    decision = llm.route(thread("我脸上长痘痘怎么办？"))
    assert isinstance(decision, RouteDecision)
    assert decision.experts == ("medical",)
    assert decision.reason.startswith("fallback")


def test_routing_is_fast(router: ClassifierRouter) -> None:
    import time

    started = time.perf_counter()
    for _ in range(20):
        router.route(thread("帮我规划三天的杭州行程", ("itinerary",), "第二天换成去博物馆吧"))
    assert (time.perf_counter() - started) / 20 < 0.1  # well under 100 ms per turn


# Skin questions from serving/data's held-out split that the router once sent to a travel expert.
@pytest.mark.parametrize(
    "text",
    [
        "打扰一下，家里人有黑色素瘤病史，我手臂的几颗痣需要定期检查吗？怎么自查？",
        "请问，在云南的民宿住了两天，腋下和腰上起了很多痒疹，同行的朋友也痒，要怎么处理？",
        "打扰一下，孩子14岁，最近头皮屑很多还老挠头，用什么洗发水比较好？",
        "请问，吃避孕药一段时间后，额头出现褐色斑片，还能做激光吗？",
        "Hi there. After a week of hiking the blister on my forefoot burst and it stings",
        "Hi there. Do I need sunscreen for skiing in Lapland? Can you burn on snow?",
    ],
)
def test_a_skin_question_asked_on_a_trip_reaches_the_doctor(
    router: ClassifierRouter, text: str
) -> None:
    assert "medical" in router.route(thread(text)).experts


# "What should I do?" is how a patient asks; it once read as a travel ask ("what to do") and added
# a travel expert that answered the skin question too. "What to do in <place>" still plans a trip.
@pytest.mark.parametrize(
    "text",
    [
        "I have acne on my chin, what should I do?",
        "Itchy red patches on my elbows after a long flight, dry and flaky. What should I do?",
        "Sunburn after the beach in Sanya, what should I do?",
    ],
)
def test_what_should_i_do_about_my_skin_goes_to_the_doctor_alone(
    router: ClassifierRouter, text: str
) -> None:
    assert router.route(thread(text)).experts == ("medical",)


def test_what_to_do_in_a_place_is_still_a_trip(router: ClassifierRouter) -> None:
    route = router.route(thread("What should I do in Chengdu on a rainy day?"))
    assert route.experts == ("itinerary",)


@pytest.mark.parametrize(
    "follow_up",
    ["要坚持用多久才能看到效果？", "How long before it starts working?", "晚上睡觉前也要涂吗"],
)
def test_a_follow_up_on_the_doctor_s_topic_stays_with_the_doctor(
    router: ClassifierRouter, follow_up: str
) -> None:
    skin = thread("我脸上长痘痘怎么办？", ("medical",), follow_up)
    assert router.route(skin).experts == ("medical",)


@pytest.mark.parametrize(
    ("turn", "expert"),
    [
        ("杭州有什么好吃的？", "food_culture"),
        ("Which hotel near the Bund would you recommend?", "accommodation"),
        ("从三亚去海口怎么走？", "transport"),
    ],
)
def test_a_new_travel_question_after_the_doctor_goes_to_travel(
    router: ClassifierRouter, turn: str, expert: str
) -> None:
    assert router.route(thread("我脸上长痘痘怎么办？", ("medical",), turn)).experts == (expert,)


def test_the_served_router_keeps_the_doctor_s_follow_up_alone() -> None:
    from config.settings import Settings
    from graph.routing import build_router

    served = build_router(Settings(_env_file=None))  # type: ignore[call-arg]
    turn = thread("我脸上长痘痘怎么办？", ("medical",), "要坚持用多久才能看到效果？")
    assert served.route(turn).experts == ("medical",)


def test_the_served_router_keeps_a_replaced_doctor() -> None:
    """The setting reaches the router the graph serves (keep_doctor_rule_2026-12-04.md)."""
    from config.settings import Settings
    from graph.routing import build_router

    served = build_router(Settings(_env_file=None))  # type: ignore[call-arg]
    assert served.keep_replaced == frozenset({"medical"})  # type: ignore[attr-defined]
    off = build_router(Settings(_env_file=None, triage={"keep_replaced": []}))  # type: ignore[call-arg]
    assert off.keep_replaced == frozenset()  # type: ignore[attr-defined]
