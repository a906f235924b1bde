"""How much each suite measures: `smoke` proves the machinery in minutes, `full` gives the numbers.

`full` is sized to stay under ~45 minutes of measured wall time on the 2-core box (the slowest
parts are the one-at-a-time transformers pipeline at ~12 tok/s and each vLLM start, ~1 min).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    name: str
    levels: tuple[int, ...]  # vLLM concurrency levels (scaling curve)
    min_requests: int  # requests per level: max(min_requests, per_slot * concurrency)
    per_slot: int
    hf_pipeline_requests: int
    hf_batch_sizes: tuple[int, ...]
    lora_levels: tuple[int, ...]
    lora_min_requests: int
    overhead_prompts: int
    overhead_max_tokens: int
    fake_turns: int
    streams: int
    real_streams: int
    real_stream_max_tokens: int
    tuning_concurrency: int
    tuning_requests: int
    tuning_variants: tuple[str, ...]
    # issue 14 (the headline profile): repeats of each figure, its levels, what runs by default
    suites: tuple[str, ...] = ("physical", "transformers", "vllm", "agent", "tuning")
    results_name: str | None = None  # the folder of results/ (default: the profile's name)
    repeats: int = 1
    lora_level: int = 16
    batching_level: int = 32
    single_stream_requests: int = 4
    budget_questions: int = 200
    profile_s: float = 15.0  # py-spy seconds per model (with --py-spy)
    ratio_rate_per_s: float = 1000.0  # LoRA/base pairs: every request arrives at once
    max_tokens: int = 128
    rate_per_s: float = 2.0  # Poisson arrivals; above the box's capacity at every level
    batch_timeout_s: float = 2.0  # static batcher: wait at most this long for a batch to fill
    seed: int = 6
    physical: dict[str, float] = field(
        default_factory=lambda: {"copy_mib": 1024, "matmul_n": 2048, "seconds": 2.0}
    )

    @property
    def folder(self) -> str:
        return self.results_name or self.name

    def requests_at(self, concurrency: int) -> int:
        return max(self.min_requests, self.per_slot * concurrency)


PROFILES = {
    "smoke": Profile(
        name="smoke",
        levels=(1, 4),
        min_requests=4,
        per_slot=1,
        hf_pipeline_requests=2,
        hf_batch_sizes=(4,),
        lora_levels=(4,),
        lora_min_requests=4,
        overhead_prompts=2,
        overhead_max_tokens=16,
        fake_turns=10,
        streams=20,
        real_streams=4,
        real_stream_max_tokens=8,
        tuning_concurrency=4,
        tuning_requests=4,
        tuning_variants=("bind-all",),
        max_tokens=32,
        physical={"copy_mib": 256, "matmul_n": 1024, "seconds": 0.5},
    ),
    "full": Profile(
        name="full",
        levels=(1, 2, 4, 8, 16, 32, 64),
        min_requests=8,
        per_slot=2,
        hf_pipeline_requests=16,
        hf_batch_sizes=(8, 32),
        lora_levels=(1, 16),
        lora_min_requests=6,
        overhead_prompts=8,
        overhead_max_tokens=32,
        fake_turns=50,
        streams=100,
        real_streams=100,
        real_stream_max_tokens=32,
        tuning_concurrency=16,
        tuning_requests=32,
        tuning_variants=(
            "bind-all",
            "nobind",
            "max-num-seqs-8",
            "no-prefix-caching",
            "batched-tokens-512",
            "fp32",
            "no-lora",
        ),
    ),
    # Issue 14: each headline figure as the median of 3 interleaved repeats with forced output
    # lengths, ~45-50 min on the 2-core box (7 vLLM starts). Results sit beside the full
    # profile's (results/full/headline*.json) and replace its single-run figures in summary.json.
    "headline": Profile(
        name="headline",
        suites=(
            "latency_budgets",
            "headline",
            "headline_lora_ops",
            "headline_weights",
            "headline_slots",
            "headline_streams",
            "headline_batching",
        ),
        results_name="full",
        repeats=3,
        levels=(),
        min_requests=8,
        per_slot=2,
        hf_pipeline_requests=8,
        hf_batch_sizes=(32,),
        lora_levels=(16,),
        lora_min_requests=32,
        overhead_prompts=8,
        overhead_max_tokens=32,
        fake_turns=0,
        streams=0,
        real_streams=100,
        real_stream_max_tokens=32,
        tuning_concurrency=16,
        tuning_requests=32,
        tuning_variants=(),
        max_tokens=64,
    ),
}
