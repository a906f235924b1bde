"""Triage: who must handle a turn — an emergency (and which), self-harm, the doctor, travel experts.

Layers, in order (graph/triage/README.md): the deterministic red-flag rules (high precision,
never edited to fit evaluation items), the `triage` LoRA adapter on the same vLLM server (reads
meaning: "an elephant on his chest"), and the char n-gram classifier as the fallback when the
model server is down.
"""
