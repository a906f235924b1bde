"""Start and stop the reading server (serving/embedder.py) beside vLLM, in vLLM's venv.

Why beside vLLM and not inside it: vLLM 0.32 serves one runner per process, and the reading
layer needs the base model's hidden states, not tokens; the server loads only the first layers
of the same weights, so it costs ~0.3 GB and ~15 s to start.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from config.settings import Settings
from serving.vllm_server import ensure_port_free, stop_process_group, wait_healthy

START_TIMEOUT_S = 180.0


def embedder_url(settings: Settings) -> str | None:
    """Where the reading server listens when this process starts it: only for an embedded base
    (a local folder: nothing may load from a model hub) and a set `triage.meaning_port`."""
    port = settings.triage.meaning_port
    if port is None or not settings.llm.embedded:
        return None
    return f"http://{settings.vllm.host}:{port}"


def embedder_command(settings: Settings, python: Path | str) -> list[str]:
    port = settings.triage.meaning_port
    assert port is not None, "triage.meaning_port is unset: no reading server to start"
    return [
        str(python),
        "-m",
        "serving.embedder",
        "--model",
        settings.base_model_path,
        "--host",
        settings.vllm.host,
        "--port",
        str(port),
        "--threads",
        str(settings.triage.meaning_threads),
    ]


@dataclass
class EmbedderProcess:
    proc: subprocess.Popen[bytes]
    url: str

    def wait_ready(self, timeout_s: float = START_TIMEOUT_S) -> float:
        return wait_healthy(self.url, timeout_s, self.proc)


@contextmanager
def running_embedder(
    settings: Settings, python: Path | str, log_path: Path | None = None
) -> Iterator[EmbedderProcess]:
    """Started, not yet waited for: the caller starts vLLM meanwhile, then `wait_ready()`."""
    url = embedder_url(settings)
    assert url is not None, "triage.meaning_port is unset: no reading server to start"
    ensure_port_free(settings.vllm.host, settings.triage.meaning_port or 0)
    out = log_path.open("ab") if log_path else None
    proc = subprocess.Popen(
        embedder_command(settings, python),
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
        stdout=out,
        stderr=subprocess.STDOUT if out else None,
        start_new_session=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        yield EmbedderProcess(proc, url)
    finally:
        stop_process_group(proc, grace_s=5.0)
        if out:
            out.close()
