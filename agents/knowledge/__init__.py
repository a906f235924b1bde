"""The destination knowledge base: load it, find destinations a text mentions, render fact sheets.

A 0.5B model invents facts freely; a compact sheet of real facts in its system prompt (or returned
by a tool, for models that can call tools) is what keeps its answers grounded. Everything here is
pure and offline: the YAML beside this module is the only source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from config.yaml_data import read_yaml

KB_PATH = Path(__file__).with_name("destinations.yaml")
NATIONALITY_PATH = Path(__file__).with_name("nationality.yaml")
BRANDS_PATH = Path(__file__).with_name("brands.yaml")
DROPPED_PATH = Path(__file__).with_name("dropped.yaml")

Lang = Literal["zh", "en"]
CJK = re.compile(r"[\u4e00-\u9fff]")

# The fields a fact sheet can carry, with their labels in each language.
FIELD_LABELS: dict[str, dict[Lang, str]] = {
    "highlights": {"zh": "主要景点", "en": "Highlights"},
    "suggested_days": {"zh": "建议天数", "en": "Suggested days"},
    "best_seasons": {"zh": "最佳季节", "en": "Best seasons"},
    "getting_there": {"zh": "怎么去", "en": "Getting there"},
    "getting_around": {"zh": "当地交通", "en": "Getting around"},
    "typical_costs": {"zh": "参考花费", "en": "Typical costs"},
    "local_food": {"zh": "当地美食", "en": "Local food"},
    "tips": {"zh": "贴士", "en": "Tips"},
    "currency": {"zh": "货币", "en": "Currency"},
    "emergency_number": {"zh": "急救/报警电话", "en": "Emergency numbers"},
}
Field = str


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled once. Why not `re.search(pattern, …)`: re's own cache holds 512
    patterns and the word, topic and card-name patterns built from the KB and the cards are
    thousands, so every turn recompiled them — routing a turn took ~50 ms p50 instead of ~5
    (benchmarks/results/full/latency_budgets.json, 2026-12-07b)."""
    return re.compile(pattern, flags)


def word_pattern(word: str) -> str:
    """A lower-cased word as a pattern: English only as a whole word ("bus" is not in
    "business"), Chinese anywhere."""
    w = re.escape(word.lower())
    return rf"(?<![a-z]){w}(?![a-z])" if word.isascii() else w


def has_word(words: Sequence[str], text: str) -> bool:
    """A word in the text, case-insensitive (`word_pattern`)."""
    lowered = text.lower()
    return any(compiled(word_pattern(w)).search(lowered) for w in words)


def text_lang(text: str) -> Lang:
    """Chinese if the text has any CJK character (mixed zh/en users read Chinese)."""
    return "zh" if CJK.search(text) else "en"


@dataclass(frozen=True)
class Destination:
    id: str
    name_zh: str
    name_en: str
    data: dict[str, Any]

    def name(self, lang: Lang) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def sight_texts(self) -> list[str]:
        """Its highlights in both languages, lowercased (what an alias may be part of)."""
        return [str(h).lower() for lang in ("zh", "en") for h in self.data["highlights"][lang]]

    @property
    def emergency_number(self) -> str:
        return str(self.data["emergency_number"])

    @property
    def currency(self) -> str:
        return str(self.data.get("currency", "CNY"))

    def field_text(self, field: Field, lang: Lang) -> str | None:
        """One field in one language as a single line, or None when the entry lacks it."""
        if field == "currency":
            return self.currency
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, dict):
            value = value.get(lang)
        if isinstance(value, list):
            return ("、" if lang == "zh" else "; ").join(str(v) for v in value)
        return str(value)

    def fact_sheet(self, fields: Iterable[Field], lang: Lang) -> str:
        lines = [f"[{self.name(lang)} / {self.name('en' if lang == 'zh' else 'zh')}]"]
        for field in fields:
            text = self.field_text(field, lang)
            if text:
                sep = "：" if lang == "zh" else ": "
                lines.append(f"- {FIELD_LABELS[field][lang]}{sep}{text}")
        return "\n".join(lines)


class KnowledgeBase:
    """All destinations, with a matcher for their names and aliases in zh and en."""

    def __init__(self, entries: Sequence[dict[str, Any]]) -> None:
        self.destinations = {
            e["id"]: Destination(e["id"], e["names"]["zh"], e["names"]["en"], e) for e in entries
        }
        self._by_term: dict[str, str] = {}
        # a city's own names, lowercased: a sight explains one away only where it is written
        # (`find`), and a city's name is no sight's ("张家界还有哪些…": sight_wishes)
        self.city_names = frozenset(
            n.lower() for d in self.destinations.values() for n in (d.name_zh, d.name_en)
        )
        # the parts of a compound own name ("桂林/阳朔", "Guilin & Yangshuo") are the city's own
        # names too, for the drop reader only: "不去桂林了" (dropped_compound_rule_2026-12-06j.md)
        self._drop_names = self.city_names | {
            part.strip() for n in self.city_names for part in re.split(r"[/&]", n) if part != n
        }
        # each entry's country names, lowercased (a country name is an alias of one of its cities)
        self._countries = {
            d.id: frozenset(str(d.data.get("country", {}).get(k, "")).lower() for k in ("zh", "en"))
            - {""}
            for d in self.destinations.values()
        }
        # a country's names, zh and en alike, find its only entry (`_standing`)
        self._stands_for = _standing(list(self.destinations.values()))
        # names that are also an everyday word count only as written ("Turkey", not the bird in
        # "a Thanksgiving turkey dinner"; an entry's `cased`)
        self._cased = {str(t).lower(): str(t) for d in entries for t in d.get("cased", [])}
        for d in self.destinations.values():
            country = self._stands_for.get(d.id, ())
            for term in (d.name_zh, d.name_en, *d.data.get("aliases", []), *country):
                self._by_term.setdefault(term.lower(), d.id)
        # Longest terms first so "大理古城" wins over shorter overlapping names; Latin terms
        # must stand alone ("KL" must not match inside "KLCC").
        alternatives = [
            re.escape(t) if CJK.search(t) else rf"(?<![a-z]){re.escape(t)}(?![a-z])"
            for t in sorted(self._by_term, key=len, reverse=True)
        ]
        self._matcher = re.compile("|".join(alternatives), re.IGNORECASE)

    def get(self, key: str) -> Destination | None:
        """By id, name or alias, in either language."""
        key = key.strip()
        if key in self.destinations:
            return self.destinations[key]
        found = self._by_term.get(key.lower())
        return self.destinations[found] if found else None

    def find(self, text: str) -> list[Destination]:
        """Destinations mentioned in the text, in order of first mention, without repeats.

        A destination found only by aliases that are part of a sight of another destination the
        text names is dropped: "台北…故宫" is Taipei's palace museum, not Beijing; "Hanoi…Opera
        House" is not Sydney. A city's own name is dropped so only where the text writes that
        sight round it ("上海南京路" is Shanghai's street): "上海和南京" names both cities
        (place_reading_rule_2026-12-05.md).
        """
        terms = self.mentions(text)

        def explained(match: tuple[str, int], by: str) -> bool:
            term, start = match
            sights = self.destinations[by].sight_texts()
            if term not in self.city_names:
                return any(term in s for s in sights)
            return any(_sight_written_at(text, start, term, s) for s in sights)

        def named(dest_id: str) -> bool:
            others = [o for o in terms if o != dest_id]
            return any(not any(explained(t, o) for o in others) for t in terms[dest_id])

        anchored = {d for d in terms if named(d)}
        keep = [d for d in terms if d in anchored or not (anchored - {d})]
        keep = [d for d in keep if not self._country_of_a_named_city(d, terms[d], keep)]
        return [self.destinations[d] for d in keep]

    def mentions(self, text: str) -> dict[str, list[tuple[str, int]]]:
        """Each destination's matched terms (lower-cased) and where they start, in order of first
        mention; before `find` drops any."""
        return self._read(text)[0]

    def dropped(self, text: str) -> set[str]:
        """The cities the text drops from the trip ("首尔不去了", "we axed the Seoul leg")."""
        return self._read(text)[1]

    def _read(self, text: str) -> tuple[dict[str, list[tuple[str, int]]], set[str]]:
        terms: dict[str, list[tuple[str, int]]] = {}
        gone: set[str] = set()
        brands = [(b.start(), b.end()) for b in brand_names().finditer(text)]
        for m in self._matcher.finditer(text):
            if any(start <= m.start() < end for start, end in brands):
                continue  # "Jeju Air", "济州航空": an airline, not the place
            if self._drops(text, m.group(0).lower(), m.start()):
                gone.add(self._by_term[m.group(0).lower()])
                continue  # "首尔不去了": not where they go (dropped.yaml)
            term = m.group(0).lower()
            if term in self._cased and m.group(0) != self._cased[term]:
                continue  # "turkey" the bird, not "Turkey" the country
            if self._nationality(term, text[: m.start()], text[m.end() :]):
                continue  # "UK citizens", "英国护照", "我们是日本人": who travels, not where to
            terms.setdefault(self._by_term[term], []).append((term, m.start()))
        return terms, gone

    def _drops(self, text: str, term: str, start: int) -> bool:
        """Whether the city's own name matched at `start` is dropped from the trip, not written
        as part of one of its sights ("去掉西安城墙" drops the wall, not Xi'an)."""
        if term not in self._drop_names or not drops_city(text, start, start + len(term)):
            return False
        sights = self.destinations[self._by_term[term]].sight_texts()
        return not any(_sight_written_at(text, start, term, s) for s in sights)

    def _country_of_a_named_city(
        self, dest_id: str, matched: list[tuple[str, int]], found: list[str]
    ) -> bool:
        """Whether this entry was matched only by its country's name while the text names one
        of that country's other cities: "泰国清迈" is Chiang Mai, not Bangkok (whose alias 泰国
        is); a country written alone still finds its entry (country_and_city_rule_2026-12-05)."""
        country = self._countries[dest_id]
        if not all(term in country for term, _ in matched):
            return False
        return any(o != dest_id and self._countries[o] == country for o in found)

    def _nationality(self, term: str, before: str, after: str) -> bool:
        """Whether the words round a matched country name make it the traveller's nationality
        (`nationality.yaml`); a city's name never is."""
        words = nationality_words()
        if term not in self._countries[self._by_term[term]] | set(words["forms"]):
            return False
        if not CJK.search(term):
            holders = "|".join(map(re.escape, words["en"]))
            return re.match(rf"\s+(?:{holders})\b", after, re.IGNORECASE) is not None
        if any(after.startswith(w) for w in words["zh"]):
            return True
        if not after.startswith(words["people"]):
            return False
        rest = after[len(words["people"]) :]
        return before.endswith(tuple(words["people_before"])) or rest.startswith(
            tuple(words["people_after"])
        )

    def find_in_thread(self, texts: Sequence[str], limit: int = 2) -> list[Destination]:
        """The destinations of a conversation, newest turn first (the current one wins)."""
        found: dict[str, Destination] = {}
        gone: set[str] = set()  # dropped by a newer turn ("首尔不去了"), unless named again since
        for text in reversed(texts):
            for d in self.find(text):
                if d.id not in gone:
                    found.setdefault(d.id, d)
                if len(found) >= limit:
                    return list(found.values())
            gone |= self.dropped(text)
        return list(found.values())


def _standing(destinations: Sequence[Destination]) -> dict[str, tuple[str, ...]]:
    """Each entry that is its country's only one in the KB, with the country's names (`country:
    {zh, en}`): the entry is all the KB holds there, so either name finds it. "United Kingdom"
    found nothing while 英国 and UK found London, 印度尼西亚 nothing while Indonesia found Bali
    (country_names_rule_2026-12-05.md); derived here so the two languages cannot drift apart. A
    country of several entries keeps the aliases its entries carry (日本 on Tokyo, not "Japan"):
    its name is not one city's, and more aliases there led to more single-city answers (a
    Hokkaido trip planned as Tokyo)."""
    by_country: dict[tuple[str, ...], list[Destination]] = {}
    for d in destinations:
        country = d.data.get("country", {})
        names = tuple(str(country[k]) for k in ("zh", "en") if country.get(k))
        by_country.setdefault(names, []).append(d)
    return {
        entries[0].id: names for names, entries in by_country.items() if names and len(entries) == 1
    }


def _sight_written_at(text: str, start: int, term: str, sight: str) -> bool:
    """Whether the text writes this (lowered) sight round the term matched at `start`: it goes
    on with the sight's next character or word after the term ("南京" + "路"), or has its
    character or word before it. Only a written part of the sight counts: "dali" is in
    "badaling", but "Beijing and Dali" writes no "ng" after it."""
    unit = r"[^\s]" if CJK.search(term) else r"[^\s]+"
    end = start + len(term)
    for i in (m.start() for m in re.finditer(re.escape(term), sight)):
        after = re.match(rf"\s*{unit}", sight[i + len(term) :])
        before = re.search(rf"{unit}\s*$", sight[:i])
        if after and text[end : end + len(after.group(0))].lower() == after.group(0):
            return True
        if before and text[max(0, start - len(before.group(0))) : start].lower() == before.group(0):
            return True
    return False


@cache
def nationality_words(path: Path = NATIONALITY_PATH) -> dict[str, Any]:
    """`nationality.yaml` as word lists: holders (zh, en), the people word and its cues, the
    country forms."""
    data = read_yaml(path)
    return {
        "zh": list(data["holder_words"]["zh"]),
        "en": list(data["holder_words"]["en"]),
        "people": str(data["people_word"]),
        "people_before": list(data["people_before"]),
        "people_after": list(data["people_after"]),
        "forms": [str(f).lower() for f in data["country_forms"]],
    }


@cache
def brand_names(path: Path = BRANDS_PATH) -> re.Pattern[str]:
    """`brands.yaml` as one pattern: names holding a place's name that are not the place."""
    data = read_yaml(path)
    names = [rf"(?<![a-z]){re.escape(n)}(?![a-z])" for n in data["en"]]
    names += [re.escape(n) for n in data["zh"]]
    return re.compile("|".join(names), re.I)


@cache
def drop_phrases(path: Path = DROPPED_PATH) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`dropped.yaml`: the phrases written right after a city's name, and right before it."""
    data = read_yaml(path)
    return re.compile("|".join(data["before"]), re.I), re.compile("|".join(data["after"]), re.I)


@cache
def kept_phrases(path: Path = DROPPED_PATH) -> re.Pattern[str]:
    """`dropped.yaml` `kept`: the phrases written right before a place's name that keep it."""
    return re.compile("|".join(read_yaml(path)["kept"]), re.I)


def kept_at(text: str, start: int) -> bool:
    """Whether a phrase keeping the place ends right before text[start:] ("don't forget …")."""
    return any(m.end() == start for m in kept_phrases().finditer(text, 0, start))


def drops_city(text: str, start: int, end: int) -> bool:
    """Whether the city name at text[start:end] is dropped from the trip (`dropped.yaml`)."""
    if re.match(r"的|['’]s\b", text[end:]):
        return False  # "skip Kyoto's busiest temples": a thing of the city
    before, after = drop_phrases()
    return bool(before.match(text, end)) or any(m.end() == start for m in after.finditer(text))


@cache
def load_kb(path: Path = KB_PATH) -> KnowledgeBase:
    return KnowledgeBase(read_yaml(path))
