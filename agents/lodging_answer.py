"""The accommodation expert's KB-led answer: lodging prices, where the sights are, no guessing.

Why: asked where to stay, the 0.5B base model invented places (a "Central Park Hotel near the
iconic Central Park" in London, validation run 1, va-15; a "Burgundy area" of Istanbul, served
read 2026-12-02b, r9). The KB has no vetted hotels or "best district to stay in"; what it has is
given as it stands (`prompts/lodging.yaml`): the lodging clauses of `typical_costs`, the `areas`
the sights are in (those marked `apart` said to be out of town), an area the question names,
`getting_around`, the lodging tips; then the general advice on choosing a place to stay
(`prompts/kb_gap.yaml`). A destination the KB lacks gets `kb_gap.gap_answer` instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from agents.highlights import Sight, sights
from agents.kb_answer import KbAnswer, official_line
from agents.kb_gap import gap_texts
from agents.knowledge import Destination, Lang, has_word
from agents.lodging_budget import budget_line
from agents.prompt_data import read_yaml

TEXTS = Path(__file__).parent / "prompts" / "lodging.yaml"
CLAUSE = re.compile(r"[；;]")
LABEL = re.compile(r"^\s*(住宿|Accommodation)\s*[：:]\s*", re.I)
NOTE = re.compile(r"[（(]")
PARTS = re.compile(r"[、,，/；;]|与|和|及|\band\b", re.I)
ARTICLE = re.compile(r"^(the|a)\s+", re.I)
JOIN = {"zh": "、", "en": ", "}
LIST_JOIN = {"zh": "；", "en": "; "}


@cache
def lodging_texts() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(TEXTS)
    return data


def _words(key: str) -> list[str]:
    spec = lodging_texts()[key]
    return [*spec["zh"], *spec["en"]]


def lodging_prices(destination: Destination, lang: Lang) -> str:
    """The lodging clauses of `typical_costs`: the run of clauses from its start about lodging."""
    text = destination.field_text("typical_costs", lang) or ""
    kept: list[str] = []
    for clause in CLAUSE.split(text):
        if not has_word(_words("lodging_words"), clause):
            break
        kept.append(LABEL.sub("", clause.strip()).rstrip("。."))
    return LIST_JOIN[lang].join(kept)


def _short(sight: Sight) -> str:
    return NOTE.split(sight.text)[0].strip()


def _item(area: str, names: Sequence[str], lang: Lang) -> str:
    """An area with its sights, leaving out those its name already holds."""
    rest = [n for n in names if n.lower() not in area.lower()]
    if not rest:
        return area
    return str(
        lodging_texts()["texts"][lang]["item_sights"].format(
            area=area, sights=JOIN[lang].join(rest)
        )
    )


def _grouped(every: Sequence[Sight], lang: Lang) -> list[tuple[bool, str]]:
    """(apart, the area with its sights) in the entry's area order."""
    areas: dict[int, tuple[str, bool, list[str]]] = {}
    for s in sorted(every, key=lambda s: s.area.order):
        areas.setdefault(s.area.order, (s.area.name, s.area.apart, []))[2].append(_short(s))
    return [(apart, _item(area, names, lang)) for area, apart, names in areas.values()]


def _asked_areas(question: str, every: Sequence[Sight]) -> list[Sight]:
    """A sight of each area whose name (or a sight's) the question names ("鼓浪屿", "the Bund"):
    "near the Bund or in the French Concession?" asks of two."""
    lowered = question.lower()
    out: dict[int, Sight] = {}
    for s in every:
        parts = PARTS.split(NOTE.split(s.area.name)[0]) + PARTS.split(_short(s))
        for part in (ARTICLE.sub("", p.strip()).lower() for p in parts):
            if len(part) >= (2 if not part.isascii() else 4) and part in lowered:
                out.setdefault(s.area.order, s)
    return list(out.values())


def lodging_answer(question: str, destination: Destination, lang: Lang) -> KbAnswer:
    """Where to stay, from the KB entry as it stands, with general advice (module doc)."""
    t = lodging_texts()["texts"][lang]
    name = destination.name(lang)
    lines = [str(t["intro"].format(name=name))]
    if prices := lodging_prices(destination, lang):
        lines.append(str(t["prices"].format(text=prices)))
    if budget := budget_line(question, destination, lang):
        lines.append(budget)
    every = sights(destination, lang)
    groups = _grouped(every, lang)
    for asked in _asked_areas(question, every):
        item = _item(asked.area.name, [_short(s) for s in every if s.area == asked.area], lang)
        key = "asked_apart" if asked.area.apart else "asked"
        lines.append(str(t[key].format(item=item)))
    town = [item for apart, item in groups if not apart]
    out = [item for apart, item in groups if apart]
    if town:
        lines.append(str(t["areas"].format(items=LIST_JOIN[lang].join(town))))
    if out:
        lines.append(str(t["apart"].format(items=LIST_JOIN[lang].join(out))))
    if around := destination.field_text("getting_around", lang):
        lines.append(str(t["around"].format(text=around)))
    tips = [x for x in destination.data.get("tips", {}).get(lang, [])
            if has_word(_words("tip_words"), x)]  # fmt: skip
    if tips:
        lines.append(str(t["tips"].format(text=LIST_JOIN[lang].join(tips))))
    advice = gap_texts()["advice"]["accommodation"][lang]
    lines.append(str(t["advice_intro"]) + "\n" + "\n".join(f"- {a}" for a in advice))
    if official := official_line([destination], lang, "accommodation"):
        lines.append(official)
    return KbAnswer("lodging", "\n\n".join(lines), (destination.id,))
