"""`make run`: prepare the embedded default, start vLLM and the API, stop both on Ctrl-C.

This is the outermost edge, so it may know every layer: it builds the settings, lets `serving`
prepare and start the model server, then serves the API pointed at it.
"""

from __future__ import annotations

import logging
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from api.app import create_app
from api.server import serve
from config.settings import REPO_ROOT, Settings
from serving.embedder_process import EmbedderProcess, embedder_url, running_embedder
from serving.prepare import prepare
from serving.vllm_server import VLLMStartError, running_vllm, server_root


class WaitingLine:
    """`waiting for vLLM… 42s`: rewritten in place on a terminal, a line every 15 s in a log."""

    LOG_EVERY_S = 15

    def __init__(self, log_path: Path) -> None:
        self.tty = sys.stdout.isatty()
        self.log_path = log_path
        self.shown = -1

    def __call__(self, elapsed_s: float) -> None:
        seconds = int(elapsed_s)
        if seconds == self.shown or (not self.tty and seconds // self.LOG_EVERY_S == self.shown):
            return
        self.shown = seconds if self.tty else seconds // self.LOG_EVERY_S
        text = f"    waiting for vLLM to load the model… {seconds}s (log: {self.log_path})"
        print(f"\r{text}" if self.tty else text, end="" if self.tty else "\n", flush=True)


def with_reading_server(settings: Settings, reader: EmbedderProcess) -> Settings:
    """Triage reads with the server once it answers; without it (it failed to start) the char
    classifier triages alone, as it does whenever the server is down."""
    try:
        reader.wait_ready()
    except VLLMStartError as exc:
        print(f"==> the reading server did not start ({exc}): triage without it", flush=True)
        return settings
    print(
        f"==> reading server ready: {reader.url} (its triage model trains on the first start, "
        "about a minute, then is cached)",
        flush=True,
    )
    return settings.updated(triage={"meaning_url": reader.url})


def main() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings()
    python = prepare(settings)
    settings = settings.updated(llm={"openai_api_base": f"{server_root(settings)}/v1"})
    log_path = REPO_ROOT / "var" / "vllm.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with ExitStack() as stack:
        reader: EmbedderProcess | None = None
        if not settings.triage.meaning_url and embedder_url(settings):
            reading_log = log_path.with_name("embedder.log")
            print(f"==> starting the reading server (log: {reading_log})", flush=True)
            try:
                reader = stack.enter_context(running_embedder(settings, python, reading_log))
            except VLLMStartError as exc:  # its port is taken: triage without it
                print(f"==> no reading server ({exc}): triage without it", flush=True)
        print(f"==> starting vLLM on {server_root(settings)} (log: {log_path})", flush=True)
        stack.enter_context(
            running_vllm(settings, python, log_path=log_path, progress=WaitingLine(log_path))
        )
        if reader is not None:
            settings = with_reading_server(settings, reader)
        api = f"http://{settings.api.host}:{settings.api.port}"
        print(
            f"\nvLLM ready in {time.monotonic() - started:.0f}s: {server_root(settings)}/v1 "
            f"(models: {settings.llm.base_model_name}, {settings.llm.medical_model})\n"
            f"Trip Genius API: {api}  (docs: {api}/docs)\n"
            f"Try: curl -N {api}/chat -H 'Content-Type: application/json' "
            '-d \'{"message": "我脸上长痘痘怎么办？"}\'\n'
            "Ctrl-C stops both.\n",
            flush=True,
        )
        serve(create_app(settings), settings)
    print("==> stopped vLLM and the API", flush=True)


if __name__ == "__main__":
    main()
