"""What an expert is, and how it prepares to answer: its prompt, its facts, its share of the thread.

An expert owns everything about how it answers (model, grounding, reply language, history
budget, decoding, guard), so graph nodes only wire: they hand an expert the thread and get back
what to send to its model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage

from agents.day_plan import DAY_PLAN_FIELDS, DayPlan, plan_days
from agents.feasibility_ask import asks_feasibility
from agents.grounding import ConditionGrounding, condition_prompt, destination_prompt
from agents.history import history_budget, history_for_model
from agents.itinerary_ask import read_ask
from agents.knowledge import text_lang
from agents.prompt_data import read_yaml
from agents.reply_language import with_reply_language
from config.settings import Settings

Domain = Literal["travel", "medical", "emergency", "other"]
# Which model answers: the base model, the medical LoRA adapter, or fixed text (no model).
ModelRole = Literal["base", "medical", "scripted"]
# Which facts are put in front of the model: destination sheets, condition cards, or none.
GroundingKind = Literal["destinations", "conditions", "none"]

PROMPTS_DIR = Path(__file__).parent / "prompts"
# The model name reported for fixed text (emergency, out of scope, card-led answers): no model.
SCRIPTED_MODEL = "none"


def scripted_message(text: str, answer: str, kind: str, **sources: list[str]) -> AIMessage:
    """An answer no model wrote (the card-led doctor, the KB-led travel experts): one metadata
    shape says which path answered, how, and from which cards or destinations."""
    meta = {"answer": answer, "answer_kind": kind, **sources, "model_name": SCRIPTED_MODEL}
    return AIMessage(content=text, response_metadata=meta)


TRAVEL_LANE = PROMPTS_DIR / "travel_lane.yaml"


def travel_lane() -> dict[str, str]:
    lanes: dict[str, str] = read_yaml(TRAVEL_LANE)
    return lanes


@dataclass(frozen=True)
class Decoding:
    """Per-expert sampling knobs (None: the server's default). Chosen by measurement:
    `make travel-eval` reports repeated lines per answer with and without them
    (evals/travel/results/README.md)."""

    max_tokens: int | None = None
    frequency_penalty: float | None = None
    presence_penalty: float | None = None
    repetition_penalty: float | None = None  # vLLM's own sampling parameter (extra_body)

    def model_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if self.max_tokens is not None:
            kwargs["max_completion_tokens"] = self.max_tokens
        if self.frequency_penalty is not None:
            kwargs["frequency_penalty"] = self.frequency_penalty
        if self.presence_penalty is not None:
            kwargs["presence_penalty"] = self.presence_penalty
        if self.repetition_penalty is not None:
            kwargs["extra_body"] = {"repetition_penalty": self.repetition_penalty}
        return kwargs


@dataclass(frozen=True)
class Prepared:
    """What one answer sends to the model, the cards it was grounded on (doctor only) and the
    day-by-day skeleton the model fills (itinerary only; empty: one answer in one call)."""

    system_prompt: str
    history: list[BaseMessage]
    conditions: ConditionGrounding | None = None
    days: tuple[DayPlan, ...] = ()


@dataclass(frozen=True)
class Expert:
    name: str
    domain: Domain
    title: str
    prompt_file: Path
    model_role: ModelRole = "base"
    # Knowledge-base fields put in this expert's fact sheet (empty: no grounding).
    kb_fields: tuple[str, ...] = ()
    grounding: GroundingKind = "none"
    # Every sentence is checked by the response guard before the user sees it.
    guarded: bool = False
    # Writes a plan one day at a time from the destination's KB skeleton (agents/day_plan.py);
    # `decoding.max_tokens` is then the budget of one day.
    plans_days: bool = False
    # Opening health questions are answered from the vetted cards, no model (agents/card_answer.py,
    # settings.doctor.answer); follow-ups go to the model.
    card_led: bool = False
    # Answers asks the KB can answer from its own text, no model (agents/kb_led.py): transport
    # and practicalities facts, an itinerary's list asks. A plan is then made only when asked.
    kb_led: bool = False
    # A plan ask is answered with a day plan made of the KB entry's own text (agents/kb_plan.py),
    # no model; a destination the KB lacks gets "not in the KB", not an invented plan.
    kb_plans: bool = False
    decoding: Decoding = field(default_factory=Decoding)

    @cached_property
    def system_prompt(self) -> str:
        """Read once: nodes run on the event loop, where file reads would block."""
        return self.prompt_file.read_text(encoding="utf-8").strip()

    @property
    def answers_with_model(self) -> bool:
        return self.model_role != "scripted"

    def day_plan(self, user_texts: Sequence[str]) -> tuple[DayPlan, ...]:
        """The day-by-day skeleton, when this expert plans days and the newest message asks for a
        plan (a KB-led expert answers "three easy sights" as a list, not as days)."""
        if not self.plans_days or not user_texts:
            return ()
        ask = read_ask(user_texts[-1])
        if self.kb_led and (not ask.plan or asks_feasibility(user_texts[-1])):
            return ()  # a list, or a yes/no ask: answered in prose, not as days
        return plan_days(user_texts, easy=ask.easy)

    def prepare(
        self, thread: Sequence[BaseMessage], user_texts: Sequence[str], settings: Settings
    ) -> Prepared:
        """The system prompt (with facts and language reminder) and the history that fits."""
        system = self.system_prompt
        conditions: ConditionGrounding | None = None
        days = self.day_plan(user_texts) if settings.graph.kb_grounding else ()
        if settings.graph.kb_grounding and self.grounding == "destinations":
            # A planned day is handed its own sights: shown the whole list as well, the model
            # wrote every day's sights into each day.
            fields = [f for f in self.kb_fields if not (days and f in DAY_PLAN_FIELDS)]
            system = destination_prompt(system, fields, user_texts)
        elif settings.graph.kb_grounding and self.grounding == "conditions":
            conditions = condition_prompt(system, user_texts)
            system = conditions.system_prompt
        if self.domain == "travel" and user_texts:
            # Health belongs to the doctor, who answers from vetted cards (issue 15).
            system = f"{system}\n\n{travel_lane()[text_lang(user_texts[-1])]}"
        if self.model_role == "base":
            system = with_reply_language(system, user_texts)
        history = history_for_model(thread, history_budget(settings, system))
        return Prepared(system, history, conditions, days)
