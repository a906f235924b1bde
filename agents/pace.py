"""Does an itinerary ask want an easy pace (older people, small children, bad knees, "relaxed")?

Why: "带我妈一起，她膝盖不太好" got Tianmen Mountain's 999 steps (travel-5 review): the easy-going
words knew elders and children but not a knee, a pram or "no rush". The phrasings are data
(`prompts/pace.yaml`), read here with a short look-back for a wish said away ("no kids",
"不需要轻松") — a cue before the phrase in the same clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from agents.prompt_data import read_yaml

PACE = Path(__file__).parent / "prompts" / "pace.yaml"
CLAUSE_BREAK = re.compile(r"[，,。.;；!！?？\n]")
ZH_LOOK_BACK = 4  # characters
EN_LOOK_BACK = 3  # words


@cache
def pace_words() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(PACE)
    return data


def _phrases() -> list[str]:
    data = pace_words()
    kinds = ("who", "body", "pace")
    said = [w for lang in ("zh", "en") for kind in kinds for w in data[lang][kind]]
    return said + [w for lang in ("zh", "en") for w in data["aids"][lang]]


def _pattern(phrase: str) -> re.Pattern[str]:
    escaped = re.escape(phrase.lower())
    return re.compile(rf"(?<![a-z]){escaped}(?![a-z])" if phrase.isascii() else escaped)


def said_away(before: str) -> bool:
    """A negation cue in the clause just before a phrase."""
    clause = CLAUSE_BREAK.split(before)[-1]
    cues = pace_words()["negated_by"]
    zh_tail = clause[-ZH_LOOK_BACK:]
    en_tail = " ".join(re.findall(r"[a-z']+", clause)[-EN_LOOK_BACK:])
    return any(c in zh_tail for c in cues["zh"]) or any(
        re.search(rf"(?<![a-z']){re.escape(c)}(?![a-z'])", en_tail) for c in cues["en"]
    )


ZH_DIGITS = {"六": 6, "七": 7, "八": 8, "九": 9}


def _ages(text: str) -> list[int]:
    spec = pace_words()["ages"]
    found: list[int] = []
    for p in spec["patterns"]:
        for m in re.finditer(p["re"], text, re.I):
            value = ZH_DIGITS.get(m.group(1)) or int(m.group(1))
            found.append(value * 10 if p["tens"] else value)
    return found


def limits_walking() -> dict[str, Any]:
    spec: dict[str, Any] = pace_words()["limited_walking"]
    return spec


def _limit_pattern(limit: str, zh: bool) -> str:
    return re.escape(limit) if zh else rf"(?<![a-z']){re.escape(limit)}(?![a-z'])"


def _has_limit(window: str, limits: list[str], zh: bool) -> bool:
    return any(re.search(_limit_pattern(w, zh), window) for w in limits)


def _limit_at(window: str, limits: list[str], zh: bool) -> int | None:
    """The unit index (character or word) where the first limit in `window` starts."""
    hits = [m.start() for w in limits if (m := re.search(_limit_pattern(w, zh), window))]
    if not hits:
        return None
    return min(hits) if zh else len(window[: min(hits)].split())


def limited_walking(text: str) -> bool:
    """Walking said to be limited ("走不动", "少走路", "can't walk far", "struggles with
    stairs"), clause by clause, unless said away ("no trouble walking")."""
    spec = limits_walking()
    # "不太方便", "不大好", "不怎么灵活" are "不方便", "不好", "不灵活" with a softener
    text = re.sub(spec["zh_softeners"], "不", text.lower())
    for clause in CLAUSE_BREAK.split(text):
        for w in spec["walking"]["zh"]:
            for m in re.finditer(re.escape(w), clause):
                ahead = clause[m.end() : m.end() + spec["zh_after"]]
                back_from = max(0, m.start() - spec["zh_before"])
                back = clause[back_from : m.start()]
                start = m.start() if _has_limit(ahead, spec["limits"]["zh"], True) else None
                if (
                    start is None
                    and (hit := _limit_at(back, spec["limits"]["zh"], True)) is not None
                ):
                    start = back_from + hit
                if start is not None and not said_away(clause[:start]):
                    return True
        words = re.findall(r"[a-z']+", clause)
        for i, word in enumerate(words):
            if word not in spec["walking"]["en"]:
                continue
            # a limit must start within `en_after` words; a longer phrase is read whole
            # ("walks with a stick")
            after = spec["en_after"]
            ahead_hit = any(
                _has_limit(" ".join(words[i + 1 : i + after + len(x.split())]), [x], False)
                for x in spec["limits"]["en"]
            )
            back_from = max(0, i - spec["en_before"])
            back = " ".join(words[back_from:i])
            start = i if ahead_hit else None
            if start is None and (hit := _limit_at(back, spec["limits"]["en"], False)) is not None:
                start = back_from + hit
            if start is not None and not said_away(" ".join(words[:start])):
                return True
    return False


def said_not_away(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    """Whether any pattern is found in `text` (lower-cased) with no negation cue just before
    it (`said_away`): one reading for a pace wish, less each day, or a pregnancy."""
    return any(not said_away(text[: m.start()]) for p in patterns for m in p.finditer(text))


@cache
def _less_per_day() -> list[re.Pattern[str]]:
    spec = pace_words()["less_per_day"]
    return [re.compile(p) for lang in ("zh", "en") for p in spec[lang]]


def asks_less_per_day(text: str) -> bool:
    """Less each day asked of a plan, or tiredness from it, not said away ("少安排点", "排得太紧了",
    "do less each day", "we're exhausted"; served read 27, r20: "能不能每天少安排点" got more per
    day). A limit on money, shopping or a kind of sight is no such ask (`pace.yaml`)."""
    return said_not_away(_less_per_day(), text.lower())


def wants_easy_pace(text: str) -> bool:
    """True when the text states an easy-pace wish that it does not say away (who comes, what
    their body allows, a mobility aid, walking said to be limited, how fast, less each day),
    or the age of a traveller who is old or young enough for one."""
    lowered = text.lower()
    if asks_less_per_day(lowered):
        return True
    spec = pace_words()["ages"]
    if any(a >= spec["older_from"] or a <= spec["younger_to"] for a in _ages(lowered)):
        return True
    if limited_walking(lowered):
        return True
    return said_not_away((_pattern(phrase) for phrase in _phrases()), lowered)
