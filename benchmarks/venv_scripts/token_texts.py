"""Split texts into the text each model token adds, with the served model's own tokenizer.

Usage (inside vLLM's venv, which has `tokenizers`): python -m benchmarks.venv_scripts.token_texts
tokenizer.json texts.json out.json — texts.json is a JSON list of strings; out.json gets, per
text, the list of its tokens' text increments (a token that ends inside a character adds "", as
a streamed token does until the character is whole).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tokenizers import Tokenizer


def increments(tokenizer: Tokenizer, text: str) -> list[str]:
    encoding = tokenizer.encode(text, add_special_tokens=False)
    pieces, done = [], 0
    for _, end in encoding.offsets:
        end = max(end, done)
        pieces.append(text[done:end])
        done = end
    if done < len(text):
        pieces.append(text[done:])
    return pieces


def main() -> None:
    tokenizer_path, texts_path, out_path = (Path(a) for a in sys.argv[1:4])
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    texts = json.loads(texts_path.read_text("utf-8"))
    out_path.write_text(json.dumps([increments(tokenizer, t) for t in texts]), "utf-8")


if __name__ == "__main__":
    main()
