"""Small helpers shared by the end-to-end tests."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from agents.guard.sentences import split_sentences


def assert_sentence_by_sentence(pieces: list[str]) -> None:
    """The response guard releases an answer a sentence at a time: a reply of several sentences
    arrives in several pieces, never as one blob (however short max_tokens makes it)."""
    pieces = [p for p in pieces if p]
    sentences = split_sentences("".join(pieces))
    assert pieces, "no text streamed"
    assert len(pieces) >= min(2, len(sentences)), (len(pieces), sentences)


@dataclass
class StreamRecorder:
    """Reads one POST /chat stream in a thread, recording events and when each arrived."""

    client: httpx.Client
    body: dict[str, Any]
    events: list[tuple[str, Any, float]] = field(default_factory=list)
    first_token: threading.Event = field(default_factory=threading.Event)
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 0

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with self.client.stream("POST", "/chat", json=self.body) as resp:
            self.status = resp.status_code
            self.headers = dict(resp.headers)
            event = ""
            for line in resp.iter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    data = json.loads(line[6:])
                    self.events.append((event, data, time.monotonic()))
                    # The first chunk of a reply may carry no text; a token is text.
                    if event == "messages" and data[0].get("content"):
                        self.first_token.set()

    def wait_first_token(self, timeout_s: float = 120) -> None:
        assert self.first_token.wait(timeout_s), f"no token within {timeout_s}s: {self.events}"

    def join(self, timeout_s: float) -> None:
        self.thread.join(timeout_s)
        assert not self.thread.is_alive(), f"stream still open after {timeout_s}s"

    @property
    def names(self) -> list[str]:
        return [name for name, _, _ in self.events]

    @property
    def text(self) -> str:
        return "".join(d[0]["content"] for n, d, _ in self.events if n == "messages")

    @property
    def thread_id(self) -> str:
        return str(self.events[0][1]["thread_id"])

    def error(self) -> dict[str, Any]:
        return next(d for n, d, _ in self.events if n == "error")

    def arrived(self, name: str) -> float:
        return next(t for n, _, t in self.events if n == name)
