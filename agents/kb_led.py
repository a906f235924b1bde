"""Which travel turns the KB answers without a model, per expert.

- itinerary: a list ask about a KB destination ("三个适合老人的景点", "food streets") is answered
  as a KB list (`sights_answer.py`); a plan ask as a KB day plan (`kb_plan.py`), or, for a
  destination the KB lacks, "not in the KB" rather than an invented plan (when the expert plans
  from the KB; otherwise the model writes the days); a revision of one day ("第二天换成…") naming
  KB sights is rebuilt from the KB plan (`day_revision.py`), and any other follow-up on a KB plan
  gets the KB's sights for the interest it names or a plain "the KB holds nothing for this"
  (`plan_follow_up.py`); with no KB plan in the thread the model rewrites the day;
- transport and practicalities: the KB's facts for what was asked (`kb_answer.py`), or "no
  reliable fact" with the official source; never the model's invented airports;
- food & culture: the KB's dishes, food places and tips for what was asked (`food_answer.py`);
  a food or custom term asked about with no destination from the sourced food notes, else a
  plain "no vetted note"; an ask a destination's entry cannot answer (a show, a class, a venue)
  said plainly (`food_terms.py`) — the food expert's model is no longer asked: it answered every
  such question of two served reads wrongly (2026-12-03);
- accommodation: the KB's lodging prices, the areas its sights are in, getting around and lodging
  tips, with general advice on choosing (`lodging_answer.py`); no model-named hotel or area;
- a destination the KB lacks (none in the turn or the thread) to a place-bound ask: no vetted
  facts, said plainly, with safe general advice (`kb_gap.py`), never the model's invented places;
- a yes/no feasibility ask ("一天够不够", "day trip from Chengdu?") to the itinerary or transport
  expert: the KB's yes/no from its times, areas and days (`feasibility.py`); for the itinerary
  expert, a day trip the KB cannot judge is said plainly (never the model's guess), other asks it
  cannot judge go to the model; never a bare sight list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from agents.altitude_health import going_high_lines
from agents.day_plan import ONE_DAY_REVISION
from agents.day_revision import revision_answer
from agents.feasibility import days_needed_lines, feasibility_answer, feasibility_unknown
from agents.feasibility_ask import asks_day_trip, asks_days_needed, asks_feasibility
from agents.food_answer import food_culture_answer
from agents.food_terms import (
    food_terms,
    named_terms,
    no_fact_answer,
    no_note_answer,
    term_lines,
    terms_answer,
)
from agents.highlights import ask_words, words_of
from agents.interests import by_name, interests
from agents.itinerary_ask import ItineraryAsk, read_ask
from agents.kb_answer import (
    KbAnswer,
    asked_gap_lines,
    asked_gaps,
    asked_topics,
    kb_facts_answer,
    kb_texts,
    official_sources,
)
from agents.kb_gap import (
    gap_answer,
    gap_texts,
    lacks_destination,
    near_lines,
    place_bound,
    unheld_goal,
)
from agents.kb_plan import kb_plan_answer
from agents.knowledge import brand_names, has_word, load_kb, text_lang
from agents.knowledge.regions import (
    load_regions,
    region_asked,
    thread_region,
)
from agents.knowledge.traditional import fold_table, regional_words, simplified
from agents.lodging_answer import lodging_answer, lodging_texts
from agents.origin_city import going as going_to
from agents.origin_city import origin_words
from agents.plan_follow_up import plan_follow_up_answer, plan_follow_up_texts, with_thread_days
from agents.quiet_expert import names_lodging
from agents.sight_ask import sight_ask_answer, sight_ask_words
from agents.sight_route import sight_route_lead, visit_length_asked
from agents.sights_answer import region_sights_answer, sights_answer
from agents.trip_length import trip_length

FACT_EXPERTS = ("transport", "practicalities")
# The itinerary_ask.yaml word lists that ask for places (a province's sights ask).
REGION_SIGHT_WORDS = ("list_words", "see_words", "place_words")
GAP_KINDS = ("no_destination", "country")  # already say what the KB lacks for every ask
TERM_KINDS = ("food_terms", "no_food_note")


def load_kb_led_data() -> None:
    """Read the KB-led answers' word and template files now (at graph build), not on the event
    loop during a turn."""
    for read in (
        kb_texts,
        official_sources,
        gap_texts,
        lodging_texts,
        interests,
        ask_words,
        plan_follow_up_texts,
        sight_ask_words,
        load_regions,  # a region naming no KB entry stops start-up
        origin_words,
        brand_names,
        fold_table,
        regional_words,
    ):
        read()
    food_terms()  # checked here: a note without both languages or a source stops start-up


def kb_led_answer(
    expert: str, user_texts: Sequence[str], plans_from_kb: bool = False
) -> KbAnswer | None:
    """The scripted answer for this turn, or None when the expert's model answers it; a food,
    sights, plan or lodging answer also covers the practical topics asked beside it. A
    Traditional-Chinese turn is read as its Simplified form (the word lists and the KB are
    Simplified; traditional_fold_rule_2026-12-07a.md)."""
    user_texts = [simplified(t) for t in user_texts]
    answer = _kb_led_answer(expert, user_texts, plans_from_kb)
    if answer is None or not answer.text:
        return answer
    question = user_texts[-1]
    lang = text_lang(question)
    found = going_to(question) or load_kb().find_in_thread(user_texts, limit=1)
    # pregnant or with a heart, lung or blood-pressure condition and going high: every expert's
    # answer says it first, as the answer to what is asked beside the trip; a province named
    # with no city counts its cities (altitude_health_region_sights_rule_2026-12-06)
    if health := going_high_lines(user_texts, lang, found):
        answer = replace(answer, text="\n\n".join([*health, str(answer.text)]))
    lines: list[str] = []
    if expert not in FACT_EXPERTS and answer.kind not in GAP_KINDS:
        lines += asked_gap_lines(question, found[-1], lang, expert) if found else []
        if expert == "food_culture" and answer.kind not in TERM_KINDS:
            lines += term_lines(named_terms(question), lang)  # "dim sum in Guangzhou": the note
    # a facts answer has its own, maybe under another label ("贴士（深圳）": the same tip twice)
    lines = [line for line in lines if _body(line) not in answer.text]
    if not lines:
        return answer
    # before the closing official-sources line, where the answer has one
    official = "\n" + str(kb_texts()["texts"][lang]["official"]).split("{")[0]
    at = answer.text.rfind(official)
    head, tail = (answer.text[:at], answer.text[at:].strip()) if at >= 0 else (answer.text, "")
    return replace(answer, text="\n\n".join([head.rstrip(), *lines, *([tail] if tail else [])]))


def _asks_region_sights(question: str) -> bool:
    """A province's places asked in words ("有什么好玩的", "哪里", "highlights"): no plan, no
    tips ask, no yes/no ask. A health, weather or lodging question that names the province
    keeps the plain "no city named" answer (the sweep showed "七月去云南是雨季吗" listed)."""
    ask = read_ask(question)
    asked = any(has_word(words_of(kind), question) for kind in REGION_SIGHT_WORDS)
    return asked and not (
        ask.plan
        or ask.food  # "广东有什么好吃的推荐": a food ask, not the cities' sights (read after)
        or asks_feasibility(question)
        or asks_tips_not_places(question, ask)
    )


def asks_tips_not_places(question: str, ask: ItineraryAsk) -> bool:
    """A turn that asks what to watch out for (the practicalities `tips` topic) and for no
    plan, places, food or interest: the itinerary expert's sights list would not answer it."""
    if ask.plan or ask.food or ask.dishes or ask.interests or ask.count is not None:
        return False
    if has_word(words_of("place_words"), question):
        return False
    return "tips" in asked_topics(question, "practicalities")


def _body(line: str) -> str:
    """A section line without its bold label ("**贴士**：…" -> "…")."""
    return re.split(r"\*\*[：:]\s*", line, maxsplit=1)[-1]


def _kb_led_answer(
    expert: str, user_texts: Sequence[str], plans_from_kb: bool = False
) -> KbAnswer | None:
    question = user_texts[-1] if user_texts else ""
    if not question.strip():
        return None
    no_destination = lacks_destination(question, list(user_texts), load_kb())
    if expert == "food_culture" and no_destination and (terms := named_terms(question)):
        return terms_answer(terms, text_lang(question))  # "what is omakase?": the vetted note
    if place_bound(expert, question) and no_destination:
        # a plan by province ("想去云南玩一周") is the planner's: it knows the region's cities
        regional_plan = expert == "itinerary" and plans_from_kb and read_ask(question).plan
        # ... also when the thread named it ("打算去云南" … "排个六天的")
        # ... and a province's facts are its cities' ("去云南会不会有高原反应": their altitude
        # lines; region_facts_rule_2026-12-05.md)
        region = region_asked(question)
        regional_facts = expert in FACT_EXPERTS and region is not None
        planned = regional_plan and (region or thread_region(user_texts))
        if expert == "itinerary" and region and not planned and _asks_region_sights(question):
            # "四川有什么好玩的" got "the KB has nothing on Sichuan": its KB cities and their
            # highlights (altitude_health_region_sights_rule_2026-12-06)
            return region_sights_answer(read_ask(question), region, text_lang(question), question)
        if not (planned or regional_facts):
            return gap_answer(expert, question)
    # "来得及吗" to transport: the yes/no from the KB's times and sights when it has them
    feasible = (
        feasibility_answer(question, load_kb().find(question)[:2])
        if expert == "transport" and asks_feasibility(question)
        else None
    )
    if feasible is not None:
        return feasible
    if goal := unheld_goal(question):
        # "从杭州去乌镇怎么走": no vetted information on 乌镇, not Hangzhou's lines as its way
        # (unheld_place_rule_2026-12-07a.md); nor Beijing's plan for "从北京去天津玩一天", Chengdu's
        # dishes for 峨眉山 … from any expert (unheld_any_expert_rule_2026-12-07b.md)
        city, place = goal
        near = near_lines(city, place, text_lang(question))
        return gap_answer(expert, question, place=place, near=near)
    if expert == "accommodation":
        found = going_to(question) or load_kb().find_in_thread(user_texts, limit=1)
        if not found:
            return None
        ask = read_ask(question)
        if any(i.alone for i in by_name(ask.interests)) and not names_lodging(question):
            # "三亚晒伤了，想找个有树荫的海滩待着" sent here got Sanya's lodging: an ask for
            # somewhere out of the sun or the rain (an interest read alone: shade, indoor) naming
            # no lodging gets those places, as the itinerary gives them. Not any interest: "a
            # good base in Bangkok for a family with a toddler" asks for lodging
            # (h131_shade_ask_rule_2026-12-07h.md, amendment 1)
            return sights_answer(ask, found[-1], text_lang(question), question)
        return lodging_answer(question, found[-1], text_lang(question))
    # "逛故宫要多久" to transport: the sight's own answer (its whole-day mark, or no vetted
    # figure), not the way there; one city only, as for the way (visit_length_rule_2026-12-07a)
    if (
        expert == "transport"
        and visit_length_asked(question)
        and len(load_kb().find(question)) == 1
        and (sight := sight_ask_answer(question, read_ask(question), text_lang(question)))
    ):
        return sight
    if expert in FACT_EXPERTS:
        # "从上海市区去迪士尼怎么走": the way to that sight, not the city's airports
        lead = (
            sight_route_lead(question, load_kb(), text_lang(question))
            if expert == "transport"
            else None
        )
        return kb_facts_answer(question, user_texts, expert, lead=lead)
    if expert == "food_culture":
        found = going_to(question) or load_kb().find_in_thread(user_texts, limit=1)
        if not found:
            # a general food or customs question no note covers: said plainly; the base model
            # answered every such question of a served read wrongly (agents/food_terms.py)
            return no_note_answer(text_lang(question))
        food = food_culture_answer(question, found[0], text_lang(question))
        if food is None and (terms := named_terms(question)):
            return terms_answer(terms, text_lang(question))  # "重庆小面和兰州拉面有什么不同"
        ask = read_ask(question)
        if food is None and ask.interests:
            # "nightlife in Bangkok" sent here: the KB's evening highlights, not the model's bars
            return sights_answer(ask, found[0], text_lang(question), question)
        if food is None and asked_gaps(question):
            # a SIM card / visa / plug question sent here ("cheapest place to buy a local SIM in
            # Seoul" got an invented "East Subway station"): the practicalities answer, which says
            # the KB has no such fact and where to check
            return kb_facts_answer(question, user_texts, "practicalities")
        # a show, a class or a venue the entry does not hold: said plainly, not the model's guess
        return food or no_fact_answer(found[0], text_lang(question))
    if expert != "itinerary":
        return None
    if ONE_DAY_REVISION.search(question):
        # the named KB sights on that day of the KB plan; else, on a KB plan, what the KB has
        # for the change (agents/plan_follow_up.py); without one, the model rewrites the day
        if not plans_from_kb:
            return None
        revised = revision_answer(question, user_texts) or plan_follow_up_answer(
            question, user_texts
        )
        if revised is None and (ask := read_ask(question)).plan and trip_length(question):
            # a plan ask that also names a day ("Plan a 3 day trip to Seoul, day 1 we land at
            # noon") but no KB sight for it: the KB plan, not the model's (day_named_rule)
            return kb_plan_answer(ask, user_texts)
        return revised
    if asks_feasibility(question):
        # A yes/no ask gets the KB's yes/no, or plainly that the KB cannot tell; never the model's
        # guess, a bare sight list or a plan in place of the answer (agents/feasibility.py).
        found = load_kb().find(question)[:2]
        answer = feasibility_answer(question, found)
        if answer is None and asks_day_trip(question):
            return feasibility_unknown(question, found)
        return answer
    if plans_from_kb and (
        # a sight taken away with no day named ("灵隐寺就不用去了"): the plan again without it
        # (sight_drop_casual_rule_2026-12-07b.md)
        follow_up := revision_answer(question, user_texts)
        or plan_follow_up_answer(question, user_texts)
    ):
        return follow_up  # "what about with a toddler?" after a KB plan: not the model's rewrite
    ask = read_ask(question)
    if (not ask.plan or plans_from_kb) and (
        sight := sight_ask_answer(question, ask, text_lang(question))
    ):
        # "the queue at the X, any tips?": what the KB holds on that one sight, not the city's
        # list or a plan (named_sight_ask_rule_2026-12-05.md)
        return sight
    if ask.plan and plans_from_kb:
        return kb_plan_answer(with_thread_days(ask, user_texts), user_texts)
    if asks_tips_not_places(question, ask):
        # "去拉萨需要注意什么" got Lhasa's sights list and no word of altitude: the KB's tips, as
        # the practicalities expert gives them (tips_ask_rule_2026-12-06.md)
        return kb_facts_answer(question, user_texts, "practicalities")
    found = going_to(question)  # not where they set off from (origin_city_rule)
    if not found or ask.plan:
        return None
    answer = sights_answer(ask, found[0], text_lang(question), question)
    if asks_days_needed(question) and (days := days_needed_lines(found, text_lang(question))):
        # "how many days do I need for Kyoto?" got the sights and "tell me how many days you
        # have" (served read 23, g11): the KB's suggested days first
        answer = replace(answer, text="\n".join([*days, answer.text]))
    return answer
