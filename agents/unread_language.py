"""Whether a turn is written in a language Trip Genius does not read, and the fixed reply to it.

Why: the service reads Chinese and English only (`text_lang`: "zh" if any Han, else "en"), so
"Ich habe einen Sonnenbrand am Rücken, was soll ich tun?" was read as English and the doctor said
"that doesn't sound like a skin problem" — wrong, and for a turn that might hide an emergency, a
confident answer to words nobody read. Such a turn now gets a fixed reply: we read Chinese and
English, please write in one of them, and the local emergency numbers
(evals/triage/results/third_language_rule_2026-12-05.md).

How, with no language-ID library in the lock: by script — kana, Hangul, Thai, Cyrillic … weigh
against Han and Latin (a dense script's character counts one, an alphabet's ~2.5 letters one) —
and, for Latin text, by function words (`knowledge/function_words.yaml`): the Latin part is
another language only with at least two of its function words and more of them than English
ones. The turn is unread only when the foreign part outweighs the Chinese and English part, so
a foreign name or word inside a zh/en turn ("Kyoto の ramen", "去首尔 명동 购物", "Danke! plan 3
days in Berlin") stays ours, and so do "ok", "好的", emoji and numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from agents.knowledge import Destination, Lang
from agents.prompt_data import read_yaml

WORDS = Path(__file__).parent / "knowledge" / "function_words.yaml"
REPLY = Path(__file__).parent / "prompts" / "unread_language.yaml"

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HIRAGANA = re.compile(r"[\u3041-\u3096]")
KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d]")  # not ー or ・, which zh uses
# Han characters Chinese writes and Japanese never does (simplified forms, zh particles): a turn
# with one of them is Chinese even beside katakana ("我想在東京吃一蘭ラーメン，要排队吗").
UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
ZH_ONLY = re.compile(r"[吗呢吧们这还没给让说么怎什啊呀哪嗎們這還給讓說麼]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
# Alphabets other than Latin, each a language (or a family) of its own.
ALPHABETS: dict[str, re.Pattern[str]] = {
    "ko": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3131-\u318e]"),  # Hangul: dense
    "ru": re.compile(r"[\u0400-\u04ff]"),  # Cyrillic; "uk" when it has Ukrainian letters
    "el": re.compile(r"[\u0370-\u03ff]"),
    "th": re.compile(r"[\u0e00-\u0e7f]"),
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "he": re.compile(r"[\u0590-\u05ff]"),
    "hi": re.compile(r"[\u0900-\u097f]"),
    "other": re.compile(
        r"[\u0530-\u058f\u0980-\u0dff\u0e80-\u0eff\u1000-\u109f\u10a0-\u10ff\u1780-\u17ff]"
    ),
}
DENSE = frozenset({"ko"})  # a syllable block per character, like Han
LETTERS_PER_UNIT = 2.5  # an alphabet's letters that weigh one Han character
MIN_UNITS = 2.0  # less than this of a foreign language ("네", "Merci") is not a turn in it
MIN_FOREIGN_WORDS = 2


@dataclass(frozen=True)
class FunctionWords:
    english: frozenset[str]
    foreign: dict[str, frozenset[str]]  # per language, without any word English also has


@cache
def function_words() -> FunctionWords:
    data: dict[str, list[str]] = read_yaml(WORDS)
    english = frozenset(str(w) for w in data["en"])
    shared = {str(w) for lang, words in data.items() if lang != "en" for w in words} & english
    foreign = {
        lang: frozenset(str(w) for w in words) - shared
        for lang, words in data.items()
        if lang != "en"
    }
    return FunctionWords(english - shared, foreign)


def latin_language(text: str) -> str | None:
    """The language of the turn's Latin-script words when they are not English (its code, or
    "latin" when two languages tie), else None."""
    words = function_words()
    tokens = [t.lower() for t in LATIN_WORD.findall(text)]
    english = sum(t in words.english for t in tokens)
    foreign = [t for t in tokens if any(t in ws for ws in words.foreign.values())]
    if len(foreign) < MIN_FOREIGN_WORDS or len(foreign) <= english:
        return None
    hits = Counter({lang: sum(t in ws for t in foreign) for lang, ws in words.foreign.items()})
    (top, n), (_, second) = hits.most_common(2)
    return top if n > second else "latin"


def unread_language(text: str) -> str | None:
    """The language of a turn we cannot read (a code such as "de", "ja", "ko"; "latin" or
    "other" when unsure which), or None when the turn is Chinese, English or too little to say."""
    text = unicodedata.normalize("NFC", text)
    han, kana = len(HAN.findall(text)), len(KANA.findall(text))
    japanese = kana >= 2 and (len(HIRAGANA.findall(text)) >= 3 or kana >= han)
    japanese = japanese and not ZH_ONLY.search(text)
    units: defaultdict[str, float] = defaultdict(float)  # weight of each foreign language
    units["ja"] += kana + (han if japanese else 0)
    ours = 0.0 if japanese else float(han)
    for lang, pattern in ALPHABETS.items():
        found = len(pattern.findall(text))
        if lang == "ru" and UKRAINIAN.search(text):
            lang = "uk"  # never a Russian line for a Ukrainian turn
        units[lang] += found if lang in DENSE else found / LETTERS_PER_UNIT
    latin = sum(len(w) for w in LATIN_WORD.findall(text)) / LETTERS_PER_UNIT
    latin_lang = latin_language(text)
    if latin_lang is None:
        ours += latin
    else:
        units[latin_lang] += latin
    foreign = sum(units.values())
    if foreign < MIN_UNITS or foreign <= ours:
        return None
    return max(units, key=lambda lang: units[lang])


def unread_reply(language: str, numbers: dict[Lang, str], destination: Destination | None) -> str:
    """The fixed reply: a line in the turn's language where we have one, then English and
    Chinese, each with the emergency numbers (`numbers`: emergency.yaml's line per language)."""
    data = read_yaml(REPLY)
    number = destination.emergency_number if destination else str(data["local_unknown"])
    local = data["local"].get(language)
    parts = [str(local).format(number=number)] if local else []
    parts += [str(data[lang]).format(numbers=numbers[lang]).strip() for lang in ("en", "zh")]
    return "\n\n".join(parts)


def load_unread_language_data() -> None:
    """Read the words and the reply now (at graph build), not on the event loop mid-turn."""
    function_words()
    read_yaml(REPLY)
