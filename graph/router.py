"""Decide which experts answer a turn.

Routing is a pure function of the thread (no LLM, no I/O) behind one small interface, so it is
unit-tested without any model and other routers can be plugged in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage

MEDICAL_TERMS = re.compile(
    r"痘|痤疮|皮疹|湿疹|过敏|瘙痒|痒|晒伤|晒黑|荨麻疹|红肿|脱皮|起泡|水泡|真菌|脚气|癣|蚊子|叮|咬|"
    r"皮肤|脸上|斑|痣|脱发|头皮屑|药膏|擦什么|"
    r"\b(acne|pimples?|rash|eczema|itch\w*|sunburn\w*|hives|allerg\w*|blisters?|fungal|"
    r"athlete'?s foot|mole|skin|dermatitis|psoriasis|bites?|stings?|cream|ointment|spots?)\b",
    re.IGNORECASE,
)
TRAVEL_TERMS = re.compile(
    r"旅游|旅行|行程|攻略|景点|几天|一日游|出行|玩|酒店|住宿|机票|火车|高铁|地铁|签证|美食|吃什么|"
    r"\b(trip|travel\w*|itinerary|visit\w*|tour\w*|days?|hotel|flight|train|visa|sightseeing|"
    r"plan\w*|things to do|food|restaurant)\b",
    re.IGNORECASE,
)
FOLLOW_UP_CUES = re.compile(
    r"^(那|那么|还有|再|换|改|第.天|这个|要不|如果)|吗[？?]?$|呢[？?]?$|"
    r"^(and|then|what about|how about|how long|how much|change|instead|also)\b",
    re.IGNORECASE,
)
FOLLOW_UP_MAX_CHARS = 40


@dataclass(frozen=True)
class RouteDecision:
    experts: tuple[str, ...]
    reason: str


class Router(Protocol):
    def route(self, messages: Sequence[AnyMessage]) -> RouteDecision: ...


def last_user_text(messages: Sequence[AnyMessage]) -> str:
    for m in reversed(messages):
        if isinstance(m, HumanMessage):
            return str(m.content)
    return ""


def previous_expert(messages: Sequence[AnyMessage]) -> str | None:
    """The expert that answered the turn before the current one, if any."""
    for m in reversed(messages):
        if isinstance(m, AIMessage) and m.name:
            return m.name
    return None


class KeywordRouter:
    """A transparent bilingual keyword router: medical first, then follow-ups, then travel."""

    def route(self, messages: Sequence[AnyMessage]) -> RouteDecision:
        text = last_user_text(messages)
        medical = bool(MEDICAL_TERMS.search(text))
        travel = bool(TRAVEL_TERMS.search(text))
        if medical:
            return RouteDecision(("medical",), "medical terms")
        before = previous_expert(messages)
        follow_up = len(text) <= FOLLOW_UP_MAX_CHARS and FOLLOW_UP_CUES.search(text.strip())
        if before and before != "out_of_scope" and follow_up:
            return RouteDecision((before,), "short follow-up stays with the last expert")
        if travel:
            return RouteDecision(("itinerary",), "travel terms")
        return RouteDecision(("out_of_scope",), "no travel or medical terms")
