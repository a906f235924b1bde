"""The dermatology expert's card-led answer: vetted card text, chosen by retrieval, no model.

Why: on the validation questions the 0.5B doctor, with the right card in its prompt, still named
the wrong condition or advised a wrong product in most answers (0 of 16 read as correct and
safe; evals/medical/review/), while the card itself is correct whenever retrieval finds it. So
a question that opens a health topic is answered from the card(s) the retriever finds:

- a dose request → "ask the prescriber or a pharmacist" (plus the card's own care, if one fits);
- signs of an emergency (`emergency_signs.py`: confusion; fever with a rash and a failing body;
  a large, deep or small child's or elder's burn; skin coming off with sore eyes or mouth; a very
  hot child or elder) → the emergency first: the best-scoring of the emergency cards the signs
  point to, else the best emergency card retrieval finds, else a general emergency answer; never
  a benign card as "most like";
- too little said (fewer kinds of finding than `min_findings`, no condition named) → "I can't
  tell yet": the few things that decide it, safe steps, warning signs;
- not a skin question → "this is not a skin question, whom to ask", never a guessed condition;
- no card fits → "I cannot tell", what to tell me, safe steps until then;
- one card clearly ahead → its care, don'ts, age notes, when to see a doctor, red flags, sources;
- cards close together → "I can't tell which", how each looks, safe steps, what to tell me;
- neighbouring cards (dandruff / seborrhoeic dermatitis ...): the one whose telling findings the
  question shows leads (`knowledge/telling_signs.py`), and the answer says what tells it from the
  other; close neighbours listed together get the same sentence.

A follow-up on the topic just answered ("how long until it's better?") goes to the model with
the same cards and the response guard: it needs language, not another copy of the card.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from agents.altitude_health import TRAVELLER_GROUPS, going_high_lines
from agents.card_asks import (
    AGE,
    PREGNANT,
    PREVENT,
    SUN_MEDICINE,
    card_asks,
    notes_pregnancy,
)
from agents.card_lines import answering_lines
from agents.emergency_signs import BURN, SUN, emergency_signs
from agents.expert import scripted_message
from agents.fever_areas import ages_beside, care_lines, fever_area_notes, standing_in
from agents.knowledge import Lang, compiled, load_kb, text_lang
from agents.knowledge.condition_names import (
    conditions_guessed,
    conditions_named,
    conditions_told,
    latin_words,
)
from agents.knowledge.condition_search import ConditionSearch, Match, default_search
from agents.knowledge.conditions import Card, RuledOutNote, ThreadNote, load_conditions
from agents.knowledge.telling_signs import signs_said, tell_apart, what_tells_apart
from agents.medical_questions import question_kinds
from agents.merged_reply import answers_in
from agents.prompt_data import read_yaml
from agents.responders import (
    category_escalation,
    emergency_numbers,
    emergency_reply,
    first_aid_categories,
)
from agents.systemic_red_flags import SystemicReading, systemic_red_flags
from config.setting_groups import DoctorSettings

TEXTS = Path(__file__).parent / "prompts" / "card_answer.yaml"
# How an answer was made; stored on the reply (response_metadata["answer"]).
AnswerKind = Literal[
    "card",
    "emergency_card",
    "systemic_emergency",
    "systemic_urgent",
    "same_day_card",
    "unsure",
    "too_vague",
    "cannot_tell",
    "non_skin",
    "allergy_prep",
    "prescription",
    "asked",
    "card_lines",
    "model",
]
CARD_LED = "card_led"
CALLS_NOW: frozenset[str] = frozenset({"emergency_card", "systemic_emergency"})
MAX_RED_FLAGS = 4
CLEAR_LEAD = 1.0  # a score lead no margin reaches: the card was chosen by a rule, not a score
MAX_ALSO_NAMED = 2  # other conditions the user names, answered beside the first
INSECT_BITES = "insect_bites"
BITE_CARDS = frozenset({INSECT_BITES, "tick_bite", "sandfly_bites", "bedbug_bites"})
# A condition told as past ("去年做过皮肤癌手术", "had a melanoma removed"): a care ask beside it
# is not about a condition now, so a named condition does not lead over the care topic.
HISTORY = re.compile(
    r"做过|得过|切除|切掉|手术|以前|曾经|history of|survivor|in remission|treated for|"
    r"had (a |an |my |his |her )?[\w ]{0,20}(removed|surgery|operation|cut out)",
    re.IGNORECASE,
)


def _texts() -> dict[str, Any]:
    texts: dict[str, Any] = read_yaml(TEXTS)
    return texts


@dataclass(frozen=True)
class CardAnswer:
    """The answer (None: the model answers this follow-up) and what it was made from."""

    kind: AnswerKind
    text: str | None
    cards: tuple[str, ...] = ()
    category: str | None = None  # an emergency that is not the skin's (emergency_categories.yaml)
    same_day: bool = False  # an emergency card led at "a doctor today" (no sign to call now)
    # the plain "not a skin problem, ask a doctor or pharmacist" and nothing else: an expert the
    # router added may leave it out on a turn with no complaint (agents/quiet_expert.py)
    referral_only: bool = False
    # the non-skin topic whose first lines it gave (`non_skin_<topic>`: a black toenail, a sprain)
    topic: str | None = None

    def message(self) -> AIMessage:
        assert self.text is not None
        return scripted_message(self.text, CARD_LED, self.kind, cards=list(self.cards))

    def calls_now(self) -> bool:
        """Whether the answer leads with "call emergency services now": an emergency card, a
        systemic red flag, or a list of close cards led by an emergency card."""
        if self.kind in CALLS_NOW:
            return True
        lead = load_conditions().get(self.cards[0]) if self.cards else None
        return self.kind == "unsure" and lead is not None and lead.emergency and not self.same_day


# non-skin topics whose first lines come before the altitude lines in a thread at altitude (the
# nail is what was asked; the altitude lines follow): black_toenail_rule_2026-12-07f.md
OVER_ALTITUDE = frozenset({"black_toenail"})


def first_lines_text(first: str, after: str, lang: Lang, numbers: str) -> str:
    """A non-skin topic's first lines (`non_skin_<first>`: drying out, a sprain, altitude), then
    whom to ask about the rest (`non_skin_after_<after>`)."""
    t = _texts()[lang]
    tail = t[f"non_skin_after_{after}"].format(numbers=numbers).strip()
    return f"{t[f'non_skin_{first}'].format(numbers=numbers)}\n\n{tail}"


def _numbered(items: Sequence[str]) -> list[str]:
    return [f"{i}. {s}" for i, s in enumerate(items, 1)]


def _bullets(items: Sequence[str]) -> list[str]:
    return [f"- {s}" for s in items]


CJK = re.compile(r"[\u3400-\u9fff]")


def _sources(card: Card, lang: Lang, shown: Sequence[ThreadNote | RuledOutNote] = ()) -> str:
    """The card's sources, then those of the notes shown (a region's, a sign's, what another
    card says until it is ruled out); in an English
    answer, those titled in English (a Chinese guideline is kept only when it is the card's sole
    source)."""
    t = _texts()[lang]
    sources = [*card.sources, *(s for note in shown for s in note.sources)]
    if lang == "en":
        sources = [s for s in sources if not CJK.search(s["org"] + s["title"])] or sources
    names = [f"{s['org']}: {s['title']}" + (f" ({s['url']})" if s.get("url") else "")
             for s in sources]  # fmt: skip
    return str(t["sources"].format(sources=t["source_joiner"].join(names)))


def card_section(
    card: Card,
    lang: Lang,
    numbers: str,
    age_on_top: bool = False,
    doctor_on_top: bool = False,
    instead: Sequence[RuledOutNote] = (),
) -> list[str]:
    """One card as answer paragraphs: what it looks like, care, don'ts, limits, when to go (unless
    "do I need a doctor?" was answered on top with the same lines). `instead`: notes said above
    that stand in for some of its care (a fever in a dengue area: no "paracetamol or ibuprofen"
    under "paracetamol only")."""
    t = _texts()[lang]
    care = care_lines(card, lang, instead)
    card = ages_beside(card, instead)
    lines = [t["looks_like"].format(looks_like=card.looks_like[lang]), ""]
    lines += [t["first_aid" if card.emergency else "care"], *_numbered(care), ""]
    lines += [t["do_not"], *_bullets(card.do_not[lang]), ""]
    if (note := card.min_age_notes.get(lang)) and not age_on_top:
        lines += [t["age"].format(note=note), ""]
    if not card.emergency and not doctor_on_top:
        lines += [t["see_doctor"], *_bullets(card.see_doctor[lang]), ""]
    if card.red_flags[lang]:
        lines += [*red_flag_lines(card.red_flags[lang], lang, numbers), ""]
    return lines


def red_flag_lines(flags: Sequence[str], lang: Lang, numbers: str) -> list[str]:
    t = _texts()[lang]
    return [
        t["red_flags"].format(numbers=numbers),
        *_bullets([t["red_flag"].format(flag=f) for f in flags]),
    ]


def confident_answer(
    matches: Sequence[Match],
    lang: Lang,
    numbers: str,
    margin: float,
    named: bool = False,
    asks: Sequence[str] = (),
    also: Sequence[Card] = (),
    passed_over: Card | None = None,
    same_day: bool = False,
    user_texts: Sequence[str] = (),
    area: Sequence[RuledOutNote] = (),
) -> str:
    """One card's answer; a close runner-up is offered too, unless the user named this one. What
    the question asks (swim, fly, age ...) is answered first, from the card or plainly not. Other
    conditions the user names (`also`: "hand, foot and mouth AND nappy rash") get their own part.
    A neighbour the telling signs put behind this card (`passed_over`) is named with what tells
    the two apart. `area`: the notes a fever in their places calls for (fever_areas.py); one
    standing in for a care line shown is said before the care, and that line is left out."""
    t = _texts()[lang]
    top = matches[0].card
    # asked how to prevent it, and the card answers that: no "most like" (nothing may have happened)
    about = PREVENT in asks and PREVENT in top.asked
    # an emergency asked how to prevent, with nothing told happening ("how can I avoid heatstroke
    # in Dubai?"): prevention first, then "an emergency if it happens" — not "call now"
    if same_day:
        key = "same_day"
    elif top.emergency:
        key = "about_emergency" if about else "emergency"
    else:
        key = "about" if about else "topic" if top.topic else "likely"
    head = t[key].format(name=top.name(lang), numbers=numbers)
    second = None
    if not named and len(matches) > 1 and matches[0].score - matches[1].score < 2 * margin:
        second = matches[1].card
    # a fever in a dengue area beside a card that says "paracetamol or ibuprofen": dengue's
    # "paracetamol only, no ibuprofen or aspirin" first, the ibuprofen left out of the care
    # (fever_nsaid_areas_rule_2026-12-06.md) and of the age notes, on top too
    # (dengue_age_rule_2026-12-06e.md)
    area = standing_in(area, [top, *also])
    shown = ages_beside(top, area)
    asked = [] if top.emergency and not about else card_asks().lines(shown, asks, lang)
    lines = [head, ""]
    if also:
        names = t["name_joiner"].join(f"**{c.name(lang)}**" for c in also)
        lines += [t["also_intro"].format(names=names), ""]
    lines += [f"{note.text(lang, in_area=True)}\n" for note in area]
    lines += [f"{a}\n" for a in asked]
    # where the person is changes the first aid (a sting in Cairns: vinegar and 000 before the
    # card's hot water), what they see changes the first step (a bullseye rash: a doctor, not
    # tick removal): said before the care steps it overrides
    regional = top.thread_notes(user_texts)
    lines += [f"{note.lines[lang]}\n" for note in regional]
    # The telling signs chose this card over retrieval's first: what tells the two apart is the
    # reason for the lead, so it follows the lead (at the end it read as an afterthought, and a
    # ring after woods said "Lyme disease, see a doctor" only below the tick-removal steps).
    told = None
    if passed_over is not None and passed_over.id not in {c.id for c in also}:
        told = what_tells_apart(top, passed_over, lang)
        if told is not None:
            lines += [t["tell_apart"].format(name=passed_over.name(lang), text=told), ""]
    # the age note is quoted on top (an age, or a pregnancy it speaks of): not again below
    noted_on_top = AGE in asks or (PREGNANT in asks and notes_pregnancy(top))
    # "do I need a doctor?" answered on top with the card's see-a-doctor lines: not again below
    doctor_on_top = any(card_asks().answers_from_see_doctor(top, a, lang) for a in asks)
    age_on_top = noted_on_top and not top.emergency
    lines += card_section(top, lang, numbers, age_on_top, doctor_on_top, area)
    for extra in also:
        lines += [t["also_named"].format(name=extra.name(lang)), ""]
        lines += card_section(extra, lang, numbers, instead=area)
    if passed_over is not None and passed_over.id not in {c.id for c in also}:
        second = None if told is not None else passed_over
    if second is not None and second.id not in {c.id for c in also}:
        other = "other_emergency" if second.emergency and not top.emergency else "other"
        apart = what_tells_apart(top, second, lang)
        if apart is not None and other == "other":
            lines += [t["tell_apart"].format(name=second.name(lang), text=apart), ""]
        else:
            lines += [
                t[other].format(
                    name=second.name(lang), looks_like=second.looks_like[lang], numbers=numbers
                ),
                "",
            ]
    lines.append(_sources(top, lang, [*regional, *area]))
    return "\n".join(lines).strip()


def unsure_answer(
    matches: Sequence[Match],
    lang: Lang,
    numbers: str,
    asks: Sequence[str] = (),
    same_day: bool = False,
    user_texts: Sequence[str] = (),
) -> str:
    t = _texts()[lang]
    cards = [m.card for m in matches]
    # The best-fitting card, if an emergency, leads; a lower one is named under its condition.
    head = "same_day" if same_day else "emergency"
    lines = (
        [t[head].format(name=cards[0].name(lang), numbers=numbers)] if cards[0].emergency else []
    )
    lines.append(t["unsure"])
    lines += _bullets(
        [t["unsure_item"].format(name=c.name(lang), looks_like=c.looks_like[lang]) for c in cards]
    )
    for c in cards[1:]:
        if (apart := what_tells_apart(cards[0], c, lang)) is not None:
            lines += ["", t["tell_apart"].format(name=c.name(lang), text=apart)]
    lines += ["", *(f"{a}\n" for a in card_asks().unsure_lines(cards, asks, lang))]
    # a sign the person tells that one listed card's sources put first (a bullseye rash: Lyme
    # disease and a doctor) is said whichever card it turns out to be
    # (bullseye_note_rule_2026-12-06.md)
    signs = [n for c in cards for n in c.sign_notes if n.said_in(user_texts)]
    lines += [f"{note.lines[lang]}\n" for i, note in enumerate(signs) if note not in signs[:i]]
    lines += [t["unsure_care"].strip(), ""]
    for c in cards[1:]:
        if c.emergency:
            lines += [t["emergency_if"].format(name=c.name(lang), numbers=numbers), ""]
    flags = list(dict.fromkeys(f for c in cards for f in c.red_flags[lang]))[:MAX_RED_FLAGS]
    if flags:
        lines += [*red_flag_lines(flags, lang, numbers), ""]
    lines.append(t["ask_more"])
    return "\n".join(lines).strip()


def _terms(card: Card) -> list[str]:
    names = [n for lang in ("zh", "en") for n in re.split(r"[（()）/]", card.names[lang])]
    return [t.strip().lower() for t in [*names, *card.aliases["zh"], *card.aliases["en"]]]


def term_spans(card: Card, question: str) -> list[tuple[int, int]]:
    """Where the question says the card's name or a lay alias (晒伤, "athlete's foot")."""
    text = question.lower()
    spans: list[tuple[int, int]] = []
    for term in _terms(card):
        if term.isascii():
            # words apart by spaces, commas or hyphens alike ("hand, foot and mouth")
            if len(term) >= 4:
                found = compiled(rf"\b{latin_words(term)}\b").finditer(text)
                spans += [(m.start(), m.end()) for m in found]
        elif len(term) >= 2:
            spans += [(m.start(), m.end()) for m in compiled(re.escape(term)).finditer(text)]
    return spans


def named_by_user(card: Card, question: str) -> bool:
    """Whether the question names the card's condition (晒伤, "athlete's foot"): then the user
    has told us what it is, and the card answers it even when another card scores close."""
    return bool(term_spans(card, question))


def named_apart(card: Card, others: Sequence[Card], question: str) -> bool:
    """Whether the question names the card other than inside a longer name of another card:
    "玫瑰痤疮" names rosacea, not acne (痤疮) beside it — as `conditions_named` reads names."""
    longer = [span for o in others if o.id != card.id for span in term_spans(o, question)]
    return any(
        not any(os <= s and e <= oe and oe - os > e - s for os, oe in longer)
        for s, e in term_spans(card, question)
    )


def follow_up_from_card(
    card: Card,
    question: str,
    lang: Lang,
    asks: Sequence[str] = (),
    area: Sequence[RuledOutNote] = (),
) -> CardAnswer:
    """A follow-up on the card just given, from the card alone: its sentences closest to the
    question, each under what it is (advice or a reason to see a doctor), or plainly that the
    card does not say; then what not to do and when to see a doctor,
    the two parts a "still itchy, what now?" or "can I pop it?" most often needs. `area`: as in
    `confident_answer`, said first, and no quoted care sentence says what it stands in for."""
    t = _texts()[lang]
    found = answering_lines(card, question, lang, tuple(asks))
    area = standing_in(area, [card])
    quoted = tuple(
        dataclasses.replace(s, text=kept[0])
        for s in found
        if (kept := care_lines_of(s.text, s.section, lang, area))
    )
    # what the card had closest was what the note stands in for ("can I give him ibuprofen?"):
    # the note is the answer, not "the card doesn't say"
    answered_by_note = bool(found) and not quoted
    said = {s.text for s in quoted}
    advice = [s.text for s in quoted if s.section in ("care", "do_not", "age")]
    doctor = [s.text for s in quoted if s.section == "see_doctor"]
    name = card.name(lang)
    lines: list[str] = [f"{note.text(lang, in_area=True)}\n" for note in area]
    if doctor:
        lines += [t["follow_up_see_doctor"].format(name=name), *_bullets(doctor), ""]
    if advice:
        header = "follow_up_quote" if not doctor else "follow_up_quote_also"
        lines += [t[header].format(name=name), *_bullets(advice), ""]
    if not quoted and not answered_by_note:
        lines += [t["follow_up_no_quote"].format(name=name), ""]
    if do_not := [s for s in card.do_not[lang] if s not in said]:
        lines += [t["do_not"], *_bullets(do_not), ""]
    if not card.emergency and (see := [s for s in card.see_doctor[lang] if s not in said]):
        lines += [t["see_doctor"], *_bullets(see), ""]
    lines += [card_asks().texts[lang]["follow_up_more"], "", _sources(card, lang, area)]
    return CardAnswer("card_lines", "\n".join(lines), (card.id,))


def care_lines_of(
    text: str, section: str, lang: Lang, notes: Sequence[RuledOutNote]
) -> tuple[str, ...]:
    """A quoted sentence as it may be said beside the notes: a care or age sentence less the
    clauses they stand in for (none left: not said); any other sentence as it is. The age
    sentence too: quoted as the answer to "can I give him ibuprofen?", its "ibuprofen from 3
    months" reads as a yes (in a whole card section it stays, one limit among others)."""
    if section not in ("care", "age"):
        return (text,)
    for note in notes:
        if note.area is None:
            continue
        if section == "age":  # each limit apart: paracetamol's stays
            text = note.area.age_without(text, lang)
        else:
            kept = note.area.care_without([text], lang)
            text = kept[0] if kept else ""
    return (text,) if text else ()


def card_led_in(message: BaseMessage) -> dict[str, Any] | None:
    """The metadata of the doctor's card-led answer in a reply, alone or as one section of a
    multi-intent reply (None: the reply holds none)."""
    if not isinstance(message, AIMessage):
        return None
    return next((meta for meta in answers_in(message) if meta.get("answer") == CARD_LED), None)


def last_card_led(thread: Sequence[BaseMessage]) -> tuple[str, ...] | None:
    """The cards of the doctor's newest card-led answer in the thread (None: there is none)."""
    for m in reversed(thread):
        if (meta := card_led_in(m)) is not None:
            return tuple(meta.get("cards") or ())
    return None


def answered_call_now(thread: Sequence[BaseMessage]) -> bool:
    """Whether the doctor's answer to the turn before the newest led with "call now" (an
    emergency card, a systemic emergency). An injection right after it must not read as a new,
    ordinary conversation (issue 11: never a silent downgrade of an emergency)."""
    for m in reversed(thread[:-1]):
        if not isinstance(m, AIMessage):
            return False  # the turn before ended without such an answer
        meta = card_led_in(m)
        if meta is not None and meta.get("answer_kind") in CALLS_NOW:
            return True
    return False


@dataclass(frozen=True)
class CardLedDoctor:
    """Decides, per turn, whether the card text answers or the model does (a follow-up)."""

    margin: float
    search: ConditionSearch | None = None
    # Who answers a follow-up the structured asks miss: the card's own sentences (card_lines.py)
    # or the medical adapter with the cards and the guard (settings.doctor.follow_ups).
    follow_ups: Literal["card_lines", "model"] = "card_lines"

    def answer(self, thread: Sequence[BaseMessage], user_texts: Sequence[str]) -> CardAnswer:
        question = user_texts[-1] if user_texts else ""
        search = self.search or default_search()
        after_named = len(user_texts) >= 2 and self.names_what_no_card_answered(thread, user_texts)
        if len(user_texts) >= 2 and (last_card_led(thread[:-1]) == () or after_named):
            # The answer before named no card (it could not tell, asked what the skin looks like,
            # or was not about the skin), or the turn before named a condition another expert
            # answered ("my toddler has chickenpox, we fly home in 4 days"): the reply is read
            # with the question it adds to ("can she have ibuprofen?").
            question = f"{user_texts[-2]}\n{question}"
        lang: Lang = text_lang(question)
        t = _texts()[lang]
        numbers = self.numbers(user_texts, lang)
        kinds = question_kinds()
        own = search.fitting([question]) if question else []
        cards = load_conditions().cards.values()
        # a mammal's bite told in a sentence ("被一只狗咬到小腿") names its card as a name would:
        # retrieval reads how the wound looks and put sandflies or chilblains first
        # (animal_bite_told_doctor_rule_2026-12-06e.md)
        said = conditions_named(question, cards)
        told_cards = [] if said else conditions_told(question, cards)
        # never over an emergency card that leads (a bite's spreading redness with a fever)
        if (
            told_cards
            and own
            and not own[0].card.emergency
            and own[0].card.id not in {c.id for c in told_cards}
        ):
            told_ids = [c.id for c in told_cards]
            ahead = [
                Match(m.card, own[0].score + CLEAR_LEAD) for m in search.rank(question, told_ids)
            ]
            own = [*ahead, *(m for m in own if m.card.id not in told_ids)][:3]
        said = said or told_cards
        if said and (not own or after_named):
            # "no card fits" reads the whole turn, and a travel ask beside the health one ("…
            # sunburn headache? Also what should I eat in Hanoi") can tip it, as a follow-up's
            # words can tip the lead; a condition the user names by its name is theirs to name
            named_ids = [c.id for c in said]
            others = [m for m in search.search(question, 3) if m.card.id not in named_ids]
            own = [*search.rank(question, named_ids), *others][:3]
        if kinds.asks_for_dose(question):
            dose_cards = (
                said
                or self.named_in_lay_words(own[:1], question)
                or self.clear_benign_lead(own, question)
            )
            refusal = self.dose_request(
                dose_cards, lang, numbers, kinds.borrowed(question), fever_area_notes(user_texts)
            )
            topic = dose_cards[0] if dose_cards else (own[0].card if own else None)
            danger = self.danger_first(topic, own, user_texts, search, lang, numbers)
            if danger is None:
                return refusal
            # the danger leads; the dose is still refused
            refused = _texts()[lang]["prescription"]
            return dataclasses.replace(danger, text=f"{danger.text}\n\n{refused}")
        if (
            kinds.allergy_preparation(question)
            and emergency_signs().read_thread(user_texts) is None
        ):
            # a known allergy, nothing happening now: how to prepare, not a card retrieval picks
            # by shared words (a peanut allergy got the sunscreen card)
            return CardAnswer("allergy_prep", t["allergy_prep"].format(numbers=numbers).strip())
        # an emergency card leads on retrieval's score only where one of its own signs shows
        # (SJS/TEN: a medicine; a severe burn: a burn) or the user names it ("is this
        # heatstroke?"); else it is listed behind the others
        named_here = {c.id for c in said} | {
            m.card.id for m in own if named_by_user(m.card, question)
        }
        own = systemic_red_flags().emergencies_behind(own, user_texts, keep=named_here)
        if self.only_unshown_emergencies(own, user_texts, named_here):
            own = []  # cannot tell: the answer lists the signs to call for, it does not call
        if said:  # naming conditions: one said in lay words ("sun rash") that retrieval found too
            said = [*said, *self.also_in_lay_words(own, question, said)]
        named = bool(said) or any(named_by_user(m.card, question) for m in own)
        if (signed := self.emergency_signed(own, user_texts, search, lang, numbers)) is not None:
            return signed
        own = self.minor_burn_first(own, question, search)
        asks = card_asks().found(question)
        # a repellent asked about with no skin finding: preventing bites (served 18 r16)
        repellent = card_asks().names_repellent(question) and not kinds.tells_skin_finding(question)
        if repellent:
            asks = [PREVENT, *(a for a in asks if a != PREVENT)]
            own = self.bite_card_first(own)
        own = self.prevention_first(own, asks, self.margin)
        said_ids = {c.id for c in said}
        passed_over: Card | None = None
        # a card the user names is theirs to name, unless it is a care topic (a sunscreen named)
        # or only their guess ("是不是晒伤了？" about pale patches that do not hurt: the telling
        # signs weigh it against its neighbours as for any lead)
        guessed = conditions_guessed(question, said) if said else set()
        if own and (
            own[0].card.id not in said_ids or own[0].card.topic or own[0].card.id in guessed
        ):
            told = tell_apart(own, question, search)
            if told.passed_over is not None:
                passed_over = told.passed_over
                lead = told.matches[0]
                own = [Match(lead.card, own[0].score + CLEAR_LEAD), *told.matches[1:]]
            elif told.matches[:1] != own[:1] and self.confident(own, question):
                # a lead it would name, at a site its sources rule out, steps aside; a close list
                # stays the list it was (fold_block_rule_2026-12-06i.md)
                own = told.matches
        own = self.named_condition_over_topic(own, question, said)
        own = self.finding_over_topic(own, question)
        # Emergencies are read from their signs above; a card's score alone never makes a question
        # that is not about the skin, or tells nothing, an emergency ("child has a fever, no rash").
        # a burn is a skin question even told without a skin word ("摸到了热水壶", "battery acid")
        about_skin = (
            named
            or repellent
            or kinds.mentions_skin(question)
            or emergency_signs().shows_burn(question)
            # frostbite's picture told with no skin word, where retrieval leads with it
            # (retrieval_misreads_rule_2026-12-07c.md)
            or (bool(own) and kinds.tells_picture_of(own[0].card.id, question))
        )
        earlier = last_card_led(thread[:-1])
        staying = bool(earlier) and self.stays_on(
            earlier or (), own, about_skin, user_texts, search
        )
        # Systemic danger beats a benign look-alike: the card that would answer (the one a
        # follow-up stays on, else the lead) is judged by its red flags against the thread.
        if about_skin or staying or systemic_red_flags().shows_skin(question):
            topic = (
                load_conditions().get(earlier[0])
                if staying and earlier
                else self.benign_in_answer(own, question, said_ids)
            )
            urgent = self.systemic_first(topic, user_texts, search, lang, numbers)
            if urgent is not None:
                return urgent
        if earlier and staying:
            # A follow-up on the topic just answered: what it asks, from the card when the card
            # covers it; anything else from the card's closest sentences (or, when chosen, the
            # model with the cards and the guard).
            if covered := self.follow_up_asked(earlier, asks, lang):
                return covered
            if self.follow_ups == "card_lines":
                card = load_conditions().get(earlier[0])
                area = fever_area_notes(user_texts)
                return follow_up_from_card(card, question, lang, asks, area)
            return CardAnswer("model", None, earlier)
        if not about_skin:
            text = t["non_skin"].format(numbers=numbers).strip()
            plain = True
            shown = emergency_signs().thread_signs(user_texts)
            # headache and breathlessness in Lhasa: what every traveller at altitude needs,
            # first — under "not a skin problem, I can't judge it" it read as an afterthought
            # (served n3 and p13, 2026-12-04n); diarrhoea with dizziness on standing: fluids
            # first, not the ambulance's "no food or drink" (dehydration_rule_2026-12-06j.md)
            drying = emergency_signs().drying_out_thread(user_texts)
            first_lines = ("altitude", "altitude") if "altitude" in shown else None
            if first_lines is None and drying is not None:
                first_lines = (f"dehydration_{drying}", "dehydration")
            # a sprain or traveller's diarrhoea told: the NHS first lines for it
            # (non_skin_first_aid_rule_2026-12-07a.md)
            if first_lines is None and (non_skin := kinds.non_skin_topic(question)) is not None:
                first_lines = (non_skin, non_skin)
            topic_told = first_lines[0] if first_lines is not None else None
            if first_lines is not None:
                text = first_lines_text(*first_lines, lang, numbers)
                plain = False
                over = kinds.non_skin_topic(question) if first_lines[0] == "altitude" else None
                if over in OVER_ALTITUDE:
                    # a toenail gone black on the way down Kilimanjaro: the nail's lines first, the
                    # altitude lines kept after them (amendment 1, black_toenail_rule_2026-12-07f)
                    topic_told = over
                    text = f"{t[f'non_skin_{topic_told}'].format(numbers=numbers)}\n\n{text}"
            calls_now = first_lines is not None and first_lines[0] == "dehydration_call_now"
            if not calls_now and (
                going_high := going_high_lines(user_texts, lang, groups=TRAVELLER_GROUPS)
            ):
                # a heart, lung or blood-pressure condition or a pregnancy and a high place: the
                # CDC "see your own doctor before going" line the KB-led answers open with, first
                # (altitude_condition_rule_2026-12-07a.md); a call-now answer keeps its lead
                text = "\n\n".join([*going_high, text])
                plain = False
            if SUN_MEDICINE in asks:
                # "isotretinoin on a beach holiday?": the sun on that medicine, though no skin
                # word; what else is asked of the medicine is its prescriber's
                lines = card_asks().texts[lang]
                more = lines["sun_medicine_more"].format(numbers=numbers)
                text = f"{lines['sun_medicine']}\n\n{more}"
                plain = False
            if calls_now:
                return CardAnswer("systemic_emergency", text)  # it leads with "call now"
            return CardAnswer("non_skin", text, referral_only=plain, topic=topic_told)
        if not own:
            return CardAnswer("cannot_tell", t["cannot_tell"].format(numbers=numbers).strip())
        # asked how to prevent what a card covers ("ways to keep ticks off the kids"): nothing has
        # happened, so there is nothing vague to describe; the card's prevention answers it
        preventing = PREVENT in asks and PREVENT in own[0].card.asked
        if preventing and own[0].card.emergency and systemic_red_flags().shows_features(user_texts):
            # something is happening ("how do I stop it getting worse, he's dizzy"): no prevention
            # question, the emergency's answer (prevent_emergency_rule_2026-12-05.md)
            preventing = False
            asks = [a for a in asks if a != PREVENT]
        if not named and not preventing and kinds.too_vague(question):
            return CardAnswer("too_vague", t["too_vague"].format(numbers=numbers).strip())
        same_day = systemic_red_flags().same_day_only(own[0].card, user_texts)
        if (own and own[0].card.id in said_ids) or self.confident(own, question):
            calls_now = own[0].card.emergency and not preventing
            kind: AnswerKind = "emergency_card" if calls_now else "card"
            if same_day:
                kind = "same_day_card"
            top_named = own[0].card.id in said_ids or named_by_user(own[0].card, question)
            # other conditions the user names by name get their own part; never beside an
            # emergency, whose answer is "call now", not a second condition's creams
            # (a guess the telling signs passed over is named in the lead's answer, not its own)
            also = [c for c in said if c.id != own[0].card.id and c is not passed_over]
            also = also[:MAX_ALSO_NAMED]
            if own[0].card.emergency:
                also = []
            text = confident_answer(
                own,
                lang,
                numbers,
                self.margin,
                top_named,
                asks,
                also,
                passed_over,
                same_day,
                user_texts,
                fever_area_notes(user_texts),
            )
            ids = dict.fromkeys([*(m.card.id for m in own[:2]), *(c.id for c in also)])
            return CardAnswer(kind, text, tuple(ids))
        close = [m for m in own if own[0].score - m.score < self.margin]
        text = unsure_answer(close, lang, numbers, asks, same_day, user_texts)
        return CardAnswer("unsure", text, tuple(m.card.id for m in close), same_day=same_day)

    @staticmethod
    def stays_on(
        earlier: Sequence[str],
        own: Sequence[Match],
        about_skin: bool,
        user_texts: Sequence[str],
        search: ConditionSearch,
    ) -> bool:
        """Whether a follow-up is about the condition just answered. It is, unless it names
        another condition, shows the emergency the answer warned of ("now a fever and the redness
        spreads"), or fits another card even read together with the turn before it ("still
        itchy, what now?" alone fits any itchy card; with the bedbug question it is bedbugs)."""
        if not about_skin or not own or not earlier:
            return True
        top = own[0].card
        if top.id == earlier[0]:
            return True
        if named_by_user(top, user_texts[-1]) or (top.emergency and top.id in earlier):
            return False
        if top.id in earlier or len(user_texts) < 2:
            return top.id in earlier
        together = search.search(f"{user_texts[-2]}\n{user_texts[-1]}", k=1)
        return bool(together) and together[0].card.id in earlier

    @staticmethod
    def names_what_no_card_answered(
        thread: Sequence[BaseMessage], user_texts: Sequence[str]
    ) -> bool:
        """Whether the newest turn, naming no condition and no skin finding of its own, follows a
        user turn that named a condition by its name which no card-led answer took up (a travel
        expert answered it)."""
        if not conditions_named(user_texts[-2], load_conditions().cards.values()):
            return False
        if conditions_named(user_texts[-1], load_conditions().cards.values()):
            return False
        if question_kinds().mentions_skin(user_texts[-1]):
            return False  # a skin question of its own ("now a rash on my arm too")
        humans = [i for i, m in enumerate(thread) if isinstance(m, HumanMessage)]
        if len(humans) < 2:
            return False
        between = thread[humans[-2] + 1 : humans[-1]]
        return not any(card_led_in(m) is not None for m in between)

    @staticmethod
    def only_unshown_emergencies(
        own: Sequence[Match], user_texts: Sequence[str], named: Set[str]
    ) -> bool:
        """Whether every card that fits is an emergency none of whose own signs shows and none
        the user names ("a temperature and red spots that fade when pressed" fits only the
        fever-rash emergencies by its words): a list led by one would call an ambulance on a
        score; these signs were read above and none holds (doctor-9)."""
        flags = systemic_red_flags()
        shown = flags.thread_signs(user_texts)
        return bool(own) and all(
            m.card.emergency and m.card.id not in named and not flags.shows_needs(m.card, shown)
            for m in own
        )

    @staticmethod
    def follow_up_asked(
        earlier: Sequence[str], asks: Sequence[str], lang: Lang
    ) -> CardAnswer | None:
        """A follow-up's ask ("can she fly?") answered from the card just given (None: the card
        covers none of what it asks)."""
        card = load_conditions().get(earlier[0])
        asked = card_asks()
        if not any(
            a in card.asked
            or a == PREGNANT
            or (a == AGE and card.min_age_notes)
            or asked.answers_from_see_doctor(card, a, lang)
            # its care lines on it ("需要打针吗？": the rabies-vaccine line, which shares no word
            # with the question, so the closest sentences miss it: shots_ask_rule_2026-12-06e.md)
            or (a in asked.from_care and asked.advice(card, a, lang) is not None)
            for a in asks
        ):
            return None
        lines = [*asked.lines(card, asks, lang), asked.texts[lang]["follow_up_more"]]
        text = "\n\n".join([*lines, _sources(card, lang)])
        return CardAnswer("asked", text, tuple(earlier))

    @staticmethod
    def named_condition_over_topic(
        own: Sequence[Match], question: str, said: Sequence[Card] = ()
    ) -> list[Match]:
        """A condition the user names (by name or one of its aliases) leads over a care topic
        retrieval put first: "闭口粉刺, what skincare on the trip?" has acne and asks its care; the
        skincare-routine card answered it as "not a disease" (served 17 q14,
        condition_over_topic_rule_2026-12-04q.md). Never an emergency card: those lead by signs.
        `said`: conditions named by name, which retrieval may not list ("有湿疹的小孩…防晒")."""
        if not own or not own[0].card.topic or HISTORY.search(question):
            return list(own)
        listed = [m.card for m in own[1:]]
        for card in [*listed, *(c for c in said if c not in listed)]:
            if card.topic or card.emergency:
                continue
            if card in said or named_by_user(card, question):
                rest = [x for x in own if x.card is not card]
                return [Match(card, own[0].score + CLEAR_LEAD), *rest]
        return list(own)

    @staticmethod
    def finding_over_topic(own: Sequence[Match], question: str) -> list[Match]:
        """A condition that shows its own telling signs leads over a care topic retrieval put
        first when the question tells a skin finding: "手脸一直干裂起皮，用什么护肤" has the cold's
        cracked skin and asks its care; the skincare-routine card answered "较像日常护肤" (served
        read 24 h7, finding_over_topic_rule_2026-12-05.md). Retrieval's runner-up alone is no
        evidence (a sunscreen-spray reaction got the cuts card second), so only a card whose
        sourced signs show moves up; never an emergency card, never a told history."""
        if not own or not own[0].card.topic or HISTORY.search(question):
            return list(own)
        kinds = question_kinds()
        if not kinds.tells_skin_finding(question):
            return list(own)
        for m in own[1:]:
            if m.card.topic or m.card.emergency:
                continue
            # a place on the body ("脚后跟") tells neighbours apart, not a condition from care
            if not [s for s in signs_said(m.card, question) if not kinds.is_place(s)]:
                continue
            rest = [x for x in own if x is not m]
            return [Match(m.card, own[0].score + CLEAR_LEAD), *rest]
        return list(own)

    @staticmethod
    def bite_card_first(own: Sequence[Match]) -> list[Match]:
        """A repellent question is about bites: a bite card retrieval lists near the top that
        answers prevention (ticks, sandflies, bedbugs) leads, else the insect-bite card, whose
        prevention and age notes are the CDC's repellent advice (repellent_words_rule)."""
        bites = [m for m in own[:3] if m.card.id in BITE_CARDS and PREVENT in m.card.asked]
        lead = bites[0].card if bites else load_conditions().get(INSECT_BITES)
        score = (own[0].score if own else 0.0) + CLEAR_LEAD
        return [Match(lead, score), *(m for m in own if m.card is not lead)]

    @staticmethod
    def minor_burn_first(own: list[Match], question: str, search: ConditionSearch) -> list[Match]:
        """A burn below every severity rule (they were read just before) leads with the minor-burn
        card: an emergency card on retrieval's score alone would send a touched kettle to A&E, and
        "a lighter burnt my thumb" is no sunburn."""
        signs = emergency_signs()
        minor = signs.minor_burn_card
        if minor is None or not own:
            return own
        shown = signs.signs(question)
        if BURN not in shown or SUN in shown:  # a sunburn has its own card
            return own
        # only where retrieval leads with an emergency (severity is the rules' call) or itself
        # found a minor burn among the candidates: "vinegar or hot water?" on a jellyfish sting
        # names hot water as a treatment, not a burn
        if not own[0].card.emergency and minor not in {m.card.id for m in own}:
            return own
        if own[0].card.id == minor:
            # already first, it keeps its score; the rules have judged the burn's severity, so a
            # card a burn must show for (the severe one) steps aside, as it did when the burn went
            # unread; another emergency stays (skin coming off "像被烫了一样" on a new drug is
            # SJS/TEN's; burn_told_rule_2026-12-06f.md)
            return [own[0], *(m for m in own[1:] if BURN not in m.card.systemic_needs)]
        # the rules have judged its severity: the emergency cards step aside, the minor card leads
        card = search.rank(question, [minor])[0].card
        rest = [m for m in own if m.card.id != minor and not m.card.emergency]
        return [Match(card, own[0].score + CLEAR_LEAD), *rest]

    @staticmethod
    def prevention_first(own: list[Match], asks: Sequence[str], margin: float) -> list[Match]:
        """Asked how to prevent something, the close card that answers prevention leads
        ("怎么防蚊子咬" fits mosquito bites and the dengue rash alike; only the first says how to
        prevent bites): a list of look-alikes with "don't scratch it" answers a question about
        nothing yet."""
        if PREVENT not in asks or not own or own[0].card.emergency:
            return own
        close = [m for m in own if own[0].score - m.score < margin]
        lead = next((m for m in close if PREVENT in m.card.asked and not m.card.emergency), None)
        if lead is None:
            return own
        rest = [m for m in own if m.card.id != lead.card.id]
        return [Match(lead.card, own[0].score + CLEAR_LEAD), *rest]

    def clear_benign_lead(self, own: Sequence[Match], question: str) -> list[Card]:
        """Retrieval's first card when the question tells of the skin, the card leads by the
        naming margin and is no emergency: what a dose request that names no condition is about
        ("isotretinoin for my spots, can I double it?"). Without a word about the skin, or below
        the margin, the drug's name may be what pulled it ("amoxicillin for my son" → drug
        rash); an emergency is read from its signs, never from a score."""
        if not own or own[0].card.emergency or not question_kinds().mentions_skin(question):
            return []
        if len(own) > 1 and own[0].score - own[1].score < self.margin:
            return []
        return [own[0].card]

    @staticmethod
    def named_in_lay_words(
        own: Sequence[Match], question: str, exclude: Sequence[Card] = ()
    ) -> list[Card]:
        """Cards retrieval found whose names or lay aliases the question says ("被蜂蜇了",
        "sun rash"): how people name a condition they are asking about beside a dose or another
        named condition."""
        skip = {c.id for c in exclude}
        seen = [*exclude, *(m.card for m in own)]
        return [
            m.card for m in own if m.card.id not in skip and named_apart(m.card, seen, question)
        ]

    def also_in_lay_words(
        self, own: Sequence[Match], question: str, said: Sequence[Card]
    ) -> list[Card]:
        """Beside a condition named by name, another said in lay words ("sun rash AND my melasma");
        never an emergency card (emergencies are read from their signs, not a lay word)."""
        found = self.named_in_lay_words(own, question, exclude=said)
        return [c for c in found if not c.emergency]

    @staticmethod
    def dose_request(
        said: Sequence[Card],
        lang: Lang,
        numbers: str,
        borrowed: bool = False,
        area: Sequence[RuledOutNote] = (),
    ) -> CardAnswer:
        """No dose, ever. No card either, unless the user names the condition: retrieval on a
        dose question is pulled by the drug's name ("amoxicillin" → drug rash), but "唇疱疹的药吃几
        片" has told us it is a cold sore, and that card's own care (no doses) still helps."""
        t = _texts()[lang]
        head = f"{t['prescription']}\n{t['borrowed']}" if borrowed else t["prescription"]
        refusal = f"{head}\n\n{t['prescription_no_card'].format(numbers=numbers)}"
        if not said:
            return CardAnswer("prescription", refusal.strip())
        matches = [Match(c, 1.0) for c in said]
        card_text = confident_answer(matches, lang, numbers, 0.0, True, (), said[1:], area=area)
        # an emergency the user names leads ("adrenaline dose for anaphylaxis?": call now first);
        # otherwise the card's care is general: nothing is added on top of a prescribed medicine
        # without its prescriber (benzoyl peroxide on isotretinoin)
        general = t["prescription_card_intro"].format(name=said[0].name(lang))
        parts = [card_text, refusal] if said[0].emergency else [refusal, general, card_text]
        return CardAnswer(
            "prescription", "\n\n".join(p.strip() for p in parts), tuple(c.id for c in said)
        )

    def benign_in_answer(
        self, own: Sequence[Match], question: str, said_ids: set[str]
    ) -> Card | None:
        """The benign card the answer would give: the lead, or, where an emergency card leads
        without a clear margin (a list), the first benign card listed beside it (None: none)."""
        if not own:
            return None
        if not own[0].card.emergency:
            return own[0].card
        if own[0].card.id in said_ids or self.confident(own, question):
            return None  # the emergency card's own answer
        close = [m.card for m in own if own[0].score - m.score < self.margin]
        return next((c for c in close if not c.emergency), None)

    def danger_first(
        self,
        topic: Card | None,
        own: Sequence[Match],
        user_texts: Sequence[str],
        search: ConditionSearch,
        lang: Lang,
        numbers: str,
    ) -> CardAnswer | None:
        """The emergency or the systemic red flag the thread shows, answered first (None: none)."""
        if (signed := self.emergency_signed(own, user_texts, search, lang, numbers)) is not None:
            return signed
        return self.systemic_first(topic, user_texts, search, lang, numbers)

    def emergency_signed(
        self,
        own: Sequence[Match],
        user_texts: Sequence[str],
        search: ConditionSearch,
        lang: Lang,
        numbers: str,
    ) -> CardAnswer | None:
        """The emergency the thread's signs show (emergency_signs.yaml), answered first: a
        non-skin one by its category's reply, a skin one by its rule's cards (None: no rule)."""
        signs = emergency_signs().read_thread(user_texts)
        if signs is None:
            return None
        if signs.category is not None:
            return self.category_emergency(
                signs.category, user_texts, lang, explained=signs.explained
            )
        if not signs.lead and emergency_signs().drying_out_leads(user_texts):
            # confusion after days of diarrhoea: the drying-out call-now lines, not the emergency
            # card retrieval finds for confusion (heatstroke, with no heat told;
            # fluid_loss_confusion_rule_2026-12-07b.md)
            text = first_lines_text("dehydration_call_now", "dehydration", lang, numbers)
            return CardAnswer("systemic_emergency", text)
        if signs.otherwise is not None:
            beyond = self.cards_signed_beyond(own, user_texts, signs.otherwise_shared)
            if beyond:
                # the card whose own sign shows leads, as a rule's lead would (amendment 6)
                return self.emergency_rule(beyond, own, user_texts, search, lang, numbers, beyond)
            # sudden confusion with no cause told: its own call-now reply, not the emergency
            # card retrieval ranks first (heatstroke, no heat told; confusion_no_cause_rule_…07c)
            return self.category_emergency(signs.otherwise, user_texts, lang, explained=True)
        return self.emergency_rule(
            signs.lead, own, user_texts, search, lang, numbers, signs.shown_leads
        )

    @staticmethod
    def systemic_first(
        topic: Card | None,
        user_texts: Sequence[str],
        search: ConditionSearch,
        lang: Lang,
        numbers: str,
    ) -> CardAnswer | None:
        """Systemic red flags beside the card that would answer (`topic`; None: no card fits):
        urgent care first, then the best-fitting emergency card the flags point to, else the
        general steps; the benign card is not named (None: no red flag shows)."""
        flags = systemic_red_flags()
        reading = flags.read(topic, user_texts)
        if reading is None:
            return None
        t = _texts()[lang]
        signs = flags.describe(reading, lang)
        if reading.level == "urgent" and topic is None:
            return None  # a doctor today beside no card: the answer's own warning signs say it
        if reading.level == "urgent" and topic is not None:
            # a doctor today, in person; the skin is cared for until then as the card says. What
            # the flag's cards say to take until they are ruled out comes first: it is about the
            # fever, not the skin (a fever after mosquito bites: dengue's paracetamol, no
            # ibuprofen or aspirin; dengue_nsaid_rule_2026-12-06.md)
            head = t["systemic_urgent"].format(signs=signs, name=topic.name(lang), numbers=numbers)
            kb = load_conditions()
            notes = [n for c in reading.meanwhile if (n := kb.get(c).until_ruled_out)]
            # a fever in a dengue area beside a card whose care says ibuprofen (sunburn, a burn) or
            # whose flag names the note for its places (sandfly bites in Bali): the same note,
            # under its head for a place (fever_nsaid_areas_rule_2026-12-06.md)
            in_area = fever_area_notes(user_texts)
            named = [n for c in reading.meanwhile_in_area if (n := kb.get(c).until_ruled_out)]
            area = [*standing_in(in_area, [topic]), *(n for n in named if n in in_area)]
            area = [n for i, n in enumerate(area) if n not in notes and n not in area[:i]]
            lines = [head, "", *(f"{n.text(lang)}\n" for n in notes)]
            lines += [f"{n.text(lang, in_area=True)}\n" for n in area]
            said = [*notes, *area]
            lines += [t["until_seen"], "", *card_section(topic, lang, numbers, instead=said)]
            lines.append(_sources(topic, lang, said))
            return CardAnswer("systemic_urgent", "\n".join(lines).strip(), (topic.id,))
        head = t["systemic_red_flag"].format(signs=signs, numbers=numbers)
        recent = "\n".join(user_texts[-flags.signs.thread_turns :])
        pointed = search.rank(recent, reading.lead)
        if pointed:
            text = confident_answer(pointed, lang, numbers, 0.0, named=True)
            return CardAnswer("emergency_card", f"{head}\n\n{text}", (pointed[0].card.id,))
        general = t["systemic_general"].format(numbers=numbers).strip()
        return CardAnswer("systemic_emergency", f"{head}\n\n{general}")

    def emergency_rule(
        self,
        leads: Sequence[str],
        own: Sequence[Match],
        user_texts: Sequence[str],
        search: ConditionSearch,
        lang: Lang,
        numbers: str,
        shown_leads: Sequence[str] = (),
    ) -> CardAnswer:
        """An emergency rule met: the best of its cards whose own signs show leads (or that the
        rule's own signs show: `shown_leads`); where none does ("skin coming off" and no
        medicine: not SJS/TEN's "stop the drug"), the general call-now answer, naming the signs."""
        flags = systemic_red_flags()
        recent = "\n".join(user_texts[-emergency_signs().thread_turns :])
        ranked = search.rank(recent, leads)
        shown = flags.thread_signs(user_texts)
        pointed = [
            m
            for m in ranked
            if m.card.id in shown_leads or not m.card.emergency or flags.shows_needs(m.card, shown)
        ]
        if ranked and not pointed and not any(m.card.emergency for m in own):
            t = _texts()[lang]
            named = tuple(g for g in flags.labels if g in shown)
            signs = flags.describe(SystemicReading(named, ()), lang)
            head = t["systemic_red_flag"].format(signs=signs, numbers=numbers)
            general = t["systemic_general"].format(numbers=numbers).strip()
            return CardAnswer("systemic_emergency", f"{head}\n\n{general}")
        return self.emergency_first(pointed, own, lang, numbers)

    @staticmethod
    def cards_signed_beyond(
        own: Sequence[Match], user_texts: Sequence[str], shared: Set[str]
    ) -> tuple[str, ...]:
        """The emergency cards retrieval found that show one of their own signs beyond those
        every collapse shares: purple spots with drowsiness are the purpura card's, not a
        confusion with no cause (confusion_no_cause_rule_2026-12-07c.md, amendments 5-6)."""
        shown = systemic_red_flags().thread_signs(user_texts) - shared
        return tuple(m.card.id for m in own if m.card.emergency and m.card.systemic_needs & shown)

    @staticmethod
    def category_emergency(
        category: str, user_texts: Sequence[str], lang: Lang, explained: bool = False
    ) -> CardAnswer:
        """An emergency that is not the skin's (a heart attack, a stroke): triage's call-now
        reply with that category's first aid, never a skin card's ("heatstroke" for a crushing
        chest pain with a cold sweat). `explained`: with the first aid of what the thread shows
        explains it, as triage's reply gives it (altitude's "go down", a seizure's), for a
        category no rule's own signs chose (a changed consciousness with no cause told)."""
        destination = next(iter(load_kb().find_in_thread(user_texts, limit=1)), None)
        categories = first_aid_categories([category], user_texts) if explained else [category]
        text = emergency_reply(lang, destination, category_escalation(categories), user_texts)
        return CardAnswer("systemic_emergency", text, (), category)

    @staticmethod
    def emergency_first(
        pointed: Sequence[Match], own: Sequence[Match], lang: Lang, numbers: str
    ) -> CardAnswer:
        """The emergency leads: the best of the cards the signs point to, else the best-fitting
        emergency card, else the general answer."""
        emergencies = [*pointed] or [m for m in own if m.card.emergency]
        if emergencies:
            text = confident_answer(emergencies, lang, numbers, 0.0, named=True)
            return CardAnswer("emergency_card", text, (emergencies[0].card.id,))
        text = _texts()[lang]["systemic_emergency"].format(numbers=numbers).strip()
        return CardAnswer("systemic_emergency", text)

    @staticmethod
    def numbers(user_texts: Sequence[str], lang: Lang) -> str:
        """The destination's emergency numbers, or the usual ones, as a short list."""
        destination = next(iter(load_kb().find_in_thread(user_texts, limit=1)), None)
        if destination is None:
            return str(_texts()[lang]["numbers_unknown"])
        return emergency_numbers(lang, destination)

    def confident(self, matches: Sequence[Match], question: str) -> bool:
        """One card clearly ahead of the next, or the one the user names."""
        if len(matches) == 1 or matches[0].score - matches[1].score >= self.margin:
            return True
        return named_by_user(matches[0].card, question)


def card_led_doctor(card_led: bool, doctor: DoctorSettings) -> CardLedDoctor | None:
    """The card-led doctor when the expert is card-led and the settings choose it (None: the
    adapter answers). One place for the expert's answerer and the graph's readings of a thread
    (the urgent-care tier's call-now, the card beside a net's crisis reply)."""
    if card_led and doctor.answer == "card_led":
        return CardLedDoctor(doctor.card_margin, follow_ups=doctor.follow_ups)
    return None
