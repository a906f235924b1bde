"""`make run` (api/launch.py) wires the reading server into triage only once it answers."""

from __future__ import annotations

from config.settings import Settings
from serving.vllm_server import VLLMStartError


class StubReader:
    def __init__(self, fails: bool) -> None:
        self.fails = fails
        self.url = "http://127.0.0.1:8302"

    def wait_ready(self, timeout_s: float = 0.0) -> float:
        if self.fails:
            raise VLLMStartError("exited with code 1 while starting")
        return 1.0


def test_a_ready_reading_server_is_what_triage_reads(fake_settings: Settings) -> None:
    from api.launch import with_reading_server

    wired = with_reading_server(fake_settings, StubReader(fails=False))  # type: ignore[arg-type]
    assert wired.triage.meaning_url == "http://127.0.0.1:8302"


def test_a_reading_server_that_failed_leaves_triage_to_the_chars(fake_settings: Settings) -> None:
    from api.launch import with_reading_server

    wired = with_reading_server(fake_settings, StubReader(fails=True))  # type: ignore[arg-type]
    assert wired.triage.meaning_url is None


def test_the_reading_server_runs_on_the_threads_the_settings_give(fake_settings: Settings) -> None:
    """One thread by default: two stall beside vLLM's pinned threads (reading_threads.md)."""
    from serving.embedder_process import embedder_command

    assert fake_settings.triage.meaning_port is not None
    default = embedder_command(fake_settings, "python")
    assert default[default.index("--threads") + 1] == "1"
    two = fake_settings.model_copy(
        update={"triage": fake_settings.triage.model_copy(update={"meaning_threads": 2})}
    )
    command = embedder_command(two, "python")
    assert command[command.index("--threads") + 1] == "2"
