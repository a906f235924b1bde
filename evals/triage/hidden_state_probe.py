"""Does the embedded base model's reading of a turn route it better than char n-grams? An offline
probe: mean-pooled hidden states of Qwen2.5-Coder-0.5B (first k layers) as features for one
logistic model per triage label, against the same learner on char n-grams, trained on the triage
train split and scored on validation (last user turn only, no thread, no rules).

Why: the char n-gram layers confuse travel experts on paraphrases and other languages ("best
tacos near there?" → transport, "시안에서 꼭 먹어봐야 할 음식" → itinerary) and read "head lice"
as a head injury; issue 11 asks for a triage model that reads meaning. The triage adapter
(generating labels) scored below the classifier; this asks whether the base model's
representation carries the signal at all, before any runtime design.

Two steps, two interpreters (torch lives only in the vLLM venv):

    PY=$(ls -d ~/.cache/trip-genius/venvs/vllm-*)/bin/python
    $PY evals/triage/hidden_state_probe.py embed graph/triage/data/train.jsonl train.npz 6
    $PY evals/triage/hidden_state_probe.py embed evals/triage/data/validation.jsonl val.npz 6
    .venv/bin/python -m evals.triage.hidden_state_probe score train.npz val.npz

Never run on the test split. Results: results/hidden_state_probe_2026-12-03.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

MODEL_DIR = Path.home() / ".cache" / "trip-genius" / "models" / "Qwen2.5-Coder-0.5B-Instruct"
MAX_CHARS = 600
C_HIDDEN = (0.01, 0.05)
C_CHARS = 10.0
SECOND_BAR = 0.4  # a second answering label joins at this probability (as the classifier does)
ESCALATE_AT = 0.5  # emergency or self-harm probability that escalates (the classifier's bar)


def last_turn(row: dict[str, Any]) -> str:
    return [m["content"] for m in row["messages"] if m["role"] == "user"][-1]


def embed(data: Path, out: Path, layers: int) -> None:
    """Mean-pooled hidden states of the first `layers` layers' output (vLLM venv: torch)."""
    import numpy as np
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(2)
    config = AutoConfig.from_pretrained(MODEL_DIR)
    config.num_hidden_layers = layers  # the rest of the weights are not loaded: ~layers/24 cost
    tokenizer = AutoTokenizer.from_pretrained(MODEL_DIR)
    model = AutoModelForCausalLM.from_pretrained(MODEL_DIR, config=config, dtype=torch.bfloat16)
    model.eval()
    rows = [json.loads(line) for line in data.read_text().splitlines() if line.strip()]
    pooled = []
    with torch.inference_mode():
        for row in rows:
            ids = tokenizer(last_turn(row)[:MAX_CHARS], return_tensors="pt")
            states = model(**ids, output_hidden_states=True).hidden_states[layers]
            pooled.append(states[0].float().mean(0).numpy())
    np.savez(out, ids=np.array([r["id"] for r in rows]), features=np.stack(pooled))


def score(train_npz: Path, val_npz: Path) -> list[dict[str, Any]]:
    """Exact label set, first-label accuracy on one-label turns and multi-intent exact on
    validation for char n-grams, hidden states, and their average."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import MultiLabelBinarizer, StandardScaler

    from evals.splits import read_jsonl
    from evals.triage.evaluate import load_split
    from graph.triage.labels import EMERGENCY, LABELS, OUT_OF_SCOPE, SELF_HARM, ordered

    train, val = load_split("train"), read_jsonl(Path(__file__).parent / "data/validation.jsonl")
    h_train, h_val = np.load(train_npz), np.load(val_npz)
    assert list(h_train["ids"]) == [r["id"] for r in train], "embed the train split as it is"
    assert list(h_val["ids"]) == [r["id"] for r in val], "embed the validation split as it is"
    y = MultiLabelBinarizer(classes=list(LABELS)).fit_transform([r["labels"] for r in train])
    gold = [ordered(tuple(r["labels"])) for r in val]

    def fit(x_train: Any, x_val: Any, c: float) -> Any:
        p = np.zeros((x_val.shape[0], len(LABELS)))
        for j in range(len(LABELS)):
            model = LogisticRegression(C=c, max_iter=2000).fit(x_train, y[:, j])
            p[:, j] = model.predict_proba(x_val)[:, 1]
        return p

    def report(name: str, p: Any) -> dict[str, Any]:
        exact = first = one = multi = multi_exact = 0
        urgent = caught = negatives = alarms = 0
        for row, want, source in zip(p, gold, val, strict=True):
            by = dict(zip(LABELS, row, strict=True))
            escalates = max(by[EMERGENCY], by[SELF_HARM]) >= ESCALATE_AT
            if want[0] in (EMERGENCY, SELF_HARM):
                urgent, caught = urgent + 1, caught + escalates
            elif source.get("hard_negative"):
                negatives, alarms = negatives + 1, alarms + escalates
            top = max(by, key=lambda k: by[k])
            second = {k for k, v in by.items() if v >= SECOND_BAR}
            got = ordered({top} | (second - {EMERGENCY, SELF_HARM, OUT_OF_SCOPE}))
            exact += got == want
            if len(want) > 1:
                multi, multi_exact = multi + 1, multi_exact + (got == want)
            else:
                one, first = one + 1, first + (top == want[0])
        return {
            "features": name,
            "exact": round(exact / len(gold), 3),
            "first_label_one_ask": round(first / one, 3),
            "multi_intent": f"{multi_exact}/{multi}",
            "escalated": f"{caught}/{urgent}",
            "false_alarms_hard": f"{alarms}/{negatives}",
        }

    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True)
    c_train = chars.fit_transform([last_turn(r) for r in train])
    p_chars = fit(c_train, chars.transform([last_turn(r) for r in val]), C_CHARS)
    scaler = StandardScaler().fit(h_train["features"])
    x_train, x_val = scaler.transform(h_train["features"]), scaler.transform(h_val["features"])
    rows = [report("char n-grams (1-4)", p_chars)]
    for c in C_HIDDEN:
        p_hidden = fit(x_train, x_val, c)
        rows += [
            report(f"hidden states C={c}", p_hidden),
            report(f"average of both C={c}", (p_hidden + p_chars) / 2),
        ]
    return rows


def main() -> None:
    command, *args = sys.argv[1:]
    if command == "embed":
        data, out, layers = Path(args[0]), Path(args[1]), int(args[2])
        from evals.splits import is_sealed_file

        if is_sealed_file(data):
            raise SystemExit("the sealed test split is evaluated once per release, not probed")
        embed(data, out, layers)
    elif command == "score":
        for row in score(Path(args[0]), Path(args[1])):
            print(json.dumps(row))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
