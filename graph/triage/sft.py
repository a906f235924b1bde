"""Write the triage adapter's training chat JSONL from the labelled turns (train split only).

`python -m graph.triage.sft OUT.jsonl [--from graph/triage/data/train.jsonl]`: one example per
labelled turn, in the format serving/train_lora.py trains on (loss on the answer line only).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from graph.triage.prompt import SYSTEM, answer_line, render

TRAIN_PATH = Path(__file__).with_name("data") / "train.jsonl"


def thread_messages(row: dict[str, Any]) -> list[BaseMessage]:
    """A labelled row's thread as LangChain messages (assistant turns named by expert)."""
    return [
        HumanMessage(m["content"])
        if m["role"] == "user"
        else AIMessage(m["content"], name=m.get("expert"))
        for m in row["messages"]
    ]


def example(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": render(thread_messages(row))},
            {"role": "assistant", "content": answer_line(row["labels"], row.get("category"))},
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--from", dest="source", type=Path, default=TRAIN_PATH)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.source.read_text("utf-8").splitlines() if line]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "".join(json.dumps(example(r), ensure_ascii=False) + "\n" for r in rows), "utf-8"
    )
    print(f"{len(rows)} examples -> {args.out}")


if __name__ == "__main__":
    main()
