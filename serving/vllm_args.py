"""Check vLLM command lines with vLLM's OWN argument parser, so a typo fails CI, not a deploy.

Runs inside vLLM's virtualenv (`serving.prepare.ensure_vllm_python`), like `serving.convert_gguf`:
the app venv has no vLLM. It builds the parser exactly as the two entry points we use do —
`vllm serve …` (the `vllm/vllm-openai` image's ENTRYPOINT, used by docker-compose.yml) and
`python -m vllm.entrypoints.openai.api_server …` (serving/vllm_server.py, the guide's form) —
then runs vLLM's pre-load validation and builds the engine arguments and the LoRA/cache configs,
which is everything vLLM checks before it touches a model or a GPU.

On top of vLLM we refuse abbreviated flags: argparse accepts `--max-lora` for `--max-lora-rank`
today and breaks the day vLLM adds a second flag with that prefix.

Input (stdin, JSON): [{"name": str, "entry": "serve" | "api_server", "argv": [str, ...]}, ...]
Output (stdout, JSON): [{"name", "ok", "error", "vllm_version", "parsed": {...}}, ...]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from typing import Any

ENTRIES = ("serve", "api_server")
# What the checks report back, so tests can assert on values as vLLM understood them.
REPORTED = (
    "model",
    "served_model_name",
    "host",
    "port",
    "enable_lora",
    "max_lora_rank",
    "max_loras",
    "max_cpu_loras",
    "max_model_len",
    "gpu_memory_utilization",
    "tensor_parallel_size",
    "enable_prefix_caching",
)


def build_parser(entry: str) -> Any:
    from vllm.entrypoints.launchers.cli_args import make_arg_parser
    from vllm.utils.argparse_utils import FlexibleArgumentParser

    if entry == "serve":
        from vllm.entrypoints.cli.serve import ServeSubcommand

        parser = FlexibleArgumentParser(prog="vllm")
        ServeSubcommand().subparser_init(parser.add_subparsers(dest="subparser"))
        return parser
    return make_arg_parser(FlexibleArgumentParser(prog="vllm.entrypoints.openai.api_server"))


def option_strings(parser: argparse.ArgumentParser) -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= option_strings(sub)
    return found


def abbreviated_flags(argv: list[str], known: set[str]) -> list[str]:
    flags = [a.split("=", 1)[0] for a in argv if a.startswith("--")]
    # vLLM accepts snake_case spellings and dotted JSON keys; compare the flag's own name.
    return [f for f in flags if f.split(".", 1)[0].replace("_", "-") not in known]


def check(entry: str, argv: list[str]) -> dict[str, Any]:
    from vllm.config import CacheConfig, LoRAConfig
    from vllm.engine.arg_utils import AsyncEngineArgs
    from vllm.entrypoints.launchers.cli_args import validate_parsed_serve_args

    if entry not in ENTRIES:
        raise ValueError(f"unknown entry {entry!r}; expected one of {ENTRIES}")
    parser = build_parser(entry)
    full = ["serve", *argv] if entry == "serve" else list(argv)
    unknown = abbreviated_flags(full, option_strings(parser))
    if unknown:
        raise ValueError(f"not a vLLM flag (abbreviated or misspelt): {', '.join(unknown)}")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            args = parser.parse_args(full)
        except SystemExit as exc:
            raise ValueError(err.getvalue().strip().splitlines()[-1]) from exc
    if getattr(args, "model_tag", None):
        args.model = args.model_tag
    validate_parsed_serve_args(args)
    engine = AsyncEngineArgs.from_cli_args(args)
    if engine.enable_lora:
        LoRAConfig(
            max_lora_rank=engine.max_lora_rank,
            max_loras=engine.max_loras,
            max_cpu_loras=engine.max_cpu_loras or None,
        )
    CacheConfig(gpu_memory_utilization=engine.gpu_memory_utilization)
    parsed = {k: getattr(engine, k, getattr(args, k, None)) for k in REPORTED}
    parsed["lora_modules"] = {m.name: m.path for m in (args.lora_modules or [])}
    parsed["api_key_set"] = bool(args.api_key)
    return parsed


def main() -> None:
    import vllm
    import vllm.envs

    requests = json.load(sys.stdin)
    results = []
    for req in requests:
        result: dict[str, Any] = {"name": req["name"], "vllm_version": vllm.__version__}
        try:
            result["parsed"] = check(req["entry"], list(req["argv"]))
            result["ok"], result["error"] = True, None
        except (ValueError, TypeError) as exc:  # vLLM's own validation errors
            result["ok"], result["error"], result["parsed"] = False, str(exc), None
        results.append(result)
    # The compose file passes the key through VLLM_API_KEY, not argv: prove this vLLM reads it.
    meta = {"name": "_meta", "ok": True, "vllm_version": vllm.__version__}
    meta["reads_VLLM_API_KEY"] = "VLLM_API_KEY" in vllm.envs.environment_variables
    results.append(meta)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
