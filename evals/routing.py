"""Per-class precision/recall of turn routing on the labelled dev set (`make router-eval`).

    python -m evals.routing                       # classifier router, dev split
    python -m evals.routing --router llm --base-url http://127.0.0.1:8000/v1 --limit 80

Each dev turn goes through what the graph does before any expert: the deterministic safety check
(red flags → emergency, injection → out_of_scope), then the router. A turn's gold set is
`expert` plus `also`; scores are per expert (multi-label) and per domain, plus exact-set
accuracy and the routing latency per turn.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from agents.registry import ALL_EXPERTS, DOMAIN_OF
from config.settings import Settings
from graph.routing import build_router
from graph.routing.base import RouteDecision, Router
from graph.routing.classifier import DATA_DIR, load_rows
from graph.safety import check_turn


def route_one(router: Router, text: str, safety: bool = True) -> RouteDecision:
    """A single, context-free turn through the safety layer (unless off) and the router."""
    if not safety:
        return router.route([HumanMessage(content=text)])
    verdict = check_turn(text)
    if verdict.emergency:
        return RouteDecision(("emergency",), verdict.reason)
    if verdict.injection:
        return RouteDecision(("out_of_scope",), "prompt injection")
    return router.route([HumanMessage(content=text)])


@dataclass(frozen=True)
class Report:
    gold: list[set[str]]
    predicted: list[set[str]]
    seconds: list[float]
    fallbacks: int = 0  # LLM router turns that fell back to the classifier

    def table(self, labels: Sequence[str], to_label: dict[str, str] | None = None) -> str:
        def mapped(sets: list[set[str]]) -> list[set[str]]:
            return [{to_label[e] for e in s} if to_label else s for s in sets]

        gold, predicted = mapped(self.gold), mapped(self.predicted)
        lines = [f"{'class':<16}{'precision':>10}{'recall':>8}{'f1':>7}{'support':>9}"]
        for label in labels:
            tp = sum(label in g and label in p for g, p in zip(gold, predicted, strict=True))
            n_pred = sum(label in p for p in predicted)
            n_gold = sum(label in g for g in gold)
            precision = tp / n_pred if n_pred else 0.0
            recall = tp / n_gold if n_gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            lines.append(f"{label:<16}{precision:>10.3f}{recall:>8.3f}{f1:>7.3f}{n_gold:>9}")
        return "\n".join(lines)

    def summary(self) -> str:
        n = len(self.gold)
        exact = sum(g == p for g, p in zip(self.gold, self.predicted, strict=True)) / n
        ms = sorted(s * 1000 for s in self.seconds)
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        return (
            f"turns: {n}   exact expert set: {exact:.3f}\n"
            f"routing latency per turn: mean {statistics.mean(ms):.1f} ms, "
            f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms\n"
            f"fallbacks to the classifier: {self.fallbacks}"
        )


def evaluate(
    router: Router, rows: Sequence[dict[str, Any]], safety: bool = True
) -> tuple[Report, list[str]]:
    gold, predicted, seconds, misses = [], [], [], []
    fallbacks = 0
    for row in rows:
        started = time.perf_counter()
        decision = route_one(router, row["text"], safety)
        seconds.append(time.perf_counter() - started)
        fallbacks += decision.reason.startswith("fallback")
        want = {row["expert"], *row.get("also", [])}
        got = set(decision.experts)
        gold.append(want)
        predicted.append(got)
        if want != got:
            misses.append(f"{sorted(want)} -> {sorted(got)}: {row['text'][:70]}")
    return Report(gold, predicted, seconds, fallbacks), misses


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--router", choices=["classifier", "llm"], default="classifier")
    parser.add_argument("--split", default="dev", help="a file in graph/routing/data/")
    parser.add_argument("--base-url", help="OpenAI-compatible server for the LLM router")
    parser.add_argument("--model", help="served model for the LLM router")
    parser.add_argument("--limit", type=int, default=0, help="only the first N turns")
    parser.add_argument("--misses", action="store_true", help="list the misrouted turns")
    parser.add_argument(
        "--no-safety",
        action="store_true",
        help="the router alone, without the red-flag and injection rules that run before it",
    )
    args = parser.parse_args(argv)

    routing: dict[str, Any] = {"mode": args.router}
    llm: dict[str, Any] = {}
    if args.base_url:
        llm["openai_api_base"] = args.base_url
    if args.model:
        routing["model"] = args.model
    settings = Settings().updated(router=routing, llm=llm)  # the CLI is an edge: env is read here
    started = time.perf_counter()
    router = build_router(settings)
    built = time.perf_counter() - started
    rows = load_rows(Path(DATA_DIR / f"{args.split}.jsonl"))
    if args.limit:
        rows = rows[: args.limit]
    route_one(router, "warm up")
    report, misses = evaluate(router, rows, safety=not args.no_safety)

    layers = "router only" if args.no_safety else "safety rules + router"
    print(f"router: {router.name} ({layers})   split: {args.split}   built in {built:.2f} s")
    print(report.summary())
    print("\nper expert (a turn's gold set is expert + also)")
    print(report.table(ALL_EXPERTS))
    print("\nper domain")
    print(report.table(("travel", "medical", "emergency", "other"), DOMAIN_OF))
    if args.misses:
        print("\nmisrouted:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
