"""Pills or poison already swallowed, or a cut already made: the reply leads with call-now first
aid — the crisis reply opens with it, and an emergency's first aid is poisoning's, not a stroke's
for the slurring an overdose explains (act_taken_rule_2026-12-05.md)."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from agents.responders import escalation_categories, self_harm_reply

ACT = {"zh": "如果已经吃下了药或毒物", "en": "If pills or poison have been swallowed"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "刚刚把一整瓶安眠药都吃了，不想活了"),
        ("en", "I swallowed a whole packet of paracetamol, I just want it to stop"),
        ("en", "he cut his wrists in the hostel bathroom"),
        ("zh", "她喝了农药，说不想活了"),
    ],
)
def test_a_reported_act_leads_the_crisis_reply_with_call_now(lang: str, text: str) -> None:
    reply = self_harm_reply(lang, None, [text])  # type: ignore[arg-type]
    first, *rest = reply.splitlines()
    assert first.startswith(f"⚠️ {ACT[lang]}")
    # the template's own, less direct line about pills already taken is dropped
    assert not [line for line in rest if "已经吞下" in line or "already been taken" in line]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "活着好累，有时候想一睡不醒"),
        ("en", "I've been saving up my pills for a while"),
        ("zh", "药都买好了，旅行完就走"),
        ("en", "I took 10 days off work and I still feel empty"),
    ],
)
def test_thoughts_and_plans_keep_the_reply_as_it_was(lang: str, text: str) -> None:
    before = self_harm_reply(lang, None)  # type: ignore[arg-type]
    assert self_harm_reply(lang, None, [text]) == before  # type: ignore[arg-type]


def test_an_overdose_s_slurring_gets_poisoning_first_aid_not_a_stroke_s() -> None:
    turn = "我室友刚吞了一整瓶安眠药，现在说话含糊不清"
    assert escalation_categories(None, ["stroke"], [turn]) == ["poisoning_overdose"]
    # one-sided weakness is a stroke's own sign: its first aid stays
    weak = "他吞了一整瓶药，现在嘴歪了，右手拿不住东西"
    assert "stroke" in escalation_categories(None, ["stroke"], [weak])


def test_a_net_escalation_without_a_category_takes_poisoning_from_its_signs() -> None:
    turn = "she swallowed a handful of her pills, very drowsy"
    assert escalation_categories(None, [], [turn]) == ["poisoning_overdose"]
    assert escalation_categories(None, [], ["he collapsed in the street"]) == []
    # a collapse in the heat names heat stroke's first aid (heat_first_aid_rule_2026-12-04k.md)
    assert escalation_categories(None, [], ["he collapsed in the heat"]) == ["heat_stroke"]


def test_medicine_taken_as_prescribed_is_no_overdose() -> None:
    assert "overdose_taken" not in emergency_signs().thread_signs(["我爸吃了降压药，突然嘴歪了"])


@pytest.mark.parametrize(
    ("turn", "expected"),
    [
        ("my brother cut himself badly on purpose, there's a lot of blood", ["heavy_bleeding"]),
        ("她割腕了，流了很多血", ["heavy_bleeding"]),
        ("I cut my finger chopping vegetables, bleeding a lot", []),  # no self-inflicted cut
    ],
)
def test_a_deliberate_cut_gets_the_bleeding_first_aid(turn: str, expected: list[str]) -> None:
    assert escalation_categories(None, [], [turn]) == expected
