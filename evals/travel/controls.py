"""A control every report carries: an answer that must fail the metrics.

`skeleton` (itinerary questions) is the KB day plan's headings with no model text.
`kb_verbatim` (itinerary questions) is the destination's entry pasted as it stands: all its KB
facts with no plan. A day plan that cannot beat both adds nothing a traveller could not read off
the KB.

`looping` is the failure issue 15 reported ("西湖周边" blocks for a minute) made deterministic: a
generic day line repeated for every day, a treatment tip a travel expert must not give, and no
knowledge-base fact. If it ever scored well, the metrics would be measuring nothing.
"""

from __future__ import annotations

from agents.day_plan import intro, plan_days
from agents.knowledge import Lang, load_kb, text_lang

LOOP_DAYS = 6
DAY_LINE: dict[Lang, str] = {
    "zh": "第{day}天：上午在市中心周边走走，下午在市中心周边逛逛，晚上品尝当地美食。",
    "en": "Day {day}: In the morning walk around the city centre, in the afternoon explore the "
    "city centre, and in the evening try the local food.",
}
TREATMENT_TIP: dict[Lang, str] = {
    "zh": "如果被蚊子咬了或者晒伤，涂点药膏、吃片抗过敏药就好。",
    "en": "If you get bitten or sunburnt, just apply some hydrocortisone cream and take an "
    "antihistamine.",
}


def skeleton(question: str) -> str:
    """The day plan's intro and headings alone, no model text: what the KB skeleton gives by
    itself (itinerary questions). A model that cannot beat it adds only words."""
    plan = plan_days([question])
    return "\n\n".join([intro(plan), *(d.heading() for d in plan)]) if plan else ""


def looping(lang: Lang) -> str:
    days = "\n".join(DAY_LINE[lang].format(day=d) for d in range(1, LOOP_DAYS + 1))
    return f"{days}\n{TREATMENT_TIP[lang]}"


VERBATIM_FIELDS = ("highlights", "local_food", "getting_around", "tips")


def kb_verbatim(question: str) -> str:
    """The KB entries the question names, their plan-relevant fields pasted as they stand."""
    lang = text_lang(question)
    return "\n\n".join(d.fact_sheet(VERBATIM_FIELDS, lang) for d in load_kb().find(question)[:2])
