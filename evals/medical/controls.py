"""What every model variant is compared with, and how each variant is asked.

Controls need no server: `canned` is one fixed generic answer per language in the trained layout
(the answer that won every row of the old scoring); `card_verbatim` pastes the retrieved top-1
card's sheet as the answer (what retrieval alone gives). A model must beat both.

Model variants are (served model, cards in the prompt): `base` and `adapter` (the previous setup)
under the trained system prompt alone, `base+cards` and `adapter+cards` with the cards the app
retrieves (agents.grounding.condition_prompt, the doctor's own prompt).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.grounding import condition_prompt
from agents.knowledge import Lang
from agents.knowledge.condition_search import ConditionSearch
from agents.registry import EXPERTS
from config.settings import Settings

CANNED: dict[Lang, str] = {
    "zh": (
        "【初步判断】根据你的描述，这可能是常见的皮肤问题。\n"
        "【护理建议】\n"
        "1. 保持患处清洁干燥，用温水轻轻清洗。\n"
        "2. 避免抓挠和刺激，穿宽松透气的衣服，注意休息。\n"
        "3. 观察几天的变化。\n"
        "【何时就医】如果症状加重或几天不见好转，请看医生；情况严重时请立即就医，"
        "拨打急救电话120（国外112/911）。\n"
        "【温馨提示】以上内容仅供参考，不能替代医生面诊。"
    ),
    "en": (
        "Assessment: From your description this is likely a common skin irritation.\n"
        "Care steps:\n"
        "1. Keep the area clean and dry and wash it gently with lukewarm water.\n"
        "2. Avoid scratching or irritating it, wear loose breathable clothing and rest.\n"
        "3. Watch how it changes over the next few days.\n"
        "When to see a doctor: See a doctor if it gets worse or does not improve in a few days; "
        "if it is severe, seek emergency care (112/911/120).\n"
        "Disclaimer: This is general information, not a diagnosis, and cannot replace seeing "
        "a doctor."
    ),
}

ModelRole = Literal["base", "adapter"]


@dataclass(frozen=True)
class Variant:
    name: str
    model: ModelRole
    cards: bool


MODEL_VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("base", "base", cards=False),
        Variant("adapter", "adapter", cards=False),
        Variant("base+cards", "base", cards=True),
        Variant("adapter+cards", "adapter", cards=True),
    )
}
CONTROLS = ("canned", "card_verbatim")
# What the service answers a first health question with (settings.doctor.answer = card_led): no
# model, so like the controls it is made here, with the app's own code.
CARD_LED = "card_led"


def canned(lang: Lang) -> str:
    return CANNED[lang]


def card_verbatim(question: str, lang: Lang, search: ConditionSearch) -> tuple[str, str]:
    """The retrieved top-1 card's sheet as the answer, and that card's id."""
    card = search.search(question, k=1)[0].card
    return card.sheet(lang), card.id


def card_led(question: str, search: ConditionSearch, margin: float) -> tuple[str, tuple[str, ...]]:
    """The app's card-led answer to a first question, and the cards it was made from."""
    planned = CardLedDoctor(margin, search).answer([HumanMessage(question)], [question])
    assert planned.text is not None  # a first question is never a follow-up
    return planned.text, planned.cards


def served_model(variant: Variant, settings: Settings, adapter_model: str | None = None) -> str:
    if variant.model == "base":
        return settings.llm.base_model_name
    return adapter_model or settings.llm.medical_model


def prompt_for(
    variant: Variant, question: str, search: ConditionSearch | None = None
) -> tuple[str, tuple[str, ...]]:
    """The doctor's system prompt for this variant, and the ids of the cards it carries."""
    system = EXPERTS["medical"].system_prompt
    if not variant.cards:
        return system, ()
    grounding = condition_prompt(system, [question], search)
    return grounding.system_prompt, tuple(m.card.id for m in grounding.matches)
