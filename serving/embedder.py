"""The reading server: mean-pooled hidden states of the base model's first layers, over HTTP.

Why a process of its own: the triage layer that reads meaning (graph/triage/meaning.py) needs the
base model's representation of a turn, torch lives only in vLLM's venv, and vLLM serves one
runner per process (a generate server has no pooling endpoint in 0.32). The first 6 of the 24
layers carry as much as all 24 for triage (evals/triage/results/hidden_state_probe_2026-12-03.md)
at ~40 ms a turn on 2 cores, so only those are loaded (~1/4 of the weights, ~0.3 GB in bf16).

Runs in the vLLM venv: `python -m serving.embedder --model DIR --layers 6 --port 8302`.
POST /embed {"texts": [...]} -> {"model", "layers", "vectors": [[...], ...]}; GET /health.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

MAX_TEXTS = 64  # per request: a bigger batch is the caller's bug, not a reason to stall a turn
MAX_CHARS = 600  # the head of a long turn: what triage reads of it (as in the probe)
BATCH = 16  # texts per forward pass (padded to the longest)


class EmbedRequest(BaseModel):
    texts: list[str] = Field(min_length=1, max_length=MAX_TEXTS)


def load(model_dir: Path, layers: int, threads: int) -> tuple[Any, Any]:
    """The tokenizer and the first `layers` layers of the base model (the rest are not read)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(threads)
    config = AutoConfig.from_pretrained(model_dir)
    config.num_hidden_layers = layers
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    tokenizer.padding_side = "right"  # causal attention: real tokens never see the padding
    model = AutoModelForCausalLM.from_pretrained(model_dir, config=config, dtype=torch.bfloat16)
    model.eval()
    return tokenizer, model.model  # the decoder without the LM head: no logits to compute


def embed(tokenizer: Any, decoder: Any, layers: int, texts: list[str]) -> list[list[float]]:
    """Mean over each text's tokens of the `layers`-th hidden state (the probe's features)."""
    import torch

    vectors: list[list[float]] = []
    with torch.inference_mode():
        for start in range(0, len(texts), BATCH):
            chunk = [t[:MAX_CHARS] or " " for t in texts[start : start + BATCH]]
            ids = tokenizer(chunk, return_tensors="pt", padding=True)
            states = decoder(**ids, output_hidden_states=True).hidden_states[layers].float()
            mask = ids["attention_mask"].unsqueeze(-1).float()
            pooled = (states * mask).sum(1) / mask.sum(1)
            vectors += pooled.tolist()
    return vectors


def create_app(model_dir: Path, layers: int, threads: int) -> Any:
    from fastapi import FastAPI, HTTPException

    tokenizer, decoder = load(model_dir, layers, threads)
    app = FastAPI(title="Trip Genius reading server")

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"model": model_dir.name, "layers": layers}

    @app.post("/embed")
    def embed_texts(request: EmbedRequest) -> dict[str, Any]:
        try:
            vectors = embed(tokenizer, decoder, layers, request.texts)
        except Exception as exc:  # a tokenizer or torch error: say so, never a bare 500
            raise HTTPException(status_code=422, detail=f"could not read the texts: {exc}") from exc
        return {"model": model_dir.name, "layers": layers, "vectors": vectors}

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="the base model's folder")
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8302)
    args = parser.parse_args()
    import uvicorn

    app = create_app(args.model, args.layers, args.threads)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
