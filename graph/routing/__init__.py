"""Pluggable routing: every router answers `route(messages) -> RouteDecision`.

- `triage` (default): graph/triage — the triage adapter when configured; else (and whenever it
  fails) the multi-label classifier as an escalation net in front of the `classifier` router,
  or, with `triage.labels_route`, the classifier's own labels.
- `classifier`: a character n-gram classifier trained from `data/train.jsonl` plus a
  thread-aware policy; milliseconds per turn, no model call.
- `llm`: structured output from a chat model (guided decoding on vLLM), for capable base models;
  it falls back to the classifier when the call fails.

The deterministic safety layer (`graph.safety`) runs before any router and cannot be bypassed.
"""

from __future__ import annotations

from config.settings import Settings
from graph.routing.base import RouteDecision, Router


def build_router(settings: Settings) -> Router:
    from graph.routing.classifier_router import ClassifierRouter

    if settings.router.mode == "triage":
        from graph.triage.classifier import LABELS_ROUTE, default_triage_classifier
        from graph.triage.router import TriageRouter
        from graph.triage.urgent import urgent_care

        model = None
        if settings.triage.model and settings.llm.backend != "fake":
            from agents.models import chat_model
            from graph.triage.model import MAX_ANSWER_TOKENS, TriageModel

            model = TriageModel(
                chat_model(
                    settings,
                    settings.triage.model,
                    0.0,
                    max_completion_tokens=MAX_ANSWER_TOKENS,
                )
            )
        net = default_triage_classifier(settings.paths.fitted_models_dir)
        if settings.triage.meaning_url:
            from graph.triage.meaning import default_meaning_reader

            reader = default_meaning_reader(
                settings.triage.meaning_url,
                settings.triage.meaning_timeout_s,
                settings.paths.fitted_models_dir,
                settings.triage.category_bar,
                ask_head=settings.triage.reading_ask_bar is not None
                and settings.triage.ask_bar is not None,
            )
            net = net.with_meaning(reader, settings.triage.meaning_weight)
        asks = None
        if settings.triage.ask_bar is not None:
            from graph.triage.asks import default_ask_reader

            asks = default_ask_reader(settings.paths.fitted_models_dir)
        if settings.triage.labels_route:
            # the classifier's own labels route (several experts for a multi-intent turn)
            return TriageRouter(net.with_thresholds(LABELS_ROUTE), model, settings.triage.veto)
        return TriageRouter(
            net,
            model,
            settings.triage.veto,
            fallback=ClassifierRouter(),
            second_expert=settings.triage.second_expert,
            second_expert_several=settings.triage.second_expert_several,
            primary_from_classifier=settings.triage.primary_from_classifier,
            keep_replaced=settings.triage.keep_replaced,
            asks=asks,
            ask_bar=settings.triage.ask_bar,
            reading_ask_bar=settings.triage.reading_ask_bar,
            reading_ask_mix=settings.triage.reading_ask_mix,
            urgent=urgent_care(settings.triage),
            reading_self_harm=settings.triage.reading_self_harm_bar,
            reading_emergency=settings.triage.reading_emergency_bar,
            reading_emergency_veto=settings.triage.reading_emergency_veto,
        )
    classifier = ClassifierRouter()
    if settings.router.mode == "classifier":
        return classifier
    from agents.models import chat_model
    from graph.routing.llm_router import LLMRouter

    router_model = chat_model(settings, settings.router.model or settings.llm.base_model_name, 0.0)
    return LLMRouter(router_model, fallback=classifier)


__all__ = ["RouteDecision", "Router", "build_router"]
