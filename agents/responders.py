"""The responders that never call a model: the emergency escalation, the urgent-care banner and the
out-of-scope reply.

All are fixed bilingual templates (YAML beside the prompts), so what a user gets in an emergency
or after an injection attempt cannot be steered by the user's text or a model's mood.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.emergency_signs import emergency_signs
from agents.expert import PROMPTS_DIR
from agents.knowledge import Destination, Lang
from agents.onboard import onboard_line
from agents.onboard import settings as onboard_settings
from agents.small_talk import small_talk
from agents.unread_language import unread_reply
from config.yaml_data import read_yaml

EMERGENCY_TEMPLATE = PROMPTS_DIR / "emergency.yaml"
CATEGORIES = PROMPTS_DIR / "emergency_categories.yaml"
SELF_HARM_TEMPLATE = PROMPTS_DIR / "self_harm.yaml"
URGENT_CARE_TEMPLATE = PROMPTS_DIR / "urgent_care.yaml"
OUT_OF_SCOPE_TEMPLATE = PROMPTS_DIR / "out_of_scope.yaml"
SELF_HARM = "self_harm"


@cache
def _template(path: Path) -> dict[str, Any]:

    data: dict[str, Any] = read_yaml(path)
    return data


@dataclass(frozen=True)
class Escalation:
    """What the safety layer found, in words for the reply (per language)."""

    summaries: Sequence[dict[str, str]] = ()
    advice: Sequence[dict[str, str]] = ()
    # the reply frame of emergency.yaml ("": the call-now frame). `watch` when every category is
    # self-care with a point to call (heat exhaustion), whose advice says when to call
    frame: str = ""


def emergency_numbers(lang: Lang, destination: Destination | None) -> str:
    numbers = _template(EMERGENCY_TEMPLATE)["numbers"]
    if destination is None:
        return str(numbers["unknown"][lang])
    return str(
        numbers["known"][lang].format(
            number=destination.emergency_number, place=destination.name(lang)
        )
    )


def emergency_reply(
    lang: Lang, destination: Destination | None, found: Escalation, user_texts: Sequence[str] = ()
) -> str:
    """The fixed first-aid reply; `user_texts` place the person (on a plane: the crew first)."""
    template = _template(EMERGENCY_TEMPLATE)
    frame = template[found.frame] if found.frame else template
    generic = template["generic"]
    summaries = [s[lang] for s in found.summaries] or [generic["summary"][lang]]
    advice = [a[lang] for a in found.advice] or [generic["advice"][lang]]
    joiner = "；" if lang == "zh" else "; "
    return str(
        frame[lang]
        .format(
            summary=joiner.join(summaries),
            numbers=emergency_numbers(lang, destination),
            advice=("" if lang == "zh" else " ").join(advice),
            onboard=onboard_line(lang, user_texts),
        )
        .strip()
    )


def urgent_banner(lang: Lang, destination: Destination | None) -> str:
    """The urgent-care banner above the doctor's answer: the signs that mean call now, with the
    numbers, otherwise a doctor today (graph/triage/urgent.py)."""
    text = _template(URGENT_CARE_TEMPLATE)[lang]
    return str(text.format(numbers=emergency_numbers(lang, destination))).strip()


def banner_keeping_signs() -> frozenset[str]:
    """The sign groups that keep the urgent-care banner on an ordinary card (urgent_care.yaml
    `keeps_banner`: a child drying out or unusually sleepy)."""
    return frozenset(_template(URGENT_CARE_TEMPLATE).get("keeps_banner") or ())


def banner_free_topics() -> dict[str, frozenset[str]]:
    """The doctor's non-skin topics whose first lines take no urgent-care banner, each with the
    systemic sign groups that are its own picture (urgent_care.yaml `plain_topics`)."""
    topics = _template(URGENT_CARE_TEMPLATE).get("plain_topics") or {}
    return {str(name): frozenset(own or ()) for name, own in topics.items()}


def load_templates() -> None:
    """Read the templates now (at graph build), not on the event loop during a turn."""
    for path in (
        EMERGENCY_TEMPLATE,
        CATEGORIES,
        SELF_HARM_TEMPLATE,
        OUT_OF_SCOPE_TEMPLATE,
        URGENT_CARE_TEMPLATE,
    ):
        _template(path)
    onboard_settings()  # the crew lines (emergency.yaml `onboard`), compiled
    small_talk()


def category_of_flag(flag: str) -> str | None:
    """The emergency category a red-flag rule belongs to (None: the rule's own text is used)."""
    if flag == SELF_HARM:
        return SELF_HARM
    for name, entry in _template(CATEGORIES)["categories"].items():
        if flag in entry.get("rule_flags", ()):
            return str(name)
    return None


def category_of_card(card_id: str, shown: Set[str]) -> str | None:
    """The emergency category whose first aid an emergency card's call-now answer is, given the
    sign groups the thread shows (None: the generic first aid; emergency_categories.yaml
    `cards`: a card led on retrieval's score alone, its own picture unshown, names none)."""
    for name, entry in _template(CATEGORIES)["categories"].items():
        cards = entry.get("cards") or {}
        if card_id in cards.get("ids", ()) and shown & set(cards.get("when", ())):
            return str(name)
    return None


def category_escalation(categories: Sequence[str]) -> Escalation:
    """Summary and first aid for each known category, in the order given; the `watch` frame only
    when every one of them asks for it (heat exhaustion beside anything else is called now)."""
    table = _template(CATEGORIES)["categories"]
    known = [table[c] for c in dict.fromkeys(categories) if c in table]
    frames = {str(k.get("reply", "")) for k in known}
    frame = frames.pop() if len(frames) == 1 else ""
    return Escalation([k["summary"] for k in known], [k["advice"] for k in known], frame)


def escalation_categories(
    category: str | None, flags: Sequence[str], user_texts: Sequence[str]
) -> list[str]:
    """The categories an escalation answers, in the reply's order: the one named (a rule's,
    the triage model's, the doctor's signs' or the open emergency's) and the red-flag rules'
    own, self-harm alone when it is among them, else refined by `first_aid_categories`. One
    place for the graph's reply (graph/nodes.escalate) and the evaluation that scores it."""
    categories = [c for c in [category, *map(category_of_flag, flags)] if c]
    if SELF_HARM in categories:
        return [SELF_HARM]
    return first_aid_categories(categories, user_texts)


def first_aid_categories(categories: Sequence[str], user_texts: Sequence[str]) -> list[str]:
    """The categories whose first aid the reply gives, the one that explains the others first
    (`explains` in emergency_categories.yaml): a tight chest after a wasp sting got a heart
    attack's aspirin and no word of the adrenaline auto-injector, a drowned child who is not
    breathing "sit them upright" instead of CPR (2026-12-04)."""
    found = list(dict.fromkeys(categories))
    signs = emergency_signs()
    shown = signs.thread_signs(user_texts)
    for entry in _template(CATEGORIES)["explains"]:
        lead, drop = str(entry["category"]), dict(entry["drop"])
        explained = {lead, *drop, *entry["keep"]}
        named = bool(entry.get("or_named")) and lead in found
        signed = (
            bool(shown & set(entry["when"]))
            and ("with" not in entry or bool(shown & set(entry["with"])))
            and not shown & set(entry.get("unless", ()))
        )
        if signed and not found and entry.get("alone"):
            found = [lead]  # a net escalation without a category takes the one its signs name
            continue
        if entry.get("alone") == "only":
            continue  # it names a missing category and changes nothing else
        if not (named or signed) or not set(found) & explained:
            continue
        dropped = {c for c, unless in drop.items() if not shown & set(unless)}
        found = [lead, *(c for c in found if c != lead and c not in dropped)]
    return found


HEAT_EXHAUSTION = "heat_exhaustion"


def tells_heat_exhaustion(user_texts: Sequence[str]) -> bool:
    """Whether the thread's signs name heat exhaustion and nothing else (emergency_categories.yaml
    `explains`: the heat, the body not coping, no heatstroke or other emergency sign).

    Why: a net escalation softened to the doctor got whatever card retrieval ranked first under
    the urgent-care banner (heavy sweating: the hyperhidrosis card; a "boiling hot day": the
    minor-burn card); the route node gives heat exhaustion's own first aid instead
    (heat_illness_rule_2026-12-07h.md, amendment 2)."""
    return first_aid_categories([], user_texts) == [HEAT_EXHAUSTION]


ACT_SIGNS = frozenset({"overdose_taken", "self_injury"})


def self_harm_reply(
    lang: Lang,
    destination: Destination | None,
    user_texts: Sequence[str] = (),
    beside_card: str | None = None,
) -> str:
    """Crisis lines for the destination's country (and the defaults), never a model's words;
    when the thread reports the act already done (pills swallowed, a cut), call-now first aid
    leads (act_taken_rule_2026-12-05.md). `beside_card`: the card-led doctor's answer to the
    thread's skin problem, after the whole crisis reply, when only a statistical net raised the
    alarm (crisis_with_card_rule_2026-12-04n.md)."""
    text = _crisis_reply(lang, destination, user_texts)
    if not beside_card:
        return text
    line = str(_template(SELF_HARM_TEMPLATE)["beside_card"][lang])
    return f"{text}\n\n{line}\n\n{beside_card}"


def beside_cards() -> frozenset[str]:
    """The non-emergency cards whose follow-up may follow a net's crisis reply (self_harm.yaml)."""
    return frozenset(_template(SELF_HARM_TEMPLATE)["beside_cards"])


@cache
def _despair_words() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _template(SELF_HARM_TEMPLATE)["despair_words"])


def tells_despair(text: str) -> bool:
    """A word of death or despair in the text (self_harm.yaml `despair_words`): a net's crisis
    reply then stays alone, whatever skin problem the turn also names."""
    lowered = text.lower()
    return any(p.search(lowered) for p in _despair_words())


@cache
def _someone_else_words() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    words = _template(SELF_HARM_TEMPLATE)["someone_else_words"]
    return [re.compile(p) for p in words["other"]], [re.compile(p) for p in words["self"]]


def about_someone_else(user_texts: Sequence[str]) -> bool:
    """The thread says another person has the thoughts and no turn says them of the writer:
    the reply then speaks to the helper (someone_else_rule_2026-12-06.md)."""
    other, own = _someone_else_words()
    texts = [t.lower() for t in user_texts]
    if any(p.search(t) for p in own for t in texts):
        return False
    return any(p.search(t) for p in other for t in texts)


def _crisis_reply(lang: Lang, destination: Destination | None, user_texts: Sequence[str]) -> str:
    template = _template(SELF_HARM_TEMPLATE)
    lines_text = _crisis_lines(lang, destination)
    if about_someone_else(user_texts):
        numbers = emergency_numbers(lang, destination)
        text = str(template["someone_else"][lang]).format(lines=lines_text, numbers=numbers)
    else:
        text = str(template[lang].format(lines=lines_text))
    text = text.strip()
    if not emergency_signs().thread_signs(user_texts) & ACT_SIGNS:
        return text
    taken = str(template["already_taken_line"][lang])
    kept = [line for line in text.splitlines() if not line.startswith(taken)]
    lead = str(template["act_taken"][lang]).format(numbers=emergency_numbers(lang, destination))
    return "\n".join([lead, *kept])


def overdose_crisis_lines(
    lang: Lang, destination: Destination | None, user_texts: Sequence[str]
) -> str | None:
    """The crisis lines to put after the emergency template's poisoning first aid when the thread
    tells pills taken in quantity (`overdose_taken`) and no accident or small child
    (self_harm.yaml `after_overdose`, `overdose_accident`): the first aid and the number come
    first, and the lines are still there (self_harm_absence_rule_2026-12-07i.md, amendment 1)."""
    if "overdose_taken" not in emergency_signs().thread_signs(user_texts):
        return None
    template = _template(SELF_HARM_TEMPLATE)
    accident = [re.compile(p, re.IGNORECASE) for p in template["overdose_accident"]]
    if any(p.search(t) for p in accident for t in user_texts):
        return None
    lines = _crisis_lines(lang, destination)
    return str(template["after_overdose"][lang]).format(lines=lines)


def _crisis_lines(lang: Lang, destination: Destination | None) -> str:
    """The destination's crisis line first, home's for a Chinese-speaking traveller, then the
    defaults (self_harm.yaml `lines`)."""
    lines = _template(SELF_HARM_TEMPLATE)["lines"]
    country = str(destination.data.get("country", {}).get("en", "")) if destination else ""
    given = [country] if country in lines else []
    if country != "China" and lang == "zh" and "China" in lines:
        given.append("China")  # home, for a Chinese-speaking traveller abroad
    found = [lines[c][lang] for c in given]
    found += [e["text"] for e in lines["default"][lang] if e.get("country") not in given]
    return ("；" if lang == "zh" else "; ").join(found)


def care_arrived_reply(lang: Lang) -> str:
    """The closing word after an emergency when help has arrived (emergency.yaml)."""
    return str(_template(EMERGENCY_TEMPLATE)["care_arrived"][lang]).strip()


def unread_language_reply(language: str, destination: Destination | None) -> str:
    """The fixed reply to a turn in a language we do not read, with the local numbers
    (agents/unread_language.py): nothing of the turn is answered, an emergency is not ruled out."""
    numbers: dict[Lang, str] = {lang: emergency_numbers(lang, destination) for lang in ("zh", "en")}
    return unread_reply(language, numbers, destination)


def out_of_scope_reply(lang: Lang, text: str = "") -> str:
    """The fixed reply for a turn no expert answers: a welcome for a greeting, a short "you're
    welcome" for thanks (agents/small_talk.py), else what Trip Genius can help with."""
    if (kind := small_talk().kind(text)) is not None:
        return small_talk().reply(kind, lang)
    return str(_template(OUT_OF_SCOPE_TEMPLATE)[lang]).strip()
