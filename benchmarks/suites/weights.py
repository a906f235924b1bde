"""Issue 14, point 3: bf16 vs int8 base weights, single-stream decode, side by side in one run.

Both servers run at once (two small vLLMs fit this box's memory; one idles while the other is
measured), so every repeat measures bf16 and int8 back to back on the same prompts with forced
lengths, order alternating; base and medical-expert (the adapter rides on the int8 base
unchanged). Whether int8 is good enough to serve is the medical evaluation's call, not this
suite's (benchmarks/README.md).
"""

from __future__ import annotations

from typing import Any

from benchmarks.context import Context, ServerVariant
from benchmarks.suites.headline import enough_time, measure, server_info, warm
from serving.prepare import ensure_int8_weights

BF16 = ServerVariant("bf16", vllm_settings={"weights": "bf16"})
INT8 = ServerVariant("int8", vllm_settings={"weights": "int8"})


def run(ctx: Context) -> dict[str, Any]:
    p = ctx.profile
    models = {"base": ctx.settings.llm.base_model_name, "lora": ctx.settings.llm.medical_model}
    ensure_int8_weights(ctx.settings.updated(vllm={"weights": "int8"}), ctx.vllm_python)
    result: dict[str, Any] = {"max_tokens": p.max_tokens, "forced_length": True, "repeats": []}
    with ctx.vllm(BF16) as bf16, ctx.vllm(INT8) as int8:
        servers = {"bf16": bf16, "int8": int8}
        result["servers"] = {name: server_info(s) for name, s in servers.items()}
        for server in servers.values():
            warm(ctx, server, list(models.values()), 1)
        for r in range(p.repeats):
            if not enough_time(ctx, "single"):
                break
            order = list(servers) if r % 2 == 0 else list(servers)[::-1]
            row: dict[str, Any] = {"order": order}
            for weights in order:
                row[weights] = {
                    side: measure(ctx, servers[weights], 1, p.single_stream_requests, model, side)
                    for side, model in models.items()
                }
            result["repeats"].append(row)
            ctx.save("headline_weights", result)
    ctx.save("headline_weights", result)
    return result
