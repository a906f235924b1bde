"""The decoding and itinerary designs compared on validation, by name.

`served` is whatever `agents/registry.py` ships (per-expert decoding, day-by-day itineraries or
not); every other variant overrides all travel experts with one fixed design, so a row of the
report names exactly what produced it. `before` is TRAVEL_DECODING as it stood when this
evaluation was written (claimed, but never measured); `none` is what preceded it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from agents.expert import Decoding, Expert


@dataclass(frozen=True)
class Variant:
    name: str
    note: str
    decoding: Decoding | None = None  # None: the expert's own (the registry's)
    plans_days: bool | None = None  # None: the expert's own
    # Day-by-day designs change only the itinerary expert: the others are not asked again.
    itinerary_only: bool = False
    kb_plans: bool | None = None  # None: the expert's own

    def apply(self, expert: Expert) -> Expert:
        """The expert as this variant runs it, unguarded: the metrics read the raw output."""
        changes: dict[str, object] = {"guarded": False}
        if self.decoding is not None:
            changes["decoding"] = self.decoding
        if self.plans_days is not None:
            changes["plans_days"] = self.plans_days and expert.name == "itinerary"
        if self.kb_plans is not None:
            changes["kb_plans"] = self.kb_plans and expert.name == "itinerary"
        elif self.plans_days is not None:
            # A design of how the model writes a plan: the KB plan must not answer first.
            changes["kb_plans"] = False
        return replace(expert, **changes)  # type: ignore[arg-type]


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("served", "agents/registry.py as committed"),
        Variant("none", "no per-expert decoding: settings.llm.max_tokens 384, no penalty",
                Decoding(), plans_days=False),
        Variant("before", "max_tokens 320, repetition_penalty 1.1, one call (the unbacked claim)",
                Decoding(max_tokens=320, repetition_penalty=1.1), plans_days=False),
        Variant("rp1.2", "max_tokens 320, repetition_penalty 1.2, one call",
                Decoding(max_tokens=320, repetition_penalty=1.2), plans_days=False),
        Variant("fp0.5", "max_tokens 320, frequency_penalty 0.5, one call",
                Decoding(max_tokens=320, frequency_penalty=0.5), plans_days=False),
        Variant("days-rp1.1-120", "day by day from the KB skeleton, 120 tokens a day, rp 1.1",
                Decoding(max_tokens=120, repetition_penalty=1.1), True, itinerary_only=True),
        Variant("days-rp1.1-80", "day by day from the KB skeleton, 80 tokens a day, rp 1.1",
                Decoding(max_tokens=80, repetition_penalty=1.1), True, itinerary_only=True),
        Variant("days-fp0.5-120", "day by day from the KB skeleton, 120 tokens a day, fp 0.5",
                Decoding(max_tokens=120, frequency_penalty=0.5), True, itinerary_only=True),
        Variant("days-rp1.2-120", "day by day from the KB skeleton, 120 tokens a day, rp 1.2",
                Decoding(max_tokens=120, repetition_penalty=1.2), True, itinerary_only=True),
        Variant("kb-plan", "day plans from the KB entry's own text, no model (agents/kb_plan.py)",
                itinerary_only=True, kb_plans=True),
        Variant("kb-plan-linked", "the kb-plan days + one model sentence per day linking its "
                "KB sights (40 tokens, rp 1.2; evals/travel/linked.py)",
                itinerary_only=True, kb_plans=True),
    )
}  # fmt: skip
