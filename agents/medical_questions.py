"""Which health questions the doctor must not answer from a condition card: dose requests and
questions that are not about the skin.

Why rules: a dose of a prescription medicine and a toothache are questions where any card the
retriever finds is wrong by construction (the 0.5B doctor turned a toothache into eczema and a
prednisolone dose into a "prednisolone reaction", issue 15). Both are recognisable from the
words alone, so a short list of patterns (data, `prompts/medical_question_kinds.yaml`) decides
them before any retrieval, and is measured on the validation questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.prompt_data import read_yaml

KINDS_FILE = Path(__file__).parent / "prompts" / "medical_question_kinds.yaml"


@dataclass(frozen=True)
class QuestionKinds:
    dose_patterns: tuple[re.Pattern[str], ...]
    skin_words: tuple[str, ...]

    def asks_for_dose(self, text: str) -> bool:
        return any(p.search(text) for p in self.dose_patterns)

    def mentions_skin(self, text: str) -> bool:
        lowered = text.lower()
        return any(w in lowered for w in self.skin_words)


@cache
def question_kinds(path: Path = KINDS_FILE) -> QuestionKinds:
    data: dict[str, Any] = read_yaml(path)
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in data["dose_request"])
    words = tuple(str(w).lower() for lang in ("zh", "en") for w in data["skin_words"][lang])
    return QuestionKinds(patterns, words)
