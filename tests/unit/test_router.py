from langchain_core.messages import AIMessage, HumanMessage

from graph.router import KeywordRouter


def route(*turns: str | tuple[str, str]) -> tuple[str, ...]:
    messages = []
    for t in turns:
        if isinstance(t, tuple):
            messages.append(AIMessage(content=t[1], name=t[0]))
        else:
            messages.append(HumanMessage(content=t))
    return KeywordRouter().route(messages).experts


def test_skin_question_goes_to_medical() -> None:
    assert route("我脸上长痘痘怎么办？") == ("medical",)
    assert route("I got a bad sunburn in Sanya, what should I put on it?") == ("medical",)


def test_travel_question_goes_to_itinerary() -> None:
    assert route("帮我规划三天的杭州行程") == ("itinerary",)
    assert route("Plan a 3-day trip to Kyoto for me") == ("itinerary",)


def test_short_follow_up_stays_with_previous_expert() -> None:
    assert route("帮我规划三天的杭州行程", ("itinerary", "..."), "第二天换成去博物馆吧") == (
        "itinerary",
    )
    assert route("我脸上长痘痘怎么办？", ("medical", "..."), "那要连续用几天？") == ("medical",)


def test_unrelated_request_is_out_of_scope() -> None:
    assert route("write me a python function to sort a list") == ("out_of_scope",)
    assert route("帮我规划三天的杭州行程", ("itinerary", "..."), "write python code") == (
        "out_of_scope",
    )
