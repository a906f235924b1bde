"""The near-duplicate check used for rows written after the splits were built
(evals/triage/near_duplicates.py) flags a planted near-copy and passes distinct turns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.triage.near_duplicates import main, similarities


def _write(path: Path, texts: list[str]) -> Path:
    rows = [{"messages": [{"role": "user", "content": t}]} for t in texts]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def test_a_near_copy_scores_over_the_cap_and_a_different_turn_under_it() -> None:
    a = "被蜜蜂蛰了手指，肿起来一圈，有点疼，别的都没感觉"
    sims = similarities([a], [a + "。", "明天去成都的高铁几点有票"])
    assert sims[0][0] > 0.8
    assert sims[0][1] < 0.3


def test_the_command_fails_on_a_planted_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = _write(tmp_path / "new.jsonl", ["wasp stung my ankle, swollen around the spot"])
    clean = _write(tmp_path / "clean.jsonl", ["which night market in Taipei is best?"])
    planted = _write(tmp_path / "planted.jsonl", ["wasp stung my ankle, swollen around the spot!"])
    monkeypatch.setattr("sys.argv", ["x", str(new), str(clean)])
    with pytest.raises(SystemExit) as ok:
        main()
    assert ok.value.code == 0
    monkeypatch.setattr("sys.argv", ["x", str(new), str(clean), str(planted)])
    with pytest.raises(SystemExit) as bad:
        main()
    assert bad.value.code == 1
