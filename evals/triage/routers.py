"""The graph's default wiring of the triage router, for the evaluation tools that compare
designs against it.

Why one place: each tool (evaluate, ask_reader, ask_reader_grid, lookalike_grid, multi_intent)
built the same router by hand from the settings' defaults, so a new default had to be copied
five times and a design could silently drift from what the graph runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from config.setting_groups import TriageSettings

if TYPE_CHECKING:
    from graph.routing.base import Router
    from graph.triage.classifier import TriageClassifier
    from graph.triage.router import TriageRouter


def default_triage_settings() -> TriageSettings:
    """The graph's defaults, not this shell's TG_ variables."""
    return TriageSettings.model_construct(
        **{k: f.default for k, f in TriageSettings.model_fields.items()}
    )


def default_wired_router(
    classifier: TriageClassifier,
    fallback: Router | None = None,
    router_class: type[TriageRouter] | None = None,
    **changes: Any,
) -> TriageRouter:
    """The triage router as the graph wires it without a model — the older router as fallback,
    the default second-expert bars and first-expert rule — with `changes` for a design (the
    per-ask reader is passed in: it is fitted separately)."""
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.router import TriageRouter
    from graph.triage.urgent import urgent_care

    triage = default_triage_settings()
    wiring: dict[str, Any] = {
        "second_expert": triage.second_expert,
        "second_expert_several": triage.second_expert_several,
        "primary_from_classifier": triage.primary_from_classifier,
        "keep_replaced": triage.keep_replaced,
        "urgent": urgent_care(triage),
        # consulted only when the classifier carries a reading layer (with_meaning)
        "reading_self_harm": triage.reading_self_harm_bar,
        "reading_emergency": triage.reading_emergency_bar,
        "reading_emergency_veto": triage.reading_emergency_veto,
        # consulted only when the reading layer has its ask head and `asks` is given
        "reading_ask_bar": triage.reading_ask_bar,
        "reading_ask_mix": triage.reading_ask_mix,
    }
    return (router_class or TriageRouter)(
        classifier, fallback=fallback or ClassifierRouter(), **{**wiring, **changes}
    )
