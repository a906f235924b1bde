"""The emergency net's models, not its rules: a small grid of emergency-detector designs scored as
the default graph meets them (rules, veto, nets, urgent tier, router), on validation, its
look-alike supplement and a fresh cross-writer file, chosen by a rule written before the run
(evals/triage/results/emergency_net_rule_2026-12-07h.md).

    python -m evals.triage.emergency_net_grid --fitted-cache DIR [--meaning-url URL] --out F.json

Why: the sealed split stayed at 0.912 of emergencies caught for six releases while validation
reads 0.985 — validation's phrasings are learnt. The emergency detector (detector.py) reads the
turn alone with the classifier's char n-grams and never saw the 206 written emergencies
(data/emergencies_written_2026-12-07g.jsonl, used by the category reader only). Each design
swaps only the emergency detector's P(emergency) (or the reading net's); everything else is the
graph's default wiring (evals/triage/routers.py). The test split is never read.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage

from agents.history import last_user_text
from evals.splits import is_sealed_file, read_jsonl
from evals.triage.evaluate import DATA, load_split, router_predict, run_layer, with_rules
from evals.triage.routers import default_triage_settings, default_wired_router
from graph.triage.classifier import TriageClassifier, training_rows
from graph.triage.labels import EMERGENCY
from graph.triage.prompt import render
from graph.triage.sft import thread_messages

WRITTEN = Path("graph/triage/data/emergencies_written_2026-12-07g.jsonl")
FRESH = DATA / "fresh_2026-12-07h-nets.jsonl"
SETS = {
    "validation": lambda: load_split("validation"),
    "lookalikes": lambda: read_jsonl(DATA / "validation_lookalikes_2026-12-02.jsonl"),
    "fresh": lambda: read_jsonl(FRESH),
}
Prob = Callable[[str], float]


class DesignClassifier(TriageClassifier):
    """The default classifier whose emergency detector reads P(emergency) from a design."""

    design: Prob | None = None

    def read(self, messages: Sequence[BaseMessage]) -> tuple[dict[str, float], dict[str, float]]:
        scores, detected = super().read(messages)
        if self.design is not None:
            text = str(last_user_text(messages))  # type: ignore[arg-type]
            detected = {**detected, EMERGENCY: self.design(text)}
        return scores, detected


def swapped(base: TriageClassifier, design: Prob | None, bar: float | None) -> TriageClassifier:
    from dataclasses import replace

    other = copy.copy(base)
    other.__class__ = DesignClassifier
    other.design = design  # type: ignore[attr-defined]
    if bar is not None:
        other.thresholds = replace(base.thresholds, emergency_detector=bar)
    return other


def keeping_router(ceiling: Prob, bar: float) -> type[Any]:
    """The triage router whose urgent-care tier does not soften a net escalation the emergency
    model `ceiling` reads at P >= bar (amendment 1 of the rule)."""
    from graph.triage.router import TriageRouter

    class Keeping(TriageRouter):
        def softened(self, decision: Any, scores: Any, messages: Any) -> Any:
            if ceiling(str(last_user_text(messages))) >= bar:
                return decision
            return super().softened(decision, scores, messages)

    return Keeping


def written_texts() -> tuple[list[str], list[list[str]]]:
    """The written rows rendered as the training turns are (the prompt's rendering)."""
    rows = read_jsonl(WRITTEN)
    return [render(thread_messages(r)) for r in rows], [list(r["labels"]) for r in rows]


@dataclass(frozen=True)
class CharDesign:
    """A binary emergency model over the classifier's char n-grams (and optionally words)."""

    written: bool = True
    alpha: float = 5e-5
    words: bool = False
    shuffled: bool = False  # the control: labels permuted (seeded)

    def fit(self, base: TriageClassifier) -> Prob:
        import scipy.sparse as sp
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier

        texts, labels = training_rows(base.recipe.routing_rows)
        if self.written:
            more_texts, more_labels = written_texts()
            texts, labels = texts + more_texts, labels + more_labels
        y = [int(EMERGENCY in row) for row in labels]
        if self.shuffled:
            random.Random(0).shuffle(y)
        chars = base.pipeline[0]
        words = (
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2).fit(
                texts
            )
            if self.words
            else None
        )

        def features(items: list[str]) -> Any:
            x = chars.transform(items)
            return sp.hstack([x, words.transform(items)]).tocsr() if words is not None else x

        model = SGDClassifier(
            loss="log_loss",
            alpha=self.alpha,
            max_iter=50,
            tol=1e-4,
            random_state=0,
            class_weight="balanced",
        ).fit(features(texts), y)

        def prob(text: str) -> float:
            rendered = render([HumanMessage(text)])
            return float(model.predict_proba(features([rendered]))[0, 1])

        return prob


def vector_emergency(url: str, cache: Path | None) -> tuple[Prob, Any]:
    """P(emergency) from the reading server's vectors, trained on the train split's last turns and
    the written rows (the reading net's own model saw only the train split), and the reader."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from graph.triage.meaning import HttpEmbedder, cached_features, meaning_reader, training_turns
    from serving.embedder import MAX_CHARS

    triage = default_triage_settings()
    reader = meaning_reader(url, 5.0, cache, triage.category_bar)
    if reader is None:
        raise SystemExit(f"no reading server at {url}")
    client = HttpEmbedder(url, 120.0)
    identity = client.identity()
    texts, labels = training_turns()
    train = cached_features(client, identity, texts, cache)
    rows = read_jsonl(WRITTEN)
    w_texts = [
        [m["content"] for m in r["messages"] if m["role"] == "user"][-1][:MAX_CHARS] for r in rows
    ]
    written = cached_features(client, identity, w_texts, cache)
    x = np.concatenate([train, written])
    y = [int(EMERGENCY in lab) for lab in labels] + [int(EMERGENCY in r["labels"]) for r in rows]
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.01, max_iter=3000)).fit(x, y)
    seen: dict[str, float] = {}

    def prob(text: str) -> float:
        if text not in seen:
            seen[text] = float(model.predict_proba(client([text[:MAX_CHARS]]))[0, 1])
        return seen[text]

    return prob, reader


def averaged(a: Prob, b: Prob) -> Prob:
    return lambda text: 0.5 * a(text) + 0.5 * b(text)


def score(
    clf: TriageClassifier,
    rows: list[dict[str, Any]],
    name: str,
    router_class: type[Any] | None = None,
) -> dict[str, Any]:
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.veto import RulesVeto

    triage = default_triage_settings()
    router = default_wired_router(
        clf, ClassifierRouter(), router_class, asks=ASKS[0], ask_bar=triage.ask_bar
    )
    veto = RulesVeto(clf, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
    report = run_layer(name, with_rules(router_predict(router), net=router, veto=veto), rows)
    s = report.summary()
    c = s["counts"]
    return {
        "caught": report.caught,
        "emergencies": report.emergencies,
        "self_harm_caught": report.self_harm_caught,
        "self_harm_crisis": report.self_harm_as_self_harm,
        "self_harm": c["self_harm"],
        "fa_hard": report.false_alarms_hard,
        "hard": c["hard_negatives"],
        "fa_all": report.false_alarms,
        "ordinary": c["ordinary"],
        "exact": report.exact,
        "n": report.n,
        "misses": report.misses,
    }


ASKS: list[Any] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument("--meaning-url")
    parser.add_argument("--only", nargs="*", help="design names to run (default: all)")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--data", type=Path, nargs="*", default=[], help="extra labelled files")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier

    base = default_triage_classifier(args.fitted_cache)
    ASKS.append(default_ask_reader(args.fitted_cache))
    triage = default_triage_settings()
    sets = {k: SETS[k]() for k in args.sets} | {p.stem: read_jsonl(p) for p in args.data}
    if any(is_sealed_file(k) for k in sets):
        raise SystemExit("the test split is sealed")

    # name -> (the classifier with the design's detector, the router class: None is the default)
    fitted: dict[str, Prob] = {}

    def fit(key: str, design: CharDesign) -> Prob:
        if key not in fitted:
            fitted[key] = design.fit(base)
        return fitted[key]

    current: Prob = partial(base_prob, base)
    Build = Callable[[], tuple[TriageClassifier, Any]]
    designs: dict[str, Build] = {
        "D0 current detector (bar 0.55)": lambda: (swapped(base, None, None), None),
        "D1 chars + written rows (0.55)": lambda: (
            swapped(base, fit("d1", CharDesign()), 0.55),
            None,
        ),
        "D2 chars + written, alpha 2e-4 (0.55)": lambda: (
            swapped(base, fit("d2", CharDesign(alpha=2e-4)), 0.55),
            None,
        ),
        "D3 chars + words + written (0.55)": lambda: (
            swapped(base, fit("d3", CharDesign(words=True)), 0.55),
            None,
        ),
        "D4 chars + written (0.65)": lambda: (swapped(base, fit("d1", CharDesign()), 0.65), None),
        "C1 control: D1 with labels shuffled (0.55)": lambda: (
            swapped(base, fit("c1", CharDesign(shuffled=True)), 0.55),
            None,
        ),
        "U1 D0, current detector >= 0.9 keeps the template": lambda: (
            swapped(base, None, None),
            keeping_router(current, 0.9),
        ),
        "U2 D1, D1 detector >= 0.9 keeps the template": lambda: (
            swapped(base, fit("d1", CharDesign()), 0.55),
            keeping_router(fit("d1", CharDesign()), 0.9),
        ),
        "U3 D1, D1 detector >= 0.8 keeps the template": lambda: (
            swapped(base, fit("d1", CharDesign()), 0.55),
            keeping_router(fit("d1", CharDesign()), 0.8),
        ),
        "C2 control: U2 with the shuffled detector as ceiling": lambda: (
            swapped(base, fit("d1", CharDesign()), 0.55),
            keeping_router(fit("c1", CharDesign(shuffled=True)), 0.9),
        ),
    }
    if args.meaning_url:
        vec, reader = vector_emergency(args.meaning_url, args.fitted_cache)

        def served(clf: TriageClassifier) -> TriageClassifier:
            return clf.with_meaning(reader, triage.meaning_weight)

        designs |= {
            "R0 current + reading layer": lambda: (served(swapped(base, None, None)), None),
            "R1 D1 + reading layer": lambda: (
                served(swapped(base, fit("d1", CharDesign()), 0.55)),
                None,
            ),
            "R5 average(D1, vectors + written) (0.55) + reading layer": lambda: (
                served(swapped(base, averaged(fit("d1", CharDesign()), vec), 0.55)),
                None,
            ),
            "R6 average(current, vectors + written) (0.55) + reading layer": lambda: (
                served(swapped(base, averaged(current, vec), 0.55)),
                None,
            ),
        }
    results: dict[str, Any] = {}
    for name, build in designs.items():
        if args.only and not any(name.startswith(o) for o in args.only):
            continue
        clf, router_class = build()
        results[name] = {
            k: score(clf, rows, f"{name} / {k}", router_class) for k, rows in sets.items()
        }
        line = "  ".join(
            f"{k}: caught {v['caught']}/{v['emergencies']} FAh {v['fa_hard']}/{v['hard']} "
            f"FA {v['fa_all']}/{v['ordinary']} sh {v['self_harm_caught']}/{v['self_harm']}"
            for k, v in results[name].items()
        )
        print(f"{name}: {line}", flush=True)
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")


def base_prob(base: TriageClassifier, text: str) -> float:
    """The current emergency detector's P(emergency) for a turn read alone."""
    return base.read([HumanMessage(text)])[1][EMERGENCY]


if __name__ == "__main__":
    main()
