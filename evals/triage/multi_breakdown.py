"""Where a multi-intent turn loses a side: each validation miss of the default graph (no model)
put down to one layer.

    python -m evals.triage.multi_breakdown [--data FILE] [--fitted-cache DIR] [--out FILE]
        [--meaning-url URL]

With `--meaning-url` the graph is read as `make run` serves it, with the reading layer (the lead,
its nets and veto, and its per-ask reading when triage.reading_ask_bar is set); the `bar` and
`reader` causes still name the char per-ask reader's reading.

Layers, in the order a turn meets them: `safety` (the rules, veto or net escalated it),
`primary` (the first expert, the classifier's best answering label, is not asked), and for each
asked expert still missing: `split` (the turn gives fewer than two asks, so the per-ask reader
never reads it), `long` (over the reader's length: a story), `guard` (a doctor's follow-up or
out of scope: the reader is not consulted), `bar` (an ask's best label is the expert, under the
reader's bar), `reader` (no ask's best label is the expert); an expert given but not asked is
`extra`, by the layer that added it (older router, classifier second, asks).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from agents.history import last_user_text
from evals.splits import is_sealed_file, read_jsonl
from evals.triage.evaluate import RESULTS, escalated, gold, load_split, router_predict, with_rules
from evals.triage.routers import default_triage_settings, default_wired_router
from graph.triage.labels import OUT_OF_SCOPE
from graph.triage.sft import thread_messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, help="another labelled file (never the test split)")
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--before", action="store_true", help="main 6dfcd24's reader (char 1-4, no written asks)"
    )
    parser.add_argument("--meaning-url", help="the reading server: the graph as `make run` serves")
    args = parser.parse_args()
    if args.data and is_sealed_file(args.data):
        parser.error("the test split is sealed")
    rows = read_jsonl(args.data) if args.data else load_split("validation")
    name = args.data.stem if args.data else "validation"

    from graph.routing.classifier_router import ClassifierRouter
    from graph.routing.policy import DOCTOR_FOLLOW_UP
    from graph.triage.asks import asks_of, default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    triage = default_triage_settings()
    classifier = default_triage_classifier(args.fitted_cache)
    if args.before:
        from graph.routing.classifier import default_classifier
        from graph.triage.asks import AskReader, AskRecipe

        before = AskRecipe(char_ngrams=(1, 4), written=False)
        reader = AskReader.fit(default_classifier(), recipe=before)
        name = f"{name}_before"
    else:
        reader = default_ask_reader(args.fitted_cache)
    if args.meaning_url:
        from graph.triage.meaning import meaning_reader

        meaning = meaning_reader(
            args.meaning_url,
            5.0,
            args.fitted_cache,
            triage.category_bar,
            ask_head=triage.reading_ask_bar is not None,
        )
        if meaning is None:
            parser.error(f"no reading server at {args.meaning_url}")
        classifier = classifier.with_meaning(meaning, triage.meaning_weight)
        name = f"{name}_reading"
    older = ClassifierRouter()
    router = default_wired_router(classifier, older, asks=reader, ask_bar=triage.ask_bar)
    veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
    predict = with_rules(router_predict(router), net=router, veto=veto)
    bar = triage.ask_bar or 1.0
    causes: dict[str, Counter[str]] = {"multi": Counter(), "one-ask": Counter()}
    misses: list[dict[str, Any]] = []
    for row in rows:
        want = gold(row)
        if escalated(want):
            continue
        messages = thread_messages(row)
        got = tuple(predict(messages)[0])
        if got == want:
            continue
        kind = "multi" if len(want) > 1 else "one-ask"
        found: list[str] = []
        if escalated(got):
            found.append("safety")
        else:
            text = str(last_user_text(messages))  # type: ignore[arg-type]
            scores = classifier.scores(messages)
            fallback = older.route(messages)  # type: ignore[arg-type]
            first = router.with_primary(fallback, scores, messages)  # type: ignore[arg-type]
            second = router.with_second_experts(first, scores, messages)  # type: ignore[arg-type]
            asks = reader.read(text)
            if got[0] not in want:
                found.append("primary")  # the turn's lead is wrong: its sides are not read apart
            for expert in sorted(set(want) - set(got)) if got[0] in want else ():
                if len(asks_of(text)) < 2:
                    found.append("split")
                elif len(text.strip()) > router.long_turn_chars:
                    found.append("long")
                elif second.reason == DOCTOR_FOLLOW_UP or second.experts == (OUT_OF_SCOPE,):
                    found.append("guard")
                elif any(label == expert and p < bar for _, label, p in asks):
                    found.append("bar")
                else:
                    found.append("reader")
            for expert in sorted(set(got) - set(want)):
                if expert == got[0]:
                    continue  # counted as `primary`
                by = (
                    "older router"
                    if expert in fallback.experts
                    else "classifier second"
                    if expert in second.experts
                    else "asks"
                )
                found.append(f"extra: {by}")
        causes[kind].update(found)
        misses.append({"id": row["id"], "kind": kind, "want": want, "got": got, "causes": found})
    for kind, counted in causes.items():
        turns = sum(m["kind"] == kind for m in misses)
        print(f"{name} {kind} misses ({turns}) by layer: {dict(counted.most_common())}")
    out = args.out or RESULTS / f"multi_breakdown_{name}.json"
    payload = {"split": name, "causes": {k: dict(v) for k, v in causes.items()}, "misses": misses}
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
