"""Every triage layer scored on the same labelled turns: the generalisation gap, per class and
per language, a confusion matrix and the latency each layer adds.

    python -m evals.triage.evaluate                         # validation split, no model server
    python -m evals.triage.evaluate --model-url http://127.0.0.1:8000/v1   # + the triage adapter
    python -m evals.triage.evaluate --split test --release  # the sealed split, once per release

Layers: `rules` (red-flag rules alone: emergency or not), `router-v1` (last release's rules +
char n-gram router), `classifier` (the new multi-label classifier alone), `model` (the triage
adapter alone), `graph` (what a turn meets: rules, then the adapter, the classifier as
fallback). Emergencies and self-harm count as caught when escalated either way.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.messages import BaseMessage

from agents.history import user_texts
from config.settings import Settings
from evals.splits import SEALED_SPLIT, is_sealed_file, read_jsonl
from evals.triage.routers import default_triage_settings, default_wired_router
from graph.routing.base import RouteDecision, previous_experts
from graph.routing.classifier import TRAIN_PATH as ROUTING_TRAIN
from graph.safety import check_turn
from graph.triage.classifier import TRAIN_PATH
from graph.triage.labels import EMERGENCY, SELF_HARM, ordered
from graph.triage.model import TriageModel
from graph.triage.sft import thread_messages
from graph.turn_outcome import route_outcome, routed_decision, safety_category, served_escalation

if TYPE_CHECKING:
    from agents.card_answer import CardAnswer

DATA = Path(__file__).parent / "data"
RESULTS = Path(__file__).parent / "results"
ESCALATED = frozenset({EMERGENCY, SELF_HARM})
Predict = Callable[[Sequence[BaseMessage]], tuple[tuple[str, ...], str | None]]


def load_split(split: str) -> list[dict[str, Any]]:
    return read_jsonl(TRAIN_PATH if split == "train" else DATA / f"{split}.jsonl")


def gold(row: dict[str, Any]) -> tuple[str, ...]:
    return ordered(tuple(row["labels"]))


def escalated(labels: Sequence[str]) -> bool:
    return bool(set(labels) & ESCALATED)


@dataclass
class LayerReport:
    name: str
    n: int = 0
    emergencies: int = 0
    caught: int = 0
    self_harm: int = 0
    self_harm_caught: int = 0
    self_harm_as_self_harm: int = 0
    hard_negatives: int = 0
    false_alarms_hard: int = 0
    ordinary: int = 0
    false_alarms: int = 0
    exact: int = 0
    multi: int = 0
    multi_exact: int = 0
    one_ask: int = 0  # ordinary turns whose gold names one expert (or out-of-scope)
    spurious_extras: int = 0  # ...given two experts or more
    category_right: int = 0
    # emergencies that are not self-harm given the crisis reply (counted caught; no first aid)
    crisis_for_physical: int = 0
    ms: list[float] = field(default_factory=list)
    by_lang: dict[str, list[int]] = field(default_factory=dict)  # lang -> [n, exact, emerg, caught]
    by_category: dict[str, list[int]] = field(default_factory=dict)  # cat -> [n, caught]
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    by_label: dict[str, list[int]] = field(default_factory=dict)  # label -> [gold, predicted, both]
    misses: list[str] = field(default_factory=list)
    wrong_sets: list[str] = field(default_factory=list)  # ordinary turns sent to the wrong experts

    def add(self, row: dict[str, Any], predicted: tuple[str, ...], category: str | None) -> None:
        want = gold(row)
        self.n += 1
        # a finer `language` (ja, ko, es...) where the row has one, else zh / en / mixed / other
        lang = self.by_lang.setdefault(row.get("language") or row["lang"], [0, 0, 0, 0])
        lang[0] += 1
        hit_exact = (escalated(want) and escalated(predicted)) or want == predicted
        self.exact += hit_exact
        lang[1] += hit_exact
        primary_want = want[0] if not escalated(want) else "escalate"
        primary_got = predicted[0] if not escalated(predicted) else "escalate"
        row_conf = self.confusion.setdefault(primary_want, {})
        row_conf[primary_got] = row_conf.get(primary_got, 0) + 1
        for label in {*want, *predicted}:
            counts = self.by_label.setdefault(label, [0, 0, 0])
            counts[0] += label in want
            counts[1] += label in predicted
            counts[2] += label in want and label in predicted
        if escalated(want):
            self.emergencies += 1
            lang[2] += 1
            caught = escalated(predicted)
            self.caught += caught
            lang[3] += caught
            cat = self.by_category.setdefault(str(row.get("category")), [0, 0])
            cat[0] += 1
            cat[1] += caught
            if want == (SELF_HARM,):
                self.self_harm += 1
                self.self_harm_caught += caught
                self.self_harm_as_self_harm += predicted == (SELF_HARM,) or category == SELF_HARM
            elif caught and category == SELF_HARM:
                self.crisis_for_physical += 1
                self.misses.append(f"CRISIS {row['id']}: {row['messages'][-1]['content'][:90]}")
            elif caught and category == row.get("category"):
                self.category_right += 1
            if not caught:
                self.misses.append(f"MISS {row['id']}: {row['messages'][-1]['content'][:90]}")
        else:
            self.ordinary += 1
            alarm = escalated(predicted)
            self.false_alarms += alarm
            if row.get("hard_negative"):
                self.hard_negatives += 1
                self.false_alarms_hard += alarm
            if alarm:
                self.misses.append(f"ALARM {row['id']}: {row['messages'][-1]['content'][:90]}")
        if not hit_exact and not escalated(want) and not escalated(predicted):
            text = row["messages"][-1]["content"][:70]
            sets = f"{'+'.join(want)} -> {'+'.join(predicted)}"
            self.wrong_sets.append(f"{row['id']}: {sets}: {text}")
        if len(want) > 1:
            self.multi += 1
            self.multi_exact += want == predicted
        elif not escalated(want):
            self.one_ask += 1
            self.spurious_extras += len(predicted) > 1 and not escalated(predicted)

    def summary(self) -> dict[str, Any]:
        def rate(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        ms = sorted(self.ms) or [0.0]
        return {
            "layer": self.name,
            "n": self.n,
            "emergencies_caught": rate(self.caught, self.emergencies),
            "self_harm_caught": rate(self.self_harm_caught, self.self_harm),
            "self_harm_given_crisis_reply": rate(self.self_harm_as_self_harm, self.self_harm),
            "category_right_when_caught": rate(self.category_right, self.caught),
            "physical_given_crisis_reply": rate(
                self.crisis_for_physical, self.emergencies - self.self_harm
            ),
            "false_alarms_hard_negatives": rate(self.false_alarms_hard, self.hard_negatives),
            "false_alarms_all_ordinary": rate(self.false_alarms, self.ordinary),
            "exact_expert_set": rate(self.exact, self.n),
            "multi_intent_exact": rate(self.multi_exact, self.multi),
            "spurious_extras_one_ask": rate(self.spurious_extras, self.one_ask),
            "ms_p50": round(statistics.median(ms), 2),
            "ms_p95": round(ms[int(0.95 * (len(ms) - 1))], 2),
            "by_lang": {
                k: {"n": v[0], "exact": rate(v[1], v[0]), "emergencies_caught": rate(v[3], v[2])}
                for k, v in sorted(self.by_lang.items())
            },
            "by_category": {k: rate(v[1], v[0]) for k, v in sorted(self.by_category.items())},
            "by_label": {
                k: {"n": v[0], "recall": rate(v[2], v[0]), "precision": rate(v[2], v[1])}
                for k, v in sorted(self.by_label.items())
            },
            "confusion": self.confusion,
            "counts": {
                "emergencies": self.emergencies,
                "self_harm": self.self_harm,
                "hard_negatives": self.hard_negatives,
                "ordinary": self.ordinary,
                "multi": self.multi,
                "one_ask": self.one_ask,
                "spurious_extras": self.spurious_extras,
            },
        }


def run_layer(name: str, predict: Predict, rows: list[dict[str, Any]]) -> LayerReport:
    report = LayerReport(name)
    for row in rows:
        messages = thread_messages(row)
        started = time.perf_counter()
        labels, category = predict(messages)
        report.ms.append((time.perf_counter() - started) * 1000)
        report.add(row, labels, category)
    return report


def rules_only(messages: Sequence[BaseMessage]) -> tuple[tuple[str, ...], str | None]:
    texts = user_texts(messages)
    verdict = check_turn(texts[-1], texts[:-1], previous_experts(messages))  # type: ignore[arg-type]
    return ((EMERGENCY,), None) if verdict.emergency else (("out_of_scope",), None)


def with_rules(predict: Predict, net: Any = None, veto: Any = None) -> Predict:
    """The graph's order, through the graph's own functions (graph/turn_outcome.py, which the
    safety and route nodes call): the red-flag rules first (unless the classifier vetoes an
    idiom-prone hit), then the layer. An injection is never shown to the layer; the router's
    model-free net (`net`) may escalate it, as the route node lets it."""

    def both(messages: Sequence[BaseMessage]) -> tuple[tuple[str, ...], str | None]:
        texts = user_texts(messages)
        verdict = check_turn(texts[-1], texts[:-1], previous_experts(messages))  # type: ignore[arg-type]
        if verdict.emergency and not (veto is not None and veto.overrules(verdict, messages)):
            category = safety_category(verdict, messages, doctor_settings())  # type: ignore[arg-type]
            return (EMERGENCY,), served_escalation(category, verdict.flags, texts).category
        if verdict.injection:
            router = net if net is not None else NO_NET
            decision = routed_decision(router, messages, True)  # type: ignore[arg-type]
            return outcome_labels(router, decision, messages)
        return predict(messages)

    return both


class _NoNet:
    """A router with no model-free net: an injection gets the fixed reply (router-v1)."""

    name = "none"

    def route(self, messages: Sequence[BaseMessage]) -> RouteDecision:
        return RouteDecision(("out_of_scope",), "prompt injection: fixed reply")


NO_NET = _NoNet()


def outcome_labels(
    router: Any, decision: RouteDecision, messages: Sequence[BaseMessage]
) -> tuple[tuple[str, ...], str | None]:
    """The labels and category of what the route node serves for this decision: an escalation
    with the first category of its reply (crisis lines: self_harm), else the route's experts."""
    outcome = route_outcome(router, decision, messages, doctor_settings())  # type: ignore[arg-type]
    if outcome.kind == "escalate":
        texts = user_texts(messages)
        return (EMERGENCY,), served_escalation(outcome.category, [router.name], texts).category
    # the route's experts as a set in label order (the doctor may answer first: answer_order)
    return ordered(outcome.experts), outcome.decision.category


def router_predict(router: Any) -> Predict:
    """A router alone (no red-flag rules in front), its decision taken as the route node does."""

    def predict(messages: Sequence[BaseMessage]) -> tuple[tuple[str, ...], str | None]:
        return outcome_labels(router, router.route(messages), messages)

    return predict


@cache
def doctor_settings() -> Settings:
    """The settings the route node reads the card-led doctor with (no .env: the defaults)."""
    return Settings(_env_file=None)  # type: ignore[call-arg]


def card_led_answer(messages: Sequence[BaseMessage]) -> CardAnswer:
    """The card-led doctor's (the default doctor's) answer to the thread, for
    `evals.triage.urgent_care`'s own tally (this module scores through graph/turn_outcome.py)."""
    from agents.card_answer import CardLedDoctor

    return CardLedDoctor(0.1).answer(messages, user_texts(messages))  # type: ignore[arg-type]


class CachedTriageModel(TriageModel):
    """The triage adapter asked once per distinct prompt: several layers of one run (and later
    runs given the same cache file) reuse its answer, so the shared model server is asked
    506 times for the validation split, not once per layer. Timings of a cached answer are
    not the adapter's: the `model` layer, which runs first, carries the real ones."""

    def __init__(self, llm: Any, path: Path | None) -> None:
        super().__init__(llm)
        self.path = path
        self.answers: dict[str, str | None] = (
            json.loads(path.read_text("utf-8")) if path is not None and path.exists() else {}
        )

    def raw(self, messages: Sequence[BaseMessage]) -> str | None:
        from graph.triage.prompt import render

        key = render(messages)
        if key not in self.answers:
            try:
                reply = self.model.invoke(self.prompt(messages))
                self.answers[key] = str(reply.content)
                if len(self.answers) % 50 == 0:
                    self.save()
            except Exception:  # the server failed: the graph would fall back; not cached
                return None
        return self.answers[key]

    def classify(self, messages: Sequence[BaseMessage]) -> Any:
        from graph.triage.prompt import parse_answer

        text = self.raw(messages)
        return None if text is None else parse_answer(text)

    def save(self) -> None:
        if self.path is not None:
            self.path.write_text(json.dumps(self.answers, ensure_ascii=False, indent=0), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="validation", choices=["train", "validation", "test"])
    parser.add_argument("--release", action="store_true", help="required for the sealed test split")
    parser.add_argument("--model-url", help="OpenAI-compatible server serving the triage adapter")
    parser.add_argument("--model-name", default="triage")
    parser.add_argument("--veto", type=float, default=None)
    parser.add_argument(
        "--model-cache",
        type=Path,
        help="JSON of the adapter's answers by prompt: read if present, written after the run "
        "(so a design that reuses the adapter's answers costs no second call)",
    )
    parser.add_argument("--out", type=Path)
    parser.add_argument("--fitted-cache", type=Path, help="keep the fitted classifier here")
    parser.add_argument(
        "--sample", type=int, help="score a seeded random sample of this many turns (model runs)"
    )
    parser.add_argument(
        "--data", type=Path, help="score another labelled file (e.g. data/fresh_<date>.jsonl)"
    )
    parser.add_argument(
        "--meaning-url",
        help="the reading server (serving/embedder.py): adds the graph with the reading layer",
    )
    args = parser.parse_args()
    if args.split == SEALED_SPLIT and not args.release:
        parser.error("the test split is sealed: run it once per release with --release")
    if args.data and is_sealed_file(args.data):
        parser.error("the test split is sealed: use --split test --release")
    rows = read_jsonl(args.data) if args.data else load_split(args.split)
    name = args.data.stem if args.data else args.split
    if args.sample and args.sample < len(rows):
        import random

        rows = random.Random(0).sample(rows, args.sample)
        name = f"{name}_sample{args.sample}"
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.classifier import LABELS_ROUTE, default_triage_classifier
    from graph.triage.router import TriageRouter
    from graph.triage.veto import RulesVeto

    classifier = default_triage_classifier(args.fitted_cache)
    older = ClassifierRouter()
    labels = TriageRouter(classifier.with_thresholds(LABELS_ROUTE))  # triage_labels_route
    from graph.routing.classifier import default_classifier
    from graph.triage.asks import AskReader, AskRecipe, default_ask_reader

    triage = default_triage_settings()
    ask_bar = triage.ask_bar
    default = default_wired_router(
        classifier,
        older,
        asks=default_ask_reader(args.fitted_cache) if ask_bar is not None else None,
        ask_bar=ask_bar,
    )
    # release 8aeabab: the per-ask reader without ask-level labels (every piece inherits its
    # turn's label, unbalanced) at 0.8, and the veto of idiom-prone flags only
    release_8aeabab = default_wired_router(
        classifier,
        older,
        primary_from_classifier=True,
        asks=AskReader.fit(
            default_classifier(), {}, AskRecipe(balanced=False, char_ngrams=(1, 4), written=False)
        ),
        ask_bar=0.8,
        urgent=None,  # before the urgent-care tier (2026-12-02g)
    )
    # main 6dfcd24, before multi-11: the ask-labelled reader with char n-grams up to 4, without
    # the written ask pieces
    before_c5 = default_wired_router(
        classifier,
        older,
        asks=AskReader.fit(
            default_classifier(), recipe=AskRecipe(char_ngrams=(1, 4), written=False)
        ),
        ask_bar=ask_bar,
    )
    veto_before = RulesVeto(classifier)
    veto = RulesVeto(
        classifier,
        triage.rules_veto or 0.1,
        framing_below=triage.veto_framing,
    )
    layers: list[tuple[str, Predict]] = [
        ("rules", rules_only),
        ("router-v1 (rules + old router)", with_rules(router_predict(older))),
        ("classifier", router_predict(TriageRouter(classifier))),
        (
            "graph without model, no veto (rules + net + router + asks)",
            with_rules(router_predict(default), net=default),
        ),
        (
            "graph without model, release 8aeabab (veto, asks 0.8 without ask labels)",
            with_rules(router_predict(release_8aeabab), net=release_8aeabab, veto=veto_before),
        ),
        (
            "graph without model, main 6dfcd24 (asks: char n-grams up to 4, no written pieces)",
            with_rules(router_predict(before_c5), net=before_c5, veto=veto),
        ),
        (
            "graph without model (rules + veto + net + classifier lead + ask-labelled asks)",
            with_rules(router_predict(default), net=default, veto=veto),
        ),
        (
            "graph, labels route (rules + veto + classifier labels)",
            with_rules(router_predict(labels), net=labels, veto=veto),
        ),
    ]
    if args.meaning_url:
        from graph.triage.meaning import meaning_reader

        reader = meaning_reader(
            args.meaning_url,
            5.0,
            args.fitted_cache,
            triage.category_bar,
            ask_head=triage.reading_ask_bar is not None,
        )
        if reader is None:
            parser.error(f"no reading server at {args.meaning_url}")
        reading = classifier.with_meaning(reader, triage.meaning_weight)
        served = default_wired_router(
            reading, older, asks=default.asks, ask_bar=ask_bar
        )  # what `make run` serves
        layers.append(
            (
                "graph without model + reading layer (as `make run` serves it)",
                with_rules(router_predict(served), net=served, veto=veto),
            )
        )
    if args.model_url:
        from langchain_openai import ChatOpenAI

        from graph.triage.model import MAX_ANSWER_TOKENS

        llm = ChatOpenAI(
            model=args.model_name,
            base_url=args.model_url,
            api_key="EMPTY",  # type: ignore[arg-type]
            temperature=0.0,
            max_completion_tokens=MAX_ANSWER_TOKENS,
        )
        model = CachedTriageModel(llm, args.model_cache)
        layers += [
            ("model", router_predict(TriageRouter(classifier, model))),
            (
                f"graph (rules + veto + model{' + net' if args.veto else ''}, classifier fallback)",
                with_rules(router_predict(TriageRouter(classifier, model, args.veto)), net=default),
            ),
        ]
    reports = [run_layer(name, predict, rows) for name, predict in layers]
    keys = [
        "emergencies_caught",
        "self_harm_caught",
        "self_harm_given_crisis_reply",
        "false_alarms_hard_negatives",
        "false_alarms_all_ordinary",
        "exact_expert_set",
        "multi_intent_exact",
        "category_right_when_caught",
        "physical_given_crisis_reply",
        "ms_p50",
        "ms_p95",
    ]
    summaries = [r.summary() for r in reports]
    print(f"split {name}: {len(rows)} turns")
    print(f"{'layer':<48}" + "".join(f"{k[:14]:>16}" for k in keys))
    for s in summaries:
        print(f"{s['layer']:<48}" + "".join(f"{s[k]!s:>16}" for k in keys))
    out = args.out or RESULTS / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "split": name,
        "train_rows": len(read_jsonl(TRAIN_PATH)) + len(read_jsonl(ROUTING_TRAIN)),
        "layers": summaries,
        "misses": {r.name: r.misses for r in reports},
    }
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", "utf-8")
    if args.model_url and args.model_cache:
        model.save()
    print(f"-> {out}")


if __name__ == "__main__":
    main()
