"""The hazard rules, compiled once from `hazards.yaml` beside this module.

The YAML is the one source of truth for what the guard looks for; this module only turns it into
typed, compiled values and fails loudly (at start-up, not mid-answer) when the file is malformed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from config.yaml_data import read_yaml

HAZARDS_PATH = Path(__file__).parent / "hazards.yaml"
Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
# Tags with their own logic in the checker (situation- or age-dependent).
EMERGENCY_TAG = "cream_for_emergency"
AGE_TAG = "child_under_age"


class HazardRulesError(ValueError):
    """`hazards.yaml` is missing a part or holds a bad regular expression."""


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise HazardRulesError(f"bad pattern {pattern!r}: {exc}") from exc


@dataclass(frozen=True)
class Cues:
    patterns: tuple[re.Pattern[str], ...]
    window: int


@dataclass(frozen=True)
class Negation:
    before: tuple[Cues, ...]
    after: tuple[Cues, ...]
    pseudo: tuple[re.Pattern[str], ...]
    clause_break: tuple[re.Pattern[str], ...]
    list_goes_on: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class HazardTag:
    name: str
    patterns: tuple[re.Pattern[str], ...]
    requires: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    safe: Mapping[Lang, str]
    # In a travel answer the tag needs this context in the sentence (None: it always applies).
    context: str | None = None
    # The negation is the hazard ("you don't need a rabies jab"): patterns count as written, not
    # only where no negation cue advises against them.
    as_written: bool = False


@dataclass(frozen=True)
class AgeLimit:
    product: str
    min_age: float
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class HazardRules:
    tags: Mapping[str, HazardTag]
    general: frozenset[str]
    negation: Negation
    age_limits: tuple[AgeLimit, ...]
    contexts: Mapping[str, tuple[re.Pattern[str], ...]]
    travel_safe: Mapping[Lang, str]

    def safe_line(self, tag: str, lang: Lang) -> str:
        return self.tags[tag].safe[lang]

    def in_context(self, tag: HazardTag, text: str) -> bool:
        """Whether the sentence has the words the tag's context needs (always, without one)."""
        if tag.context is None:
            return True
        return any(p.search(text) for p in self.contexts[tag.context])


def _cues(spec: Mapping[str, Any]) -> tuple[Cues, ...]:
    """One or more cue groups per language, each with its own window."""
    groups = []
    for lang in LANGS:
        per_lang = spec[lang]
        for group in per_lang if isinstance(per_lang, list) else [per_lang]:
            groups.append(Cues(tuple(_compile(c) for c in group["cues"]), int(group["window"])))
    return tuple(groups)


def _negation(spec: Mapping[str, Any]) -> Negation:
    openers = "|".join(re.escape(w) for w in spec["openers"])
    breaks = tuple(
        _compile(spec["clause_break"][lang].replace("{openers}", openers)) for lang in LANGS
    )
    return Negation(
        before=_cues(spec["before"]),
        after=_cues(spec["after"]),
        pseudo=tuple(_compile(p) for lang in LANGS for p in spec["pseudo"][lang]),
        clause_break=breaks,
        list_goes_on=tuple(_compile(p) for p in spec.get("list_goes_on", ())),
    )


def _tag(name: str, spec: Mapping[str, Any]) -> HazardTag:
    safe = spec["safe"]
    if not all(safe.get(lang) for lang in LANGS):
        raise HazardRulesError(f"tag {name!r} needs a safe line in zh and en")
    return HazardTag(
        name=name,
        patterns=tuple(_compile(p) for lang in LANGS for p in spec["patterns"][lang]),
        requires=tuple(_compile(p) for p in spec.get("requires", ())),
        unless=tuple(_compile(p) for p in spec.get("unless", ())),
        safe={lang: str(safe[lang]) for lang in LANGS},
        context=spec.get("context"),
        as_written=bool(spec.get("as_written", False)),
    )


def parse_rules(data: Mapping[str, Any]) -> HazardRules:
    try:
        tags = {name: _tag(name, spec) for name, spec in data["tags"].items()}
        general = frozenset(data["general"])
        negation = _negation(data["negation"])
        limits = tuple(
            AgeLimit(a["product"], float(a["min_age"]), tuple(_compile(p) for p in a["patterns"]))
            for a in data["age_limits"]
        )
        contexts = {
            name: tuple(_compile(p) for lang in LANGS for p in spec[lang])
            for name, spec in data["contexts"].items()
        }
        travel_safe = {lang: str(data["travel_safe"][lang]) for lang in LANGS}
    except (KeyError, TypeError) as exc:
        raise HazardRulesError(f"hazards.yaml is missing or misshapes {exc}") from exc
    unknown = general - tags.keys()
    if unknown:
        raise HazardRulesError(f"general tags without rules: {sorted(unknown)}")
    if missing := {t.context for t in tags.values() if t.context} - contexts.keys():
        raise HazardRulesError(f"tags name contexts that are not defined: {sorted(missing)}")
    return HazardRules(tags, general, negation, limits, contexts, travel_safe)


@cache
def load_rules(path: Path = HAZARDS_PATH) -> HazardRules:
    import yaml

    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise HazardRulesError(f"cannot read hazard rules {path}: {exc}") from exc
    return parse_rules(data)
