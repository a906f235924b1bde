"""End a base-model expert's system prompt with "answer in <the user's language>".

Why: the travel prompts are bilingual and open in Chinese, and the 0.5B base model follows the
last instruction it read more than a rule in the middle: it answered only 8 of 24 English
routing-dev travel questions in English ("Best month for autumn colours in Jiuzhaigou?" →
"根据提供的知识…"); with this line last, 23 of 24 (the miss puts 成都 beside Chengdu), and all 24
Chinese questions stay Chinese either way (`make language-eval`, evals/results/language/).
The medical adapter does not get it: it was trained on its exact system prompt and already
answers in the question's language (100% in `make eval`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from agents.knowledge import Lang, text_lang
from config.yaml_data import read_yaml

REMINDERS = Path(__file__).parent / "prompts" / "reply_language.yaml"


@cache
def _reminders() -> dict[Lang, str]:

    data: dict[Lang, str] = read_yaml(REMINDERS)
    return data


def with_reply_language(system: str, user_texts: Sequence[str]) -> str:
    """The prompt plus the reminder for the newest user message's language (as is, if none)."""
    if not user_texts:
        return system
    return f"{system}\n\n{_reminders()[text_lang(user_texts[-1])]}"
