"""Evaluations: data splits, controls and reports. Runtime packages never import this package."""
