"""The dermatology expert's evaluations: retrieval, answers, controls, review."""
