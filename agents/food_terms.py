"""Food and dining-custom terms asked about with no destination, answered from vetted notes.

Why: asked "what does omakase mean?" or "is it rude to stand chopsticks in rice?", the 0.5B base
model answered all eight such questions of a served read wrongly and with confidence ("sushi
bread", "it's polite"; 2026-12-03b). So the food & culture expert answers a named term from
`knowledge/food_terms.yaml` (each entry sourced), and a general question that names none gets a
plain "no vetted note" with where to look, never the model's guess. A term named beside a KB
destination's food answer is added to it; an ask about a KB destination its entry cannot answer
(a show, a class, a venue) is said plainly too (`no_fact_answer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.food_answer import TIP_JOIN
from agents.kb_answer import KbAnswer, official_line
from agents.knowledge import Destination, Lang, has_word, load_kb
from agents.prompt_data import read_yaml

TERMS_PATH = Path(__file__).parent / "knowledge" / "food_terms.yaml"
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True)
class FoodTerm:
    id: str
    names: dict[str, str]
    aliases: tuple[str, ...]
    text: dict[str, str]
    source: dict[str, str]

    def line(self, lang: Lang) -> str:
        return str(_texts()[lang]["item"].format(name=self.names[lang], text=self.text[lang]))


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(TERMS_PATH)
    return data


def _texts() -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = _data()["texts"]
    return texts


@cache
def food_terms() -> tuple[FoodTerm, ...]:
    """Every entry, checked: both languages, aliases and a source (a bad file stops start-up)."""
    terms = []
    for raw in _data()["terms"]:
        for key in ("names", "text", "aliases"):
            if any(not raw[key].get(lang) for lang in LANGS):
                raise ValueError(f"food term {raw.get('id')}: {key} needs zh and en")
        if not raw["source"].get("name") or not raw["source"].get("url"):
            raise ValueError(f"food term {raw['id']}: a source needs a name and a url")
        aliases = tuple(a for lang in LANGS for a in raw["aliases"][lang])
        terms.append(FoodTerm(raw["id"], raw["names"], aliases, raw["text"], raw["source"]))
    return tuple(terms)


def named_terms(question: str) -> list[FoodTerm]:
    return [t for t in food_terms() if has_word(list(t.aliases), question)]


def term_lines(terms: list[FoodTerm], lang: Lang) -> list[str]:
    """Each term's note, then one line of their sources."""
    if not terms:
        return []
    sources = dict.fromkeys(f"{t.source['name']} {t.source['url']}" for t in terms)
    return [
        *(t.line(lang) for t in terms),
        _texts()[lang]["sources"].format(sources=TIP_JOIN[lang].join(sources)),
    ]


def terms_answer(terms: list[FoodTerm], lang: Lang) -> KbAnswer:
    return KbAnswer("food_terms", "\n\n".join([_texts()[lang]["intro"], *term_lines(terms, lang)]))


def no_fact_answer(destination: Destination, lang: Lang) -> KbAnswer:
    """A food or culture ask about a KB destination that its entry does not answer (a show, a
    class, a venue): said plainly, with the entry's dishes and its official sources. The base
    model invented a federation's website for "where to watch Muay Thai in Bangkok" (2026-12-03)."""
    joiner = "、" if lang == "zh" else ", "
    foods = joiner.join(destination.data.get("local_food", {}).get(lang, []))
    text = _texts()[lang]["no_fact"].format(name=destination.name(lang), foods=foods)
    lines = [text]
    if official := official_line([destination], lang, "food_culture"):
        lines.append(official)
    return KbAnswer("no_food_fact", "\n\n".join(lines), (destination.id,))


def no_note_answer(lang: Lang) -> KbAnswer:
    """A general food or customs question the notes and the KB cannot answer."""
    joiner = "、" if lang == "zh" else ", "
    names = joiner.join(t.names[lang] for t in food_terms())
    count = len(load_kb().destinations)
    return KbAnswer("no_food_note", _texts()[lang]["unknown"].format(terms=names, count=count))
