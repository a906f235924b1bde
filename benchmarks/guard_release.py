"""How long the response guard holds an answer before the user sees its first text, before and
after clause release — an offline replay of stored real answers, no model and no server.

    python -m benchmarks.guard_release [--tok-s 10] [--out benchmarks/results/guard_release.json]
        [--release word]   # the opt-in word release instead of clause release as "after"

Answers: every model-written answer stored in the repo (the doctor's model answers with cards in
the prompt, the travel experts' answers of the travel evaluation runs, controls left out) and
the adapter's held-out reference answers (what the earlier budget measured). Each is cut into
the text its tokens add — with the served model's tokenizer run in vLLM's venv when it is there,
else ≈ one token per CJK character or word — and fed a token at a time to the guard as it is
now ("after": clauses shown while no hazard pattern has begun) and to the same gate with clause
release turned off ("before": sentence by sentence). Counted: the tokens that arrived before the
first released text, at `--tok-s` (≈ 10 tok/s: the quiet box's LoRA decode, 95 ms/token), the
gate's CPU per token, and, as a safety check on real text, that both gates block the same
sentences with the same findings and that no blocked sentence shows a word of its hazard.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.guard import GuardContext, SentenceGate, load_rules
from agents.guard.age import stated_age_years
from agents.guard.checker import APOSTROPHES
from agents.guard.gate import Release
from agents.guard.rules import AGE_TAG
from agents.knowledge.conditions import load_conditions
from benchmarks.stats import percentile
from benchmarks.venv_runner import run_venv_script
from config.settings import REPO_ROOT, Settings
from serving.data.build_dataset import load_split
from serving.prepare import vllm_venv_dir

RESULTS = REPO_ROOT / "benchmarks" / "results" / "guard_release.json"
DOCTOR_ANSWERS = REPO_ROOT / "evals/medical/results/validation/b08dd7046e/answers.json"
DOCTOR_MODEL_VARIANTS = ("adapter+cards", "base+cards")
TRAVEL_RUNS = sorted((REPO_ROOT / "evals/travel/results").glob("validation-run*.json"))
TRAVEL_CONTROLS = ("looping", "skeleton")
# Fallback: ≈ one model token (Qwen merges frequent Chinese pairs, so more pieces than tokens).
TOKEN_PIECE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|\s*[A-Za-z]+|\s*\d+|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Answer:
    source: str
    text: str
    context: GuardContext


class SentenceOnlyGate(SentenceGate):
    """The guard before clause release: nothing is shown before its sentence has ended."""

    def _clause_release(self) -> str:
        return ""


def doctor_answers() -> list[Answer]:
    data = json.loads(DOCTOR_ANSWERS.read_text("utf-8"))
    kb = load_conditions()
    out = []
    for row in data["answers"]:
        if row["variant"] in DOCTOR_MODEL_VARIANTS:
            cards = [vars(kb.get(c)) for c in row["cards"]]
            context = GuardContext.from_cards(
                cards,
                row["lang"],
                red_flag=bool(row.get("emergency")),
                age_years=stated_age_years(row["question"]),
            )
            out.append(Answer(f"doctor {row['variant']}", row["answer"], context))
    return out


def travel_answers() -> list[Answer]:
    out = []
    for path in TRAVEL_RUNS:
        for row in json.loads(path.read_text("utf-8"))["answers"]:
            if row["variant"] not in TRAVEL_CONTROLS and row["answer"]:
                out.append(Answer("travel experts", row["answer"], GuardContext(row["lang"])))
    return out


def reference_answers() -> list[Answer]:
    return [
        Answer(
            "adapter held-out references",
            next(m["content"] for m in row["messages"] if m["role"] == "assistant"),
            GuardContext(row["lang"]),
        )
        for row in load_split("heldout")
    ]


def token_texts(
    texts: Sequence[str], settings: Settings, log_dir: Path
) -> tuple[str, list[list[str]]]:
    """Each text as its tokens' increments: the served tokenizer if vLLM's venv has it."""
    python = settings.vllm.python or vllm_venv_dir(settings) / "bin" / "python"
    tokenizer = Path(settings.base_model_path) / "tokenizer.json"
    if python.exists() and tokenizer.exists():
        with tempfile.TemporaryDirectory() as tmp:
            texts_path = Path(tmp) / "texts.json"
            texts_path.write_text(json.dumps(list(texts)), "utf-8")
            pieces = run_venv_script(
                python,
                "token_texts",
                str(tokenizer),
                str(texts_path),
                log_path=log_dir / "guard_release_tokens.log",
            )
        return f"the served model's tokenizer ({tokenizer.parent.name})", pieces
    return "≈ one token per CJK character or word", [TOKEN_PIECE.findall(t) for t in texts]


def replay(gate: SentenceGate, tokens: Sequence[str]) -> tuple[int, float, str]:
    """(tokens that arrived before the one that released the first text, gate ms per token,
    everything shown)."""
    shown, first = [], None
    start = time.perf_counter()
    for i, token in enumerate(tokens):
        released = [p for p in gate.feed(token) if p]
        if released and first is None:
            first = i
        shown += released
    shown += gate.flush()
    cpu_ms = (time.perf_counter() - start) * 1000 / max(len(tokens), 1)
    return (len(tokens) - 1 if first is None else first), cpu_ms, "".join(shown)


def hazard_words_shown(gate: SentenceGate) -> int:
    """Blocked sentences whose shown beginning reaches a word that can raise their tags."""
    rules = load_rules()
    bad = 0
    for block in gate.blocks:
        text = block.sentence.translate(APOSTROPHES)
        patterns = [
            p
            for tag in block.tags
            for p in (
                [q for limit in rules.age_limits for q in limit.patterns]
                if tag == AGE_TAG
                else [*rules.tags[tag].patterns, *rules.tags[tag].requires]
            )
        ]
        start = min((m.start() for p in patterns for m in p.finditer(text)), default=len(text))
        bad += len(block.shown) > start
    return bad


def stats(values: Sequence[float], per_s: float) -> dict[str, float]:
    """p50/p95/mean, and p50/p95 divided by `per_s` (tokens → seconds at that decode speed)."""
    p50, p95 = percentile(values, 50) or 0.0, percentile(values, 95) or 0.0
    return {
        "p50": p50,
        "p95": p95,
        "mean": statistics.fmean(values),
        "p50_s": p50 / per_s,
        "p95_s": p95 / per_s,
    }


def measure(
    answers: Sequence[Answer],
    tokens: Sequence[Sequence[str]],
    tok_s: float,
    release: Release = "clause",
) -> dict[str, Any]:
    gates: dict[str, Callable[[GuardContext], SentenceGate]] = {
        "before": SentenceOnlyGate,
        "after": lambda context: SentenceGate(context, release=release),
    }
    rows: dict[str, list[tuple[int, float]]] = {name: [] for name in gates}
    same_verdicts, blocks, shown_hazards, unblocked, same_text = 0, 0, 0, 0, 0
    for answer, toks in zip(answers, tokens, strict=True):
        ran = {}
        for name, make in gates.items():
            gate = make(answer.context)
            first, cpu, shown = replay(gate, toks)
            rows[name].append((first, cpu))
            ran[name] = (gate, shown)
        before, after = ran["before"][0], ran["after"][0]
        verdicts = [(b.sentence, b.findings) for b in before.blocks]
        same_verdicts += verdicts == [(b.sentence, b.findings) for b in after.blocks]
        blocks += len(after.blocks)
        shown_hazards += hazard_words_shown(after)
        unblocked += not after.blocks
        same_text += not after.blocks and ran["before"][1] == ran["after"][1] == answer.text
    return {
        "answers": len(answers),
        "tokens_p50": percentile([len(t) for t in tokens], 50),
        **{
            name: {
                "held_tokens_before_first_text": stats([r[0] for r in got], tok_s),
                "gate_ms_per_token": stats([r[1] for r in got], 1.0),
                "held_tokens_each": [r[0] for r in got],
            }
            for name, got in rows.items()
        },
        "same_blocks_and_findings": same_verdicts,
        "blocked_sentences": blocks,
        "blocked_sentences_showing_a_hazard_word": shown_hazards,
        "unblocked_answers": unblocked,
        "unblocked_answers_shown_exactly_as_written": same_text,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tok-s", type=float, default=10.0, help="decode speed for seconds")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--release",
        choices=["clause", "word", "token"],
        default="clause",
        help="what the 'after' gate shows early: whole clauses (the default), whole words, "
        "or the first text at once then whole words (token)",
    )
    args = parser.parse_args()
    settings = Settings()
    sets = {
        "doctor model answers (evals b08dd7046e)": doctor_answers(),
        "travel expert answers (evals/travel runs 1-4)": travel_answers(),
        "adapter held-out reference answers": reference_answers(),
    }
    everything = [a for answers in sets.values() for a in answers]
    tokenizer, tokens = token_texts(
        [a.text for a in everything], settings, Path(tempfile.gettempdir())
    )
    result: dict[str, Any] = {
        "method": __doc__.split("\n\n")[1].replace("\n", " "),
        "tokenizer": tokenizer,
        "tok_s": args.tok_s,
        "release": args.release,
        "sets": {},
    }
    at = 0
    for name, answers in sets.items():
        chunk = tokens[at : at + len(answers)]
        result["sets"][name] = measure(answers, chunk, args.tok_s, args.release)
        at += len(answers)
    result["all"] = measure(everything, tokens, args.tok_s, args.release)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    for name, got in {**result["sets"], "all": result["all"]}.items():
        b = got["before"]["held_tokens_before_first_text"]
        a = got["after"]["held_tokens_before_first_text"]
        print(
            f"{name}: n={got['answers']} held tokens p50 {b['p50']:.0f} → {a['p50']:.0f}, "
            f"p95 {b['p95']:.0f} → {a['p95']:.0f} (≈ {b['p50_s']:.1f} → {a['p50_s']:.1f} s p50); "
            f"same verdicts {got['same_blocks_and_findings']}/{got['answers']}, "
            f"hazard words shown {got['blocked_sentences_showing_a_hazard_word']}"
        )


if __name__ == "__main__":
    main()
