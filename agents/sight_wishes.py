"""Which KB sights a plan question asks for, and which it says it does not want.

Why: the planner read a sight the question names only as a wish to put it first, so "不去中山陵，
我们上次去过了" still got 中山陵 on day 1 (travel-6 review). A sight is named by the parts of its
KB text and of its area's name (`name_keys`); whether a mention is a wish or a refusal is read
from cues around it in the same clause (`prompts/sight_wishes.yaml`: "不去", "去过了", "skip",
"we've already been to", "not interested"…), before or after the name, up to a turn word ("但",
"but", "want"). Refused sights are left out of the plan and named as left out at the traveller's
word. A sight said as done ("昨天去了鼓浪屿") is refused too; one set aside for others ("除了兵马俑
还有哪些…", "stuck in the queue at X, what else…") is left out of a KB list only
(sights_set_aside_rule_2026-12-05.md).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from agents.highlights import Sight
from agents.knowledge import drops_city, kept_at, load_kb
from agents.pace import CLAUSE_BREAK, said_away
from agents.prompt_data import read_yaml

WORDS = Path(__file__).parent / "prompts" / "sight_wishes.yaml"
SIGHT_PARTS = re.compile(r"[（）()、，,/]|与|\band\b|\bor\b|\bday trip\b|一日游", re.I)
PARENTHESES = re.compile(r"[（(][^）)]*[）)]")
# A long Chinese key is also named by its first characters ("秦淮河" for "秦淮河夜游").
ZH_PREFIX = 3
ZH_PREFIX_FROM = 5


@cache
def wish_words() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(WORDS)
    return data


def _good_key(key: str) -> bool:
    return len(key) >= 4 and key[0].isupper() if key.isascii() else len(key) >= 2


def name_keys(sight: Sight, *, whole_area: bool = True) -> list[str]:
    """How a question may name a sight: the parts of its KB text and of its area's name
    ("乐山", "Nara", "Tsukiji"), its first two words; English keys only as proper names.
    `whole_area=False` leaves out the sights an area's name lists in brackets ("城南（夫子庙、
    中华门）"): refusing one of them is not refusing its neighbours."""
    words = sight.text.split()
    area = sight.area.name if whole_area else PARENTHESES.sub("", sight.area.name)
    own = [p.strip() for p in SIGHT_PARTS.split(sight.text)]
    # refusing a place that an area's name lists beside others ("天安门、故宫与国博") is not
    # refusing the others (np7-13: 故宫 refused 国博): only a one-place area name counts
    # unless the sight's own text holds it ("筑地" of 筑地场外市场)
    area_parts = SIGHT_PARTS.split(area)
    if not whole_area and len(area_parts) > 1:
        area_parts = [
            p for p in area_parts if p.strip() and p.strip().lower() in sight.text.lower()
        ]
    # the short names people write for it ("兵马俑", "城墙": short_names_rule_2026-12-06.md)
    parts = own + area_parts + list(sight.called)
    parts += [" ".join(words[:2])] if len(words) > 2 else []
    keys = [re.sub(r"^the\s+", "", p.strip()) for p in parts]
    keys += [k[:ZH_PREFIX] for k in keys if not k.isascii() and len(k) >= ZH_PREFIX_FROM]
    if not whole_area:
        # a refusal names a part of the sight: "迪士尼" (上海迪士尼乐园), "Universal Studios"
        # (Universal Studios Singapore)
        keys += [k[i : i + n] for k in own if not k.isascii() for n in (3, 4)
                 for i in range(len(k) - n + 1)]  # fmt: skip
        # and any two neighbouring words of it: "the weekend market" (Chatuchak Weekend Market)
        keys += [" ".join(k.split()[i : i + 2]) for k in own if k.isascii()
                 for i in range(len(k.split()) - 1)]  # fmt: skip
    return list(dict.fromkeys(k.lower() for k in keys if _good_key(k)))


def mentions(keys: Sequence[str], text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    for key in keys:
        pattern = rf"(?<![a-z]){re.escape(key)}" if key.isascii() else re.escape(key)
        found += list(re.finditer(pattern, text))
    return found


def _cue(window: str, cues: Sequence[str]) -> bool:
    """A cue in the window that is not itself negated ("还没去过", "haven't seen")."""
    undo = wish_words()["undone_by"]
    for c in cues:
        pattern = rf"(?<![a-z']){re.escape(c)}(?![a-z'])" if c.isascii() else re.escape(c)
        for m in re.finditer(pattern, window):
            before = window[: m.start()]
            zh_undone = any(before.endswith(u) for u in undo["zh"])
            en_undone = any(
                re.search(rf"(?<![a-z']){re.escape(u)}\s*$", before) for u in undo["en"]
            )
            if not (zh_undone or en_undone):
                return True
    return False


def _turned(text: str, m: re.Match[str]) -> bool:
    """A turn word that is not itself negated ("不想去" is no turn to a wish)."""
    before = text[: m.start()]
    return not (before.endswith(("不", "没", "别")) or re.search(r"\b(not|don't|no)\s*$", before))


def _before_turn(text: str, lang: str, last: bool) -> str:
    """The part of `text` on the sight's side of a turn word (after the last one when the text
    is before the sight, before the first one when it is after)."""
    turns = wish_words()["turns"][lang]
    cuts = [
        m
        for t in turns
        for m in re.finditer(
            rf"(?<![a-z']){re.escape(t)}(?![a-z'])" if t.isascii() else re.escape(t), text
        )
        if _turned(text, m)
    ]
    if not cuts:
        return text
    if last:
        return text[max(m.end() for m in cuts) :]
    return text[: min(m.start() for m in cuts)]


def _visited(window: str, pattern: re.Pattern[str]) -> bool:
    """ "来过" / "逛过" in the window, not undone ("还没来过")."""
    undo = wish_words()["undone_by"]["zh"]
    return any(not window[: m.start()].endswith(tuple(undo)) for m in pattern.finditer(window))


def _clause(m: re.Match[str], text: str) -> tuple[str, str]:
    """The text of `m`'s clause before and after it."""
    start = max((b.end() for b in CLAUSE_BREAK.finditer(text, 0, m.start())), default=0)
    ends = [b.start() for b in CLAUSE_BREAK.finditer(text, m.end())]
    return text[start : m.start()], text[m.end() : ends[0] if ends else len(text)]


def refused_at(m: re.Match[str], text: str) -> bool:
    """Whether the words at `m` in `text` (lower-cased) are said as not wanted: a sight's name,
    or an interest's words ("not into shopping", "对博物馆没兴趣", agents/interests.py)."""
    if kept_at(text, m.start()):
        return False  # "don't forget the Louvre": a wish (knowledge/dropped.yaml `kept`)
    w = wish_words()
    before, after = _clause(m, text)
    zh_back = _before_turn(before, "zh", last=True)[-w["zh_before"] :]
    zh_ahead = _before_turn(after, "zh", last=False)[: w["zh_after"]]
    en_back = " ".join(_before_turn(before, "en", last=True).split()[-w["en_before"] :])
    en_ahead = " ".join(_before_turn(after, "en", last=False).split()[: w["en_after"]])
    visited = re.compile(w["zh_visited"])
    return (
        # a phrase that drops a place right by its name ("…就别去了", "forget about …"):
        # knowledge/dropped.yaml, as for a city (sight_drop_casual_rule_2026-12-07b.md)
        drops_city(text, m.start(), m.end())
        or _cue(zh_back, w["before"]["zh"])
        or _cue(zh_ahead, w["after"]["zh"])
        or _visited(zh_back, visited)
        or _visited(zh_ahead, visited)
        or _cue(en_back, w["before"]["en"])
        or _cue(en_ahead, w["after"]["en"])
    )


@cache
def _set_aside_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(an ask for others, a zh done cue) from `set_aside` in the word file."""
    w = wish_words()["set_aside"]
    return re.compile(f"{w['else_ask']['zh']}|{w['else_ask']['en']}"), re.compile(w["done"]["zh"])


def asks_for_others(text: str) -> bool:
    """Whether the (lower-cased) text asks for other places or things to do (`else_ask`): "还有
    什么好玩的", "what else is worth seeing"; not one about a sight itself ("还有什么要注意")."""
    return _set_aside_patterns()[0].search(text) is not None


def done_at(m: re.Match[str], text: str) -> bool:
    """ "昨天去了X", "刚在X", "we did X this morning": the sight named at `m` in `text`
    (lower-cased) is behind them, not undone ("还没去了"; "never went to")."""
    if m.group().lower() in load_kb().city_names:
        return False
    w = wish_words()
    before = _clause(m, text)[0]
    zh_back = before[-w["zh_before"] :]
    en_back = " ".join(before.split()[-w["en_before"] :])
    return _visited(zh_back, _set_aside_patterns()[1]) or _cue(
        en_back, w["set_aside"]["done"]["en"]
    )


def set_aside_at(m: re.Match[str], text: str) -> bool:
    """Whether the sight named at `m` in `text` (lower-cased) is set aside for others in a
    list: the text asks for others and names it refused, after a besides word, or before that
    ask, with no wish, plan or adding word by it (sights_set_aside_rule_2026-12-05.md). Why:
    "除了长城还有什么好玩的" asks for the others, while "除了长城还想去颐和园" adds; the refusal
    cues leave 除了 out for that reason. A plan keeps the sight: "what else besides the panda
    base, 3 days" still goes there."""
    if m.group().lower() in load_kb().city_names:
        return False
    asks = list(_set_aside_patterns()[0].finditer(text))
    if not asks:
        return False
    if refused_at(m, text):
        return True  # "不想去长城，还有什么…"
    w = wish_words()
    words = w["set_aside"]
    before, after = _clause(m, text)
    # what stands by the sight, up to an ask for others that follows it in its clause
    ahead = next((a.start() - m.end() for a in asks if a.start() >= m.end()), len(after))
    after = after[: min(ahead, len(after))]
    zh_back, en_back = before[-w["zh_before"] :], " ".join(before.split()[-w["en_before"] :])
    zh_by = zh_back + " " + after[: w["zh_after"]]
    en_by = " ".join([en_back, *after.split()[: w["en_after"]]])
    if _cue(zh_by, words["keeps"]["zh"]) or _cue(en_by, words["keeps"]["en"]):
        return False
    # "除了X" / "besides X" before it; after it the ask is about X ("长城除了爬还有什么玩法")
    if _cue(after, words["besides"]["zh"]) or _cue(after, words["besides"]["en"]):
        return False
    besides = _cue(zh_back, words["besides"]["zh"]) or _cue(en_back, words["besides"]["en"])
    return besides or any(a.start() >= m.end() for a in asks)


def refused(sight: Sight, question: str) -> bool:
    """The question names the sight and says it is not wanted there, or done already
    ("昨天去了X")."""
    text = question.lower()
    return any(
        refused_at(m, text) or done_at(m, text)
        for m in mentions(name_keys(sight, whole_area=False), text)
    )


def wished_at(m: re.Match[str], text: str) -> bool:
    """The sight named at `m` in `text` (lower-cased) is named as a wish: not said away, not
    refused, not done. One predicate for the plan's wishes and the one-sight ask reader, so the
    two can't disagree on what a mention means."""
    return not said_away(text[: m.start()]) and not refused_at(m, text) and not done_at(m, text)


def asked(sight: Sight, question: str, *, whole_area: bool = True) -> bool:
    """The question names the sight as a wish (`wished_at`); `whole_area=False`: by its own
    name only, not a neighbour's in its area's name ("卢浮宫除外" keeps the Louvre, not Orsay,
    when museums are said away)."""
    if whole_area and refused(sight, question):
        # said away by its own name: a neighbour's name in its area's name is no wish for it
        # ("第二天去掉西安城墙，换成回民街": 回民街 is in the wall's area;
        # day_drop_rule_2026-12-07a.md)
        return False
    text = question.lower()
    return any(wished_at(m, text) for m in mentions(name_keys(sight, whole_area=whole_area), text))


def named_first(candidates: Sequence[Sight], question: str) -> list[Sight]:
    """The sights the question asks for ("想去华山", "a day at Universal Studios") ahead of
    the rest, else KB order: when the days are short, a wish beats the KB's order (travel-6
    review: Nara, 华山 and 乐山 asked for and left out)."""
    wished = [s for s in candidates if asked(s, question)]
    return wished + [s for s in candidates if s not in wished]


def split_refused(candidates: Sequence[Sight], question: str) -> tuple[list[Sight], list[Sight]]:
    """(the sights the plan may use, the sights the question refuses)."""
    out = [s for s in candidates if refused(s, question)]
    return [s for s in candidates if s not in out], out


def split_set_aside(candidates: Sequence[Sight], question: str) -> tuple[list[Sight], list[Sight]]:
    """(the sights a list may name, the ones the question says are done or sets aside for
    others: "昨天去了鼓浪屿", "除了兵马俑还有哪些…", "stuck in the queue at X, what else…")."""
    text = question.lower()
    out = [
        s
        for s in candidates
        if any(
            done_at(m, text) or set_aside_at(m, text)
            for m in mentions(name_keys(s, whole_area=False), text)
        )
    ]
    return [s for s in candidates if s not in out], out


def without_names(candidates: Sequence[Sight], question: str, keep: Collection[str] = ()) -> str:
    """The question (lower case) with every mention of a candidate's name blanked out: what is
    left says the traveller's own words ("去过灵隐寺" names a sight, it is no wish for temples;
    "we've done the British Museum" is no interest in museums). A key in `keep` is left: a kind
    word that is also part of a name ("寺庙" of Chiang Mai's "古城（寺庙、周日夜市）")."""
    text = question.lower()
    for sight in candidates:
        keys = [k for k in name_keys(sight) if k not in keep]
        for m in mentions(keys, text):
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return text
