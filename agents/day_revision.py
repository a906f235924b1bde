"""One day of a plan changed ("第二天换成西溪湿地吧", "swap day 2 for the Vatican Museums"),
rebuilt from the KB instead of written by the base model.

Why: given the destination's fact sheet, the 0.5B model wrote a Hangzhou day without 西溪湿地
and with "越南的蓝色和清澈河水" (served read 2026-12-03d). When the revision names sights the
destination's KB entry holds, the plan the thread asked for is built again from the KB
(`kb_plan.build_plan`, the days and pace of the earlier plan ask) and the day is changed:
the named sights take that day; what was on it moves to the day that held them, or is listed as
not fitting. A revision naming nothing the KB holds ("第二天想去逛街") still goes to the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from agents.day_plan import ONE_DAY_REVISION
from agents.highlights import Sight, sights
from agents.itinerary_ask import read_ask
from agents.kb_answer import KbAnswer
from agents.kb_plan import (
    EASY_SIGHTS_PER_DAY,
    SIGHTS_PER_DAY,
    KbPlan,
    Stay,
    asked_length,
    build_plan,
    pack_days,
    plan_texts,
    region_plan,
    render,
)
from agents.knowledge import Destination, KnowledgeBase, Lang, load_kb, text_lang
from agents.knowledge.regions import Region, thread_region
from agents.prompt_data import read_yaml
from agents.sight_wishes import asked, asks_for_others, refused
from agents.trip_length import trip_length

ZH_NUMBERS = dict(zip("一二三四五六七八九十", range(1, 11), strict=True))
EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
LAST = -1
MOVE_FILE = Path(__file__).parent / "prompts" / "day_move.yaml"


def revised_day(question: str) -> int | None:
    """The day the revision changes (LAST for "最后一天" / "last day"), or None."""
    m = ONE_DAY_REVISION.search(question)
    if m is None:
        return None
    said = m.group(0).lower()
    if "最后" in said or "last" in said:
        return LAST
    if digits := re.search(r"\d{1,2}", said):
        return int(digits.group(0))
    for word, n in (*ZH_NUMBERS.items(), *EN_ORDINALS.items()):
        if word in said:
            return n
    return None


def _plan_ask(user_texts: Sequence[str]) -> str:
    """The earlier user turn the plan was asked in (its days and pace), else this turn when it
    says a length ("帮我规划三天杭州，第二天想去西溪": three days, not the KB's suggestion;
    day_wishes_rule_2026-12-06.md), else none."""
    for text in reversed(user_texts[:-1]):
        if trip_length(text) is not None or read_ask(text).plan:
            return text
    if user_texts and trip_length(user_texts[-1]) is not None:
        return user_texts[-1]
    return ""


@cache
def _move_before_day() -> tuple[re.Pattern[str], ...]:
    data = read_yaml(MOVE_FILE)
    return tuple(re.compile(p, re.IGNORECASE) for p in data["before_day"])


def moved_to(text_before_day: str) -> bool:
    """Whether the words right before a day mark move something to it ("挪到第三天")."""
    return any(p.search(text_before_day) for p in _move_before_day())


def day_pieces(question: str) -> list[tuple[int, str, bool]]:
    """The turn cut at each day it names ("第一天想去西湖，第二天想去灵隐寺"): each day with its own
    words, so each day's wish goes to that day (day_wishes_rule_2026-12-06.md); one day named:
    that day with the whole turn. A day something is moved to ("把灵隐寺挪到第三天") takes the
    words before it too, and says so (the third item), since a move adds to that day."""
    marks = list(ONE_DAY_REVISION.finditer(question))
    if len(marks) < 2:
        day = revised_day(question)
        moved = bool(marks) and moved_to(question[: marks[0].start()])
        return [] if day is None else [(day, question, moved)]
    ends = [m.start() for m in marks[1:]] + [len(question)]
    pieces: list[tuple[int, str, bool]] = []
    start = 0
    for m, end in zip(marks, ends, strict=True):
        day = revised_day(m.group(0))
        if day is None:
            continue
        if moved_to(question[start : m.start()]):
            if pieces:  # the words before belong to this day, not the one they followed
                pieces.pop()
            pieces.append((day, question[start:end], True))
        else:
            pieces.append((day, question[m.start() : end], False))
        start = m.start()
    return pieces


def _off_lists(stay: Stay, wished: list[Sight]) -> Stay:
    """The wished sights off the plan's lists (no room, left out, dated): they are on a day now."""

    def off(items: tuple[Sight, ...]) -> tuple[Sight, ...]:
        return tuple(s for s in items if s not in wished)

    return replace(
        stay, no_room=off(stay.no_room), left_out=off(stay.left_out), dated=off(stay.dated)
    )


def _moved(stay: Stay, index: int, wished: list[Sight]) -> Stay:
    """The wished sights taken off whichever day had them and added to day `index`; the rest of
    the plan as it was."""
    days = [replace(d, sights=tuple(s for s in d.sights if s not in wished)) for d in stay.days]
    days[index] = replace(days[index], sights=days[index].sights + tuple(wished))
    return replace(_off_lists(stay, wished), days=tuple(days))


def _changed(stay: Stay, index: int, wished: list[Sight]) -> Stay:
    days = list(stay.days)
    old = days[index]
    kept_old = tuple(s for s in old.sights if s not in wished)
    placed = False
    for i, day in enumerate(days):
        if i != index and any(s in wished for s in day.sights):
            rest = tuple(s for s in day.sights if s not in wished)
            days[i] = replace(day, sights=rest + (kept_old if not placed else ()))
            placed = True
    listed = _off_lists(stay, wished)
    no_room = listed.no_room if placed else (*listed.no_room, *kept_old)
    days[index] = replace(old, sights=tuple(wished))
    return replace(listed, days=tuple(days), no_room=no_room)


def _drop_only(question: str, own: Sequence[Sight]) -> bool:
    """A turn naming no day that only takes sights away ("熊猫基地就别去了"): no plan ask of its
    own, no ask for others ("去过故宫了，还有什么好玩的"), no sight wished by its own name (灵隐 of
    "灵隐寺别去了" is in the name of 龙井村's area; sight_drop_casual_rule_2026-12-07b.md)."""
    if read_ask(question).plan or trip_length(question) or asks_for_others(question.lower()):
        return False
    return not any(asked(s, question, whole_area=False) and not refused(s, question) for s in own)


def revision_answer(
    question: str, user_texts: Sequence[str], kb: KnowledgeBase | None = None
) -> KbAnswer | None:
    """The plan with one day changed to the sights the revision names, or None (the model)."""
    day = revised_day(question)
    kb = kb or load_kb()
    region = thread_region(user_texts, kb)
    if (
        day is not None
        and region is not None
        and {d.id for d in kb.find(question)} <= set(region.places)
    ):
        # a day of a country or province plan: that plan, rebuilt, not one city's
        return _region_revision(day, question, _plan_ask(user_texts), region, kb)
    found = kb.find(question) or kb.find_in_thread(list(user_texts), limit=1)
    if len(found) != 1:
        return None
    destination, lang = found[0], text_lang(question)
    own = sights(destination, lang)
    if day is None and not _drop_only(question, own):
        return None
    pieces = day_pieces(question)
    # a move names the sight it moves by its own name: 灵隐寺 moved is not 龙井村 (its area's name)
    wishes = [(d, [s for s in own if asked(s, piece, whole_area=not moved)])
              for d, piece, moved in pieces]  # fmt: skip
    wishes = [(d, w) for d, w in wishes if w]
    moves = {d for d, _, moved in pieces if moved}
    earlier = _plan_ask(user_texts)
    # only a sight taken off after a plan ("第二天的西溪湿地去掉吧"): the plan again with this turn
    # read beside its ask, so the planner leaves the sight out and names it
    # (day_drop_rule_2026-12-07a.md)
    after_plan = not wishes and earlier not in ("", question)
    dropped = [s for s in own if refused(s, question)] if after_plan else []
    if not (wishes or dropped):
        return None
    planned = kb.find(earlier) if earlier and earlier != question else []
    if planned and destination.id not in {d.id for d in planned}:
        # "swap day 2 for Universal Studios in Osaka" on a Kyoto plan: the trip stays; rebuilding
        # the days in Osaka replaced it (swap_other_rule_2026-12-04k.md)
        return _other_place(planned[0], destination, wishes[0][1], lang) if wishes else None
    ask = read_ask(earlier)
    length = trip_length(earlier)
    plan: KbPlan = build_plan(
        [destination], length.slots if length else None, lang, ask.easy,
        f"{earlier}\n{question}" if dropped else earlier,
    )  # fmt: skip
    t = plan_texts()[lang]
    if dropped:
        items = t["joiner"].join(s.text for s in dropped)
        return KbAnswer("day_plan", f"{t['dropped'].format(items=items)}\n\n{render(plan)}",
                        (destination.id,))  # fmt: skip
    # the day named in the plan ask itself: no plan was shown to stay or change
    # (day_wish_first_ask_rule_2026-12-06j.md)
    first_ask = earlier == question
    heads = []
    for day, wished in wishes:
        stay = plan.stays[0]
        index = len(stay.days) - 1 if day == LAST else day - 1
        if not 0 <= index < len(stay.days):
            return None
        items = t["joiner"].join(s.text for s in wished)
        if set(wished) <= set(stay.days[index].sights):  # already there: nothing to move
            wording = "as_asked" if first_ask else "already"
        elif day in moves and not first_ask:
            plan = replace(plan, stays=(_moved(stay, index, wished),))
            wording = "moved"
        else:
            plan = replace(plan, stays=(_changed(stay, index, wished),))
            wording = "as_asked" if first_ask else "revised"
        heads.append(t[wording].format(day=index + 1, items=items))
    head = "\n".join(heads)
    return KbAnswer("day_plan", f"{head}\n\n{render(plan)}", (destination.id,))


@dataclass(frozen=True)
class IndoorDay:
    """A plan's day given its indoor sights (`indoor_day`): the plan, the day (0-based), the
    indoor sights on it, and how: "changed" (they took the day, what was on it moved as for any
    revision), "swapped" (moving would overload a day, so the day traded places with day
    `other`, which held them), "all" (the day holds only indoor sights already), "kept" (it
    holds them and no other indoor sight can join)."""

    plan: KbPlan
    index: int
    placed: tuple[Sight, ...]
    how: str
    other: int = -1


def _overloaded(stay: Stay, per_day: int) -> bool:
    """A day with more sights than the pace holds, or a whole-day sight beside one of another
    area (what `_changed` can leave where the moved sights land)."""
    return any(
        len(d.sights) > per_day
        or any(s.whole_day and any(o.area != s.area for o in d.sights) for s in d.sights)
        for d in stay.days
    )


def indoor_day(day: int, destination: Destination, earlier: str, lang: Lang) -> IndoorDay | None:
    """The plan `earlier` asked for with day `day` given the entry's `indoor` highlights for a
    rainy or very hot day (rainy_day_rule_2026-12-06f.md): the day's own indoor sights first,
    then the others, as many as one day of the plan holds (`pack_days`: areas, `apart`, whole
    day). None when the plan has no such day or no indoor sight it keeps."""
    ask = read_ask(earlier)
    days, half = asked_length(ask, earlier)
    plan = build_plan([destination], days, lang, ask.easy, earlier, half, ask.interests)
    stay = plan.stays[0]
    index = len(stay.days) - 1 if day == LAST else day - 1
    if not 0 <= index < len(stay.days):
        return None
    on_day = stay.days[index].sights
    out = {*stay.left_out, *stay.refused, *stay.kind_out, *stay.dated}
    indoor = [s for s in sights(destination, lang) if s.indoor and s not in out]
    first = [s for s in on_day if s.indoor] + [s for s in indoor if s not in on_day]
    per_day = EASY_SIGHTS_PER_DAY if ask.easy else SIGHTS_PER_DAY
    units, _ = pack_days(first, 1, per_day)
    if not units:
        return None
    wished = tuple(units[0])
    if set(wished) <= set(on_day):
        return IndoorDay(plan, index, wished, "all" if set(on_day) <= set(wished) else "kept")
    changed = _changed(stay, index, list(wished))
    if not _overloaded(changed, per_day):
        return IndoorDay(replace(plan, stays=(changed,)), index, wished, "changed")
    # the day that held most of them trades places with the rainy day: every day keeps its shape
    other = max(
        (i for i in range(len(stay.days)) if i != index),
        key=lambda i: sum(s in wished for s in stay.days[i].sights),
    )
    days_now = list(stay.days)
    days_now[index], days_now[other] = (
        replace(stay.days[other], day=stay.days[index].day),
        replace(stay.days[index], day=stay.days[other].day),
    )
    swapped = replace(stay, days=tuple(days_now))
    placed = tuple(s for s in stay.days[other].sights if s.indoor)
    return IndoorDay(replace(plan, stays=(swapped,)), index, placed, "swapped", other)


def _other_place(
    planned: Destination, other: Destination, wished: list[Sight], lang: Lang
) -> KbAnswer:
    """A sight of another destination asked into the plan: said so, the plan kept, and a day
    trip only to a city the plan's lists in `day_trips` (a Beijing plan's "环球影城" got a day trip
    to Osaka: other_place_far_rule_2026-12-06g.md)."""
    t = plan_texts()[lang]
    near = other.id in planned.data.get("day_trips", [])
    text = t["other_place" if near else "other_place_far"].format(
        items=t["joiner"].join(s.text for s in wished),
        other=other.name(lang),
        name=planned.name(lang),
        getting_there=other.data.get("getting_there", {}).get(lang, ""),
    )
    return KbAnswer("plan_gap", text, (planned.id, other.id))


def _region_revision(
    day: int, question: str, earlier: str, region: Region, kb: KnowledgeBase
) -> KbAnswer | None:
    """The region plan the thread asked for with that day changed to the sights the revision
    names from that day's city; a sight of another city of the plan is said to be there (its
    days named), the plan unchanged; naming nothing of the plan's cities, None (as for a city)."""
    lang = text_lang(question)
    plan, more = region_plan(region, read_ask(earlier), earlier, lang, kb)
    days = [(n, d) for n, stay in enumerate(plan.stays) for d in range(len(stay.days))]
    if not days:
        return None
    n, index = days[-1] if day == LAST else days[day - 1] if 0 < day <= len(days) else (-1, -1)
    if n < 0:
        return None
    stay, t = plan.stays[n], plan_texts()[lang]
    shown = stay.days[index].day
    wished = [s for s in sights(stay.destination, lang) if asked(s, question)]
    if wished:
        items = t["joiner"].join(s.text for s in wished)
        if set(wished) <= set(stay.days[index].sights):
            head = t["already"].format(day=shown, items=items)
        else:
            stays = list(plan.stays)
            stays[n] = _changed(stay, index, wished)
            plan = replace(plan, stays=tuple(stays))
            head = t["revised"].format(day=shown, items=items)
        return KbAnswer("day_plan", f"{head}\n\n{render(plan, more)}", _ids(plan))
    for other in plan.stays:
        if wished := [s for s in sights(other.destination, lang) if asked(s, question)]:
            head = t["other_stay"].format(
                items=t["joiner"].join(s.text for s in wished),
                name=other.destination.name(lang),
                first=other.first_day,
                last=other.first_day + len(other.days) - 1,
                day=shown,
                here=stay.destination.name(lang),
            )
            return KbAnswer("day_plan", f"{head}\n\n{render(plan, more)}", _ids(plan))
    return None


def _ids(plan: KbPlan) -> tuple[str, ...]:
    return tuple(s.destination.id for s in plan.stays)
