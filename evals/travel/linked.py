"""The `kb-plan-linked` design, for comparison only: the KB day plan (`agents/kb_plan.py`) with one
model sentence per day that links that day's KB sights, written under each day's heading.

Why here and not in agents/: it is the "a model only for short connecting phrasing, constrained
to the KB facts" option of issue 15 point 5, measured against the fully scripted plan on
validation before either is served. The model is handed only the day's KB lines and asked for
one sentence using nothing else; 40 tokens, repetition penalty 1.2 (the served day budget's
penalty), greedy. The app-written lines are returned as fixed lines, so the metrics can tell the
model's words apart.
"""

from __future__ import annotations

from langchain_core.messages import HumanMessage, SystemMessage

from agents.expert import travel_lane
from agents.itinerary_ask import read_ask
from agents.kb_plan import build_plan, day_lines, render
from agents.knowledge import load_kb, text_lang
from agents.models import chat_model
from agents.registry import EXPERTS
from config.settings import Settings

MAX_TOKENS = 40
REPETITION_PENALTY = 1.2
LINK = {
    "zh": "下面是第{day}天的安排（来自知识库）：\n{lines}\n"
    "请只写一句话（不超过40字），把这一天的这些地方自然地串起来。只能用上面出现的地点和菜名，不要加任何新的地点、时间、价格或交通方式，不写标题。",
    "en": "Here is day {day} of the plan (from the knowledge base):\n{lines}\nWrite one sentence "
    "(at most 30 words) that links these places into a day. Use only the places and dishes above; "
    "add no other place, time, price or means of transport; no heading.",
}


async def linked_plan(question: str, settings: Settings) -> tuple[str, list[str], int]:
    """(answer, the app-written lines, completion tokens) for a plan ask about a KB city."""
    lang = text_lang(question)
    ask = read_ask(question)
    plan = build_plan(load_kb().find(question), ask.days, lang, ask.easy)
    model = chat_model(
        settings,
        settings.llm.base_model_name,
        0.0,
        max_completion_tokens=MAX_TOKENS,
        extra_body={"repetition_penalty": REPETITION_PENALTY},
    )
    system = f"{EXPERTS['itinerary'].system_prompt}\n\n{travel_lane()[lang]}"
    text = render(plan)
    tokens = 0
    for stay in plan.stays:
        for day in stay.days:
            lines = day_lines(day, plan)
            ask_text = LINK[lang].format(day=day.day, lines="\n".join(lines[1:]))
            reply = await model.ainvoke([SystemMessage(system), HumanMessage(ask_text)])
            usage = reply.usage_metadata
            tokens += usage["output_tokens"] if usage else 0
            sentence = (reply.text.strip().splitlines() or [""])[0].strip()
            block = "\n".join(lines)
            text = text.replace(block, "\n".join([lines[0], sentence, *lines[1:]]), 1)
    fixed = [line for line in render(plan).splitlines() if line.strip()]
    return text, fixed, tokens
