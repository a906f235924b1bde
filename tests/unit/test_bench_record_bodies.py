"""The overhead and stream suites measure turns that reach the model, however many the KB or
the condition cards now answer without one."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from benchmarks.suites import agent_stack
from benchmarks.suites.agent_stack import model_turn_candidates, record_bodies


class Recorder:
    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []


def fake_stack(monkeypatch: pytest.MonkeyPatch, calls_model: set[str]) -> list[str]:
    """A stack where only the questions in `calls_model` reach the model; returns those asked."""
    recorder = Recorder()
    asked: list[str] = []

    @contextlib.contextmanager
    def recording_server() -> Iterator[tuple[str, Recorder]]:
        yield "http://recorder", recorder

    @contextlib.contextmanager
    def running_api(*_args: Any, **_kwargs: Any) -> Iterator[object]:
        yield object()

    async def sequential_turns(_api: object, texts: list[str]) -> list[SimpleNamespace]:
        (text,) = texts
        asked.append(text)
        if text in calls_model:
            recorder.bodies.append({"messages": [{"role": "user", "content": text}]})
        return [SimpleNamespace(outcome="completed")]

    monkeypatch.setattr(agent_stack, "recording_server", recording_server)
    monkeypatch.setattr(agent_stack, "running_api", running_api)
    monkeypatch.setattr(agent_stack, "sequential_turns", sequential_turns)
    return asked


def ctx(tmp_path: Path) -> Any:
    return SimpleNamespace(log_dir=tmp_path)


QUESTIONS = [f"question {i}" for i in range(20)]


def test_turns_answered_without_the_model_are_skipped_until_enough_call_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked = fake_stack(monkeypatch, {"question 3", "question 7", "question 11", "question 12"})
    recorded = record_bodies(ctx(tmp_path), tmp_path, 3, {}, QUESTIONS)
    assert [text for text, _ in recorded] == ["question 3", "question 7", "question 11"]
    assert recorded[0][1]["messages"][0]["content"] == "question 3"
    assert asked[-1] == "question 11", "stops asking once it has enough"


def test_no_model_calling_turn_is_a_clear_error_not_an_index_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_stack(monkeypatch, set())
    with pytest.raises(RuntimeError, match="called the model"):
        record_bodies(ctx(tmp_path), tmp_path, 4, {}, QUESTIONS)


def test_the_curated_model_turns_are_tried_before_the_workload() -> None:
    candidates = model_turn_candidates(5, offset=0)
    assert candidates[0] == "第二天想去逛街购物，杭州"
    assert not any(c.startswith("#") for c in candidates)
    assert len(candidates) >= 5 + 8
