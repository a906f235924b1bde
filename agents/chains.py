"""Turn an expert definition into a runnable: its system prompt, the thread so far, a model."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import Runnable

from agents.expert import Expert
from agents.models import chat_model
from config.settings import Settings

SCRIPTED_MODEL = "none"


def model_name_for(expert: Expert, settings: Settings) -> str:
    """The served model name an expert talks to ("none" for fixed-text responders)."""
    return {
        "base": settings.base_model_name,
        "medical": settings.medical_model,
        "scripted": SCRIPTED_MODEL,
    }[expert.model_role]


def model_for(expert: Expert, settings: Settings) -> BaseChatModel:
    temperature = (
        settings.medical_temperature if expert.model_role == "medical" else settings.temperature
    )
    return chat_model(settings, model_name_for(expert, settings), temperature)


def expert_chain(expert: Expert, settings: Settings) -> Runnable:
    prompt = ChatPromptTemplate.from_messages(
        [("system", "{system_prompt}"), MessagesPlaceholder("messages")]
    ).partial(system_prompt=expert.system_prompt)
    # The metadata rides along every streamed token, so clients can label who is speaking.
    labels = {
        "expert": expert.name,
        "domain": expert.domain,
        "model": model_name_for(expert, settings),
    }
    return (prompt | model_for(expert, settings)).with_config(run_name=expert.name, metadata=labels)
