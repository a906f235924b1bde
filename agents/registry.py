"""The experts Trip Genius can route a turn to, looked up by name."""

from __future__ import annotations

from pathlib import Path

from agents.expert import PROMPTS_DIR, Decoding, Expert
from agents.responders import EMERGENCY_TEMPLATE, OUT_OF_SCOPE_TEMPLATE

REPO_ROOT = Path(__file__).resolve().parent.parent
# The medical expert's system prompt is the one its LoRA adapter was trained with.
MEDICAL_PROMPT = REPO_ROOT / "serving" / "data" / "medical_expert" / "system_prompt.txt"


# Travel answers on the 0.5B base loop ("西湖周边" blocks for a minute). Chosen on the travel
# validation questions (`make travel-eval`, evals/travel/results/README.md):
# - itineraries are written one day at a time from the KB skeleton, 120 tokens a day, with
#   repetition penalty 1.2 (1.1: 8 of 10 answers looping, frequency penalty 0.5: 10 of 10);
# - the other experts keep vLLM's repetition penalty 1.1 (1.2 was no better, frequency penalty
#   0.5 halved the KB facts and lost a reply language) and get max_tokens = the longest answer
#   that ended by itself there, rounded up to 40 tokens, at least 160: a cap that only cuts loops.
# - transport and practicalities answer from the KB's own text, and the itinerary expert's list
#   asks too (agents/kb_led.py): with the facts in its prompt the model still invented airports.
# - itinerary plan asks are answered with a plan made of the KB entry's own text (kb_plans,
#   agents/kb_plan.py): on validation it beat one model sentence per day on the KB plan (which
#   invented "Picasso at the Louvre", a beach at Tanah Lot) and the controls (travel-5, README).
#   The day-by-day model path (plans_days, DAY_DECODING) is left for the evaluation variants.
# - accommodation answers from the KB (lodging prices, where the sights are, general advice on
#   choosing), and no travel expert's model answers a place-bound ask for a destination the KB
#   lacks (agents/lodging_answer.py, agents/kb_gap.py): it named a "Central Park Hotel" in London
#   and a "Burgundy area" of Istanbul (travel-9, evals/travel/results/README.md).
# - food & culture answers dish, custom and food-safety asks from the KB (agents/food_answer.py):
#   on validation the model gave 0 of 3 right (a looping list, "traditional Chinese cuisine" in
#   Chiang Mai, aspirin for a rash) and the KB 2 of 3 (travel-7, evals/travel/results/README.md).
TRAVEL_REPETITION_PENALTY = 1.1
DAY_DECODING = Decoding(max_tokens=120, repetition_penalty=1.2)


def _bounded(max_tokens: int) -> Decoding:
    return Decoding(max_tokens=max_tokens, repetition_penalty=TRAVEL_REPETITION_PENALTY)


def _travel(
    name: str,
    title: str,
    *kb_fields: str,
    decoding: Decoding,
    plans_days: bool = False,
    kb_led: bool = False,
    kb_plans: bool = False,
) -> Expert:
    return Expert(
        name,
        "travel",
        title,
        PROMPTS_DIR / f"{name}.md",
        kb_fields=kb_fields,
        grounding="destinations",
        guarded=True,
        plans_days=plans_days,
        kb_led=kb_led,
        kb_plans=kb_plans,
        decoding=decoding,
    )


EXPERTS: dict[str, Expert] = {
    e.name: e
    for e in (
        _travel(
            "itinerary",
            "行程规划 Itinerary",
            "highlights",
            "suggested_days",
            "best_seasons",
            "getting_around",
            decoding=DAY_DECODING,
            plans_days=True,
            kb_led=True,
            kb_plans=True,
        ),
        _travel(
            "transport",
            "交通 Transport",
            "getting_there",
            "getting_around",
            decoding=_bounded(160),
            kb_led=True,
        ),
        _travel(
            "accommodation",
            "住宿 Accommodation",
            "typical_costs",
            "getting_around",
            "tips",
            decoding=_bounded(160),
            kb_led=True,
        ),
        _travel(
            "food_culture",
            "美食与文化 Food & culture",
            "local_food",
            "tips",
            decoding=_bounded(280),
            kb_led=True,
        ),
        _travel(
            "practicalities",
            "实用信息 Practicalities",
            "best_seasons",
            "typical_costs",
            "currency",
            "tips",
            "emergency_number",
            decoding=_bounded(160),
            kb_led=True,
        ),
        Expert(
            "medical",
            "medical",
            "AI 皮肤科医生 Dermatology",
            MEDICAL_PROMPT,
            model_role="medical",
            grounding="conditions",
            guarded=True,
            card_led=True,
        ),
        Expert(
            "emergency",
            "emergency",
            "紧急求助 Emergency",
            EMERGENCY_TEMPLATE,
            model_role="scripted",
        ),
        Expert(
            "out_of_scope",
            "other",
            "范围之外 Out of scope",
            OUT_OF_SCOPE_TEMPLATE,
            model_role="scripted",
        ),
    )
}


# Every other view of the experts is derived from the one table above.
ALL_EXPERTS: tuple[str, ...] = tuple(EXPERTS)
TRAVEL_EXPERTS: tuple[str, ...] = tuple(n for n, e in EXPERTS.items() if e.domain == "travel")
DOMAIN_OF: dict[str, str] = {n: e.domain for n, e in EXPERTS.items()}
