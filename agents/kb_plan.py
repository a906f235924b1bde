"""The itinerary expert's day plan, built from the destination's KB entry alone (no model).

Why: written day by day under KB headings, the 0.5B base model still invented routes, emptied
days and echoed headings (travel-4 review: 0 of 10 validation day plans correct-safe), and the
headings alone beat it on every automatic row (issue 15, point 5). So every fact of a plan is a
KB field, kept with the field it came from (`Fact`), and the words around them are
`prompts/kb_plan.yaml`:

- a day is grouped by the KB's `area` (neighbouring areas, in the entry's geographic order, share
  a day only when the days are short, never one marked `apart`); a `whole_day` sight (theme park,
  day trip, long hike) gets a day of its own, with only the sights of its own area; at most three
  sights a day (two for an easy-going ask); an area is cut over several days only when it holds
  more than a day does, never spread one sight a day to fill the days asked (days the KB cannot
  fill are said empty: country_plans_rule_2026-12-05.md); the days keep the KB's
  order of highlights; no sight twice; what does not fit in the days asked is named, never
  silently dropped (travel-5 review: Disneyland on the day of the water towns, Ubud + Uluwatu);
- an easy pace (`pace.py`: elders, children, bad knees, "relaxed") leaves out what the KB marks
  tiring and whole-day trips and hikes, says why, and gives each day a rest at midday or in the
  afternoon;
- the entry's dishes spread over the sight days, its getting-around text and tips once;
- several destinations: the days split by what each one's sights fill (`region_days.py`: two
  named cities evenly, a day one cannot fill going to the other; three or four named cities, and
  a country or province ask over the region's KB cities, each its least days first), and the
  leg between them from the KB (or "no time in the KB" with the official timetable);
- days beyond what the KB can fill are said to be so in one line, never filled with invention;
- an interest asked ("博物馆", "temples", "带孩子", `interests.py`): the sights that fit it are
  taken first when the days are short and their days come first (days and areas as above), each
  is marked as fitting, and the plan says which fit, or that the KB has none, or that they fill
  fewer days than asked (the other days are the KB's other sights, said to be so: travel-10,
  a museum ask for Xi'an got the wall, the Muslim street and Huashan with no word of museums).
  An interest word that is only part of a sight the question names ("灵隐寺上次拜过了", "the
  British Museum") is no interest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path

from agents.day_plan import chunks, list_field, split_days, suggested_days
from agents.day_shape import place_evenings, with_half_day
from agents.food_answer import food_checks, unchecked_for
from agents.highlights import Sight, sights
from agents.interests import (
    asked_interests,
    fitting,
    kind_words,
    label,
    notes,
    of_kinds,
    refused_interests,
)
from agents.itinerary_ask import ItineraryAsk
from agents.kb_answer import KbAnswer, clauses_naming, official_line
from agents.knowledge import Destination, KnowledgeBase, Lang, has_word, load_kb, text_lang
from agents.knowledge.regions import (
    Region,
    not_planned,
    region_asked,
    region_destinations,
    thread_region,
)
from agents.origin_city import going
from agents.prompt_data import read_yaml
from agents.region_days import (
    MAX_REGION_CITIES,
    CityDays,
    balanced_shares,
    region_shares,
)
from agents.sight_wishes import asked, named_first, split_refused, without_names
from agents.trip_length import trip_length, trip_months

TEXTS = Path(__file__).parent / "prompts" / "kb_plan.yaml"
SIGHTS_PER_DAY = 3
EASY_SIGHTS_PER_DAY = 2
# Two named destinations share a plan evenly (a day one cannot fill goes to the other); three or
# four split the days as a region's cities do (`region_days.region_shares`).
MAX_DESTINATIONS = 2
# More days than any entry's sights fill: how `fill_days` asks the planner what an entry needs.
FILL_PROBE_DAYS = 30


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
    evening: Sight | None = None  # a sight for the evening (night market, night cruise, show)
    half: bool = False  # a half day (the trip's last)
    trip: bool = False  # a day trip from the stay's destination, back the same evening


@dataclass(frozen=True)
class Stay:
    """One destination's share of the plan."""

    destination: Destination
    first_day: int
    days: tuple[PlanDay, ...]
    spare: int  # days asked beyond what the KB fills
    no_room: tuple[Sight, ...]  # fitting sights the days asked have no room for
    left_out: tuple[Sight, ...]  # tiring sights an easy-going ask leaves out
    refused: tuple[Sight, ...] = ()  # sights the question says it does not want
    dated: tuple[Sight, ...] = ()  # sights only on in months the trip is not (or does not say)
    interests: tuple[str, ...] = ()  # the interests asked (`interests.py`)
    fits: tuple[Sight, ...] = ()  # the entry's sights that fit them
    kinds_away: tuple[str, ...] = ()  # the kinds the question says away ("不想去寺庙")
    kind_out: tuple[Sight, ...] = ()  # the sights of those kinds, left out
    trips: tuple[PlanDay, ...] = ()  # spare days made day trips to close KB cities (`day_trips`)

    def fit_days(self) -> int:
        """The planned days with a sight (or evening) that fits the interests."""
        return sum(
            any(s in self.fits for s in (*d.sights, *([d.evening] if d.evening else [])))
            for d in self.days
        )


@dataclass(frozen=True)
class KbPlan:
    lang: Lang
    total_days: int
    easy: bool
    stays: tuple[Stay, ...]
    half: bool = False  # the last day is a half day
    # what the turn says the dishes were never checked for (a diet, an allergy, no spice):
    # each day's food line says so (plan_food_checks_rule_2026-12-05.md)
    food_checks: tuple[str, ...] = ()

    def facts(self) -> list[Fact]:
        """Every KB fact the plan states, with its field (what a test traces back)."""
        out: list[Fact] = []
        for stay in self.stays:
            for day in (*stay.days, *stay.trips):
                d = day.destination.id
                out += [Fact(d, "highlights", s.text) for s in day.sights]
                out += [Fact(d, "highlights", day.evening.text)] if day.evening else []
                out += [Fact(d, "areas", s.area.name) for s in day.sights]
                out += [Fact(d, "demanding", s.demanding) for s in day.sights if s.demanding]
                out += [Fact(d, "local_food", f) for f in day.foods]
                out += [day.route] if day.route else []
            d = stay.destination.id
            others = (*stay.no_room, *stay.left_out, *stay.refused, *stay.kind_out, *stay.dated)
            out += [Fact(d, "highlights", s.text) for s in others]
            out += [Fact(d, "demanding", s.demanding) for s in stay.left_out if s.demanding]
            out += [Fact(d, "getting_around", t) for t in [_around(stay.destination, self.lang)]]
            out += [Fact(d, "tips", t) for t in _tips(stay.destination, self.lang)]
        return [f for f in out if f.text]


def _apart(run: Sequence[Sight]) -> bool:
    return any(s.area.apart for s in run)


def _area_runs(light: Sequence[Sight], per_day: int) -> list[list[Sight]]:
    """The sights grouped by area, areas in the entry's (geographic) order, KB order inside an
    area; an area with more sights than a day holds is cut into even runs."""
    by_area: dict[int, list[Sight]] = {}
    for sight in sorted(light, key=lambda s: s.area.order):
        by_area.setdefault(sight.area.order, []).append(sight)
    runs: list[list[Sight]] = []
    for group in by_area.values():
        runs += [list(r) for r in chunks(group, -(-len(group) // per_day))]
    return runs


def _merge(runs: list[list[Sight]], per_day: int, target: int) -> list[list[Sight]]:
    """Join neighbouring runs (next to each other in the area order, neither out of town, at
    most `per_day` together), the smallest pair first, while there are more than `target`."""
    runs = [list(r) for r in runs]
    while len(runs) > target:
        pairs = [
            (len(a) + len(b), i)
            for i, (a, b) in enumerate(pairwise(runs))
            if len(a) + len(b) <= per_day and not _apart(a) and not _apart(b)
        ]
        if not pairs:
            break
        _, i = min(pairs)
        runs[i : i + 2] = [runs[i] + runs[i + 1]]
    return runs


def _units(chosen: Sequence[Sight], per_day: int, days: int) -> list[tuple[Sight, ...]]:
    """The days' sights: a whole-day sight with the sights of its own area (up to `per_day`),
    the rest by area, neighbouring areas joined only when the days are short; an area is cut
    over several days only when it holds more sights than a day (`_area_runs`)."""
    whole = [s for s in chosen if s.whole_day]
    light = [s for s in chosen if not s.whole_day]
    units: list[list[Sight]] = []
    for sight in whole:
        mates = [s for s in light if s.area == sight.area][: per_day - 1]
        light = [s for s in light if s not in mates]
        units.append([sight, *mates])
    # an area's sights are never cut over more days than the pace needs (days the KB cannot
    # fill stay empty): country_plans_rule_2026-12-05.md
    runs = _merge(_area_runs(light, per_day), per_day, max(0, days - len(units)))
    return [tuple(u) for u in units + runs]


def pack_days(candidates: Sequence[Sight], days: int, per_day: int) -> tuple[
    list[tuple[Sight, ...]], list[Sight]
]:  # fmt: skip
    """The sights of each day and the sights the days have no room for: in the candidates'
    order a sight is taken while the days it needs (`_units` with every possible join) still
    fit."""
    chosen: list[Sight] = []
    no_room: list[Sight] = []
    for sight in candidates:
        if len(_units([*chosen, sight], per_day, 0)) <= days:
            chosen.append(sight)
        else:
            no_room.append(sight)
    units = _units(chosen, per_day, days)
    # KB order (the entry's first highlight opens the plan), an area's days kept together.
    first_in_area: dict[int, int] = {}
    for sight in chosen:
        a = sight.area.order
        first_in_area[a] = min(first_in_area.get(a, sight.kb_order), sight.kb_order)
    units.sort(
        key=lambda u: (min(first_in_area[s.area.order] for s in u), min(s.kb_order for s in u))
    )
    return units, no_room


def _fit_days_first(
    units: Sequence[tuple[Sight, ...]],
    nights: Sequence[Sight | None],
    fits: Sequence[Sight],
    keep_last: bool,
) -> tuple[list[tuple[Sight, ...]], list[Sight | None]]:
    """The days with a fitting sight or evening first, and the other days of their areas with
    them (an area's days stay together); otherwise the order is kept, and a half day stays
    last. Why: a nightlife ask had its evenings on the last days (`pack_days` orders the day
    sights only)."""
    days = list(zip(units, nights, strict=True))
    fit_areas = {s.area.order for u, n in days if any(x in fits for x in (*u, n)) for s in u}

    def fits_day(day: tuple[tuple[Sight, ...], Sight | None]) -> bool:
        unit, night = day
        return night in fits or any(s in fits or s.area.order in fit_areas for s in unit)

    head, tail = (days[:-1], days[-1:]) if keep_last else (days, [])
    ordered = sorted(head, key=lambda d: not fits_day(d)) + tail
    return [u for u, _ in ordered], [n for _, n in ordered]


def _around(destination: Destination, lang: Lang) -> str:
    return destination.field_text("getting_around", lang) or ""


def _tips(destination: Destination, lang: Lang) -> list[str]:
    return list_field(destination, "tips", lang)


def _route(frm: Destination, to: Destination, lang: Lang) -> Fact | None:
    """The KB clause for the leg, written under either end's `getting_there`; from the city,
    not from an airport named after it (kansai_rule_2026-12-06.md)."""
    for entry, other in ((to, frm), (frm, to)):
        text = clauses_naming(entry.field_text("getting_there", lang) or "", other, airports=False)
        if text:
            return Fact(entry.id, "getting_there", text)
    return None


def build_plan(
    destinations: Sequence[Destination],
    days: int | None,
    lang: Lang,
    easy: bool = False,
    question: str = "",
    half: bool = False,
    interests: Sequence[str] = (),
    shares: Sequence[int] = (),
    day_trips: bool = True,
) -> KbPlan:
    """The plan for `days` (None: the short end of each entry's `suggested_days`; `half`: the
    last of them is a half day); the sights the question names come first when the days are
    short, the ones it refuses and the ones out of their months are left out and named.
    `shares`: each destination's days, given (a region's cities, `region_days.py`); else at
    most MAX_DESTINATIONS with the days split evenly. `day_trips`: spare days may become day
    trips (`with_day_trips`; off for a trip's own day and for a probe of how many days a city
    fills, so a trip never plans another)."""
    given = bool(shares)  # a region's cities: their days are set, never a day trip's
    if shares:
        destinations, shares = list(destinations[: len(shares)]), list(shares)
        total = sum(shares)
    else:
        named = list(destinations[:MAX_REGION_CITIES])
        total = max(1, days or sum(suggested_days(d) for d in named))
        if len(named) > MAX_DESTINATIONS:
            # three or four named cities: each its least days while they fit, in the order
            # named, as a region's are; one that does not fit is named by the caller, never
            # silently dropped (kansai_rule_2026-12-06.md: "东京、京都、大阪九天" lost Osaka)
            # the person chose these cities: a city's least is cut to an even share of the days
            # ("Bangkok, Chiang Mai and Phuket in 6 days": two each, not Phuket left out)
            even = max(1, total // len(named))
            need = [
                CityDays(
                    fill_days(d, lang, easy, question, interests), min(suggested_days(d), even)
                )
                for d in named
            ]
            shares = region_shares(need, total)
            destinations = named[: len(shares)]
        else:
            destinations = named[:total]
            shares = split_days(total, len(destinations))
            if len(destinations) > 1:
                # a city's days it cannot fill go to the other
                # (country_plans_rule_2026-12-05.md)
                needs = [fill_days(d, lang, easy, question, interests) for d in destinations]
                shares = balanced_shares(shares, needs)
    per_day = EASY_SIGHTS_PER_DAY if easy else SIGHTS_PER_DAY
    months = trip_months(question)
    stays: list[Stay] = []
    day_no = 1
    previous: Destination | None = None
    for n, (destination, share) in enumerate(zip(destinations, shares, strict=True)):
        own = sights(destination, lang)
        said = asked_interests(without_names(own, question)) if interests else ()
        wanted = tuple(i for i in said if i in interests)
        fits = fitting(wanted, own, destination)
        # wished sights first, then the ones that fit the interest, then KB order
        ordered = named_first([*fits, *(s for s in own if s not in fits)], question)
        # a kind said away ("不想去寺庙", "skip the museums") leaves the plan, but for a sight
        # the question names as a wish (kind_refused_rule_2026-12-05.md)
        away = refused_interests(without_names(own, question, keep=kind_words()))
        kind_out = [
            s for s in of_kinds(away, ordered, destination)
            if not asked(s, question, whole_area=False)
        ]  # fmt: skip
        every, refused = split_refused([s for s in ordered if s not in kind_out], question)
        dated = [s for s in every if s.months and not months & set(s.months)]
        every = [s for s in every if s not in dated]
        left_out = [s for s in every if s.demanding or s.day_trip] if easy else []
        candidates = [s for s in every if s not in left_out]
        evenings = [s for s in candidates if s.evening and not s.whole_day]
        units, no_room = pack_days([s for s in candidates if s not in evenings], share, per_day)
        last_half = half and n == len(destinations) - 1
        if last_half:
            units, no_room = with_half_day(units, no_room, share, per_day, easy)
        units, nights, late = place_evenings(units, evenings, share)
        if fits:
            units, nights = _fit_days_first(units, nights, fits, keep_last=last_half)
        if last_half and len(units) == share and not units[-1] and nights[-1] is None:
            units, nights = units[:-1], nights[:-1]
        foods = chunks(list_field(destination, "local_food", lang), len(units)) if units else []
        planned: list[PlanDay] = []
        for i, unit in enumerate(units):
            arriving = previous if i == 0 else None
            route = _route(arriving, destination, lang) if arriving else None
            is_half = last_half and i == share - 1
            planned.append(
                PlanDay(day_no + i, destination, unit, tuple(foods[i]), route, arriving,
                        nights[i], is_half)
            )  # fmt: skip
        stays.append(
            Stay(destination, day_no, tuple(planned), share - len(units), (*no_room, *late),
                 tuple(left_out), tuple(refused), tuple(dated), wanted, tuple(fits),
                 tuple(i for i in away if of_kinds([i], kind_out, destination)), tuple(kind_out))
        )  # fmt: skip
        day_no += share
        previous = destination
    if day_trips and len(stays) == 1 and not given and not easy and not half:
        stays = [with_day_trips(stays[0], lang, question, interests)]
    return KbPlan(lang, total, easy, tuple(stays), half, tuple(food_checks(question)))


def with_day_trips(stay: Stay, lang: Lang, question: str, interests: Sequence[str] = ()) -> Stay:
    """The stay with its spare days made day trips, one to each KB city its entry's `day_trips`
    lists (about an hour away by the KB's own `getting_there`), in turn: that city's own one-day
    plan with the KB's leg. Why: "5 days in Osaka" left day 5 "no more sights" while the entry
    itself calls Kyoto an easy day trip (spare_day_trip_rule_2026-12-06g.md). A plan of several
    cities, an easy-paced or a half-day one keeps its spare days as they are."""
    kb = load_kb()
    home = stay.destination
    trips: list[PlanDay] = []
    for other_id in home.data.get("day_trips", [])[: stay.spare]:
        other = kb.get(str(other_id))
        # the clause that gives the leg's time, whichever end's entry holds it ("fast trains to
        # Hangzhou, Suzhou and Nanjing" under Shanghai does not; Suzhou's "25-40 minutes" does)
        legs = [_route(home, other, lang), _route(other, home, lang)] if other else []
        leg = next((f for f in legs if f and any(c.isdigit() for c in f.text)), None)
        if other is None or leg is None:
            continue
        one = build_plan([other], 1, lang, False, question, False, interests, day_trips=False)
        day = one.stays[0].days
        if not day:
            continue
        number = stay.first_day + len(stay.days) + len(trips)
        trips.append(replace(day[0], day=number, route=leg, arrives_from=home, trip=True))
    return replace(stay, trips=tuple(trips), spare=stay.spare - len(trips))


def day_lines(day: PlanDay, plan: KbPlan) -> list[str]:
    t = plan_texts()[plan.lang]
    name = day.destination.name(plan.lang)
    head = t["day_in"] if len(plan.stays) > 1 else t["day"]
    head = t["trip_day"] if day.trip else head
    lines = [head.format(day=day.day, name=name) + (t["half_day"] if day.half else "")]
    if day.arrives_from is not None:
        frm = day.arrives_from.name(plan.lang)
        lines.append(
            t["route"].format(frm=frm, to=name, text=day.route.text)
            if day.route
            else t["no_route"].format(frm=frm, to=name)
        )
    here = [*day.sights, *([day.evening] if day.evening else [])]
    areas = list(dict.fromkeys(s.area.name for s in here))
    # a day a sight was moved off and nothing left (agents/day_revision.py `_moved`): said free,
    # not an empty "where" line
    lines.append(t["area"].format(areas=t["joiner"].join(areas)) if here else t["free_day"])
    fits = next((s.fits for s in plan.stays if day in s.days), ())
    for i, sight in enumerate(day.sights):
        if plan.easy and i == 1:
            lines.append(t["rest_midday"])
        lines.append(t["sight"].format(sight=sight.text) + (t["fit_mark"] if sight in fits else ""))
        if sight.whole_day:
            lines.append(t[f"whole_day_{sight.whole_day}"])
        if sight.demanding:
            lines.append(t["tiring"].format(why=sight.demanding))
    if plan.easy and len(day.sights) == 1 and not day.sights[0].whole_day and not day.half:
        lines.append(t["rest_before_evening"] if day.evening else t["rest_afternoon"])
    if day.evening:
        mark = t["fit_mark"] if day.evening in fits else ""
        lines.append(t["evening"].format(sight=day.evening.text) + mark)
        if day.evening.demanding:
            lines.append(t["tiring"].format(why=day.evening.demanding))
    if day.foods and plan.food_checks:
        checks = unchecked_for(plan.food_checks, plan.lang)
        lines.append(t["foods_unchecked"].format(foods=t["joiner"].join(day.foods), checks=checks))
    elif day.foods:
        lines.append(t["foods"].format(foods=t["joiner"].join(day.foods)))
    return lines


def _months(sight: Sight, lang: Lang) -> str:
    t = plan_texts()[lang]
    names = t["month_names"].split()
    return t["joiner"].join(names[m - 1] for m in sight.months)


def _spare_line(stay: Stay, plan: KbPlan) -> str:
    t = plan_texts()[plan.lang]
    first = stay.first_day + len(stay.days) + len(stay.trips)
    key = "spare_one" if stay.spare == 1 else "spare_many"
    name = stay.destination.name(plan.lang)
    return t[key].format(first=first, last=first + stay.spare - 1, count=stay.spare, name=name)


def _interest_lines(stay: Stay, lang: Lang) -> list[str]:
    """Which of the entry's sights fit the interest asked, or that none do, and whether they
    fill the days (module doc)."""
    if not stay.interests:
        return []
    t = plan_texts()[lang]
    name, what = stay.destination.name(lang), label(stay.interests, lang)
    if not stay.fits:
        return [t["interest_none"].format(label=what, name=name), *notes(stay.interests, lang)]
    items = t["joiner"].join(s.text for s in stay.fits)
    line = t["interest"].format(label=what, name=name, items=items)
    planned = {s for d in stay.days for s in (*d.sights, *([d.evening] if d.evening else []))}
    if unplanned := [s for s in stay.fits if s not in planned]:
        line += t["interest_unplanned"].format(items=t["joiner"].join(s.text for s in unplanned))
    days = len(stay.days) + stay.spare
    if stay.fit_days() < days:
        line += t["interest_short"].format(fit=stay.fit_days(), days=days, label=what)
    return [line, *notes(stay.interests, lang)]


def render(plan: KbPlan, more: str | None = None) -> str:
    """The plan as text; `more`: a line before the closing offer (a region's other cities)."""
    t = plan_texts()[plan.lang]
    lang = plan.lang
    names = t["joiner"].join(s.destination.name(lang) for s in plan.stays)
    days = f"{plan.total_days - 0.5:g}" if plan.half else str(plan.total_days)
    blocks = [t["intro"].format(names=names, days=days)]
    if wanted := [line for stay in plan.stays for line in _interest_lines(stay, lang)]:
        blocks.append("\n".join(wanted))
    for stay in plan.stays:
        blocks += ["\n".join(day_lines(day, plan)) for day in (*stay.days, *stay.trips)]
        if stay.spare:
            blocks.append(_spare_line(stay, plan))
    notes: list[str] = []
    for stay in plan.stays:
        name = stay.destination.name(lang)
        if stay.no_room:
            notes.append(t["no_room"].format(items=t["joiner"].join(s.text for s in stay.no_room)))
        if stay.kind_out:
            out = t["joiner"].join(s.text for s in stay.kind_out)
            notes.append(t["refused_kind"].format(label=label(stay.kinds_away, lang), items=out))
        if stay.refused:
            notes.append(t["refused"].format(items=t["joiner"].join(s.text for s in stay.refused)))
        if stay.dated:
            items = [
                t["dated_item"].format(sight=s.text, months=_months(s, lang)) for s in stay.dated
            ]
            notes.append(t["dated"].format(items=t["tip_joiner"].join(items)))
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
    if more:
        notes.append(more)
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
    # a country or province and none of its cities ("想去云南玩一周", "10 days in Japan"): its KB
    # cities (region_plans_rule_2026-12-05d.md), also when the thread named it ("想去日本" …
    # "帮我排五天"; country_plans_rule_2026-12-05.md)
    named = going(question, kb)  # not where they set off from (origin_city_rule_2026-12-06h)
    region = region_asked(question, kb) or (None if named else thread_region(user_texts, kb))
    if region is not None:
        plan, more = region_plan(region, ask, question, lang, kb)
        return KbAnswer("day_plan", render(plan, more), tuple(s.destination.id for s in plan.stays))
    found = named or kb.find_in_thread(user_texts, limit=1)
    if not found:
        text = plan_texts()[lang]["no_destination"].format(count=len(kb.destinations))
        return KbAnswer("no_destination", text)
    days, half = asked_length(ask, question)
    plan = build_plan(found, days, lang, ask.easy, question, half, ask.interests)
    planned = {s.destination.id for s in plan.stays}
    # a city named by its own name that the days cannot hold is said, never silently dropped
    # (kansai_rule_2026-12-06.md); not one found by an alias only ("迪士尼" is Shanghai's too)
    left = [
        d.name(lang)
        for d in found
        if d.id not in planned and has_word([d.name_zh, d.name_en], question)
    ]
    t = plan_texts()[lang]
    more = t["named_more"].format(names=t["joiner"].join(left)) if left else None
    return KbAnswer("day_plan", render(plan, more), tuple(s.destination.id for s in plan.stays))


def asked_length(ask: ItineraryAsk, question: str) -> tuple[int | None, bool]:
    """The days asked (None: not said) and whether the last is a half day."""
    length = trip_length(question)
    days = ask.days if ask.days is not None else (length.slots if length else None)
    half = ask.half if ask.days is not None else bool(length and length.half)
    return days, half


def region_plan(
    region: Region,
    ask: ItineraryAsk,
    question: str,
    lang: Lang,
    kb: KnowledgeBase | None = None,
) -> tuple[KbPlan, str | None]:
    """The plan over a region's KB cities, and the line naming the ones not planned: each
    city's days by what its sights fill at the pace asked (`region_days.py`); no length said,
    the first MAX_DESTINATIONS cities with their suggested days."""
    found = region_destinations(region, kb)
    days, half = asked_length(ask, question)
    shares: list[int] = []
    if days is None:
        found = found[:MAX_DESTINATIONS]
    else:
        need = [
            CityDays(fill_days(d, lang, ask.easy, question, ask.interests), suggested_days(d))
            for d in found
        ]
        shares = region_shares(need, days)
    plan = build_plan(found, days, lang, ask.easy, question, half, ask.interests, shares)
    others = not_planned(region, [s.destination for s in plan.stays], lang)
    t = plan_texts()[lang]
    more = (
        t["region_more"].format(region=region.name(lang), names=t["joiner"].join(others))
        if others
        else None
    )
    return plan, more


def fill_days(
    destination: Destination,
    lang: Lang,
    easy: bool = False,
    question: str = "",
    interests: Sequence[str] = (),
) -> int:
    """The days the entry's sights fill at the pace and with the filters asked: the days of its
    plan alone with days to spare (an area cut only when a day cannot hold it)."""
    plan = build_plan(
        [destination], FILL_PROBE_DAYS, lang, easy, question, False, interests, day_trips=False
    )
    return max(1, len(plan.stays[0].days))
