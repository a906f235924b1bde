"""Countries and provinces the KB holds several destinations of (`regions.yaml`).

Why: a trip is often asked by country or province ("想去云南玩一周", "10 days in Japan"). The KB
is kept by city, so such an ask got "no such destination", or, where the country's name is an
alias of one entry (日本 → Tokyo), a plan of that one city padded one sight a day — while the KB
holds 昆明, 大理, 丽江, 西双版纳 or Kyoto and Osaka. The planner already plans several named cities
in one trip; this says which cities a region means.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from agents.knowledge import Destination, KnowledgeBase, Lang, has_word, load_kb, word_pattern
from config.yaml_data import read_yaml

REGIONS_PATH = Path(__file__).with_name("regions.yaml")
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True)
class Region:
    id: str
    names: dict[Lang, tuple[str, ...]]
    places: tuple[str, ...]  # destination ids, in route order
    elsewhere: tuple[str, ...] = ()  # places in it the KB has no entry for

    def name(self, lang: Lang) -> str:
        return self.names[lang][0]

    def named_in(self, text: str) -> bool:
        return has_word([n for lang in LANGS for n in self.names[lang]], text)

    def without_names(self, text: str) -> str:
        """The text with the region's own names blanked (an entry may carry them as aliases)."""
        for lang in LANGS:
            for n in self.names[lang]:
                text = re.sub(word_pattern(n), " ", text, flags=re.IGNORECASE)
        return text


@cache
def load_regions(path: Path = REGIONS_PATH) -> tuple[Region, ...]:
    """Every region; a place that is no KB entry, or a region of fewer than two, stops start-up."""
    kb = load_kb()
    regions = []
    for raw in read_yaml(path)["regions"]:
        names: dict[Lang, tuple[str, ...]] = {
            lang: tuple(str(n) for n in raw["names"][lang]) for lang in LANGS
        }
        places = tuple(str(p) for p in raw["places"])
        if len(places) < 2 or any(p not in kb.destinations for p in places):
            raise ValueError(f"region {raw.get('id')!r}: two or more KB entries needed: {places}")
        elsewhere = tuple(str(e) for e in raw.get("elsewhere") or ())
        regions.append(Region(str(raw["id"]), names, places, elsewhere))
    return tuple(regions)


def region_asked(text: str, kb: KnowledgeBase | None = None) -> Region | None:
    """The region the text names when it names none of that region's destinations by their own
    names or aliases ("日本大阪三天" is Osaka's) and no place in it the KB lacks ("Japan …
    北海道")."""
    kb = kb or load_kb()
    for region in load_regions():
        if not region.named_in(text) or has_word(region.elsewhere, text):
            continue
        named = {d.id for d in kb.find(region.without_names(text))}
        if not named & set(region.places):
            return region
    return None


def region_destinations(region: Region, kb: KnowledgeBase | None = None) -> list[Destination]:
    kb = kb or load_kb()
    return [kb.destinations[p] for p in region.places]


def not_planned(region: Region, planned: Sequence[Destination], lang: Lang) -> list[str]:
    """The region's destinations a plan left out, by name."""
    ids = {d.id for d in planned}
    return [d.name(lang) for d in region_destinations(region) if d.id not in ids]


def thread_region(user_texts: Sequence[str], kb: KnowledgeBase | None = None) -> Region | None:
    """The region of the thread's newest earlier turn that names a region or a KB city ("想去日本"
    … "帮我排五天"): a follow-up on a region plan is about the region, not the one city its name
    is an alias of (日本 → Tokyo). A city named later wins."""
    kb = kb or load_kb()
    for text in reversed(user_texts[:-1]):
        if (region := region_asked(text, kb)) is not None:
            return region
        if kb.find(text):
            return None
    return None
