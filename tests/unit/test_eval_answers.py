"""The answers runner without a server: a fake OpenAI client, the controls, results on disk,
the sealed test split and rescoring."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from agents.knowledge import text_lang
from agents.knowledge.conditions import load_conditions
from config.settings import Settings
from evals.medical import answers
from evals.medical.answers import evaluate, parse_args, pick_rows, split_path
from evals.medical.controls import CANNED
from evals.records import check_sealed
from evals.splits import read_jsonl
from tests.unit.eval_support import good_answer

KB = load_conditions()
QUESTIONS = {r["question"]: r for r in read_jsonl(split_path("validation"))}


class FakeClient:
    """Answers like a server would: the adapter well from the right card, the base model with
    the canned text; records every request."""

    def __init__(self, served: list[str], settings: Settings) -> None:
        self.requests: list[dict[str, Any]] = []
        self.settings = settings
        self.models = SimpleNamespace(list=lambda: self._models(served))
        self.chat = SimpleNamespace(completions=SimpleNamespace(create=self._create))

    async def _models(self, served: list[str]):  # type: ignore[no-untyped-def]
        for name in served:
            yield SimpleNamespace(id=name)

    async def _create(self, **request: Any) -> Any:
        self.requests.append(request)
        row = QUESTIONS[request["messages"][-1]["content"]]
        lang = row["lang"] if row["lang"] in ("zh", "en") else text_lang(row["question"])
        if request["model"] == self.settings.llm.medical_model and row["condition"]:
            text = good_answer(KB.get(row["condition"]), lang)
        else:
            text = CANNED[lang]
        message = SimpleNamespace(content=text)
        return SimpleNamespace(
            choices=[SimpleNamespace(message=message, finish_reason="stop")],
            usage=SimpleNamespace(completion_tokens=len(text) // 3),
        )


META = {"split": "validation", "split_sha256": "x", "commit": "abc", "dirty": False,
        "release": None, "created": "2026-12-01T00:00:00+00:00"}  # fmt: skip


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def report(settings: Settings) -> dict[str, Any]:
    import asyncio

    args = parse_args(["--limit", "24", "--variants", "base,adapter,adapter+cards"])
    client = FakeClient([settings.llm.base_model_name, settings.llm.medical_model], settings)
    meta = {**META, "split_sha256": answers.sha256_of(split_path("validation"))}
    got = asyncio.run(evaluate(settings, args, meta, client=client))  # type: ignore[arg-type]
    got["_requests"] = client.requests
    return got


def test_every_model_variant_is_asked_greedily_with_its_prompt(report: dict[str, Any]) -> None:
    requests = report["_requests"]
    assert len(requests) == 24 * 3
    assert {r["temperature"] for r in requests} == {0.0}
    assert {r["max_tokens"] for r in requests} == {320}
    with_cards = [r for r in requests if "Do NOT" in r["messages"][0]["content"]
                  or "不要：" in r["messages"][0]["content"]]  # fmt: skip
    assert 0 < len(with_cards) <= 24  # only adapter+cards carries cards


def test_controls_and_variants_are_all_in_the_report(report: dict[str, Any]) -> None:
    assert report["variants"] == [
        "canned",
        "card_verbatim",
        "card_led",
        "base",
        "adapter",
        "adapter+cards",
    ]
    assert len(report["answers"]) == 24 * 6
    s = report["summary"]
    assert s["adapter"]["key_fact_recall"] > 0.7 > s["canned"]["key_fact_recall"]
    assert s["adapter"]["right_condition"] > 0.9 > s["canned"]["right_condition"]
    assert s["base"] == {**s["canned"], "card_in_prompt": None, "card_in_prompt_n": 0}
    assert s["adapter+cards"]["card_in_prompt_n"] > 0
    assert s["canned"]["card_in_prompt"] is None


def test_a_limited_run_keeps_every_kind_of_question(report: dict[str, Any]) -> None:
    rows = pick_rows(list(QUESTIONS.values()), 24, KB)
    kinds = {r["kind"] for r in rows}
    assert kinds == {"single", "several", "no_card", "non_skin", "prescription"}
    assert any(r["condition"] and KB.get(r["condition"]).emergency for r in rows)
    assert pick_rows(list(QUESTIONS.values()), 0, KB) == list(QUESTIONS.values())


def test_results_are_written_and_rescored_without_a_server(
    report: dict[str, Any], tmp_path: Path
) -> None:
    stored = {k: v for k, v in report.items() if k != "_requests"}
    answers.write_results(stored, tmp_path)
    md = (tmp_path / "report.md").read_text()
    assert "| right condition named (questions with a card) |" in md
    assert "## zh questions" in md
    assert "## Sample answers" in md
    saved = json.loads((tmp_path / "answers.json").read_text())
    for a in saved["answers"]:  # as if scored by older rules
        a["scores"] = {}
    meta = {**META, "split_sha256": saved["split_sha256"], "commit": "def"}
    again = answers.rescore(saved, meta)
    assert again["summary"] == stored["summary"]
    assert again["rescored_from"]["commit"] == "abc"
    saved["split_sha256"] = "0" * 64
    with pytest.raises(SystemExit, match="split changed"):
        answers.rescore(saved, meta)


def test_the_runner_refuses_a_model_the_server_does_not_serve(settings: Settings) -> None:
    import asyncio

    args = parse_args(["--limit", "2", "--variants", "adapter"])
    client = FakeClient([settings.llm.base_model_name], settings)
    with pytest.raises(SystemExit, match="does not serve"):
        asyncio.run(evaluate(settings, args, META, client=client))  # type: ignore[arg-type]


def test_unknown_variants_are_refused(settings: Settings) -> None:
    with pytest.raises(SystemExit, match="unknown variants"):
        answers.parse_variants("base,adapter+card")


@pytest.mark.parametrize(
    ("argv", "dirty", "existing", "error"),
    [
        (["--split", "test"], False, False, "--release"),
        (["--split", "test", "--release", "v5", "--limit", "9"], False, False, "runs whole"),
        (["--split", "test", "--release", "v5"], True, False, "commit your changes"),
        (["--split", "test", "--release", "v5"], False, True, "never rewritten"),
        (["--split", "test", "--release", "v5"], False, False, None),
        (["--split", "validation"], True, True, None),
    ],
)
def test_the_test_split_is_sealed(
    argv: list[str], dirty: bool, existing: bool, error: str | None, tmp_path: Path
) -> None:
    if existing:
        (tmp_path / "answers.json").write_text("{}")
    args = parse_args(argv)
    if error is None:
        check_sealed(args, tmp_path, dirty)
    else:
        with pytest.raises(SystemExit, match=error):
            check_sealed(args, tmp_path, dirty)


def test_main_refuses_the_test_split_before_asking_anything(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(answers, "commit_of", lambda: ("abc", False))
    (tmp_path / "answers.json").write_text("{}")
    monkeypatch.setattr(answers, "Settings", lambda: pytest.fail("must not reach the server"))
    with pytest.raises(SystemExit, match="never rewritten"):
        answers.main(["--split", "test", "--release", "v5", "--out", str(tmp_path)])
