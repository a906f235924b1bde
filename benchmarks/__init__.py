"""Speed benchmarks of the serving stack (issue 6): scripts that write JSON, a table and plots.

Run as `python -m benchmarks --profile smoke|full` (under the shared heavy lock on a shared box).
Speed is measured here, never asserted in timed tests.
"""
