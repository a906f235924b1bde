"""The sweep reads every repo text except the sealed test splits, and keeps a thread's turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals import sweep


def test_sealed_test_files_are_never_read() -> None:
    paths = sweep._tracked_jsonl()
    assert paths, "no jsonl found"
    assert not [p for p in paths if "test" in p.name]
    assert any(p.name == "questions_validation.jsonl" for p in paths)


def test_a_question_keeps_its_earlier_turns_and_messages_keep_user_turns_only() -> None:
    row = {"earlier": ["我在三亚晒伤了"], "question": "起水泡了，可以挑破吗？"}
    assert list(sweep._threads(row)) == [("我在三亚晒伤了", "起水泡了，可以挑破吗？")]
    row = {
        "messages": [
            {"role": "user", "content": "my dad has chest pain"},
            {"role": "assistant", "content": "call 120"},
            {"role": "user", "content": "好的"},
        ]
    }
    assert list(sweep._threads(row)) == [("my dad has chest pain", "好的")]


def test_diff_counts_changed_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before, after = tmp_path / "a.json", tmp_path / "b.json"
    before.write_text('{"x": "one", "y": "two"}', encoding="utf-8")
    after.write_text('{"x": "one", "y": "three"}', encoding="utf-8")
    sweep.diff(before, after, show=5)
    assert capsys.readouterr().out.startswith("1 of 2 answers differ")


def test_a_served_answer_is_compared_without_its_model_written_sections() -> None:
    record = {
        "experts": [{"name": "itinerary"}, {"name": "medical"}],
        "safety": [],
        "messages": [
            {"expert": "itinerary", "model": "Qwen2.5-Coder-0.5B-Instruct", "content": "sampled"},
            {"expert": "medical", "model": "none", "content": "the card's answer"},
        ],
    }
    text = sweep.served_text(record)
    assert "sampled" not in text
    assert "[itinerary: model-written]" in text
    assert "the card's answer" in text
    assert text.startswith("experts: itinerary, medical; safety: -")
