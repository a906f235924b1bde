"""An expert with its model: how one answer is produced (prompt, guard, tools), per turn.

Graph nodes only call `ExpertAnswerer.answer`; everything about how an expert answers lives
here and in `agents.expert`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import Runnable

from agents.card_answer import CardLedDoctor
from agents.day_by_day import DayByDayChatModel
from agents.expert import SCRIPTED_MODEL, Expert, Prepared
from agents.guard import Block, GuardContext, GuardedChatModel
from agents.guard.age import stated_age_years
from agents.knowledge import text_lang
from agents.models import chat_model
from agents.tool_loop import answer_with_tools
from agents.tools import TOOLS
from config.settings import Settings


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


def guard_context(prepared: Prepared, user_texts: Sequence[str]) -> GuardContext:
    """What the guard must know this turn: language, the cards' avoid tags, age, emergency."""
    question = user_texts[-1] if user_texts else ""
    conditions = prepared.conditions
    return GuardContext(
        lang=text_lang(question),
        avoid=conditions.avoid_tags if conditions else frozenset(),
        emergency=conditions.emergency if conditions else False,
        age_years=stated_age_years(question),
    )


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
            name = self.expert.name
            model = GuardedChatModel(
                inner=model,
                context=guard_context(prepared, user_texts),
                on_block=lambda block: on_guard(name, block),
            )
        return (PROMPT | model).with_config(
            run_name=self.expert.name, metadata=labels_for(self.expert, self.settings)
        )

    def card_led(self) -> CardLedDoctor | None:
        """The card-led doctor when this expert and the settings use it."""
        if self.expert.card_led and self.settings.doctor.answer == "card_led":
            return CardLedDoctor(self.settings.doctor.card_margin)
        return None

    async def answer(
        self, thread: Sequence[BaseMessage], user_texts: Sequence[str], on_guard: OnGuard
    ) -> AIMessage:
        if (doctor := self.card_led()) is not None:
            # Pure CPU work of about a millisecond: no need to leave the event loop.
            planned = doctor.answer(thread, user_texts)
            if planned.text is not None:
                return planned.message()
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
