"""Do travel answers name places nobody vetted? A metric with its controls.

Why: asked where to stay in Istanbul (not in the KB), the 0.5B base model recommended a
"Burgundy area" (served read 2026-12-02b, r9). The model must not be the source of place facts
it cannot know. Two rows, pure functions over an answer:

- **unvetted places**: place names in the answer (Latin capitalised names; Chinese names ending in
  a place word, `places.yaml`) that neither the question, the whole destination KB, nor the
  official sources hold. An answer passes with none.
- **helpful**: the answer names at least `helpful_min` kinds of safe general advice (transit,
  reviews, safety, booking, official sources, cost, hours, food hygiene, choosing by interest).

Controls (`controls`): `canned_no_info` — "I have no information about that destination" — must
pass the first row and fail the second; the raw base model's answers (the "before" of a run, or
`evals.travel.run --variants before`) must fail the first. Proxies both: a sentence-initial lone
name ("Sultanahmet is …") is missed, and a capitalised brand can be counted; the review reads the
answers.

    python -m evals.travel.places RESULT.json [RESULT2.json …]   # graph_run outputs
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from agents.kb_answer import official_sources
from agents.knowledge import KB_PATH, Lang, has_word, text_lang
from config.yaml_data import read_yaml

PHRASES = Path(__file__).with_name("places.yaml")
LATIN_NAME = re.compile(
    r"[A-Z][\w'’\-]*[a-z][\w'’\-]*(?:\s+(?:of|de|la|del|the|and|&)?\s*[A-Z][\w'’\-]+)*"
)
SENTENCE = re.compile(r"(?<=[.!?。！？:：\n])\s*|^\s*")
LEAD = re.compile(r"^\s*(?:[-*•]+|\d{1,2}[.)、]|\*\*|#+)\s*")
CANNED_NO_INFO: dict[Lang, str] = {
    "zh": "抱歉，我没有这个目的地的信息。",
    "en": "Sorry, I have no information about that destination.",
}


@cache
def _phrases() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(PHRASES)
    return data


REPO = Path(__file__).resolve().parents[2]


@cache
def vetted_text() -> str:
    """Everything the app may name: the whole KB, the official sources and its own template
    words (`app_texts`), lowercased."""
    parts = [json.dumps(read_yaml(KB_PATH), ensure_ascii=False),
             json.dumps(official_sources(), ensure_ascii=False)]  # fmt: skip
    for name in _phrases()["app_texts"]:
        # the values of the template and card files, not their comments (which quote invented
        # answers)
        path = REPO / name
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        parts += [json.dumps(read_yaml(p), ensure_ascii=False) for p in files]
    return "\n".join(parts).lower()


@cache
def _zh_name() -> re.Pattern[str]:
    suffixes = "|".join(sorted(map(re.escape, _phrases()["zh_suffixes"]), key=len, reverse=True))
    return re.compile(rf"[\u4e00-\u9fff]{{1,8}}?(?:{suffixes})")


def _zh_names(text: str) -> list[str]:
    breaks = re.compile("[" + re.escape(_phrases()["zh_breaks"]) + r"\s\-]")
    generic = set(_phrases()["zh_generic"])
    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        for m in _zh_name().finditer(run):
            name = breaks.split(m.group(0))[-1]
            after = run[m.end() : m.end() + 1]
            if after and m.group(0)[-1] + after in generic:
                continue  # "根据寺|庙": the place word goes on into a generic word
            if len(name) < 3 or name in generic:
                continue
            tail = next((g for g in sorted(generic, key=len, reverse=True) if name.endswith(g)), "")
            if tail and len(name) - len(tail) <= 1:
                continue  # "择中档酒店": a generic word with a stray character before it
            out.append(name)
    return out


def _latin_names(text: str) -> list[str]:
    stop = {w.lower() for w in _phrases()["en_not_places"]}
    lead = {w.lower() for w in _phrases()["en_lead_words"]}
    out = []
    for sentence in SENTENCE.split(text):
        sentence = LEAD.sub("", sentence)
        for m in LATIN_NAME.finditer(sentence):
            name = m.group(0).strip()
            words = name.split()
            first = m.start() == 0 or not sentence[: m.start()].strip()
            if first and len(words) == 1:
                continue  # a lone first word is read as ordinary English
            if re.match(r"\**\s*[:：]", sentence[m.end() :]):
                continue  # a Title Case heading ("Cooking Tips:", "**Transport Access**:")
            while words and words[0].lower() in lead:
                words = words[1:]  # "Explore the Louvre", "In London"
            if not words or (first and len(words) == 1 and words[0] != name.split()[-1]):
                continue
            name = re.sub(r"['’]s$", "", " ".join(words))
            if name.lower() in stop or all(w.lower() in stop for w in words):
                continue
            out.append(name)
    return out


def place_names(answer: str) -> list[str]:
    """Every place-looking name in the answer (module doc)."""
    return _zh_names(answer) + _latin_names(answer)


def unvetted_places(answer: str, question: str) -> list[str]:
    """The place names the answer gives that the question, the KB and the official sources lack."""
    known = vetted_text() + "\n" + question.lower()
    out = []
    for name in place_names(answer):
        core = name.lower()
        parts = re.split(r"\s+(?:and|&)\s+", core)
        if core in known or all(p in known for p in parts):
            continue  # "Eiffel Tower and Louvre": two vetted names
        if not core.isascii():
            # "参观兵马俑博物馆": a vetted name with words before it; "西湖区": the KB's "西湖"
            generic = set(_phrases()["zh_generic"])
            if any(core[i:] in known and core[i:] not in generic for i in range(len(core) - 2)):
                continue
            stem = re.sub(f"({'|'.join(map(re.escape, _phrases()['zh_suffixes']))})$", "", core)
            if len(stem) >= 2 and stem in known:
                continue
        out.append(name)
    return sorted(set(out))


def advice_kinds(answer: str) -> list[str]:
    return [k for k, spec in _phrases()["advice_kinds"].items()
            if has_word([*spec["zh"], *spec["en"]], answer)]  # fmt: skip


def helpful(answer: str) -> bool:
    return len(advice_kinds(answer)) >= int(_phrases()["helpful_min"])


def score(answer: str, question: str) -> dict[str, Any]:
    places = unvetted_places(answer, question)
    return {"unvetted_places": places, "no_unvetted_places": not places,
            "advice_kinds": advice_kinds(answer), "helpful": helpful(answer)}  # fmt: skip


def controls(question: str) -> dict[str, dict[str, Any]]:
    return {"canned_no_info": score(CANNED_NO_INFO[text_lang(question)], question)}


def summarise(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Share of answers with no unvetted place and share helpful, for each group of rows."""
    out: dict[str, Any] = {}
    for group in sorted({str(r.get("kb", "all")) for r in records}):
        rows = [r for r in records if str(r.get("kb", "all")) == group]
        scored = [score(r["answer"], r["question"]) for r in rows]
        canned = [controls(r["question"])["canned_no_info"] for r in rows]
        out[group] = {
            "n": len(rows),
            "no_unvetted_places": sum(s["no_unvetted_places"] for s in scored),
            "helpful": sum(s["helpful"] for s in scored),
            "canned_no_unvetted_places": sum(s["no_unvetted_places"] for s in canned),
            "canned_helpful": sum(s["helpful"] for s in canned),
            "named": {
                r["id"]: s["unvetted_places"]
                for r, s in zip(rows, scored, strict=True)
                if s["unvetted_places"]
            },
        }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, nargs="+", help="graph_run outputs")
    args = parser.parse_args(argv)
    for path in args.results:
        data = json.loads(path.read_text(encoding="utf-8"))
        print(path.name, data.get("commit"))
        print(json.dumps(summarise(data["records"]), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
