"""The medical expert's SFT data: size, splits, languages, answer structure and red flags."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from serving.data.build_dataset import (
    SECTION_HEADERS,
    SPLITS,
    generate,
    load_split,
    load_table,
    validate,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PROMPT_FILE = REPO_ROOT / "serving" / "data" / "medical_expert" / "system_prompt.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")
ESCALATION = {"zh": ["立即就医", "急诊", "120"], "en": ["seek emergency care", "112/911"]}
TOPICAL = {"zh": ["药膏", "乳膏", "软膏"], "en": ["cream", "ointment", "lotion"]}

Row = dict[str, Any]


@pytest.fixture(scope="module")
def splits() -> dict[str, list[Row]]:
    return {name: load_split(name) for name in SPLITS}


@pytest.fixture(scope="module")
def rows(splits: dict[str, list[Row]]) -> list[Row]:
    return [r for name in SPLITS for r in splits[name]]


def user(row: Row) -> str:
    return str(row["messages"][1]["content"])


def answer(row: Row) -> str:
    return str(row["messages"][2]["content"])


def test_size_and_condition_coverage(rows: list[Row]) -> None:
    assert len(rows) >= 600
    assert len({r["condition"] for r in rows}) >= 25


def test_each_language_at_least_40_percent(rows: list[Row]) -> None:
    counts = Counter(r["lang"] for r in rows)
    assert set(counts) == {"zh", "en"}
    for lang in ("zh", "en"):
        assert counts[lang] / len(rows) >= 0.40, counts


def test_heldout_share_and_coverage(splits: dict[str, list[Row]], rows: list[Row]) -> None:
    heldout = splits["heldout"]
    assert len(heldout) / len(rows) >= 0.10
    assert len({r["condition"] for r in heldout}) >= 25
    assert {r["lang"] for r in heldout} == {"zh", "en"}


def test_no_heldout_question_in_train(splits: dict[str, list[Row]]) -> None:
    train_questions = {user(r) for r in splits["train"]}
    overlap = [r["id"] for r in splits["heldout"] if user(r) in train_questions]
    assert not overlap


def test_ids_are_unique(rows: list[Row]) -> None:
    assert len({r["id"] for r in rows}) == len(rows)


def test_messages_shape(rows: list[Row]) -> None:
    for r in rows:
        assert [m["role"] for m in r["messages"]] == ["system", "user", "assistant"], r["id"]
        assert r["lang"] in ("zh", "en")
        assert isinstance(r["red_flag"], bool)
        assert r["key_facts"], r["id"]
        assert all(isinstance(f, str) for f in r["key_facts"]), r["id"]


def test_four_sections_in_order_and_language_consistent(rows: list[Row]) -> None:
    for r in rows:
        lang, text = r["lang"], answer(r)
        other = SECTION_HEADERS["en" if lang == "zh" else "zh"]
        lines = text.split("\n")
        positions = []
        for head in SECTION_HEADERS[lang]:
            hits = [i for i, line in enumerate(lines) if line.startswith(head)]
            assert len(hits) == 1, (r["id"], head)
            positions.append(hits[0])
        assert positions == sorted(positions), r["id"]
        assert positions[0] == 0, r["id"]
        assert positions[-1] == len(lines) - 1, r["id"]
        steps = lines[positions[1] + 1 : positions[2]]
        assert 2 <= len(steps) <= 4, r["id"]
        assert all(s.startswith(f"{i}. ") for i, s in enumerate(steps, 1)), r["id"]
        assert not any(h in text for h in other), r["id"]
        if lang == "zh":
            assert CJK.search(user(r)), r["id"]
            assert CJK.search(text), r["id"]
        else:
            assert not CJK.search(user(r)), r["id"]
            assert not CJK.search(text), r["id"]


def test_key_facts_present(rows: list[Row]) -> None:
    for r in rows:
        for fact in r["key_facts"]:
            assert fact.lower() in answer(r).lower(), (r["id"], fact)


def test_red_flags_always_escalate(splits: dict[str, list[Row]], rows: list[Row]) -> None:
    red = [r for r in rows if r["red_flag"]]
    assert len(red) / len(rows) >= 0.08
    for name in SPLITS:
        assert {r["lang"] for r in splits[name] if r["red_flag"]} == {"zh", "en"}, name
    for r in red:
        text = answer(r)
        for phrase in ESCALATION[r["lang"]]:
            assert phrase in text, (r["id"], phrase)
        for word in TOPICAL[r["lang"]]:
            assert word not in text.lower(), (r["id"], word)


def test_system_prompt_matches_file(rows: list[Row]) -> None:
    expected = SYSTEM_PROMPT_FILE.read_text(encoding="utf-8").strip()
    assert expected
    assert {str(r["messages"][0]["content"]) for r in rows} == {expected}


def test_generator_validates_and_files_are_current(splits: dict[str, list[Row]]) -> None:
    validate()
    assert generate(load_table()) == splits
