"""Small talk: a greeting or a thank-you gets a reply of its own.

Why: "Hi! First time using this. What can you help me with?" was told "sorry, that's outside what
I can help with"; "太好了，谢谢！" after an itinerary got the crisis reply (the char self-harm net
reads "谢谢" from goodbye messages) and "谢谢你，上次说的晒伤建议很有用" the sunburn card again
(small_talk_rule_2026-12-05.md). A turn counts only when it is made *entirely* of greeting,
capability, thanks, praise and filler pieces (`prompts/small_talk.yaml`), and never when it
carries a word of farewell-for-good: one other word and the turn is read by triage as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from agents.knowledge import Lang
from agents.prompt_data import read_yaml

DATA = Path(__file__).parent / "prompts" / "small_talk.yaml"
Kind = Literal["greeting", "thanks"]
MAX_CHARS = 80  # a long turn is never small talk


@dataclass(frozen=True)
class SmallTalk:
    whole: dict[str, re.Pattern[str]]
    said: re.Pattern[str]  # a greeting, capability, thanks or praise piece: more than filler
    never: re.Pattern[str]
    replies: dict[str, dict[Lang, str]]

    def kind(self, text: str) -> Kind | None:
        """The kind: "thanks" when the turn thanks or praises (a greeting beside it too),
        "greeting" when it only greets or asks what Trip Genius can do; None for anything else."""
        text = text.strip()
        if not text or len(text) > MAX_CHARS or self.never.search(text):
            return None
        if not self.said.search(text):  # "嗯", "哦": filler alone says nothing
            return None
        if self.whole["greeting"].fullmatch(text):
            return "greeting"
        if self.whole["any"].fullmatch(text):
            return "thanks"
        return None

    def reply(self, kind: Kind, lang: Lang) -> str:
        return self.replies[kind][lang].strip()


@cache
def small_talk(path: Path = DATA) -> SmallTalk:
    data: dict[str, Any] = read_yaml(path)
    pieces: dict[str, list[str]] = data["pieces"]
    sep = data["separators"]

    def run_of(groups: list[str]) -> re.Pattern[str]:
        piece = "|".join(f"(?:{p})" for g in groups for p in pieces[g])
        # pieces, each standing alone (no letters run on into the next word), with separators
        unit = rf"(?:(?:{piece})(?![a-z]))"
        return re.compile(rf"(?:{sep})*{unit}(?:(?:{sep})*{unit})*(?:{sep})*", re.IGNORECASE)

    said = "|".join(f"(?:{p})" for g in ("greeting", "thanks", "praise") for p in pieces[g])
    return SmallTalk(
        said=re.compile(said, re.IGNORECASE),
        whole={
            "greeting": run_of(["greeting", "filler"]),
            "any": run_of(["greeting", "thanks", "praise", "filler"]),
        },
        never=re.compile("|".join(data["never"]), re.IGNORECASE),
        replies={k: {"zh": v["zh"], "en": v["en"]} for k, v in data["replies"].items()},
    )
