"""The OpenAI-compatible client the evaluations use, and a vLLM started for one run (`--serve`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import openai

from config.settings import Settings


@contextmanager
def served(settings: Settings) -> Iterator[Settings]:
    """Start vLLM exactly as `make run` does, and point the client at it."""
    from serving.prepare import prepare
    from serving.vllm_server import running_vllm, server_root

    python = prepare(settings)
    with running_vllm(settings, python):
        yield settings.updated(llm={"openai_api_base": f"{server_root(settings)}/v1"})


def eval_client(settings: Settings) -> openai.AsyncOpenAI:
    """No retries (a failed answer must show, not be asked twice); long answers on 2 CPU cores
    under load take minutes, so five times the app's per-call timeout."""
    return openai.AsyncOpenAI(
        base_url=settings.llm.openai_api_base,
        api_key=settings.llm.openai_api_key.get_secret_value(),
        timeout=settings.llm.timeout_s * 5,
        max_retries=0,
    )
