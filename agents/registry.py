"""The experts Trip Genius can route a turn to, looked up by name."""

from __future__ import annotations

from pathlib import Path

from agents.expert import PROMPTS_DIR, Expert

REPO_ROOT = Path(__file__).resolve().parent.parent
# The medical expert's system prompt is the one its LoRA adapter was trained with.
MEDICAL_PROMPT = REPO_ROOT / "serving" / "data" / "medical_expert" / "system_prompt.txt"

EXPERTS: dict[str, Expert] = {
    e.name: e
    for e in (
        Expert("itinerary", "travel", "行程规划 Itinerary", PROMPTS_DIR / "itinerary.md"),
        Expert(
            "medical",
            "medical",
            "AI 皮肤科医生 Dermatology",
            MEDICAL_PROMPT,
            model_role="medical",
        ),
        Expert(
            "out_of_scope",
            "other",
            "范围之外 Out of scope",
            PROMPTS_DIR / "out_of_scope.md",
            model_role="scripted",
        ),
    )
}
