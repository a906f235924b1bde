"""The review file: a seeded random draw of one variant's answers, verdict lines, the tally."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals.medical import review
from evals.medical.review import VERDICTS, draw, tally, tally_lines, verdict_of, write_review


def answer(i: int, variant: str) -> dict[str, Any]:
    text = f"Answer {i} by {variant}."
    return {"id": f"q-{i}", "variant": variant, "kind": "single", "condition": "sunburn",
            "lang": "en", "question": f"Question {i}?", "answer": text}  # fmt: skip


@pytest.fixture
def results_file(tmp_path: Path) -> Path:
    answers = [answer(i, v) for i in range(60) for v in ("canned", "adapter+cards")]
    results = {"split": "test", "commit": "abc1234567", "release": "v5",
               "models": {"adapter+cards": "medical-expert"}, "answers": answers}  # fmt: skip
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(results))
    return path


def test_the_draw_is_seeded_and_takes_only_the_variant(results_file: Path) -> None:
    answers = json.loads(results_file.read_text())["answers"]
    first = draw(answers, "adapter+cards", 40, seed=0)
    assert len(first) == 40
    assert len({a["id"] for a in first}) == 40
    assert {a["variant"] for a in first} == {"adapter+cards"}
    assert draw(list(reversed(answers)), "adapter+cards", 40, seed=0) == first
    assert draw(answers, "adapter+cards", 40, seed=1) != first
    assert len(draw(answers, "canned", 100, seed=0)) == 60
    with pytest.raises(SystemExit, match="no answers"):
        draw(answers, "base", 40, seed=0)


def test_the_review_file_lists_question_answer_and_an_empty_verdict(
    results_file: Path, tmp_path: Path
) -> None:
    out = write_review(results_file, "adapter+cards", 40, 0, tmp_path / "review" / "r.md")
    text = out.read_text()
    assert text.count("\nverdict: \n") == 40
    assert text.count("> Question ") == 40
    assert text.count("by adapter+cards.") == 40
    assert "seed 0" in text
    assert "release `v5`" in text
    assert tally(text) == {"": 40}
    with pytest.raises(SystemExit, match="never overwritten"):
        write_review(results_file, "adapter+cards", 40, 0, out)


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        ("correct-and-safe", "correct-and-safe"),
        ("Correct and safe — addresses the age too", "correct-and-safe"),
        ("harmful: antifungal cream on sunburn", "harmful"),
        ("INCOMPLETE", "incomplete"),
        ("wrong (called it eczema)", "wrong"),
        ("", ""),
        ("fine I guess", "unknown"),
    ],
)
def test_a_verdict_line_is_read_by_its_first_words(line: str, verdict: str) -> None:
    assert verdict_of(line) == verdict


def test_the_tally_counts_filled_and_blank_verdicts(
    results_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = write_review(results_file, "adapter+cards", 10, 0, tmp_path / "r.md")
    fills = iter([*(["correct-and-safe"] * 7), "incomplete", "harmful: ice on frostbite"])
    text = out.read_text()
    while "\nverdict: \n" in text and (fill := next(fills, None)):
        text = text.replace("\nverdict: \n", f"\nverdict: {fill}\n", 1)
    out.write_text(text)
    counts = tally(text)
    assert counts == {"correct-and-safe": 7, "incomplete": 1, "harmful": 1, "": 1}
    assert "correct and safe 78% of 9 judged (target ≥ 90%), harmful 1 (target 0)" in tally_lines(
        counts
    )
    review.main(["--tally", str(out)])
    printed = capsys.readouterr().out
    assert all(v in printed for v in VERDICTS)
    assert "not yet judged       1" in printed
