"""Each rule narrowed so vetted card text passes still catches a real hazard in the same words.

Pairs: the safe phrasing (close to a card's own) and a hazardous one that shares its key words.
"""

from __future__ import annotations

import pytest

from agents.guard import GuardContext, check_sentence, load_rules

EVERY_TAG = frozenset(load_rules().tags)


def tags_of(sentence: str, *, emergency: bool = False) -> set[str]:
    return {f.tag for f in check_sentence(sentence, GuardContext("en", EVERY_TAG, emergency))}


STILL_CAUGHT = [
    # scratch: descriptions no longer count, the act still does
    ("scratch", "痒的话就抓一抓"),
    ("scratch", "可以用指甲轻轻挠"),
    ("scratch", "Scratching it gently is fine."),
    ("scratch", "痒了就抓，不容易感染的"),  # "不容易感染" is no consequence warning
    # topical_steroid: 激素 as a product or applied
    ("topical_steroid", "可以涂点激素"),
    ("topical_steroid", "用激素药膏就行"),
    ("topical_steroid", "激素类软膏效果最好"),
    ("topical_steroid", "Use a steroid cream that works fast."),
    ("topical_steroid", "Don't panic – apply hydrocortisone twice a day."),
    ("topical_steroid", "Apply hydrocortisone twice a day and see a doctor if it spreads."),
    # oral_topical: a 、-list no longer links a cream to a pill; the cream swallowed still counts
    ("oral_topical", "乳膏也可以口服"),
    ("oral_topical", "把药膏和水一起吞服"),
    # cut_or_squeeze: a sting or splinter is exempt, a lesion is not; a doctor acting is exempt,
    # a doctor quoted as allowing self-surgery is not
    ("cut_or_squeeze", "用针挑破脓包"),
    ("cut_or_squeeze", "用指甲把痘痘刮掉"),
    ("cut_or_squeeze", "Pop the boil with a needle."),
    ("cut_or_squeeze", "医生说可以自己切开"),
    ("cut_or_squeeze", "Your doctor says you can cut it open yourself."),
    ("cut_or_squeeze", "防止感染，可以用针挑破"),
    # antiviral: "don't work" after a condition does not clear it; praise does not either
    ("antiviral", "Use aciclovir if the cream doesn't work."),
    ("antiviral", "涂阿昔洛韦，对疣很有效"),
    ("antiviral", "Take an antiviral for your warts."),
    ("antiviral", "Valaciclovir works if the cream doesn't."),
    # vaccine_claim: a claim still counts
    ("vaccine_claim", "打疫苗可以根治湿疹"),
    ("vaccine_claim", "疣有疫苗可以预防"),
    ("vaccine_claim", "There's a new eczema vaccine you can ask for."),
    ("vaccine_claim", "A vaccine for warts is available at pharmacies."),
    # a cue window never cuts a word: "does nothing" is not "does not"
    ("antifungal", "Terbinafine on an itchy red rash does nothing but good."),
    # burst_blisters: a negation before a comma does not reach a new imperative
    ("burst_blisters", "Don't use soap, pop the blister with a needle."),
    # a negated list continues only through harmful acts; a dash without a list breaks
    ("topical_steroid", "Avoid soap, rinse, apply hydrocortisone twice a day."),
    ("topical_steroid", "No need for a doctor – hydrocortisone will sort it out."),
]

NOW_SAFE = [
    "抓后可渗液结痂",
    "常在抓破的虫咬处发生",
    "被猫抓伤后要打狂犬疫苗",
    "Dry skin that weeps when scratched.",
    "与紫外线、激素（怀孕）有关",
    "Don't use a steroid cream (e.g. hydrocortisone) on it.",
    "用针把木刺挑出来",
    "Remove the splinter with a sterilised needle.",
    "如果刺还在皮肤里，用指甲横着刮出来。",
    "可能需要医生切开引流",
    "A doctor may need to lance it.",
    "口服抗病毒药对疣无效",
    "Antiviral tablets don't work on warts.",
    "Clotrimazole won't help if this is sunburn.",
    "Only use hydrocortisone on a doctor's advice.",
    "不要搔抓，抓破容易感染",
    "戴手套防抓",
    "Tell the doctor about your vaccinations.",
    "The HPV vaccine prevents some warts.",
    "There is no vaccine for this.",
    "Don't squeeze, pick, prick it with a needle or cut it open yourself.",
    "Don't use direct heat – fire, a heater or hot water.",
]


@pytest.mark.parametrize(("tag", "sentence"), STILL_CAUGHT)
def test_a_narrowed_rule_still_catches_the_hazard(tag: str, sentence: str) -> None:
    assert tag in tags_of(sentence)


@pytest.mark.parametrize("sentence", NOW_SAFE)
def test_the_safe_phrasing_passes(sentence: str) -> None:
    assert tags_of(sentence, emergency=True) == set()


def test_a_cream_listed_beside_an_oral_drug_is_not_swallowed() -> None:
    assert "oral_topical" not in tags_of("轻症可用氢化可的松乳膏、口服抗组胺药止痒")


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("先涂点药膏，多喝水，在家观察", True),
        ("休息一下就好，不用去医院", True),
        ("Take an antihistamine and sleep it off.", True),
        ("抬高患肢，休息，多喝水。", False),
        ("多喝水，马上去急诊", False),
    ],
)
def test_supportive_care_is_not_a_cream_for_an_emergency(sentence: str, flagged: bool) -> None:
    assert ("cream_for_emergency" in tags_of(sentence, emergency=True)) is flagged
