"""The triage label vocabulary, derived from the expert registry (one list of experts)."""

from __future__ import annotations

from agents.registry import TRAVEL_EXPERTS

EMERGENCY = "emergency"
SELF_HARM = "self_harm"
MEDICAL = "medical"
OUT_OF_SCOPE = "out_of_scope"
# Who answers a non-emergency turn, in answer order: travel experts first, then the doctor.
ANSWERING: tuple[str, ...] = (*TRAVEL_EXPERTS, MEDICAL)
LABELS: tuple[str, ...] = (EMERGENCY, SELF_HARM, *ANSWERING, OUT_OF_SCOPE)
CATEGORIES: tuple[str, ...] = (
    "anaphylaxis",
    "chest_pain",
    "stroke",
    "severe_burn",
    "breathing_difficulty",
    "altered_consciousness",
    "heavy_bleeding",
    "heat_stroke",
    "hypothermia_drowning",
    "sepsis_meningitis",
    "poisoning_overdose",
    "sjs_ten",
    "seizure",
    "snake_bite",
    "head_injury",
    "severe_altitude",
    "decompression_sickness",
    "self_harm",
)


def ordered(labels: set[str] | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """A label set in answer order; emergencies and out-of-scope stand alone."""
    found = set(labels)
    if SELF_HARM in found:
        return (SELF_HARM,)
    if EMERGENCY in found:
        return (EMERGENCY,)
    answering = tuple(label for label in ANSWERING if label in found)
    return answering or (OUT_OF_SCOPE,)
