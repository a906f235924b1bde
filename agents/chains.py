"""Turn an expert definition into a runnable: its system prompt, the thread so far, a model."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import Runnable

from agents.expert import Expert
from agents.models import chat_model
from agents.tools import TOOLS
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


def uses_tools(expert: Expert, settings: Settings) -> bool:
    """Tool calling is a setting for capable models; the LoRA doctor never gets tools."""
    return settings.tool_calling and expert.domain == "travel"


def labels_for(expert: Expert, settings: Settings) -> dict[str, str]:
    """Metadata that rides along every streamed token, so clients can label who is speaking."""
    return {
        "expert": expert.name,
        "domain": expert.domain,
        "model": model_name_for(expert, settings),
    }


def expert_chain(expert: Expert, settings: Settings) -> Runnable:
    """Input: {"system_prompt": str, "messages": [...]}; output: the model's AIMessage."""
    prompt = ChatPromptTemplate.from_messages(
        [("system", "{system_prompt}"), MessagesPlaceholder("messages")]
    )
    model: Runnable = model_for(expert, settings)
    if uses_tools(expert, settings):
        model = model_for(expert, settings).bind_tools(TOOLS)
    return (prompt | model).with_config(run_name=expert.name, metadata=labels_for(expert, settings))
