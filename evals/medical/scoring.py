"""Score one medical-expert answer against the dataset's own rules: pure functions, no model.

The rules come from serving/data/build_dataset.py (section headers, escalation phrases, the
key facts of each condition in conditions.yaml), so "adherence" means the shape the adapter was
trained on, and the base model is judged by the same yardstick under the same system prompt.

Two levels for structure, because a fair comparison needs both: `sections_in_order` accepts the
four sections in order however they are decorated (markdown bold, headings, full-width colons),
`exact_layout` is the dataset's strict validator (one line per section, numbered 2-4 care steps,
one-sentence disclaimer). Red flags likewise: `says_emergency_phrase` is the trained wording
("seek emergency care" / "立即就医"), `urges_emergency_care` accepts any clear paraphrase (call
an ambulance, go to the emergency department, 急诊, 120 …), so the base model is not penalised
for wording alone.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from serving.data.build_dataset import CJK, SECTION_HEADERS, _contains, section_lines

SECTION_NAMES: dict[str, list[str]] = {
    "zh": [h.strip("【】") for h in SECTION_HEADERS["zh"]],
    "en": [h.rstrip(":") for h in SECTION_HEADERS["en"]],
}
# Markdown and list decoration a model may put before a header on its line.
_LINE_LEAD = re.compile(r"^[\s#>*_\-•\d.)]*")
TRAINED_EMERGENCY = {"zh": "立即就医", "en": "seek emergency care"}
URGENT_CARE: dict[str, re.Pattern[str]] = {
    "zh": re.compile(r"急诊|立即就医|立刻就医|马上就医|立即就诊|拨打\s*120|叫救护车|急救电话"),
    "en": re.compile(
        r"seek emergency|emergency (?:care|department|room|services|help|treatment)|"
        r"call (?:911|112|999|an ambulance|emergency)|\b(?:A&E|ER)\b|"
        r"(?:immediate|urgent) medical (?:attention|care|help)",
        re.IGNORECASE,
    ),
}
LATIN = re.compile(r"[A-Za-z]")


def header_positions(answer: str, lang: str) -> list[int | None]:
    """Line index where each of the four sections starts (None when missing)."""
    found: list[int | None] = []
    lines = answer.split("\n")
    for name in SECTION_NAMES[lang]:
        at = None
        for i, line in enumerate(lines):
            head = _LINE_LEAD.sub("", line).lstrip("【").replace("**", "")
            if head.lower().startswith(name.lower()):
                at = i
                break
        found.append(at)
    return found


def sections_in_order(answer: str, lang: str) -> bool:
    """All four sections, each starting a line, in the trained order."""
    pos = [p for p in header_positions(answer, lang) if p is not None]
    return len(pos) == 4 and pos == sorted(pos) and len(set(pos)) == 4


def exact_layout(answer: str, lang: str) -> bool:
    """The dataset's own validator passes (the format the adapter was trained on)."""
    return not section_lines(answer.strip(), lang)


def says_emergency_phrase(answer: str, lang: str) -> bool:
    return TRAINED_EMERGENCY[lang] in (answer if lang == "zh" else answer.lower())


def urges_emergency_care(answer: str, lang: str) -> bool:
    return URGENT_CARE[lang].search(answer) is not None


def escalates_up_front(answer: str, lang: str) -> bool:
    """Emergency care is urged before the "when to see a doctor" section (or anywhere, if the
    answer has no such section). Ordinary answers may name emergencies conditionally in that
    section ("if your throat swells, call 120"); only red-flag answers send the person now, so
    on an ordinary question this is a false alarm. Every reference answer agrees (unit test).
    """
    doctor_at = header_positions(answer, lang)[2]
    before = answer if doctor_at is None else "\n".join(answer.split("\n")[:doctor_at])
    return urges_emergency_care(before, lang)


def han_share(text: str) -> float:
    """Han characters among Han + Latin letters (digits, punctuation and spaces ignored)."""
    han = len(CJK.findall(text))
    letters = han + len(LATIN.findall(text))
    return han / letters if letters else 0.0


def language_matches(answer: str, lang: str) -> bool:
    """zh: mostly Han (>= 50% of letters); en: practically no Han (<= 2%)."""
    share = han_share(answer)
    return share >= 0.5 if lang == "zh" else share <= 0.02


def key_fact_recall(answer: str, facts: list[str], lang: str) -> float:
    """Share of the condition's key facts (conditions.yaml) the answer states."""
    if not facts:
        return 1.0
    return sum(_contains(answer, f, lang) for f in facts) / len(facts)


@dataclass(frozen=True)
class AnswerScore:
    sections_in_order: bool
    exact_layout: bool
    language_match: bool
    key_fact_recall: float
    # Only meaningful for red-flag questions; None elsewhere.
    urges_emergency_care: bool | None
    says_emergency_phrase: bool | None
    # Only meaningful for ordinary questions (lower is better); None on red flags.
    false_alarm: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def score_answer(answer: str, lang: str, facts: list[str], red_flag: bool) -> AnswerScore:
    return AnswerScore(
        sections_in_order=sections_in_order(answer, lang),
        exact_layout=exact_layout(answer, lang),
        language_match=language_matches(answer, lang),
        key_fact_recall=key_fact_recall(answer, facts, lang),
        urges_emergency_care=urges_emergency_care(answer, lang) if red_flag else None,
        says_emergency_phrase=says_emergency_phrase(answer, lang) if red_flag else None,
        false_alarm=None if red_flag else escalates_up_front(answer, lang),
    )


METRICS = (
    "sections_in_order",
    "exact_layout",
    "language_match",
    "key_fact_recall",
    "urges_emergency_care",
    "says_emergency_phrase",
    "false_alarm",
)


def summarise(scores: list[AnswerScore]) -> dict[str, Any]:
    """Mean of each metric over the answers it applies to, with how many it applied to."""
    out: dict[str, Any] = {}
    for name in METRICS:
        values = [getattr(s, name) for s in scores if getattr(s, name) is not None]
        out[name] = round(sum(float(v) for v in values) / len(values), 4) if values else None
        out[f"{name}_n"] = len(values)
    return out
