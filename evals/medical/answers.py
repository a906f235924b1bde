"""`make eval`: base model vs `medical-expert` on the held-out questions, through a vLLM server.

Why through the server: what we ship is the adapter as vLLM serves it (its LoRA kernels, the
chat template, sampling), not a peft model in a notebook. Both models get the same messages
(the trained system prompt + the held-out question), greedy decoding and the same token budget,
and are scored by evals.medical.scoring with the dataset's own rules. Writes eval.json (every
answer and score) and eval.md (the table) next to the adapter unless --out says otherwise.

    python -m evals.medical.answers                 # against OPENAI_API_BASE (a running `make run`)
    python -m evals.medical.answers --serve         # start vLLM from settings, evaluate, stop it
    python -m evals.medical.answers --limit 8       # a quick look
    python -m evals.medical.answers --rescore saves/…/eval.json   # new scoring rules, same answers
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import openai

from config.settings import Settings
from evals.medical.report import render_markdown
from evals.medical.scoring import AnswerScore, score_answer, summarise
from serving.data.build_dataset import load_split, load_table, sha256_of, split_path

log = logging.getLogger(__name__)

# Held-out answers are 130-230 tokens; 320 lets a model finish in the trained shape, and caps
# how long a rambling one costs (164 answers on 2 CPU cores).
DEFAULT_MAX_TOKENS = 320
DEFAULT_CONCURRENCY = 8


def condition_facts() -> dict[str, dict[str, list[str]]]:
    """Each condition's key facts per language (conditions.yaml): the content yardstick."""
    return {c["id"]: c["key_facts"] for c in load_table()["conditions"]}


def pick_rows(rows: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The first `limit` rows, alternating languages and keeping red flags in the sample."""
    if not limit or limit >= len(rows):
        return rows
    red = [r for r in rows if r["red_flag"]]
    other = [r for r in rows if not r["red_flag"]]
    n_red = max(1, round(limit * len(red) / len(rows)))
    return red[:n_red] + other[: limit - n_red]


async def ask(
    client: openai.AsyncOpenAI,
    model: str,
    row: dict[str, Any],
    max_tokens: int,
    gate: asyncio.Semaphore,
) -> dict[str, Any]:
    async with gate:
        started = time.monotonic()
        resp = await client.chat.completions.create(
            model=model,
            messages=row["messages"][:-1],
            max_tokens=max_tokens,
            temperature=0.0,
            seed=0,
        )
    choice = resp.choices[0]
    return {
        "answer": choice.message.content or "",
        "finish_reason": choice.finish_reason,
        "completion_tokens": resp.usage.completion_tokens if resp.usage else None,
        "seconds": round(time.monotonic() - started, 2),
    }


async def answer_all(
    client: openai.AsyncOpenAI,
    models: dict[str, str],
    rows: list[dict[str, Any]],
    max_tokens: int,
    concurrency: int,
) -> list[dict[str, Any]]:
    gate = asyncio.Semaphore(concurrency)
    jobs = [(role, name, row) for row in rows for role, name in models.items()]
    done = 0

    async def one(role: str, name: str, row: dict[str, Any]) -> dict[str, Any]:
        nonlocal done
        got = await ask(client, name, row, max_tokens, gate)
        done += 1
        print(f"\r  {done}/{len(jobs)} answers", end="", flush=True, file=sys.stderr)
        return {"id": row["id"], "role": role, "model": name, **got}

    results = await asyncio.gather(*(one(*job) for job in jobs))
    print(file=sys.stderr)
    return list(results)


def score(
    rows: list[dict[str, Any]],
    answers: list[dict[str, Any]],
    facts: dict[str, dict[str, list[str]]],
) -> list[dict[str, Any]]:
    by_id = {r["id"]: r for r in rows}
    scored = []
    for a in answers:
        row = by_id[a["id"]]
        s = score_answer(
            a["answer"], row["lang"], facts[row["condition"]][row["lang"]], row["red_flag"]
        )
        question = row["messages"][-2]["content"]
        meta = {k: row[k] for k in ("condition", "lang", "red_flag")}
        scored.append({**a, **meta, "question": question, "scores": s.as_dict()})
    return scored


def summary_by(scored: list[dict[str, Any]], role: str, **where: Any) -> dict[str, Any]:
    picked = [
        AnswerScore(**s["scores"])
        for s in scored
        if s["role"] == role and all(s[k] == v for k, v in where.items())
    ]
    return summarise(picked)


def build_report(
    scored: list[dict[str, Any]], models: dict[str, str], meta: dict[str, Any]
) -> dict[str, Any]:
    roles = list(models)
    conditions = sorted({s["condition"] for s in scored})
    finish = {
        role: sum(1 for s in scored if s["role"] == role and s["finish_reason"] == "length")
        for role in roles
    }
    return {
        **meta,
        "models": models,
        "summary": {role: summary_by(scored, role) for role in roles},
        "by_language": {
            lang: {role: summary_by(scored, role, lang=lang) for role in roles}
            for lang in ("zh", "en")
        },
        "key_fact_recall_by_condition": {
            c: {role: summary_by(scored, role, condition=c)["key_fact_recall"] for role in roles}
            for c in conditions
        },
        "truncated_at_max_tokens": finish,
        "answers": scored,
    }


@contextmanager
def served(settings: Settings) -> Iterator[Settings]:
    """Start vLLM exactly as `make run` does, and point the client at it."""
    from serving.prepare import prepare
    from serving.vllm_server import running_vllm, server_root

    python = prepare(settings)
    with running_vllm(settings, python):
        yield settings.model_copy(update={"openai_api_base": f"{server_root(settings)}/v1"})


def eval_client(settings: Settings) -> openai.AsyncOpenAI:
    """No retries (a failed answer must show, not be asked twice); long answers on 2 CPU cores
    under load take minutes, so five times the app's per-call timeout."""
    return openai.AsyncOpenAI(
        base_url=settings.openai_api_base,
        api_key=settings.openai_api_key.get_secret_value(),
        timeout=settings.llm_timeout_s * 5,
        max_retries=0,
    )


def default_out(settings: Settings) -> Path:
    return settings.adapter_dir


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--serve", action="store_true", help="start vLLM from settings for the run")
    p.add_argument("--limit", type=int, default=0, help="only the first N held-out questions")
    p.add_argument("--max-tokens", type=int, default=DEFAULT_MAX_TOKENS)
    p.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    p.add_argument("--adapter-model", help="served adapter name (default: settings.medical_model)")
    p.add_argument("--out", type=Path, help="directory for eval.json/eval.md (default: adapter)")
    p.add_argument(
        "--rescore",
        type=Path,
        metavar="EVAL_JSON",
        help="score a report's stored answers again (no server; e.g. after a new metric)",
    )
    return p.parse_args(argv)


ANSWER_FIELDS = ("id", "role", "model", "answer", "finish_reason", "completion_tokens", "seconds")
DERIVED = ("models", "summary", "by_language", "key_fact_recall_by_condition",
           "truncated_at_max_tokens", "answers")  # fmt: skip


def rescore(report: dict[str, Any]) -> dict[str, Any]:
    """The same answers under today's scoring rules: a metric added later covers old runs too,
    without 13 minutes of generation. Refuses a report made on other held-out data."""
    if report["heldout_sha256"] != sha256_of(split_path("heldout")):
        raise SystemExit("the held-out split changed since this report; run the evaluation again")
    ids = {a["id"] for a in report["answers"]}
    rows = [r for r in load_split("heldout") if r["id"] in ids]
    facts = condition_facts()
    answers = [{k: a[k] for k in ANSWER_FIELDS} for a in report["answers"]]
    meta = {k: v for k, v in report.items() if k not in DERIVED}
    return build_report(score(rows, answers, facts), report["models"], meta)


def write_report(report: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "eval.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (out / "eval.md").write_text(render_markdown(report))
    print(render_markdown(report, answers=False))
    print(f"wrote {out / 'eval.json'} and {out / 'eval.md'}")


async def evaluate(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    rows = pick_rows(load_split("heldout"), args.limit)
    facts = condition_facts()
    models = {
        "base": settings.base_model_name,
        "adapter": args.adapter_model or settings.medical_model,
    }
    client = eval_client(settings)
    served_names = {m.id async for m in client.models.list()}
    missing = set(models.values()) - served_names
    if missing:
        raise SystemExit(
            f"{settings.openai_api_base} does not serve {sorted(missing)} "
            f"(it serves {sorted(served_names)})"
        )
    print(f"==> {len(rows)} held-out questions x {list(models.values())}", file=sys.stderr)
    started = time.monotonic()
    answers = await answer_all(client, models, rows, args.max_tokens, args.concurrency)
    seconds = time.monotonic() - started
    meta = {
        "questions": len(rows),
        "heldout_sha256": sha256_of(split_path("heldout")),
        "max_tokens": args.max_tokens,
        "temperature": 0.0,
        "concurrency": args.concurrency,
        "seconds": round(seconds, 1),
        "server": settings.openai_api_base,
        "adapter_dir": str(settings.adapter_dir),
    }
    return build_report(score(rows, answers, facts), models, meta)


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO)
    args = parse_args(argv)
    if args.rescore:
        report = rescore(json.loads(args.rescore.read_text(encoding="utf-8")))
        write_report(report, args.out or args.rescore.parent)
        return
    settings = Settings()
    out = args.out or default_out(settings)
    ctx = served(settings) if args.serve else nullcontext(settings)
    try:
        with ctx as live:
            report = asyncio.run(evaluate(live, args))
    except openai.APIConnectionError as exc:
        raise SystemExit(
            f"no model server at {settings.openai_api_base} ({exc}); start one (`make run`) "
            "or pass --serve"
        ) from exc
    write_report(report, out)


if __name__ == "__main__":
    main()
