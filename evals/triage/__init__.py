"""Triage evaluations: the labelled turns' splits, and every triage layer scored on them."""
