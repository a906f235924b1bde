"""The training recipe of each medical-expert adapter version: the hyper-parameters on top of
serving/train_lora.py's defaults. A version's adapter in saves/ is traceable to its recipe here,
the dataset hash in its training_report.json and train_lora.py.
"""

from __future__ import annotations

# 160 of the 628 training examples, one epoch: ~50k tokens, about 30 min at ~30 tok/s (fp32,
# 2 AVX2 cores) and ~12 min where the CPU has native bf16.
V1 = ["--limit", "160", "--epochs", "1", "--learning-rate", "3e-4", "--heldout-limit", "24"]
RECIPES: dict[str, list[str]] = {
    "v1": V1,
    # v1 learnt the layout but not the red-flag answers (eval.md): twice the data (~40 of the
    # 84 red-flag examples) and a higher rate; ~18 min where the CPU has native bf16.
    "v2": ["--limit", "320", "--epochs", "1", "--learning-rate", "6e-4", "--heldout-limit", "24"],
    # v2 got worse on red flags: more routine data drowns the emergencies. v3 is v1 with every
    # one of the 84 red-flag examples seen twice (~300 examples, about half of them red flags);
    # ~22 min where the CPU has native bf16.
    "v3": [*V1, "--red-flag-copies", "2"],
    # v3 escalated 13/14 held-out red flags but also sent half the ordinary questions to the
    # emergency department (red flags were 55% of its data). v4: all 628 examples with the red
    # flags twice (24% of 712): more routine answers to tell them apart; ~45 min with bf16.
    "v4": ["--limit", "0", *V1[2:], "--red-flag-copies", "2"],
}
SMOKE = ["--limit", "8", "--max-steps", "2", "--batch-size", "2", "--grad-accum", "1",
         "--heldout-limit", "4", "--max-seq-len", "256"]  # fmt: skip
