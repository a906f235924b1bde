"""The `custom` stream event a guard block becomes (to join the other typed events later).

It carries what the user saw instead, never the blocked sentence: the event reaches the client,
and the point of the guard is that the hazardous text does not.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from agents.guard.gate import Block


class GuardEvent(BaseModel):
    type: Literal["guard"] = "guard"
    tag: str = Field(description="The first hazard tag found", examples=["antifungal"])
    tags: list[str] = Field(
        default_factory=list, description="Every hazard tag found in the sentence"
    )
    expert: str = Field(description="The expert whose answer was guarded", examples=["medical"])
    replaced: str = Field(
        description="The text shown in place of the blocked sentence ('' when it was dropped)",
        examples=["An antifungal cream is not the right treatment for this."],
    )

    @classmethod
    def from_block(cls, block: Block, expert: str) -> GuardEvent:
        return cls(tag=block.tag, tags=list(block.tags), expert=expert, replaced=block.replacement)
