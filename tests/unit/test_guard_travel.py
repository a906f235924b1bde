"""The guard on travel prose: skin-only hazard patterns need skin context in a travel answer,
a travel answer's blocked sentence becomes the travel line (never skin advice), and every
replacement is logged with its tag and expert, never its text.

Why: a served Osaka food itinerary had a sentence replaced by "Don't squeeze, pick or cut the
skin yourself" (served answers read on 2026-12-02): "the most popular spots" matched the
pattern "pop… spots". The phrasings below were written for this test, none from an eval split.
"""

from __future__ import annotations

import logging

import pytest

from agents.chains import logged_block
from agents.guard import Block, Finding, GuardContext, SentenceGate, check_sentence, load_rules

RULES = load_rules()
TRAVEL = {lang: GuardContext(lang, travel_answer=True) for lang in ("zh", "en")}  # type: ignore[arg-type]
DOCTOR = {lang: GuardContext(lang) for lang in ("zh", "en")}  # type: ignore[arg-type]


def tags(sentence: str, context: GuardContext) -> set[str]:
    return {f.tag for f in check_sentence(sentence, context)}


# Travel prose that must pass in a travel answer (and mostly tripped a pattern before).
TRAVEL_PROSE = [
    ("en", "Dotonbori is one of the most popular spots for street food at night."),
    ("en", "Kuromon Market is a good place to pick up grilled scallops and fresh tuna."),
    ("en", "Ask the chef to slice the wagyu thinly, then dip it in the broth."),
    ("en", "Take the cable car up and pick your favourite viewpoint over the bay."),
    ("en", "Don't miss the popular spots around Shinsekai; cut through the arcade to Tsutenkaku."),
    ("zh", "晚上去黑门市场，用刀切开刚烤好的章鱼烧，小心烫。"),
    ("zh", "桂林的街边可以吃一碗龟苓膏，清凉解暑。"),
    ("zh", "去一次就好，不用每天都排队。"),
    ("zh", "师傅会用剪刀剪开螃蟹壳，方便你吃。"),
    ("zh", "夜市的炸串要挑一下，挑你喜欢的就好。"),
]


@pytest.mark.parametrize(("lang", "sentence"), TRAVEL_PROSE)
def test_travel_prose_passes_in_a_travel_answer(lang: str, sentence: str) -> None:
    assert tags(sentence, TRAVEL[lang]) == set()


@pytest.mark.parametrize(
    "sentence", ["Dotonbori is one of the most popular spots.", "The stall pops up every night."]
)
def test_ordinary_words_no_longer_read_as_squeezing_even_for_the_doctor(sentence: str) -> None:
    # The pattern's verb forms are spelled out: "popular" / "pops up" are not "pop … spots".
    assert "cut_or_squeeze" not in tags(sentence, DOCTOR["en"])


# A travel answer that does give the hazard, with the skin in the same sentence: still caught.
HAZARDS_WITH_SKIN = [
    ("en", "cut_or_squeeze", "If you get a pimple from the spicy food, just squeeze the pimple."),
    ("en", "cut_or_squeeze", "Pop the whitehead on your nose with a clean needle."),
    ("en", "oral_topical", "Swallow a little of the hydrocortisone cream before dinner."),
    ("zh", "cut_or_squeeze", "脸上冒痘的话，用针挑破把脓挤出来就好。"),
    ("zh", "cut_or_squeeze", "鼻子上的黑头可以用指甲抠掉。"),
    ("zh", "oral_topical", "把皮肤用的药膏口服一点效果更好。"),
]


@pytest.mark.parametrize(("lang", "tag", "sentence"), HAZARDS_WITH_SKIN)
def test_hazards_with_skin_context_are_still_caught_in_travel(
    lang: str, tag: str, sentence: str
) -> None:
    assert tag in tags(sentence, TRAVEL[lang])


# The same advice, negated: passes in both lanes.
NEGATED = [
    ("en", "Don't squeeze the pimple, however tempting after all that spicy food."),
    ("en", "Never pop a whitehead on your nose with a needle."),
    ("zh", "脸上冒痘不要用针挑破，也不要挤。"),
    ("zh", "鼻子上的黑头别用指甲抠。"),
]


@pytest.mark.parametrize(("lang", "sentence"), NEGATED)
def test_negated_advice_passes_in_both_lanes(lang: str, sentence: str) -> None:
    assert tags(sentence, TRAVEL[lang]) == set()
    assert tags(sentence, DOCTOR[lang]) == set()


def test_a_skin_question_makes_a_travel_answer_about_the_skin() -> None:
    # The blackhead answer of issue 15: no skin word in the sentence, but the user asked about it.
    sentence = "可以使用刀去切割或用指甲轻轻去除"
    assert tags(sentence, TRAVEL["zh"]) == set()
    asked_about_skin = GuardContext("zh", travel_answer=True, skin_question=True)
    assert tags(sentence, asked_about_skin) == {"cut_or_squeeze"}
    assert tags(sentence, DOCTOR["zh"]) == {"cut_or_squeeze"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_travel_answer_gets_the_travel_line_not_skin_advice(lang: str) -> None:
    text = {
        "zh": "先去道顿堀吃章鱼烧。脸上的痘痘用针挑破就好。晚上逛心斋桥。",
        "en": "Start at Dotonbori. Pop the pimple on your face with a needle. End in Shinsekai.",
    }[lang]
    gate = SentenceGate(TRAVEL[lang])
    shown = "".join(gate.feed(text) + gate.flush())
    assert RULES.travel_safe[lang] in shown  # type: ignore[index]
    assert RULES.safe_line("cut_or_squeeze", lang) not in shown  # type: ignore[arg-type]
    assert "道顿堀" in shown or "Dotonbori" in shown
    assert [b.tags for b in gate.blocks] == [("cut_or_squeeze",)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_travel_line_itself_passes_the_strictest_guard(lang: str) -> None:
    strictest = GuardContext(lang, frozenset(RULES.tags), emergency=True, age_years=0.1)  # type: ignore[arg-type]
    assert check_sentence(RULES.travel_safe[lang], strictest) == []  # type: ignore[index]


def test_a_context_the_rules_do_not_define_fails_at_load() -> None:
    from agents.guard import HazardRulesError
    from agents.guard.rules import HAZARDS_PATH, parse_rules
    from config.yaml_data import read_yaml

    data = read_yaml(HAZARDS_PATH)
    data["tags"]["cut_or_squeeze"]["context"] = "no_such_context"
    with pytest.raises(HazardRulesError, match="no_such_context"):
        parse_rules(data)


def test_each_replacement_is_logged_with_tag_and_expert_never_the_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    heard: list[tuple[str, Block]] = []
    block = Block(
        "Pop the pimple with a needle.",
        (Finding("cut_or_squeeze", "Pop the pimple"),),
        "(replaced)",
    )
    with caplog.at_level(logging.INFO, logger="agents.chains"):
        logged_block("itinerary", lambda e, b: heard.append((e, b)))(block)
    assert heard == [("itinerary", block)]
    [record] = caplog.records
    assert "expert=itinerary" in record.getMessage()
    assert "tags=cut_or_squeeze" in record.getMessage()
    assert "pimple" not in record.getMessage().lower()
