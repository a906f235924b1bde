"""Train the `medical-expert` LoRA adapter with peft, reproducibly, on CPU or GPU.

Runs inside the vLLM virtualenv (torch + transformers + peft). The dataset is the repo's chat
JSONL; loss is taken on the assistant turn only, so the adapter learns how the expert answers,
not how users ask. The output is the standard peft layout vLLM's `--lora-modules` loads, plus a
training report (held-out loss before/after, data hash, hyper-parameters, time, loss curve).
Checkpoints go to `<out>/checkpoints`, so an interrupted run resumes with `--resume`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass
class TrainConfig:
    base: str
    train_file: str
    heldout_file: str
    out: str
    rank: int = 8
    alpha: int = 16
    dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: list(TARGET_MODULES))
    epochs: float = 1.0
    max_steps: int = -1
    learning_rate: float = 2e-4
    batch_size: int = 4
    grad_accum: int = 2
    max_seq_len: int = 512
    warmup_ratio: float = 0.05
    seed: int = 42
    limit: int = 0
    heldout_limit: int = 0
    red_flag_copies: int = 0
    dtype: str = "auto"
    device: str = "auto"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_jsonl(path: Path, limit: int, seed: int) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return sample_rows(rows, limit, seed)


def sample_rows(rows: list[dict[str, Any]], limit: int, seed: int) -> list[dict[str, Any]]:
    """`limit` rows drawn with `seed` (all of them for 0): the recipes' `--limit`."""
    if limit and limit < len(rows):
        return random.Random(seed).sample(rows, limit)
    return rows


def with_red_flag_copies(
    picked: list[dict[str, Any]], every: list[dict[str, Any]], copies: int, seed: int
) -> list[dict[str, Any]]:
    """The picked rows plus every red-flag row of the file `copies` times in all, shuffled.

    Why: red flags are 13% of the data and the answer turns on the first words of the
    assessment ("This may be an emergency" vs "This sounds like"), a handful of tokens in a
    300-token answer; a small model trained on the natural mix learns the routine shape and
    misses emergencies (eval.md of v1/v2). Repeating them weights those tokens without a custom
    loss. 0 leaves the picked rows as they are, so older recipes reproduce exactly.
    """
    if copies <= 0:
        return picked
    red = [r for r in every if r.get("red_flag")]
    red_ids = {r["id"] for r in red}
    rows = [r for r in picked if r["id"] not in red_ids] + red * copies
    random.Random(seed).shuffle(rows)
    return rows


def tokenize_chat(tokenizer: Any, messages: list[dict[str, str]], max_len: int) -> dict[str, Any]:
    """Labels are -100 on everything but the final assistant turn (and its end-of-turn token)."""
    prompt_ids = tokenizer.apply_chat_template(
        messages[:-1], tokenize=True, add_generation_prompt=True, return_dict=False
    )
    full_ids = tokenizer.apply_chat_template(messages, tokenize=True, return_dict=False)
    if full_ids[: len(prompt_ids)] != prompt_ids:
        raise ValueError("chat template does not extend the prompt; cannot mask the prompt")
    # The template appends "\n" after <|im_end|>; learning to stop at <|im_end|> is what matters.
    while full_ids and tokenizer.decode(full_ids[-1:]).strip() == "":
        full_ids = full_ids[:-1]
    full_ids = full_ids[:max_len]
    labels = [-100] * min(len(prompt_ids), len(full_ids)) + full_ids[len(prompt_ids) :]
    return {"input_ids": full_ids, "attention_mask": [1] * len(full_ids), "labels": labels}


def cpu_has_native_bf16() -> bool:
    """Without AVX512-BF16/AMX, bf16 matmuls are emulated and ~10x slower than fp32."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def pick_dtype(name: str) -> Any:
    import torch

    if name != "auto":
        return getattr(torch, name)
    if torch.cuda.is_available() or cpu_has_native_bf16():
        return torch.bfloat16
    return torch.float32


def plot_loss(history: list[dict[str, float]], before: float, after: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [h["step"] for h in history if "loss" in h]
    losses = [h["loss"] for h in history if "loss" in h]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(steps, losses, label="train loss")
    ax.axhline(before, color="grey", linestyle="--", label=f"held-out before {before:.3f}")
    ax.axhline(after, color="green", linestyle="--", label=f"held-out after {after:.3f}")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss (assistant tokens)")
    ax.set_title("medical-expert LoRA")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def train(cfg: TrainConfig, resume: bool) -> dict[str, Any]:
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import (
        AutoModelForCausalLM,
        AutoTokenizer,
        DataCollatorForSeq2Seq,
        Trainer,
        TrainingArguments,
        set_seed,
    )

    set_seed(cfg.seed)
    out = Path(cfg.out)
    ckpt_dir = out / "checkpoints"
    dtype = pick_dtype(cfg.dtype)
    print(f"training in {dtype}", flush=True)
    tokenizer = AutoTokenizer.from_pretrained(cfg.base)
    model = AutoModelForCausalLM.from_pretrained(cfg.base, dtype=dtype)
    lora = LoraConfig(
        r=cfg.rank,
        lora_alpha=cfg.alpha,
        lora_dropout=cfg.dropout,
        target_modules=cfg.target_modules,
        task_type="CAUSAL_LM",
        bias="none",
    )
    model = get_peft_model(model, lora)
    trainable, total = model.get_nb_trainable_parameters()
    print(f"trainable params: {trainable:,} of {total:,}", flush=True)

    every_train_row = read_jsonl(Path(cfg.train_file), 0, cfg.seed)
    train_rows = with_red_flag_copies(
        sample_rows(every_train_row, cfg.limit, cfg.seed),
        every_train_row,
        cfg.red_flag_copies,
        cfg.seed,
    )
    held_rows = read_jsonl(Path(cfg.heldout_file), cfg.heldout_limit, cfg.seed)
    train_ds = [tokenize_chat(tokenizer, r["messages"], cfg.max_seq_len) for r in train_rows]
    held_ds = [tokenize_chat(tokenizer, r["messages"], cfg.max_seq_len) for r in held_rows]
    train_tokens = sum(len(x["input_ids"]) for x in train_ds)
    print(f"train examples: {len(train_ds)} ({train_tokens:,} tokens), held-out: {len(held_ds)}")

    args = TrainingArguments(
        output_dir=str(ckpt_dir),
        num_train_epochs=cfg.epochs,
        max_steps=cfg.max_steps,
        per_device_train_batch_size=cfg.batch_size,
        per_device_eval_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.grad_accum,
        learning_rate=cfg.learning_rate,
        warmup_steps=cfg.warmup_ratio,
        lr_scheduler_type="cosine",
        logging_steps=1,
        save_strategy="steps",
        save_steps=10,
        save_total_limit=2,
        eval_strategy="no",
        report_to=[],
        seed=cfg.seed,
        data_seed=cfg.seed,
        use_cpu=cfg.device == "cpu" or (cfg.device == "auto" and not torch.cuda.is_available()),
        bf16=dtype == torch.bfloat16 and torch.cuda.is_available(),
        train_sampling_strategy="group_by_length",
        dataloader_num_workers=0,
        disable_tqdm=False,
    )
    collator = DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=-100)
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=train_ds,
        eval_dataset=held_ds,
        data_collator=collator,
    )
    started = time.monotonic()
    before = trainer.evaluate()["eval_loss"]
    print(f"held-out loss before: {before:.4f}", flush=True)
    resume_from = resume and any(ckpt_dir.glob("checkpoint-*"))
    trainer.train(resume_from_checkpoint=True if resume_from else None)
    after = trainer.evaluate()["eval_loss"]
    seconds = time.monotonic() - started
    print(f"held-out loss after: {after:.4f} ({seconds:.0f}s)", flush=True)

    # A local path in adapter_config.json would point at this machine only; keep the model's name.
    if Path(cfg.base).is_dir():
        model.peft_config["default"].base_model_name_or_path = Path(cfg.base).name
    # Ship the adapter in bf16 whatever it trained in: half the bytes, and vLLM casts anyway.
    model.to(torch.bfloat16).save_pretrained(out)
    tokens_seen = train_tokens * cfg.epochs if cfg.max_steps < 0 else None
    report = {
        "adapter": out.name,
        "base_model": cfg.base,
        "heldout_loss_before": round(before, 4),
        "heldout_loss_after": round(after, 4),
        "train_examples": len(train_ds),
        "train_red_flag_examples": sum(1 for r in train_rows if r.get("red_flag")),
        "heldout_examples": len(held_ds),
        "train_tokens_per_epoch": train_tokens,
        "train_file_sha256": sha256_of(Path(cfg.train_file)),
        "heldout_file_sha256": sha256_of(Path(cfg.heldout_file)),
        "trainable_params": trainable,
        "seconds": round(seconds, 1),
        "tokens_per_second": round(tokens_seen / seconds, 1) if tokens_seen else None,
        "hyperparameters": asdict(cfg),
        "dtype": str(dtype),
        "torch": torch.__version__,
        "loss_history": [
            {"step": h["step"], "loss": h["loss"]} for h in trainer.state.log_history if "loss" in h
        ],
    }
    (out / "training_report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    plot_loss(report["loss_history"], before, after, out / "loss_curve.png")
    shutil.rmtree(ckpt_dir, ignore_errors=True)
    return report


def parse_args(argv: list[str] | None = None) -> tuple[TrainConfig, bool]:
    p = argparse.ArgumentParser(description=__doc__)
    defaults = TrainConfig(base="", train_file="", heldout_file="", out="")
    p.add_argument("--base", required=True, help="HF model folder or id of the base model")
    p.add_argument("--train-file", required=True)
    p.add_argument("--heldout-file", required=True)
    p.add_argument("--out", required=True, help="adapter folder, e.g. saves/<base>/lora/...-v1")
    for name in (
        "rank", "alpha", "dropout", "epochs", "max_steps", "learning_rate", "batch_size",
        "grad_accum", "max_seq_len", "warmup_ratio", "seed", "limit", "heldout_limit",
        "red_flag_copies", "dtype", "device",
    ):  # fmt: skip
        default = getattr(defaults, name)
        p.add_argument(f"--{name.replace('_', '-')}", type=type(default), default=default)
    p.add_argument("--resume", action="store_true", help="continue from the last checkpoint")
    ns = vars(p.parse_args(argv))
    resume = ns.pop("resume")
    return TrainConfig(**ns), resume


def main(argv: list[str] | None = None) -> None:
    cfg, resume = parse_args(argv)
    report = train(cfg, resume)
    print(json.dumps({k: v for k, v in report.items() if k != "loss_history"}, indent=2))


if __name__ == "__main__":
    main()
