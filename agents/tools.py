"""The destination knowledge base as LangChain tools, for base models that can call tools.

Bound to the travel experts only when `settings.graph.tool_calling` is on (a capable model behind
vLLM started with `--enable-auto-tool-choice --tool-call-parser hermes`); the tiny embedded model
gets the same facts through the retrieval step in `agents.grounding` instead.
"""

from __future__ import annotations

from typing import Literal

from langchain_core.tools import BaseTool, tool

from agents.knowledge import FIELD_LABELS, load_kb, text_lang

Topic = Literal[
    "overview",
    "highlights",
    "best_seasons",
    "getting_there",
    "getting_around",
    "typical_costs",
    "local_food",
    "tips",
    "emergency_number",
]
OVERVIEW = ("highlights", "suggested_days", "best_seasons", "typical_costs", "local_food")


@tool
def find_destinations(text: str) -> str:
    """List the destinations of the knowledge base that a text mentions (names or landmarks, in
    Chinese or English), with their ids. Use it when unsure which destination the user means."""
    found = load_kb().find(text)
    if not found:
        names = ", ".join(f"{d.name_en} ({d.name_zh})" for d in load_kb().destinations.values())
        return f"No known destination in the text. Known destinations: {names}"
    return "\n".join(f"{d.id}: {d.name_en} / {d.name_zh}" for d in found)


@tool
def destination_facts(destination: str, topic: Topic = "overview", lang: str = "") -> str:
    """Facts about one destination from the knowledge base: an id, name or landmark in Chinese or
    English, and a topic. `lang` is "zh" or "en" (default: the language of `destination`). Costs
    are indicative ranges; pass on the hedges the facts contain."""
    dest = load_kb().get(destination) or next(iter(load_kb().find(destination)), None)
    if dest is None:
        return f"Unknown destination: {destination!r}. Call find_destinations first."
    language = "zh" if lang == "zh" else "en" if lang == "en" else text_lang(destination)
    fields = OVERVIEW if topic == "overview" else (topic,)
    assert all(f in FIELD_LABELS for f in fields)
    return dest.fact_sheet(fields, language)


TOOLS: list[BaseTool] = [find_destinations, destination_facts]
