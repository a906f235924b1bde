"""The travel experts' answers measured: loops, knowledge-base facts, language, staying in lane.

`make travel-eval` (`python -m evals.travel.run`); the protocol is evals/README.md's, the numbers
are in evals/travel/results/README.md.
"""
