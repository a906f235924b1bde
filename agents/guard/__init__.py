"""The response guard: no sentence that recommends a hazard reaches the user (issue 15, point 4).

Hazards live as data in `hazards.yaml` (zh/en patterns, negation cues, safe lines, age limits).
The API, from pure to wired:

- `GuardContext(lang, avoid, emergency, age_years)` — the turn: reply language, the retrieved
  cards' `avoid` tags (the general tags always apply), a red-flag/emergency situation (enables
  `cream_for_emergency`) and the patient's age if known (enables `child_under_age`).
  `GuardContext.from_cards(cards, lang, red_flag=..., age_years=...)` reads card mappings.
  `travel_answer=True` (a travel expert's answer): tags with a `context` (hazards.yaml) fire only
  in a sentence with that context or when `skin_question`; a blocked sentence becomes the
  `travel_safe` line, never skin advice.
- `check_sentence(sentence, context) -> list[Finding]` — `Finding(tag, matched)`; empty = safe.
  Evals can run it on raw model output to count hazards.
- `split_sentences(text)` / `SentenceStream` — zh/en/markdown sentence pieces that join back
  to the text, also for a growing text.
- `SentenceGate(context, on_block=...)` — feed text, get the releasable text; a blocked
  sentence becomes its tags' safe line and `on_block(Block)` fires once per blocked sentence.
  A sentence's first clauses are released before its end while no hazard pattern has begun in
  them (`release.HazardWatch`); the sentence is still judged whole at its end.
- `GuardedChatModel(inner=model, context=..., on_block=...)` — a chat model that streams only
  guarded sentences (the inner call is tagged `nostream`); `.with_context(...)` per turn.
- the `custom` stream event a block becomes is `graph.events.GuardEvent` (all events live there).

Wiring sketch for a graph node (not done here)::

    writer = get_stream_writer()
    context = GuardContext.from_cards(cards, lang, red_flag=verdict.emergency)
    guarded = GuardedChatModel(
        inner=model,
        context=context,
        on_block=lambda b: emit(GuardEvent.from_block(b, name)),  # graph.events
    )
"""

from agents.guard.checker import Finding, GuardContext, check_sentence, unknown_tags
from agents.guard.gate import Block, OnBlock, SentenceGate
from agents.guard.model import GuardedChatModel
from agents.guard.rules import HazardRules, HazardRulesError, load_rules
from agents.guard.sentences import SentenceStream, split_sentences

__all__ = [
    "Block",
    "Finding",
    "GuardContext",
    "GuardedChatModel",
    "HazardRules",
    "HazardRulesError",
    "OnBlock",
    "SentenceGate",
    "SentenceStream",
    "check_sentence",
    "load_rules",
    "split_sentences",
    "unknown_tags",
]
