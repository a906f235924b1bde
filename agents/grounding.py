"""The retrieval step: put the facts about the destinations a thread mentions in the prompt.

Robust for a 0.5B model that cannot call tools: the expert sees a compact fact sheet (only the
fields its job needs, in the user's language) right under its instructions.
"""

from __future__ import annotations

from collections.abc import Sequence

from agents.expert import Expert
from agents.knowledge import KnowledgeBase, load_kb, text_lang

HEADER = {
    "zh": "知识库资料（以下事实可靠，请据此回答；价格为参考区间）：",
    "en": "Knowledge-base facts (reliable; answer from them; prices are indicative ranges):",
}
MAX_DESTINATIONS = 2


def grounded_system_prompt(
    expert: Expert, user_texts: Sequence[str], kb: KnowledgeBase | None = None
) -> str:
    """The expert's prompt plus fact sheets for the newest destinations in the thread."""
    if not expert.kb_fields or not user_texts:
        return expert.system_prompt
    kb = kb or load_kb()
    destinations = kb.find_in_thread(user_texts, limit=MAX_DESTINATIONS)
    if not destinations:
        return expert.system_prompt
    lang = text_lang(user_texts[-1])
    sheets = "\n\n".join(d.fact_sheet(expert.kb_fields, lang) for d in destinations)
    return f"{expert.system_prompt}\n\n{HEADER[lang]}\n{sheets}"
