"""`make travel-eval`: the travel experts' answers on a question split, per design, scored.

Each question goes to the expert it names through the app's own path: `Expert.prepare` (system
prompt, KB fact sheet, lane and language lines, day skeleton) and `ExpertAnswerer.chain` (the
expert's decoding, the day-by-day wrapper), streamed from a live vLLM like the graph streams it.
The guard is left off so the metrics read the raw output; what it would block is a metric.
Greedy decoding, so a rerun gives the same answers. The `looping` control runs without a server.

    python -m evals.travel.run --variants before,served --limit 12     # a running vLLM
    python -m evals.travel.run --serve                                  # start vLLM for the run

The test split is sealed (evals/README.md): --release, whole, clean tree, never rewritten.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from agents.chains import ExpertAnswerer
from agents.day_plan import intro
from agents.kb_answer import official_sources
from agents.knowledge import load_kb, text_lang
from agents.registry import EXPERTS
from config.settings import Settings
from evals.client import served
from evals.records import check_sealed, commit_of, sha256_of
from evals.splits import SEALED_SPLIT, read_jsonl, take_in_turn
from evals.travel.controls import kb_verbatim, looping, skeleton
from evals.travel.linked import linked_plan
from evals.travel.metrics import score_answer
from evals.travel.report import render_markdown, summarise
from evals.travel.variants import VARIANTS, Variant

DATA = Path(__file__).parent / "data"
RESULTS = Path(__file__).parent / "results"
SPLITS = ("train", "validation", "test")


def split_path(split: str) -> Path:
    return DATA / f"questions_{split}.jsonl"


def pick_rows(rows: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """Taken in turn from each expert, so a quick run still has every expert."""
    return take_in_turn(rows, limit, lambda r: str(r["expert"]))


async def answer_one(
    row: dict[str, Any], variant: Variant, settings: Settings, gate: asyncio.Semaphore
) -> dict[str, Any]:
    expert = variant.apply(EXPERTS[row["expert"]])
    question = row["question"]
    answerer = ExpertAnswerer.build(expert, settings)
    if (scripted := answerer.kb_led([question])) is not None:
        if variant.name == "kb-plan-linked" and scripted.kind == "day_plan":
            async with gate:
                started = time.monotonic()
                text, fixed_lines, tokens = await linked_plan(question, settings)
            record = scripted_record(row, variant.name, text, scripted.kind)
            seconds = round(time.monotonic() - started, 2)
            return record | {"fixed_lines": fixed_lines, "completion_tokens": tokens,
                             "seconds": seconds, "ttft_s": None}  # fmt: skip
        # The app answers this from the KB, no model: every word is app-written.
        return scripted_record(row, variant.name, scripted.text, scripted.kind)
    prepared = expert.prepare([HumanMessage(question)], [question], settings)
    chain = answerer.chain(prepared, [question], lambda *_: None)
    fixed = [intro(prepared.days), *(d.heading() for d in prepared.days)] if prepared.days else []
    text, first, usage = "", None, None
    meta: dict[str, Any] = {}
    async with gate:
        started = time.monotonic()
        async for chunk in chain.astream(
            {"system_prompt": prepared.system_prompt, "messages": prepared.history}
        ):
            if chunk.text and first is None:
                first = time.monotonic() - started
            text += chunk.text
            usage = chunk.usage_metadata or usage
            meta = chunk.response_metadata or meta
        seconds = time.monotonic() - started
    return {
        "id": row["id"],
        "variant": variant.name,
        "answer": text,
        "fixed_lines": fixed,
        "days_planned": len(prepared.days),
        "finish_reason": meta.get("finish_reason"),
        "day_finish_reasons": meta.get("day_finish_reasons"),
        "completion_tokens": usage["output_tokens"] if usage else None,
        "ttft_s": round(first, 2) if first is not None else None,
        "seconds": round(seconds, 2),
    }


def scripted_record(row: dict[str, Any], variant: str, text: str, kind: str) -> dict[str, Any]:
    return {"id": row["id"], "variant": variant, "answer": text, "fixed_lines": [text],
            "days_planned": 0, "finish_reason": "stop", "day_finish_reasons": None,
            "completion_tokens": 0, "ttft_s": 0.0, "seconds": 0.0, "answer_kind": kind}  # fmt: skip


async def model_answers(
    rows: list[dict[str, Any]], variants: Sequence[Variant], settings: Settings, concurrency: int
) -> list[dict[str, Any]]:
    gate = asyncio.Semaphore(concurrency)
    jobs = [
        (r, v)
        for v in variants
        for r in rows
        if not (v.itinerary_only and r["expert"] != "itinerary")
    ]
    done = 0

    async def one(row: dict[str, Any], variant: Variant) -> dict[str, Any]:
        nonlocal done
        got = await answer_one(row, variant, settings, gate)
        done += 1
        print(f"\r  {done}/{len(jobs)} answers", end="", flush=True, file=sys.stderr)
        return got

    results = await asyncio.gather(*(one(r, v) for r, v in jobs))
    print(file=sys.stderr)
    return list(results)


CONTROL_NOTES = {
    "looping": "control: a generic day line repeated, a treatment tip, no KB fact",
    "skeleton": "control: the KB day plan's intro and headings, no model text",
    "kb-verbatim": "control: the destination's KB entry pasted verbatim (sights, food, getting "
    "around, tips), no days",
}
CONTROLS = tuple(CONTROL_NOTES)


def control_answers(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def control(row: dict[str, Any], variant: str, answer: str) -> dict[str, Any]:
        return {"id": row["id"], "variant": variant, "answer": answer, "fixed_lines": [],
                "days_planned": 0, "finish_reason": "stop", "day_finish_reasons": None,
                "completion_tokens": None, "ttft_s": None, "seconds": 0.0}  # fmt: skip

    out = [control(r, "looping", looping(text_lang(r["question"]))) for r in rows]
    trips = [r for r in rows if r["expert"] == "itinerary"]
    out += [control(r, "skeleton", skeleton(r["question"])) for r in trips]
    return out + [control(r, "kb-verbatim", kb_verbatim(r["question"])) for r in trips]


def score_all(rows: list[dict[str, Any]], answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kb = load_kb()
    by_id = {r["id"]: r for r in rows}
    scored = []
    for a in answers:
        row = by_id[a["id"]]
        destination = kb.get(row["destination"])
        assert destination is not None, row["destination"]
        days = row["days"] if row["expert"] == "itinerary" else None
        named = [destination, *kb.find(row["question"])]
        # The official sources a KB-led answer points to are KB data too ("12306").
        kb_text = "\n".join(json.dumps(d.data, ensure_ascii=False) for d in named)
        kb_text += "\n" + json.dumps(official_sources(), ensure_ascii=False)
        # A plan is asked when the row says so, else (the splits) of every itinerary question.
        plan = row.get("plan", row["expert"] == "itinerary")
        scores = score_answer(
            a["answer"], row["question"], destination, a["fixed_lines"], days=days,
            kb_text=kb_text, plan_expected=plan, count=row.get("count"),
        )  # fmt: skip
        meta = {k: row[k] for k in ("question", "lang", "expert", "destination", "days", "health")}
        scored.append({**a, **meta, "scores": scores.as_dict()})
    return scored


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--split", choices=SPLITS, default="validation")
    p.add_argument("--questions", type=Path,
                   help="a question file that is no split (new phrasings)")  # fmt: skip
    p.add_argument("--variants", default="before,served", help=f"from {list(VARIANTS)}")
    p.add_argument("--limit", type=int, default=0, help="a sample of N questions (round-robin)")
    p.add_argument("--experts", help="only questions for these experts (comma-separated)")
    p.add_argument("--release", help="the released version a test run is recorded for")
    p.add_argument("--serve", action="store_true", help="start vLLM from settings for the run")
    p.add_argument("--concurrency", type=int, default=4)
    p.add_argument("--out", type=Path, help="result file (default: results/<split>-<commit>.json)")
    p.add_argument("--rescore", type=Path, metavar="RESULT_JSON",
                   help="score stored answers again under today's metrics (no server)")  # fmt: skip
    return p.parse_args(argv)


def rescore(path: Path) -> None:
    """The same answers under this commit's metrics, written back with the commit that scored."""
    report = json.loads(path.read_text("utf-8"))
    if report["split_sha256"] != sha256_of(split_path(report["split"])):
        raise SystemExit("the question split changed since these answers; run them again")
    ids = {a["id"] for a in report["answers"]}
    rows = [r for r in read_jsonl(split_path(report["split"])) if r["id"] in ids]
    keep = ("id", "variant", "answer", "fixed_lines", "days_planned", "finish_reason",
            "day_finish_reasons", "completion_tokens", "ttft_s", "seconds",
            "answer_kind")  # fmt: skip
    answers = [{k: a.get(k) for k in keep} for a in report["answers"]]
    answers = [a for a in answers if a["variant"] not in CONTROLS] + control_answers(rows)
    report["variants"] |= CONTROL_NOTES
    scored = score_all(rows, answers)
    report["rescored_at"] = commit_of()[0]
    report["summary"] = summarise(scored)
    report["answers"] = scored
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(render_markdown(report))


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.rescore:
        rescore(args.rescore)
        return
    names = [n.strip() for n in args.variants.split(",") if n.strip()]
    if unknown := [n for n in names if n not in VARIANTS]:
        raise SystemExit(f"unknown variants {unknown}; choose from {list(VARIANTS)}")
    commit, dirty = commit_of()
    out = args.out or RESULTS / f"{args.split}-{commit}.json"
    check_sealed(args, out.parent / out.stem, dirty)
    if args.split == SEALED_SPLIT and (out.exists() or args.experts):
        raise SystemExit(f"{out} already holds a test result for this commit; never rewritten")
    source = args.questions or split_path(args.split)
    rows = read_jsonl(source)
    if args.experts:
        rows = [r for r in rows if r["expert"] in args.experts.split(",")]
    rows = pick_rows(rows, args.limit)
    # Greedy: one good sample proves little when answers change from run to run (issue 15).
    settings = Settings().updated(llm={"temperature": 0.0})
    started = time.monotonic()
    with served(settings) if args.serve else nullcontext(settings) as live:
        answers = asyncio.run(
            model_answers(rows, [VARIANTS[n] for n in names], live, args.concurrency)
        )
    report = {
        "split": args.questions.name if args.questions else args.split,
        "split_sha256": sha256_of(source),
        "commit": commit,
        "dirty": dirty,
        "release": args.release,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": settings.llm.base_model_name,
        "seconds": round(time.monotonic() - started, 1),
        "questions": len(rows),
        "variants": {n: VARIANTS[n].note for n in [*names, "looping"] if n in VARIANTS}
        | CONTROL_NOTES,
    }
    scored = score_all(rows, [*answers, *control_answers(rows)])
    report["summary"] = summarise(scored)
    report["answers"] = scored
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(render_markdown(report))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
