"""The itinerary expert's day plan, built from the destination's KB entry alone (no model).

Why: written day by day under KB headings, the 0.5B base model still invented routes, emptied
days and echoed headings (travel-4 review: 0 of 10 validation day plans correct-safe), and the
headings alone beat it on every automatic row (issue 15, point 5). So every fact of a plan is a
KB field, kept with the field it came from (`Fact`), and the words around them are
`prompts/kb_plan.yaml`:

- sights in KB order; one that the KB marks `demanding` or that is a day trip out of town gets a
  day of its own, the others at most three a day (two for an easy-going ask), spread evenly; no
  sight twice; what does not fit in the days asked is named, never silently dropped;
- an easy-going ask (elders, children, "不要太累") leaves out what is tiring and says why;
- the entry's dishes spread over the sight days, its getting-around text and tips once;
- two destinations: days split between them, and the leg between them from the KB (or "no time
  in the KB" with the official timetable);
- days beyond what the KB can fill are said to be so in one line, never filled with invention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.day_plan import requested_days, suggested_days
from agents.highlights import Sight, sights
from agents.itinerary_ask import ItineraryAsk
from agents.kb_answer import KbAnswer, clauses_naming, official_line
from agents.knowledge import Destination, KnowledgeBase, Lang, load_kb, text_lang
from agents.prompt_data import read_yaml

TEXTS = Path(__file__).parent / "prompts" / "kb_plan.yaml"
SIGHTS_PER_DAY = 3
EASY_SIGHTS_PER_DAY = 2
# At most two destinations share a plan (the rest of a long list is the traveller's to split).
MAX_DESTINATIONS = 2


@cache
def plan_texts() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = read_yaml(TEXTS)
    return data


@dataclass(frozen=True)
class Fact:
    """A piece of KB text as it stands in the entry, and where: (destination id, field)."""

    destination: str
    field: str
    text: str


@dataclass(frozen=True)
class PlanDay:
    day: int
    destination: Destination
    sights: tuple[Sight, ...]
    foods: tuple[str, ...] = ()
    # The KB's clause for the leg from the previous destination (first day in a new place).
    route: Fact | None = None
    arrives_from: Destination | None = None


@dataclass(frozen=True)
class Stay:
    """One destination's share of the plan."""

    destination: Destination
    first_day: int
    days: tuple[PlanDay, ...]
    spare: int  # days asked beyond what the KB fills
    no_room: tuple[Sight, ...]  # fitting sights the days asked have no room for
    left_out: tuple[Sight, ...]  # tiring sights an easy-going ask leaves out


@dataclass(frozen=True)
class KbPlan:
    lang: Lang
    total_days: int
    easy: bool
    stays: tuple[Stay, ...]

    def facts(self) -> list[Fact]:
        """Every KB fact the plan states, with its field (what a test traces back)."""
        out: list[Fact] = []
        for stay in self.stays:
            d = stay.destination.id
            for day in stay.days:
                out += [Fact(d, "highlights", s.text) for s in day.sights]
                out += [Fact(d, "demanding", s.demanding) for s in day.sights if s.demanding]
                out += [Fact(d, "local_food", f) for f in day.foods]
                out += [day.route] if day.route else []
            out += [Fact(d, "highlights", s.text) for s in (*stay.no_room, *stay.left_out)]
            out += [Fact(d, "demanding", s.demanding) for s in stay.left_out if s.demanding]
            out += [Fact(d, "getting_around", t) for t in [_around(stay.destination, self.lang)]]
            out += [Fact(d, "tips", t) for t in _tips(stay.destination, self.lang)]
        return [f for f in out if f.text]


def _chunks(items: Sequence[Any], parts: int) -> list[tuple[Any, ...]]:
    """`items` in order, split into `parts` runs whose sizes differ by at most one."""
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        runs.append(tuple(items[start:end]))
        start = end
    return runs


def _whole_day(sight: Sight) -> bool:
    """The KB marks it tiring (a climb "most of a day") or it is a day trip out of town."""
    return bool(sight.demanding) or sight.day_trip


def _days_needed(chosen: Sequence[Sight], per_day: int) -> int:
    whole = sum(_whole_day(s) for s in chosen)
    light = len(chosen) - whole
    return whole + -(-light // per_day)


def pack_days(candidates: Sequence[Sight], days: int, per_day: int) -> tuple[
    list[tuple[Sight, ...]], list[Sight]
]:  # fmt: skip
    """The sights of each day (KB order, whole-day sights alone, the rest spread evenly over as
    many days as they need or the days allow) and the sights the days have no room for."""
    chosen: list[Sight] = []
    no_room: list[Sight] = []
    for sight in candidates:
        if _days_needed([*chosen, sight], per_day) <= days:
            chosen.append(sight)
        else:
            no_room.append(sight)
    whole = [s for s in chosen if _whole_day(s)]
    light = [s for s in chosen if not _whole_day(s)]
    light_days = min(days - len(whole), len(light))
    units: list[tuple[Sight, ...]] = [(s,) for s in whole]
    units += _chunks(light, light_days) if light_days else []
    order = {s.text: i for i, s in enumerate(candidates)}
    units.sort(key=lambda unit: order[unit[0].text])
    return units, no_room


def _list(destination: Destination, field: str, lang: Lang) -> list[str]:
    value: Any = destination.data.get(field) or {}
    return [str(x) for x in (value.get(lang) or [])] if isinstance(value, dict) else []


def _around(destination: Destination, lang: Lang) -> str:
    return destination.field_text("getting_around", lang) or ""


def _tips(destination: Destination, lang: Lang) -> list[str]:
    return _list(destination, "tips", lang)


def _route(frm: Destination, to: Destination, lang: Lang) -> Fact | None:
    """The KB clause for the leg, written under either end's `getting_there`."""
    for entry, other in ((to, frm), (frm, to)):
        text = clauses_naming(entry.field_text("getting_there", lang) or "", other)
        if text:
            return Fact(entry.id, "getting_there", text)
    return None


def _split_days(total: int, count: int) -> list[int]:
    """Days per destination (the first named gets the odd day); each gets at least one."""
    return [len(run) for run in _chunks(["day"] * total, count)]


def build_plan(
    destinations: Sequence[Destination], days: int | None, lang: Lang, easy: bool = False
) -> KbPlan:
    """The plan for `days` (None: the short end of each entry's `suggested_days`)."""
    destinations = list(destinations[:MAX_DESTINATIONS])
    total = max(1, days or sum(suggested_days(d) for d in destinations))
    destinations = destinations[:total]
    per_day = EASY_SIGHTS_PER_DAY if easy else SIGHTS_PER_DAY
    stays: list[Stay] = []
    day_no = 1
    previous: Destination | None = None
    for destination, share in zip(destinations, _split_days(total, len(destinations)), strict=True):
        every = sights(destination, lang)
        left_out = [s for s in every if _whole_day(s)] if easy else []
        candidates = [s for s in every if s not in left_out]
        units, no_room = pack_days(candidates, share, per_day)
        foods = _chunks(_list(destination, "local_food", lang), len(units)) if units else []
        planned: list[PlanDay] = []
        for i, unit in enumerate(units):
            arriving = previous if i == 0 else None
            route = _route(arriving, destination, lang) if arriving else None
            planned.append(PlanDay(day_no + i, destination, unit, tuple(foods[i]), route, arriving))
        stays.append(
            Stay(destination, day_no, tuple(planned), share - len(units), tuple(no_room),
                 tuple(left_out))
        )  # fmt: skip
        day_no += share
        previous = destination
    return KbPlan(lang, total, easy, tuple(stays))


def day_lines(day: PlanDay, plan: KbPlan) -> list[str]:
    t = plan_texts()[plan.lang]
    name = day.destination.name(plan.lang)
    head = t["day_in"] if len(plan.stays) > 1 else t["day"]
    lines = [head.format(day=day.day, name=name)]
    if day.arrives_from is not None:
        frm = day.arrives_from.name(plan.lang)
        lines.append(
            t["route"].format(frm=frm, to=name, text=day.route.text)
            if day.route
            else t["no_route"].format(frm=frm, to=name)
        )
    for sight in day.sights:
        lines.append(t["sight"].format(sight=sight.text))
        if sight.demanding:
            lines.append(t["tiring"].format(why=sight.demanding))
    if day.foods:
        lines.append(t["foods"].format(foods=t["joiner"].join(day.foods)))
    return lines


def _spare_line(stay: Stay, plan: KbPlan) -> str:
    t = plan_texts()[plan.lang]
    first = stay.first_day + len(stay.days)
    key = "spare_one" if stay.spare == 1 else "spare_many"
    name = stay.destination.name(plan.lang)
    return t[key].format(first=first, last=first + stay.spare - 1, count=stay.spare, name=name)


def render(plan: KbPlan) -> str:
    t = plan_texts()[plan.lang]
    lang = plan.lang
    names = t["joiner"].join(s.destination.name(lang) for s in plan.stays)
    blocks = [t["intro"].format(names=names, days=plan.total_days)]
    for stay in plan.stays:
        blocks += ["\n".join(day_lines(day, plan)) for day in stay.days]
        if stay.spare:
            blocks.append(_spare_line(stay, plan))
    notes: list[str] = []
    for stay in plan.stays:
        name = stay.destination.name(lang)
        if stay.no_room:
            notes.append(t["no_room"].format(items=t["joiner"].join(s.text for s in stay.no_room)))
        if stay.left_out:
            items = [
                t["left_out_item"].format(sight=s.text, why=s.demanding or t["day_trip_why"])
                for s in stay.left_out
            ]
            notes.append(t["left_out"].format(items=t["tip_joiner"].join(items)))
        if around := _around(stay.destination, lang):
            notes.append(t["getting_around"].format(name=name, text=around))
        if tips := _tips(stay.destination, lang):
            notes.append(t["tips"].format(name=name, text=t["tip_joiner"].join(tips)))
    if plan.easy:
        notes.append(t["easy_note"])
    notes.append(t["adjust"])
    if official := official_line([s.destination for s in plan.stays], lang, "itinerary"):
        notes.append(official)
    return "\n\n".join([*blocks, "\n".join(notes)])


def kb_plan_answer(
    ask: ItineraryAsk, user_texts: Sequence[str], kb: KnowledgeBase | None = None
) -> KbAnswer:
    """The plan for the newest message; its destinations from it, else from the thread."""
    kb = kb or load_kb()
    question = user_texts[-1]
    lang = text_lang(question)
    found = kb.find(question) or kb.find_in_thread(user_texts, limit=1)
    if not found:
        text = plan_texts()[lang]["no_destination"].format(count=len(kb.destinations))
        return KbAnswer("no_destination", text)
    days = ask.days if ask.days is not None else requested_days(question)
    plan = build_plan(found, days, lang, ask.easy)
    return KbAnswer("day_plan", render(plan), tuple(s.destination.id for s in plan.stays))
