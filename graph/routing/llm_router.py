"""The LLM router, for capable base models: one structured-output call per turn.

`with_structured_output(method="json_schema")` makes vLLM constrain decoding to the schema
(guided decoding), so even a small model returns a valid choice. Its call is tagged `nostream`
so no routing token ever reaches the user. If the call fails, the turn falls back to another
router (the classifier): routing must never break a conversation.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AnyMessage, HumanMessage, SystemMessage
from langgraph.constants import TAG_NOSTREAM
from pydantic import BaseModel, Field

from agents.registry import TRAVEL_EXPERTS
from graph.routing.base import (
    RouteDecision,
    Router,
    last_user_text,
    previous_experts,
    user_texts,
)

log = logging.getLogger(__name__)
PROMPT_PATH = Path(__file__).with_name("llm_router_prompt.md")
# Built from the registry (one list of experts); a runtime Literal that pydantic turns into an enum.
TravelExpert = Literal[TRAVEL_EXPERTS]  # type: ignore[valid-type]


class RouteChoice(BaseModel):
    """What the model must answer: a domain and the travel expert if any.

    No free-text field: on the 0.5B model a "reason" string ran into the token limit (3 of 40
    dev turns) and made the JSON unparseable; two enums always fit.
    """

    domain: Literal["travel", "medical", "travel+medical", "emergency", "other"] = Field(
        description="travel, medical (skin/health), both, emergency (red flags) or other"
    )
    # Every field is required (nullable instead of defaulted) so the schema is valid in OpenAI's
    # strict mode as well as for vLLM's guided decoding.
    travel_expert: TravelExpert | None = Field(
        description="the travel expert for travel and travel+medical turns, else null"
    )


def choice_to_experts(choice: RouteChoice, previous: Sequence[str]) -> tuple[str, ...]:
    carried = [p for p in previous if p not in ("medical", "emergency", "out_of_scope")]
    travel: str = choice.travel_expert or (carried[0] if carried else "itinerary")
    return {
        "travel": (travel,),
        "medical": ("medical",),
        "travel+medical": (travel, "medical"),
        "emergency": ("emergency",),
        "other": ("out_of_scope",),
    }[choice.domain]


class LLMRouter:
    name = "llm"

    def __init__(self, model: BaseChatModel, fallback: Router, context_turns: int = 2) -> None:
        self.chain = model.with_structured_output(RouteChoice, method="json_schema").with_config(
            tags=[TAG_NOSTREAM], run_name="llm_router"
        )
        self.fallback = fallback
        self.context_turns = context_turns
        self.instructions = PROMPT_PATH.read_text(encoding="utf-8").strip()

    def prompt(self, messages: Sequence[AnyMessage]) -> list[AnyMessage]:
        earlier = user_texts(messages)[:-1][-self.context_turns :]
        previous = previous_experts(messages)
        thread = "\n".join(f"- {t[:300]}" for t in earlier) or "(none)"
        return [
            SystemMessage(self.instructions),
            HumanMessage(
                f"Earlier user turns:\n{thread}\n"
                f"Previous answer by: {', '.join(previous) or '(none)'}\n"
                f"Current turn:\n{last_user_text(messages)[:2000]}"
            ),
        ]

    def route(self, messages: Sequence[AnyMessage]) -> RouteDecision:
        try:
            choice = self.chain.invoke(self.prompt(messages))
        except Exception as exc:  # any model/parse failure: route with the fallback instead
            log.warning("LLM router failed (%r); falling back to %s", exc, self.fallback.name)
            decision = self.fallback.route(messages)
            return RouteDecision(decision.experts, f"fallback: {decision.reason}")
        assert isinstance(choice, RouteChoice)
        experts = choice_to_experts(choice, previous_experts(messages))
        return RouteDecision(experts, f"llm: {choice.domain}")
