"""Multi-intent designs scored side by side on the validation split, as the graph meets a turn
(red-flag rules and veto first). The rule that chooses among them was written before the run:
results/multi_intent_rule_2026-12-02.md.

    python -m evals.triage.multi_intent --model-cache CACHE.json [--model-url URL]

D0 today's default; D1(b) D0 plus each ask read alone by the classifier (its best answering
label at >= b); D2 the triage adapter (classifier fallback and self-harm net); D3 D2 plus the
classifier's second experts. The adapter's answers come from the cache `evaluate --model-cache`
wrote (a missing answer is asked of --model-url, or counts as the server being down).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage

from agents.history import last_user_text
from evals.splits import is_sealed_file, read_jsonl
from evals.triage.evaluate import (
    RESULTS,
    CachedTriageModel,
    Predict,
    escalated,
    load_split,
    router_predict,
    run_layer,
    with_rules,
)
from evals.triage.routers import default_wired_router
from graph.triage.classifier import TriageClassifier
from graph.triage.labels import ANSWERING, EMERGENCY, OUT_OF_SCOPE, SELF_HARM, ordered
from graph.triage.router import TriageRouter, ask_breaks, several_asks

ASK_BARS = (0.4, 0.5)
KEYS = (
    "emergencies_caught",
    "self_harm_caught",
    "false_alarms_hard_negatives",
    "exact_expert_set",
    "multi_intent_exact",
    "ms_p50",
)


def turn_text(messages: Sequence[BaseMessage]) -> str:
    return str(last_user_text(messages))  # type: ignore[arg-type]


def asks_of(text: str) -> list[str]:
    """The turn cut at its ask breaks (asks.yaml); empty pieces dropped."""
    return [p.strip() for p in ask_breaks().split(text) if p and p.strip()]


def per_ask(predict: Predict, classifier: TriageClassifier, bar: float) -> Predict:
    """D1: each ask of a turn of two or more read alone; its best answering label joins."""

    def both(messages: Sequence[BaseMessage]) -> tuple[tuple[str, ...], str | None]:
        labels, category = predict(messages)
        asks = asks_of(turn_text(messages))
        if escalated(labels) or labels == (OUT_OF_SCOPE,) or len(asks) < 2:
            return labels, category
        extra: set[str] = set()
        for ask in asks:
            scores = classifier.scores([HumanMessage(ask)])
            best = max((k for k in scores if k not in (EMERGENCY, SELF_HARM)), key=scores.get)  # type: ignore[arg-type]
            if best in ANSWERING and scores[best] >= bar:
                extra.add(best)
        return ordered({*labels, *extra}), category

    return both


def with_classifier_seconds(
    predict: Predict, classifier: TriageClassifier, bar: float, several: float
) -> Predict:
    """D3: the adapter's answering labels plus every answering expert the classifier scores at
    the second-expert bars (the lower one on a turn of several asks)."""

    def both(messages: Sequence[BaseMessage]) -> tuple[tuple[str, ...], str | None]:
        labels, category = predict(messages)
        if escalated(labels) or labels == (OUT_OF_SCOPE,):
            return labels, category
        b = min(bar, several) if several_asks(turn_text(messages)) else bar
        scores = classifier.scores(messages)
        extra = {k for k in ANSWERING if scores.get(k, 0.0) >= b}
        return ordered({*labels, *extra}), category

    return both


def net_wins(predict: Predict, classifier: TriageClassifier) -> Predict:
    """D4: an escalation by the classifier's model-free net (its bars and detectors, the same as
    without a model) wins over the adapter's ordinary answer — not only a self-harm one."""

    def both(messages: Sequence[BaseMessage]) -> tuple[tuple[str, ...], str | None]:
        labels, category = predict(messages)
        if escalated(labels):
            return labels, category
        verdict = classifier.classify(messages)
        if escalated(verdict.labels):
            return verdict.labels, SELF_HARM if verdict.labels == (SELF_HARM,) else None
        return labels, category

    return both


SCRIPTS = Path(__file__).resolve().parents[2] / "tests" / "conversations"


def design_run_parser(description: str | None) -> argparse.ArgumentParser:
    """The arguments every design run picks its turns with (read by `rows_to_read`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, help="another labelled file (never the test split)")
    parser.add_argument("--scripts", action="store_true", help="the scripted conversations' turns")
    parser.add_argument("--fitted-cache", type=Path, help="keep the fitted models here")
    parser.add_argument("--out", type=Path)
    return parser


def rows_to_read(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> tuple[list[dict[str, Any]], str]:
    """The turns a design run reads and the name its results go under; the sealed test split is
    refused here, for every tool that reads through it."""
    if args.data and is_sealed_file(args.data):
        parser.error("the test split is sealed")
    if args.scripts:
        return script_rows(), "scripted_conversations"
    if args.data:
        return read_jsonl(args.data), args.data.stem
    return load_split("validation"), "validation"


def script_rows() -> list[dict[str, Any]]:
    """Every user turn of the scripted conversations as a labelled row: the thread so far (each
    earlier reply named by the first expert the script expects), labelled with the experts the
    script expects. Routing only: the scripts' safety and text checks stay in the unit test."""
    import yaml

    rows: list[dict[str, Any]] = []
    for path in sorted(SCRIPTS.glob("*.yaml")):
        script = yaml.safe_load(path.read_text("utf-8"))
        messages: list[dict[str, Any]] = []
        for i, turn in enumerate(script["turns"], start=1):
            messages.append({"role": "user", "content": turn["user"]})
            experts = list(turn["expect"]["experts"])
            rows.append(
                {
                    "id": f"{script['name']}#{i}",
                    "lang": script.get("lang", "other"),
                    "messages": list(messages),
                    "labels": experts,
                    "category": None,
                }
            )
            messages.append({"role": "assistant", "content": "…", "expert": experts[0]})
    return rows


def memoise_reads(classifier: TriageClassifier) -> None:
    """Every design reads the same thread: the classifier reads it once (CPU is scarce)."""
    read = classifier.read
    seen: dict[tuple[tuple[str, str, str | None], ...], Any] = {}

    def once(messages: Sequence[BaseMessage]) -> Any:
        key = tuple((m.type, str(m.content), m.name) for m in messages)
        if key not in seen:
            seen[key] = read(messages)
        return seen[key]

    classifier.read = once  # type: ignore[method-assign]


class DownModel:
    """A model server that is down: every call fails, so the router falls back."""

    def invoke(self, *args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("no model server")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-cache", type=Path, required=True)
    parser.add_argument("--model-url")
    parser.add_argument("--data", type=Path, help="another labelled file (a fresh one)")
    parser.add_argument(
        "--scripts",
        action="store_true",
        help="score the scripted conversations' user turns (tests/conversations) instead",
    )
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--designs", nargs="*", help="only these designs (D0 D1 D2 D3 D4); default all"
    )
    parser.add_argument("--fitted-cache", type=Path, help="keep the fitted classifier here")
    args = parser.parse_args()
    rows, name = rows_to_read(parser, args)

    from config.setting_groups import TriageSettings
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    classifier = default_triage_classifier(args.fitted_cache)
    memoise_reads(classifier)
    second = TriageSettings.model_fields["second_expert"].default
    several = TriageSettings.model_fields["second_expert_several"].default
    default = default_wired_router(classifier, primary_from_classifier=False)
    veto = RulesVeto(classifier)
    if args.model_url:
        from langchain_openai import ChatOpenAI

        from graph.triage.model import MAX_ANSWER_TOKENS

        llm: Any = ChatOpenAI(
            model="triage",
            base_url=args.model_url,
            api_key="EMPTY",  # type: ignore[arg-type]
            temperature=0.0,
            max_completion_tokens=MAX_ANSWER_TOKENS,
        )
    else:
        llm = DownModel()
    model = CachedTriageModel(llm, args.model_cache)
    adapter = router_predict(TriageRouter(classifier, model))
    d0 = router_predict(default)
    layers: list[tuple[str, Predict]] = [("D0 default", with_rules(d0, net=default, veto=veto))]
    for bar in ASK_BARS:
        d1 = with_rules(per_ask(d0, classifier, bar), net=default, veto=veto)
        layers.append((f"D1 per ask >= {bar}", d1))
    layers += [
        ("D2 adapter", with_rules(adapter, net=default, veto=veto)),
        (
            "D3 adapter + classifier seconds",
            with_rules(
                with_classifier_seconds(adapter, classifier, second, several),
                net=default,
                veto=veto,
            ),
        ),
        (
            "D4 D3 + any net escalation wins",
            with_rules(
                net_wins(with_classifier_seconds(adapter, classifier, second, several), classifier),
                net=default,
                veto=veto,
            ),
        ),
    ]
    if args.designs:
        layers = [(n, p) for n, p in layers if n.split()[0] in args.designs]
    reports = [run_layer(layer, predict, rows) for layer, predict in layers]
    summaries = [r.summary() for r in reports]
    print(f"{name}: {len(rows)} turns")
    print(f"{'design':<36}" + "".join(f"{k[:16]:>18}" for k in KEYS))
    for s in summaries:
        print(f"{s['layer']:<36}" + "".join(f"{s[k]!s:>18}" for k in KEYS))
    out = args.out or RESULTS / f"multi_intent_{name}.json"
    misses = {r.name: r.misses + r.wrong_sets for r in reports}
    payload = {"split": name, "layers": summaries, "misses": misses}
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", "utf-8")
    model.save()
    print(f"-> {out}")


if __name__ == "__main__":
    main()
