"""`make eval`: the dermatology expert's answers, its controls and their scores on a question split.

Why through the server: what we ship is the model as vLLM serves it (its LoRA kernels, the chat
template). Every model variant gets the same questions, greedy decoding and token budget; the
controls (a canned answer, the retrieved card pasted verbatim) need no server. Answers and scores
go to evals/medical/results/<split>/<commit>/answers.json, the table to report.md beside it.

    python -m evals.medical.answers --split validation --limit 40     # a running server
    python -m evals.medical.answers --serve                           # start vLLM for the run
    python -m evals.medical.answers --rescore evals/medical/results/validation/<c>/answers.json
    python -m evals.medical.answers --split test --release medical-expert-v5   # once per release

The test split is sealed (evals/README.md): it needs --release, runs whole, on a clean tree, and
never overwrites a result already recorded for the commit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openai

from agents.knowledge.condition_search import ConditionSearch, default_search
from agents.knowledge.conditions import ConditionKB, load_conditions
from config.settings import Settings
from evals.client import eval_client, served
from evals.medical.controls import (
    CARD_LED,
    CONTROLS,
    MODEL_VARIANTS,
    Variant,
    canned,
    card_led,
    card_verbatim,
    prompt_for,
    served_model,
)
from evals.medical.report import build_report, render_markdown
from evals.medical.scoring import MedicalScorer, Question
from evals.records import check_sealed, commit_of, sha256_of
from evals.splits import read_jsonl, take_in_turn

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
RESULTS = Path(__file__).parent / "results"
# Reference answers run 130-230 tokens; 320 lets a model finish and caps a rambling one.
DEFAULT_MAX_TOKENS = 320
DEFAULT_CONCURRENCY = 8
SPLITS = ("validation", "test")


def split_path(split: str) -> Path:
    """A split's questions; a fresh set (`fresh_<date>`, written and committed before it is run)
    is asked the same way and is never sealed."""
    if split.startswith("fresh_"):
        return DATA / f"{split}.jsonl"
    return DATA / f"questions_{split}.jsonl"


def split_name(text: str) -> str:
    if text in SPLITS or (text.startswith("fresh_") and split_path(text).is_file()):
        return text
    raise argparse.ArgumentTypeError(f"{text!r}: validation, test or a fresh_<date> set in {DATA}")


def pick_rows(rows: list[dict[str, Any]], limit: int, kb: ConditionKB) -> list[dict[str, Any]]:
    """Groups: emergency, ordinary, each special kind, so a quick run still has red flags and
    "cannot tell" questions."""

    def group(r: dict[str, Any]) -> str:
        if r["kind"] != "single":
            return str(r["kind"])
        return "emergency" if kb.get(r["condition"]).emergency else "ordinary"

    return take_in_turn(rows, limit, group)


async def ask(
    client: openai.AsyncOpenAI,
    model: str,
    system: str,
    question: str,
    max_tokens: int,
    gate: asyncio.Semaphore,
) -> dict[str, Any]:
    async with gate:
        started = time.monotonic()
        resp = await client.chat.completions.create(
            model=model,
            messages=[
                {"role": "system", "content": system},
                {"role": "user", "content": question},
            ],
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


async def model_answers(
    client: openai.AsyncOpenAI,
    variants: dict[Variant, str],
    rows: list[dict[str, Any]],
    search: ConditionSearch,
    max_tokens: int,
    concurrency: int,
) -> list[dict[str, Any]]:
    gate = asyncio.Semaphore(concurrency)
    jobs = [(v, model, r) for r in rows for v, model in variants.items()]
    done = 0

    async def one(variant: Variant, model: str, row: dict[str, Any]) -> dict[str, Any]:
        nonlocal done
        system, cards = prompt_for(variant, row["question"], search)
        got = await ask(client, model, system, row["question"], max_tokens, gate)
        done += 1
        print(f"\r  {done}/{len(jobs)} answers", end="", flush=True, file=sys.stderr)
        return {"id": row["id"], "variant": variant.name, "model": model, "cards": cards, **got}

    results = await asyncio.gather(*(one(*job) for job in jobs))
    print(file=sys.stderr)
    return list(results)


def control_answers(
    rows: list[dict[str, Any]], scorer: MedicalScorer, search: ConditionSearch, margin: float
) -> list[dict[str, Any]]:
    """The controls and the card-led answer: all made without a server."""
    out = []
    for row in rows:
        q = scorer.question(row)
        sheet, card_id = card_verbatim(q.text, q.lang, search)
        led, led_cards = card_led(q.text, search, margin)
        for name, text, cards in (
            ("canned", canned(q.lang), ()),
            ("card_verbatim", sheet, (card_id,)),
            (CARD_LED, led, led_cards),
        ):
            out.append({"id": row["id"], "variant": name, "model": "control", "cards": cards,
                        "answer": text, "finish_reason": "stop", "completion_tokens": None,
                        "seconds": 0.0})  # fmt: skip
    return out


def score_all(
    rows: list[dict[str, Any]], answers: list[dict[str, Any]], scorer: MedicalScorer
) -> list[dict[str, Any]]:
    by_id = {r["id"]: r for r in rows}
    scored = []
    for a in answers:
        row = by_id[a["id"]]
        q: Question = scorer.question(row)
        meta = {"condition": row["condition"], "kind": row["kind"], "lang": q.lang,
                "emergency": q.emergency, "question": row["question"]}  # fmt: skip
        right_card = None if q.card is None else q.card.id in a.get("cards", ())
        scores = scorer.score(a["answer"], q).as_dict()
        scored.append({**a, **meta, "card_in_prompt": right_card, "scores": scores})
    return scored


def result_dir(split: str, commit: str, out: Path | None) -> Path:
    return out or RESULTS / split / commit


def write_results(report: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "answers.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    (out / "report.md").write_text(render_markdown(report))
    print(render_markdown(report, answers=False))
    print(f"wrote {out / 'answers.json'} and {out / 'report.md'}")


def parse_variants(text: str) -> list[Variant]:
    names = [v.strip() for v in text.split(",") if v.strip()]
    unknown = [n for n in names if n not in MODEL_VARIANTS]
    if unknown:
        raise SystemExit(f"unknown variants {unknown}; choose from {list(MODEL_VARIANTS)}")
    return [MODEL_VARIANTS[n] for n in names]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument(
        "--split", type=split_name, default="validation",
        help="validation, test (sealed) or a fresh set (fresh_2026-12-02i)",
    )  # fmt: skip
    p.add_argument("--variants", default=",".join(MODEL_VARIANTS), help="model variants to ask")
    p.add_argument("--limit", type=int, default=0, help="a sample of N questions (validation)")
    p.add_argument("--release", help="the released version a test run is recorded for")
    p.add_argument("--serve", action="store_true", help="start vLLM from settings for the run")
    p.add_argument("--max-tokens", type=int, default=DEFAULT_MAX_TOKENS)
    p.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    p.add_argument(
        "--adapter-model", help="served adapter name (default: settings.llm.medical_model)"
    )
    p.add_argument("--out", type=Path, help="result directory (default: results/<split>/<commit>)")
    p.add_argument("--rescore", type=Path, metavar="ANSWERS_JSON",
                   help="score stored answers again under today's rules (no server)")  # fmt: skip
    return p.parse_args(argv)


def base_meta(split: str, commit: str, dirty: bool, release: str | None) -> dict[str, Any]:
    return {
        "split": split,
        "split_sha256": sha256_of(split_path(split)),
        "commit": commit,
        "dirty": dirty,
        "release": release,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def rescore(stored: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """The same answers under this commit's scoring; refuses answers to another question set."""
    if stored["split_sha256"] != meta["split_sha256"]:
        raise SystemExit("the question split changed since these answers; run them again")
    kb = load_conditions()
    ids = {a["id"] for a in stored["answers"]}
    rows = [r for r in read_jsonl(split_path(stored["split"])) if r["id"] in ids]
    keep = ("id", "variant", "model", "cards", "answer", "finish_reason", "completion_tokens",
            "seconds")  # fmt: skip
    answers = [{k: a.get(k) for k in keep} for a in stored["answers"]]
    for a in answers:
        a["cards"] = tuple(a["cards"] or ())
    run: dict[str, Any] = {
        k: stored[k] for k in ("models", "max_tokens", "seconds", "server") if k in stored
    }
    rescored_from = {"commit": stored["commit"], "created": stored["created"]}
    meta = {**meta, **run, "questions": len(rows), "rescored_from": rescored_from}
    return build_report(score_all(rows, answers, MedicalScorer(kb)), stored["variants"], meta)


async def evaluate(
    settings: Settings,
    args: argparse.Namespace,
    meta: dict[str, Any],
    client: openai.AsyncOpenAI | None = None,
) -> dict[str, Any]:
    kb = load_conditions()
    search = default_search()
    scorer = MedicalScorer(kb)
    rows = pick_rows(read_jsonl(split_path(args.split)), args.limit, kb)
    variants = {
        v: served_model(v, settings, args.adapter_model) for v in parse_variants(args.variants)
    }
    client = client or eval_client(settings)
    if variants:
        served_names = {m.id async for m in client.models.list()}
        missing = set(variants.values()) - served_names
        if missing:
            raise SystemExit(
                f"{settings.llm.openai_api_base} does not serve {sorted(missing)} "
                f"(it serves {sorted(served_names)})"
            )
    print(f"==> {len(rows)} {args.split} questions x {[v.name for v in variants]}", file=sys.stderr)
    started = time.monotonic()
    answers = await model_answers(client, variants, rows, search, args.max_tokens, args.concurrency)
    seconds = round(time.monotonic() - started, 1)
    answers += control_answers(rows, scorer, search, settings.doctor.card_margin)
    names = [*CONTROLS, CARD_LED, *(v.name for v in variants)]
    run = {"questions": len(rows), "models": {v.name: m for v, m in variants.items()},
           "max_tokens": args.max_tokens, "temperature": 0.0, "concurrency": args.concurrency,
           "seconds": seconds, "server": settings.llm.openai_api_base}  # fmt: skip
    return build_report(score_all(rows, answers, scorer), names, {**meta, **run})


def main(argv: Sequence[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO)
    args = parse_args(argv)
    commit, dirty = commit_of()
    if args.rescore:
        stored = json.loads(args.rescore.read_text(encoding="utf-8"))
        args.split = stored["split"]
        out = result_dir(args.split, commit, args.out)
        check_sealed(args, out, dirty)
        write_results(rescore(stored, base_meta(args.split, commit, dirty, args.release)), out)
        return
    out = result_dir(args.split, commit, args.out)
    check_sealed(args, out, dirty)
    meta = base_meta(args.split, commit, dirty, args.release)
    settings = Settings()
    try:
        with served(settings) if args.serve else nullcontext(settings) as live:
            report = asyncio.run(evaluate(live, args, meta))
    except openai.APIConnectionError as exc:
        raise SystemExit(
            f"no model server at {settings.llm.openai_api_base} ({exc}); start one (`make run`) "
            "or pass --serve"
        ) from exc
    write_results(report, out)


if __name__ == "__main__":
    main()
