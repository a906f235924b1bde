"""Category right when caught, and its control: the same run's categories shuffled among the
caught emergencies must score worse (else the metric does not read categories).

    python -m evals.triage.category_control [--data FILE ...] [--split validation] --out F

The default graph without a model (rules + veto + net + router), scored through the graph's own
code path (`evaluate.with_rules`, graph/turn_outcome.py); per-row outcomes are written to `--out`
so a before/after can be read row by row (evals/triage/results/category_rule_2026-12-07i.md).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.splits import read_jsonl
from evals.triage.evaluate import escalated, gold, load_split, router_predict, with_rules
from evals.triage.routers import default_triage_settings, default_wired_router
from graph.triage.labels import SELF_HARM
from graph.triage.sft import thread_messages


def outcomes(rows: Sequence[dict[str, Any]], fitted: Path | None) -> list[dict[str, Any]]:
    """Each emergency's gold category, whether it was caught, and the reply's category."""
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    classifier = default_triage_classifier(fitted)
    triage = default_triage_settings()
    router = default_wired_router(
        classifier, ClassifierRouter(), asks=default_ask_reader(fitted), ask_bar=triage.ask_bar
    )
    veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
    predict = with_rules(router_predict(router), net=router, veto=veto)
    found = []
    for row in rows:
        want = gold(row)
        if not escalated(want) or want == (SELF_HARM,):
            continue
        labels, category = predict(thread_messages(row))
        found.append(
            {
                "id": row["id"],
                "gold": row.get("category"),
                "caught": escalated(labels),
                "category": category,
            }
        )
    return found


def right(found: Sequence[dict[str, Any]], categories: Sequence[str | None]) -> tuple[int, int]:
    caught = [f for f in found if f["caught"]]
    return sum(f["gold"] == c for f, c in zip(caught, categories, strict=True)), len(caught)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["validation"], default=None)
    parser.add_argument("--data", type=Path, nargs="*", default=[])
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    sets = ([("validation", load_split("validation"))] if args.split else []) + [
        (p.stem, read_jsonl(p)) for p in args.data
    ]
    report: dict[str, Any] = {}
    for name, rows in sets:
        found = outcomes(rows, args.fitted_cache)
        caught = [f["category"] for f in found if f["caught"]]
        hits, n = right(found, caught)
        shuffled = []
        for seed in range(args.seeds):
            mixed = list(caught)
            random.Random(seed).shuffle(mixed)
            shuffled.append(right(found, mixed)[0])
        report[name] = {
            "caught": n,
            "emergencies": len(found),
            "category_right": hits,
            "shuffled_mean": round(sum(shuffled) / len(shuffled), 2),
            "shuffled_max": max(shuffled),
            "rows": found,
        }
        mean = report[name]["shuffled_mean"]
        print(f"{name}: right {hits}/{n}; shuffled mean {mean}, max {max(shuffled)}")
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
