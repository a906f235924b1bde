"""Sanity checks for the hand-built data assets.

- agents/knowledge/destinations.yaml: the destination knowledge base
- graph/routing/data/{train,dev}.jsonl: labelled router data
- tests/conversations/*.yaml: scripted multi-turn conversations
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from agents.registry import ALL_EXPERTS, DOMAIN_OF, TRAVEL_EXPERTS

ROOT = Path(__file__).resolve().parents[2]
KB_PATH = ROOT / "agents" / "knowledge" / "destinations.yaml"
ROUTER_DIR = ROOT / "graph" / "routing" / "data"
CONV_DIR = ROOT / "tests" / "conversations"

EXPERTS = ALL_EXPERTS  # the registry's one list
CJK = re.compile(r"[\u4e00-\u9fff]")


# --------------------------------------------------------------------------- knowledge base

BILINGUAL_TEXT = (
    "names",
    "country",
    "best_seasons",
    "getting_there",
    "getting_around",
    "typical_costs",
)
BILINGUAL_LIST = ("highlights", "local_food", "tips")
KB_REQUIRED = (
    "id",
    "names",
    "aliases",
    "country",
    "highlights",
    "best_seasons",
    "getting_there",
    "getting_around",
    "typical_costs",
    "local_food",
    "suggested_days",
    "tips",
    "emergency_number",
)


@pytest.fixture(scope="module")
def kb() -> list[dict[str, Any]]:
    data = yaml.safe_load(KB_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_kb_size_and_unique_ids(kb: list[dict[str, Any]]) -> None:
    assert len(kb) >= 45
    ids = [d["id"] for d in kb]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    domestic = [d for d in kb if "currency" not in d]
    international = [d for d in kb if "currency" in d]
    assert len(domestic) >= 28
    assert len(international) >= 14


def test_kb_entries_complete(kb: list[dict[str, Any]]) -> None:
    for d in kb:
        where = d.get("id")
        for key in KB_REQUIRED:
            assert d.get(key), f"{where}: missing {key}"
        for key in BILINGUAL_TEXT:
            assert set(d[key]) == {"zh", "en"}, f"{where}: {key} must have zh and en"
            assert isinstance(d[key]["zh"], str), f"{where}: {key}.zh"
            assert CJK.search(d[key]["zh"]), f"{where}: {key}.zh"
            assert isinstance(d[key]["en"], str), f"{where}: {key}.en"
            assert d[key]["en"].strip(), f"{where}: {key}.en"
        for key in BILINGUAL_LIST:
            assert set(d[key]) == {"zh", "en"}, f"{where}: {key} must have zh and en"
            for lang in ("zh", "en"):
                items = d[key][lang]
                assert isinstance(items, list), f"{where}: {key}.{lang}"
                assert items, f"{where}: {key}.{lang}"
                assert all(isinstance(x, str) and x.strip() for x in items), f"{where}: {key}"
        for lang in ("zh", "en"):
            assert 4 <= len(d["highlights"][lang]) <= 6, f"{where}: highlights.{lang}"
            assert 2 <= len(d["tips"][lang]) <= 4, f"{where}: tips.{lang}"
        assert isinstance(d["aliases"], list)
        assert all(isinstance(a, str) for a in d["aliases"])
        assert isinstance(d["suggested_days"], str)
        assert re.fullmatch(r"\d+(-\d+)?", d["suggested_days"])
        assert isinstance(d["emergency_number"], str)
        assert re.search(r"\d{2,}", d["emergency_number"])


def test_kb_must_have_destinations(kb: list[dict[str, Any]]) -> None:
    ids = {d["id"] for d in kb}
    for must in (
        "hangzhou",
        "beijing",
        "shanghai",
        "xian",
        "chengdu",
        "sanya",
        "lhasa",
        "hongkong",
        "macau",
        "taipei",
        "tokyo",
        "seoul",
        "bangkok",
        "singapore",
        "paris",
        "london",
        "new_york",
        "dubai",
    ):
        assert must in ids


# --------------------------------------------------------------------------- router data


def _load_jsonl(name: str) -> list[dict[str, Any]]:
    rows = []
    for i, line in enumerate((ROUTER_DIR / name).read_text(encoding="utf-8").splitlines()):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:  # pragma: no cover - message only
                raise AssertionError(f"{name}:{i + 1} invalid JSON: {e}") from e
    return rows


@pytest.fixture(scope="module")
def train() -> list[dict[str, Any]]:
    return _load_jsonl("train.jsonl")


@pytest.fixture(scope="module")
def dev() -> list[dict[str, Any]]:
    return _load_jsonl("dev.jsonl")


def _norm(t: str) -> str:
    return re.sub(r"\s+", " ", t.strip().lower())


@pytest.mark.parametrize(("split", "minimum", "min_also"), [("train", 900, 20), ("dev", 200, 10)])
def test_router_split_schema(
    split: str, minimum: int, min_also: int, request: pytest.FixtureRequest
) -> None:
    rows = request.getfixturevalue(split)
    assert len(rows) >= minimum
    allowed = {"text", "lang", "domain", "expert", "note", "also", "needs_context"}
    for r in rows:
        assert set(r) <= allowed, r
        assert isinstance(r["text"], str), r
        assert r["text"].strip(), r
        assert r["lang"] in {"zh", "en", "mixed"}, r
        assert r["expert"] in EXPERTS, r
        assert r["domain"] == DOMAIN_OF[r["expert"]], r
        if r["lang"] == "en":
            assert not CJK.search(r["text"]), r
        else:
            assert CJK.search(r["text"]), r
        if "also" in r:
            assert r["also"], r
            assert all(a in EXPERTS for a in r["also"]), r
            assert r["expert"] not in r["also"], r
        if "needs_context" in r:
            assert r["needs_context"] is True, r
        if "note" in r:
            assert isinstance(r["note"], str), r
            assert r["note"], r
    texts = [_norm(r["text"]) for r in rows]
    assert len(texts) == len(set(texts)), "duplicate texts within split"
    assert sum("also" in r for r in rows) >= min_also
    assert any(r.get("needs_context") for r in rows)


@pytest.mark.parametrize("split", ["train", "dev"])
def test_router_every_class_both_languages(split: str, request: pytest.FixtureRequest) -> None:
    rows = request.getfixturevalue(split)
    seen = Counter((r["expert"], r["lang"]) for r in rows)
    per_class = Counter(r["expert"] for r in rows)
    for e in EXPERTS:
        assert seen[(e, "zh")] >= 5, (split, e, "zh")
        assert seen[(e, "en")] >= 5, (split, e, "en")
        # reasonably balanced: each class at least 8% of the split
        assert per_class[e] >= 0.08 * len(rows), (split, e, per_class[e])
    assert any(r["lang"] == "mixed" for r in rows)


def test_router_no_train_dev_overlap(
    train: list[dict[str, Any]], dev: list[dict[str, Any]]
) -> None:
    overlap = {_norm(r["text"]) for r in train} & {_norm(r["text"]) for r in dev}
    assert not overlap, sorted(overlap)[:10]


def test_router_dev_has_adversarial_cases(dev: list[dict[str, Any]]) -> None:
    oos = [r["text"] for r in dev if r["expert"] == "out_of_scope"]
    assert any("SYSTEM" in t or "系统" in t for t in oos), "injection cases missing"
    assert sum(1 for r in dev if r.get("note")) >= 10


# --------------------------------------------------------------------------- conversation scripts

TAGS = {
    "emergency",
    "multi_intent",
    "followup",
    "topic_switch",
    "injection",
    "long_message",
    "out_of_scope",
    "lookalike",
    "adversarial",
    "mixed_language",
    "practicalities",
}


def _scripts() -> list[tuple[Path, dict[str, Any]]]:
    return [
        (p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(CONV_DIR.glob("*.yaml"))
    ]


@pytest.fixture(scope="module")
def scripts() -> list[tuple[Path, dict[str, Any]]]:
    return _scripts()


def test_scripts_count_and_languages(scripts: list[tuple[Path, dict[str, Any]]]) -> None:
    assert len(scripts) >= 34
    langs = Counter(s["lang"] for _, s in scripts)
    assert set(langs) <= {"zh", "en", "mixed"}
    assert langs["zh"] >= 12, langs
    assert langs["en"] >= 12, langs


@pytest.mark.parametrize(("path", "script"), _scripts(), ids=lambda v: getattr(v, "stem", ""))
def test_script_schema(path: Path, script: dict[str, Any]) -> None:
    assert script["name"] == path.stem
    assert isinstance(script.get("description"), str)
    assert script["description"]
    assert script["lang"] in {"zh", "en", "mixed"}
    assert script.get("tags"), "tags missing"
    assert set(script["tags"]) <= TAGS, script["tags"]
    turns = script["turns"]
    assert isinstance(turns, list)
    assert turns
    for t in turns:
        assert set(t) == {"user", "expect"}, t
        assert isinstance(t["user"], str)
        assert t["user"].strip()
        exp = t["expect"]
        assert set(exp) <= {"experts", "safety", "contains_any", "not_experts"}, exp
        experts = exp["experts"]
        assert isinstance(experts, list)
        assert experts
        assert len(experts) == len(set(experts))
        assert all(e in EXPERTS for e in experts), experts
        safety = exp.get("safety", False)
        assert isinstance(safety, bool)
        # an emergency answer and a safety event go together
        assert safety == ("emergency" in experts), t["user"][:60]
        if "contains_any" in exp:
            assert safety, "contains_any is only for emergency turns"
            assert exp["contains_any"]
            assert all(isinstance(x, str) and x for x in exp["contains_any"])
        if "not_experts" in exp:
            assert all(e in EXPERTS for e in exp["not_experts"])
            assert not set(exp["not_experts"]) & set(experts)


def _tagged(scripts: list[tuple[Path, dict[str, Any]]], tag: str) -> list[dict[str, Any]]:
    return [s for _, s in scripts if tag in s["tags"]]


def _turn_experts(s: dict[str, Any]) -> list[set[str]]:
    return [set(t["expect"]["experts"]) for t in s["turns"]]


def test_script_categories(scripts: list[tuple[Path, dict[str, Any]]]) -> None:
    emergency = _tagged(scripts, "emergency")
    assert len(emergency) >= 6
    assert {s["lang"] for s in emergency} >= {"zh", "en"}
    for s in emergency:
        em_turns = [t for t in s["turns"] if t["expect"].get("safety")]
        assert em_turns, s["name"]
        assert all(t["expect"].get("contains_any") for t in em_turns), s["name"]
    # an emergency in the middle of a travel chat
    assert any(
        not s["turns"][0]["expect"].get("safety")
        and any(t["expect"].get("safety") for t in s["turns"][1:])
        and any(set(e) & set(TRAVEL_EXPERTS) for e in _turn_experts(s))
        for s in emergency
    )
    # the user refuses escalation but the turn is still an emergency
    assert any(
        t["expect"].get("safety") and re.search(r"don'?t call|别叫|不要打", t["user"], re.I)
        for s in emergency
        for t in s["turns"]
    )

    multi = _tagged(scripts, "multi_intent")
    assert len(multi) >= 4
    for s in multi:
        assert any(
            len(e) >= 2 and "medical" in e and e & {"food_culture", "itinerary"}
            for e in _turn_experts(s)
        ), s["name"]

    assert len(_tagged(scripts, "followup")) >= 6
    for s in _tagged(scripts, "followup"):
        assert len(s["turns"]) >= 2, s["name"]

    switches = _tagged(scripts, "topic_switch")
    assert len(switches) >= 4
    for s in switches:
        assert len({frozenset(e) for e in _turn_experts(s)}) >= 2, s["name"]

    injections = _tagged(scripts, "injection")
    assert len(injections) >= 4
    for s in injections:
        assert any(
            e == {"out_of_scope"} and "medical" in t["expect"].get("not_experts", [])
            for t, e in zip(s["turns"], _turn_experts(s), strict=True)
        ), s["name"]

    longs = _tagged(scripts, "long_message")
    assert len(longs) >= 2
    assert any(len(t["user"]) >= 1500 for s in longs for t in s["turns"])
    assert all(max(len(t["user"]) for t in s["turns"]) >= 800 for s in longs)
    assert any("medical" in e for s in longs for e in _turn_experts(s))

    assert len(_tagged(scripts, "out_of_scope")) >= 2

    all_experts = {e for _, s in scripts for es in _turn_experts(s) for e in es}
    assert all_experts >= set(EXPERTS)
