"""The transformers baselines on the same workload: one request at a time, and static batching.

Usage (inside vLLM's venv, cwd = repo root):
    python -m benchmarks.venv_scripts.hf_baseline plan.json out.json

plan: {"model": path, "dtype": "bfloat16", "threads": 2,
       "runs": [{"name", "mode": "pipeline" | "static", "batch_size", "timeout_s", "workload"}]}
Requests arrive on the workload's schedule in real time. Per-token times come from a stopping
criterion called after every decode step, so a batched row's first token and last token are
stamped when generated, as if streamed (generous to the static batcher, which really returns
the whole batch at the end).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import torch
import transformers
from transformers import AutoModelForCausalLM, AutoTokenizer, StoppingCriteria

from benchmarks.batching import decide

T0 = time.perf_counter()


def now() -> float:
    return time.perf_counter() - T0


class StepClock(StoppingCriteria):
    """Stamps every decode step; never stops generation itself."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def __call__(self, input_ids: torch.LongTensor, scores: Any, **kwargs: Any) -> torch.BoolTensor:
        self.times.append(now())
        return torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)  # type: ignore[return-value]


class Generator:
    def __init__(self, model_path: str, dtype: str) -> None:
        self.tok = AutoTokenizer.from_pretrained(model_path)
        self.tok.padding_side = "left"
        if self.tok.pad_token is None:
            self.tok.pad_token = self.tok.eos_token
        self.device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU stack: GPU.md
        model = AutoModelForCausalLM.from_pretrained(model_path, dtype=getattr(torch, dtype))
        self.model = model.to(self.device).eval()
        eos = self.model.generation_config.eos_token_id
        self.eos = set(eos if isinstance(eos, list) else [eos])

    def run(self, items: list[dict[str, Any]], start: float) -> list[dict[str, Any]]:
        texts = [
            self.tok.apply_chat_template(i["messages"], add_generation_prompt=True, tokenize=False)
            for i in items
        ]
        enc = self.tok(texts, return_tensors="pt", padding=True).to(self.device)
        clock = StepClock()
        longest = max(i["max_tokens"] for i in items)
        # forced lengths (as vLLM's min_tokens = max_tokens): EOS is suppressed until the cap
        forced = all(i.get("forced_length") for i in items)
        with torch.inference_mode():
            out = self.model.generate(
                **enc,
                max_new_tokens=longest,
                min_new_tokens=longest if forced else None,
                do_sample=False,
                stopping_criteria=[clock],
                pad_token_id=self.tok.pad_token_id,
            )
        finished = now()
        generated = out[:, enc["input_ids"].shape[1] :].tolist()
        records = []
        for row, item, mask in zip(generated, items, enc["attention_mask"].tolist(), strict=True):
            n = (
                len(row)
                if forced
                else next((k + 1 for k, t in enumerate(row) if t in self.eos), len(row))
            )
            n = min(n, item["max_tokens"])
            records.append(
                {
                    "arrival_s": item["arrival_s"],
                    "start_s": start,
                    "first_token_s": clock.times[0] if clock.times else finished,
                    "end_s": clock.times[n - 1] if len(clock.times) >= n else finished,
                    "output_tokens": n,
                    "prompt_tokens": int(sum(mask)),
                    "error": None,
                }
            )
        return records


def wait_until(t: float) -> None:
    delay = t - now()
    if delay > 0:
        time.sleep(delay)


def run_pipeline(gen: Generator, workload: list[dict[str, Any]]) -> list[dict[str, Any]]:
    records = []
    for item in sorted(workload, key=lambda i: i["arrival_s"]):
        wait_until(item["arrival_s"])
        records += gen.run([item], now())
    return records


def run_static(gen: Generator, workload: list[dict[str, Any]], size: int, timeout_s: float) -> list:
    pending = sorted(workload, key=lambda i: i["arrival_s"])
    queue: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    while pending or queue:
        t = now()
        while pending and pending[0]["arrival_s"] <= t:
            queue.append(pending.pop(0))
        nxt = pending[0]["arrival_s"] if pending else None
        d = decide([q["arrival_s"] for q in queue], t, nxt, size, timeout_s)
        if d.take:
            batch, queue = queue[: d.take], queue[d.take :]
            records += gen.run(batch, t)
        elif d.wake_at is None:
            break
        else:
            wait_until(d.wake_at)
    return records


def main() -> None:
    global T0
    plan = json.loads(Path(sys.argv[1]).read_text("utf-8"))
    torch.set_num_threads(int(plan["threads"]))
    gen = Generator(plan["model"], plan["dtype"])
    warm = dict(plan["runs"][0]["workload"][0], max_tokens=4)
    gen.run([warm], 0.0)  # first-call costs are not the baseline's steady state
    results: dict[str, Any] = {}
    for spec in plan["runs"]:
        T0 = time.perf_counter()  # each run's clock starts at its first arrival
        if spec["mode"] == "pipeline":
            records = run_pipeline(gen, spec["workload"])
        else:
            records = run_static(gen, spec["workload"], spec["batch_size"], spec["timeout_s"])
        results[spec["name"]] = {"records": records, "wall_s": now()}
        print(f"{spec['name']}: {len(records)} requests in {now():.1f}s", flush=True)
    meta = {
        "device": gen.device,
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "threads": torch.get_num_threads(),
        "dtype": plan["dtype"],
    }
    Path(sys.argv[2]).write_text(json.dumps({"meta": meta, "runs": results}), "utf-8")


if __name__ == "__main__":
    main()
