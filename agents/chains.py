"""An expert with its model: how one answer is produced (prompt, guard, tools), per turn.

Graph nodes only call `ExpertAnswerer.answer`; everything about how an expert answers lives
here and in `agents.expert`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import Runnable

from agents.card_answer import CardLedDoctor, card_led_doctor
from agents.day_by_day import DayByDayChatModel
from agents.expert import SCRIPTED_MODEL, Expert, Prepared
from agents.guard import Block, GuardContext, GuardedChatModel
from agents.guard.age import stated_age_years
from agents.kb_answer import KbAnswer
from agents.kb_led import kb_led_answer
from agents.knowledge import text_lang
from agents.medical_questions import question_kinds
from agents.models import chat_model
from agents.quiet_expert import doctor_has_nothing, travel_has_nothing
from agents.registry import EXPERTS
from agents.tool_loop import answer_with_tools
from agents.tools import TOOLS
from agents.travel_part import with_travel_part
from config.settings import Settings

log = logging.getLogger(__name__)


def model_name_for(expert: Expert, settings: Settings) -> str:
    """The served model name an expert talks to ("none" for fixed-text responders)."""
    return {
        "base": settings.llm.base_model_name,
        "medical": settings.llm.medical_model,
        "scripted": SCRIPTED_MODEL,
    }[expert.model_role]


def model_for(expert: Expert, settings: Settings) -> BaseChatModel:
    temperature = (
        settings.llm.medical_temperature
        if expert.model_role == "medical"
        else settings.llm.temperature
    )
    return chat_model(
        settings, model_name_for(expert, settings), temperature, **expert.decoding.model_kwargs()
    )


def uses_tools(expert: Expert, settings: Settings) -> bool:
    """Tool calling is a setting for capable models; the LoRA doctor never gets tools."""
    return settings.graph.tool_calling and expert.domain == "travel"


def labels_for(expert: Expert, settings: Settings) -> dict[str, str]:
    """Metadata that rides along every streamed token, so clients can label who is speaking."""
    return {
        "expert": expert.name,
        "domain": expert.domain,
        "model": model_name_for(expert, settings),
    }


PROMPT = ChatPromptTemplate.from_messages(
    [("system", "{system_prompt}"), MessagesPlaceholder("messages")]
)
# Hears every blocked sentence (the expert's name, the block); the graph turns it into an event.
OnGuard = Callable[[str, Block], None]


def guard_context(
    prepared: Prepared, user_texts: Sequence[str], travel_answer: bool = False
) -> GuardContext:
    """What the guard must know this turn: language, the cards' avoid tags, age, emergency, and
    whether a travel expert answers (its prose is not about the skin unless the user's is)."""
    question = user_texts[-1] if user_texts else ""
    conditions = prepared.conditions
    return GuardContext(
        lang=text_lang(question),
        avoid=conditions.avoid_tags if conditions else frozenset(),
        emergency=conditions.emergency if conditions else False,
        age_years=stated_age_years(question),
        travel_answer=travel_answer,
        skin_question=travel_answer and question_kinds().mentions_skin(question),
    )


def logged_block(expert: str, on_guard: OnGuard) -> Callable[[Block], None]:
    """Every replacement is logged with its tags and expert, never its text (the blocked words
    are what must not spread), so replacements can be counted from the logs."""

    def on_block(block: Block) -> None:
        log.info(
            "guard replaced a sentence: expert=%s tags=%s dropped=%s",
            expert,
            ",".join(block.tags),
            not block.replacement,
        )
        on_guard(expert, block)

    return on_block


@dataclass(frozen=True)
class ExpertAnswerer:
    """An expert with its model: prepares the prompt, guards the stream, calls tools if any."""

    expert: Expert
    settings: Settings
    model: Runnable

    @classmethod
    def build(cls, expert: Expert, settings: Settings) -> ExpertAnswerer:
        chat = model_for(expert, settings)
        model: Runnable = chat.bind_tools(TOOLS) if uses_tools(expert, settings) else chat
        return cls(expert, settings, model)

    def chain(self, prepared: Prepared, user_texts: Sequence[str], on_guard: OnGuard) -> Runnable:
        model = self.model
        if prepared.days and not uses_tools(self.expert, self.settings):
            model = DayByDayChatModel(inner=model, plan=prepared.days)
        if self.expert.guarded:
            model = GuardedChatModel(
                inner=model,
                context=guard_context(prepared, user_texts, self.expert.domain == "travel"),
                on_block=logged_block(self.expert.name, on_guard),
                release=self.settings.graph.guard_release,
            )
        return (PROMPT | model).with_config(
            run_name=self.expert.name, metadata=labels_for(self.expert, self.settings)
        )

    def card_led(self) -> CardLedDoctor | None:
        """The card-led doctor when this expert and the settings use it."""
        return card_led_doctor(self.expert.card_led, self.settings.doctor)

    def kb_led(self, user_texts: Sequence[str]) -> KbAnswer | None:
        """The KB's own answer when this expert is KB-led and the KB can answer the turn."""
        if self.expert.kb_led and self.settings.graph.kb_grounding:
            return kb_led_answer(self.expert.name, user_texts, self.expert.kb_plans)
        return None

    def lead_says(self, lead: str | None, user_texts: Sequence[str]) -> str | None:
        """The scripted answer another KB-led expert leading the turn gives it (None: no such
        lead, or it has no scripted answer)."""
        expert = EXPERTS.get(lead) if lead and lead != self.expert.name else None
        if expert is None or not expert.kb_led or not self.settings.graph.kb_grounding:
            return None
        answer = kb_led_answer(expert.name, user_texts, expert.kb_plans)
        return None if answer is None else answer.text

    def own_part(
        self, thread: Sequence[BaseMessage], user_texts: Sequence[str], beside_doctor: bool
    ) -> tuple[Sequence[BaseMessage], Sequence[str]]:
        """What this expert reads of the turn: a travel expert the doctor shares it with reads
        only its travel part (agents/travel_part.py); everyone else the whole turn."""
        if (
            beside_doctor
            and self.expert.domain == "travel"
            and self.settings.graph.travel_part_only
        ):
            return with_travel_part(thread, user_texts)
        return thread, user_texts

    async def answer(
        self,
        thread: Sequence[BaseMessage],
        user_texts: Sequence[str],
        on_guard: OnGuard,
        beside_doctor: bool = False,
        may_be_quiet: bool = False,
        said: Sequence[str] = (),
        lead: str | None = None,
    ) -> AIMessage | None:
        """`beside_doctor`: the dermatology expert answers this turn too (its health part).
        `may_be_quiet`: the router added this expert to the turn (it is not its lead, nor the
        doctor under an urgent-care banner); None when its scripted answer has nothing for the
        turn (agents/quiet_expert.py), so the reply holds only the experts that answer.
        `said`: the answers other experts already gave this turn, and `lead` the turn's lead
        expert (it answers after an added one that comes first in answer order): an added
        expert's scripted answer that repeats one of theirs word for word is nothing to add
        either (two KB-led experts reading the same fields: same_section_rule_2026-12-06h.md)."""
        thread, user_texts = self.own_part(thread, user_texts, beside_doctor)
        question = user_texts[-1] if user_texts else ""
        if (doctor := self.card_led()) is not None:
            # Pure CPU work of about a millisecond: no need to leave the event loop.
            planned = doctor.answer(thread, user_texts)
            if planned.text is not None:
                if may_be_quiet and doctor_has_nothing(planned, question):
                    return None
                return planned.message()
        if (scripted := self.kb_led(user_texts)) is not None:
            quiet = may_be_quiet and beside_doctor and self.expert.domain == "travel"
            if quiet and travel_has_nothing(scripted, question):
                return None
            if may_be_quiet and (
                scripted.text in said or scripted.text == self.lead_says(lead, user_texts)
            ):
                return None
            return scripted.message()
        prepared = self.expert.prepare(thread, user_texts, self.settings)
        chain = self.chain(prepared, user_texts, on_guard)
        if uses_tools(self.expert, self.settings):
            return await answer_with_tools(
                chain,
                prepared.system_prompt,
                prepared.history,
                TOOLS,
                self.settings.graph.tool_max_rounds,
            )
        reply = await chain.ainvoke(
            {"system_prompt": prepared.system_prompt, "messages": prepared.history}
        )
        assert isinstance(reply, AIMessage)
        return reply
