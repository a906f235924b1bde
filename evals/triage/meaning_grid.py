"""The reading layer's weight, end to end on validation + the look-alike supplement.

    python -m evals.triage.meaning_grid --url http://127.0.0.1:8302 [--data FILE...]

Each weight w blends the char classifier's scores with the reading layer's
(`graph/triage/meaning.py`) everywhere the graph reads them (the router's nets and lead, the
rules veto); w = 0 is the char classifier alone, scored in the same run. Per weight: what a turn
ends with (told to call now, the crisis reply, false alarms: `urgent_care.Tally`), the exact
expert set and multi-intent (`evaluate.LayerReport`), and the scripted turns' expert sets.
Rule: results/meaning_rule_2026-12-03.md (its three runs: meaning_grid_validation_all_labels,
_routing_labels and _lead .json). `--nets emergency:BAR[:template] self_harm:BAR` grades the
reading layer as an escalation net (rule: results/reading_nets_rule_2026-12-03.md). Never the
sealed test split.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.splits import is_sealed_file, read_jsonl
from evals.triage.evaluate import RESULTS, load_split, router_predict, run_layer, with_rules
from evals.triage.urgent_care import (
    SUPPLEMENT,
    brief_tally,
    doctor_says_call_now,
    expert_set,
    graph_decider,
    memo,
    score,
    write_results,
)
from graph.triage.meaning import C, Embed, cached_features
from serving.embedder import MAX_CHARS

WEIGHTS = (0.0, 0.3, 0.5, 0.7)


@dataclass
class MeaningAskReader:
    """The per-ask reader (asks.py) with each ask piece also read by the reading server: the
    char model's and the reading model's P(label) per piece blended at `weight`. Graded by
    this grid (`--asks`; not adopted, results/meaning_rule_2026-12-03.md, fifth rule); the char
    reader alone when the server fails."""

    chars: Any  # graph.triage.asks.AskReader
    embed: Embed
    scaler: Any
    model: Any
    weight: float

    @classmethod
    def fit(
        cls, chars: Any, embed: Embed, identity: str, cache_dir: Path | None, weight: float
    ) -> MeaningAskReader:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        from graph.triage.ask_meaning import training_asks

        texts, labels = training_asks()  # the pieces the char per-ask reader learns from
        features = cached_features(embed, identity, [t[:MAX_CHARS] for t in texts], cache_dir)
        scaler = StandardScaler().fit(features)
        model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
        model.fit(scaler.transform(features), labels)
        return cls(chars, embed, scaler, model, weight)

    def answering(self, text: str, bar: float) -> set[str]:
        from agents.fitted_models import trusted_inputs
        from graph.triage.asks import asks_of
        from graph.triage.labels import ANSWERING

        asks = asks_of(text)
        if len(asks) < 2:
            return set()
        try:
            read = self.model.predict_proba(self.scaler.transform(self.embed(asks)))
        except Exception as exc:  # down or slow: the char reader alone
            print(f"reading server unavailable, char ask reader alone: {exc}")
            return set(self.chars.answering(text, bar))
        with trusted_inputs():
            chars = self.chars.pipeline.predict_proba(asks)
        char_classes = [str(c) for c in self.chars.pipeline.classes_]
        read_classes = [str(c) for c in self.model.classes_]
        found: set[str] = set()
        w = self.weight
        for char_row, read_row in zip(chars, read, strict=True):
            by_char = dict(zip(char_classes, char_row, strict=True))
            by_read = dict(zip(read_classes, read_row, strict=True))
            blended = {
                k: (1 - w) * by_char.get(k, 0.0) + w * by_read.get(k, 0.0)
                for k in {*by_char, *by_read}
            }
            best = max(blended, key=lambda k: blended[k])
            if best in ANSWERING and blended[best] >= bar:
                found.add(best)
        return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the reading server (serving/embedder.py)")
    parser.add_argument("--weights", nargs="+", type=float, default=list(WEIGHTS))
    parser.add_argument("--data", nargs="+", type=Path, help="score these files instead")
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument(
        "--asks",
        nargs="+",
        default=[],
        help="per-ask reader designs at the default weight: V:BAR (reading share, ask bar)",
    )
    parser.add_argument(
        "--second",
        nargs="+",
        default=[],
        help="reading-layer second-expert designs at the default weight: BAR or BAR:any",
    )
    parser.add_argument(
        "--nets",
        nargs="+",
        default=[],
        help="reading-layer nets at the default weight: emergency:BAR, self_harm:BAR, or "
        "emergency:BAR:template (not softened by the urgent-care tier)",
    )

    parser.add_argument(
        "--keep-replaced",
        nargs="+",
        default=[],
        help="experts a replaced primary keeps behind the lead, one design each: medical",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "meaning_grid_validation_lead.json")
    args = parser.parse_args()
    if args.data and any(is_sealed_file(p) for p in args.data):
        parser.error("the test split is sealed")

    from evals.triage.multi_intent import memoise_reads, script_rows
    from evals.triage.routers import default_triage_settings, default_wired_router
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.meaning import meaning_reader
    from graph.triage.veto import RulesVeto

    triage = default_triage_settings()
    chars = default_triage_classifier(args.fitted_cache)
    reader = meaning_reader(args.url, 5.0, args.fitted_cache or Path("var/fitted"))
    if reader is None:
        raise SystemExit(f"no reading server at {args.url}")
    if args.data:
        sets = {p.stem: read_jsonl(p) for p in args.data}
    else:
        sets = {"validation": load_split("validation"), "supplement": read_jsonl(SUPPLEMENT)}
    older, asks = ClassifierRouter(), default_ask_reader(args.fitted_cache)
    doctor = memo(doctor_says_call_now)
    scripts = script_rows()
    results: list[dict[str, Any]] = []
    Net = tuple[str, float, bool]  # label, bar, keeps the template
    Design = tuple[
        float, float | None, bool, tuple[float, float] | None, Net | None, frozenset[str]
    ]
    none: frozenset[str] = frozenset()
    designs: list[Design] = [(w, None, False, None, None, none) for w in args.weights]
    for keep in args.keep_replaced:
        designs.append((triage.meaning_weight, None, False, None, None, frozenset({keep})))
    for second in args.second:
        bar, _, scope = second.partition(":")
        designs.append((triage.meaning_weight, float(bar), scope == "any", None, None, none))
    for spec in args.asks:
        share, _, ask_bar = spec.partition(":")
        share_bar = (float(share), float(ask_bar))
        designs.append((triage.meaning_weight, None, False, share_bar, None, none))
    for spec in args.nets:
        label, _, rest = spec.partition(":")
        net_bar, _, how = rest.partition(":")
        if label not in ("emergency", "self_harm") or how not in ("", "template"):
            parser.error(f"--nets: emergency:BAR[:template] or self_harm:BAR, not {spec}")
        net = (label, float(net_bar), how == "template")
        designs.append((triage.meaning_weight, None, False, None, net, none))
    ask_readers: dict[float, Any] = {}
    for weight, second_bar, any_turn, ask_design, net_design, keep in designs:
        design_asks, design_bar = asks, triage.ask_bar
        if ask_design is not None:
            from graph.triage.meaning import HttpEmbedder

            share, design_bar = ask_design
            if share not in ask_readers:
                client = HttpEmbedder(args.url, 120.0)
                cache = args.fitted_cache or Path("var/fitted")
                ask_readers[share] = MeaningAskReader.fit(
                    asks, client, client.identity(), cache, share
                )
            design_asks = ask_readers[share]
        net_changes: dict[str, Any] = {}
        if net_design is not None:
            label, net_bar, template = net_design
            net_changes = {f"reading_{label}": net_bar, "reading_net_softened": not template}
        classifier = chars.with_meaning(reader if weight else None, weight)
        memoise_reads(classifier)  # the copy's own reads: every layer below reads it once
        veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
        router = default_wired_router(
            classifier,
            older,
            asks=design_asks,
            ask_bar=design_bar,
            reading_second=second_bar,
            reading_second_any_turn=any_turn,
            keep_replaced=keep,
            **net_changes,
        )
        decide = graph_decider(router, veto)
        row: dict[str, Any] = {
            "weight": weight,
            "second": second_bar,
            "any_turn": any_turn,
            "asks": ask_design,
            "net": net_design,
            "keep_replaced": sorted(keep),
        }
        for name, rows in sets.items():
            tally = score(rows, decide, doctor)
            layer = run_layer(name, with_rules(router_predict(router), net=router, veto=veto), rows)
            s = layer.summary()
            row[name] = {
                **tally.summary(),
                "exact": layer.exact,
                "multi_exact": f"{layer.multi_exact}/{layer.multi}",
                "spurious_extras": s["counts"]["spurious_extras"],
                "by_lang": s["by_lang"],
                "wrong_sets": layer.wrong_sets,
                "misses": layer.misses,
                "outcomes": tally.outcomes,
            }
        exact = sum(expert_set(decide, s) == set(s["labels"]) for s in scripts)
        row["scripts_exact"] = f"{exact}/{len(scripts)}"
        results.append(row)
        brief: dict[str, Any] = {
            "weight": weight,
            "second": second_bar,
            "any_turn": any_turn,
            "asks": ask_design,
            "net": net_design,
            "keep_replaced": sorted(keep),
            "scripts": row["scripts_exact"],
        }
        for name in sets:
            s = row[name]
            brief[name] = (
                f"{brief_tally(s)} exact {s['exact']} "
                f"multi {s['multi_exact']} extras {s['spurious_extras']}"
            )
        print(json.dumps(brief, ensure_ascii=False), flush=True)
    write_results(args.out, results)


if __name__ == "__main__":
    main()
