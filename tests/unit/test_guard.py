"""The response guard's pure parts: hazard rules, negation, clause scope, splitter, ages, gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agents.guard import (
    Block,
    GuardContext,
    HazardRulesError,
    SentenceGate,
    SentenceStream,
    check_sentence,
    load_rules,
    split_sentences,
    unknown_tags,
)
from agents.guard.rules import LANGS
from graph.events import GuardEvent

RULES = load_rules()
EVERY_TAG = frozenset(RULES.tags)


def tags_of(sentence: str, context: GuardContext | None = None) -> set[str]:
    context = context or GuardContext("en", EVERY_TAG)
    return {f.tag for f in check_sentence(sentence, context)}


RECOMMENDED = [
    # antifungal
    ("antifungal", "Apply clotrimazole twice a day."),
    ("antifungal", "A ketoconazole shampoo should clear it up."),
    ("antifungal", "You can buy Lamisil cream at any pharmacy and rub it in."),
    ("antifungal", "涂点达克宁。"),
    ("antifungal", "建议外用酮康唑乳膏，每天两次。"),
    ("antifungal", "可以去药店买克霉唑软膏涂一周"),
    # topical_steroid
    ("topical_steroid", "A thin layer of 1% hydrocortisone cream will calm it."),
    ("topical_steroid", "Use a mild steroid cream such as Eumovate for a week."),
    ("topical_steroid", "Betamethasone ointment works well for this."),
    ("topical_steroid", "可以涂一点氢化可的松乳膏。"),
    ("topical_steroid", "晚上抹皮炎平会好得快"),
    ("topical_steroid", "用糠酸莫米松软膏每天一次"),
    # cut_or_squeeze
    ("cut_or_squeeze", "可以用刀切掉"),
    ("cut_or_squeeze", "挤出来就好"),
    ("cut_or_squeeze", "可以使用刀去切割或用指甲轻轻去除"),
    ("cut_or_squeeze", "Squeeze the blackheads out gently after a shower."),
    ("cut_or_squeeze", "Pop the pimple with a clean needle."),
    ("cut_or_squeeze", "You can dig it out with your fingernails."),
    # oral_topical
    ("oral_topical", "Take the hydrocortisone cream by mouth."),
    ("oral_topical", "Swallow a little of the antifungal cream each morning."),
    ("oral_topical", "Rub on the cream, then take it by mouth at night as well."),
    ("oral_topical", "氢化可的松乳膏每天服用两次。"),
    ("oral_topical", "把药膏口服下去效果更好"),
    ("oral_topical", "hydrocortisone cream 服用，一天一次"),
    # burst_blisters
    ("burst_blisters", "Pop the blister with a sterile needle."),
    ("burst_blisters", "Large blisters should be drained so they heal faster."),
    ("burst_blisters", "Burst the biggest blisters and let them dry."),
    ("burst_blisters", "用消毒过的针把水疱挑破。"),
    ("burst_blisters", "水泡大的话可以刺破放水"),
    ("burst_blisters", "把泡弄破会好得快一些"),
    # ice_direct
    ("ice_direct", "Hold ice cubes on the burn for ten minutes."),
    ("ice_direct", "Soak the hand in ice water."),
    ("ice_direct", "Put an ice pack directly on the skin."),
    ("ice_direct", "马上用冰块敷在烫伤的地方。"),
    ("ice_direct", "把手泡在冰水里"),
    ("ice_direct", "可以冰敷二十分钟"),
    # the rest, one or two phrasings each
    ("antibiotic_cream", "Dab on some mupirocin ointment."),
    ("antibiotic_cream", "涂点红霉素软膏就行"),
    ("antiviral", "Aciclovir cream five times a day will help."),
    ("antiviral", "可以涂阿昔洛韦乳膏"),
    ("antihistamine", "Take a cetirizine tablet tonight."),
    ("antihistamine", "吃一片氯雷他定"),
    ("home_remedy_burn", "Spread some toothpaste on the burn."),
    ("home_remedy_burn", "烫伤后抹点酱油能止痛"),
    ("freshwater_rinse", "Rinse the sting under the tap with fresh water."),
    ("freshwater_rinse", "用自来水冲洗被蜇的地方"),
    ("urine", "Pee on the jellyfish sting to stop the pain."),
    ("urine", "往蜇伤处撒尿可以中和毒素"),
    ("rub_or_heat_frostbite", "Rub the frozen fingers hard to bring back the feeling."),
    ("rub_or_heat_frostbite", "把冻伤的脚放在火炉边烤一烤"),
    ("scratch", "Scratch it gently if it itches."),
    ("scratch", "痒的话可以轻轻挠一挠"),
    ("occlusive_heavy", "Cover the rash with a thick layer of petroleum jelly."),
    ("occlusive_heavy", "痱子上涂一层凡士林"),
    ("prescription_dose", "Take prednisolone 40 mg once a day for five days."),
    ("prescription_dose", "口服异维A酸，每天20毫克"),
    ("vaccine_claim", "There is a ringworm vaccine from Pfizer you can get."),
    ("vaccine_claim", "这个药可以根治湿疹，永不复发"),
]

ADVISED_AGAINST = [
    ("antifungal", "avoid antifungal creams"),
    ("antifungal", "Clotrimazole won't help with sunburn."),
    ("antifungal", "This is not a fungal infection, so there is no need for ketoconazole."),
    ("antifungal", "不要用达克宁。"),
    ("antifungal", "晒伤不是真菌感染，不需要涂酮康唑"),
    ("antifungal", "抗真菌药膏对晒伤没有用。"),
    ("topical_steroid", "千万别用激素药膏"),
    ("topical_steroid", "不建议自己涂氢化可的松"),
    ("topical_steroid", "皮炎平这类激素药膏不适合用在脸上"),
    ("topical_steroid", "Don't put hydrocortisone on a fungal rash."),
    ("topical_steroid", "Steroid creams are not recommended here."),
    ("topical_steroid", "Never use betamethasone on broken skin."),
    ("cut_or_squeeze", "不要挤"),
    ("cut_or_squeeze", "千万不要用针挑或者用刀切"),
    ("cut_or_squeeze", "不要自己挤、挑或切开皮损，以免感染和留疤。"),
    ("cut_or_squeeze", "Don't squeeze, pick or cut the skin yourself."),
    ("cut_or_squeeze", "Rather than cutting the skin, see a doctor."),
    ("cut_or_squeeze", "Never pop pimples with a needle."),
    ("oral_topical", "never take it by mouth"),
    ("oral_topical", "The cream is for the skin only; don't swallow the cream."),
    ("oral_topical", "Do not eat the ointment."),
    ("oral_topical", "药膏千万不要口服"),
    ("oral_topical", "这是外用药，不能吃下去"),
    ("oral_topical", "不要把乳膏吞服"),
    ("burst_blisters", "don't pop the blisters"),
    ("burst_blisters", "Blisters should never be popped."),
    ("burst_blisters", "Leave the blisters alone instead of bursting the blisters."),
    ("burst_blisters", "不要挑破水疱"),
    ("burst_blisters", "水泡千万别刺破"),
    ("burst_blisters", "避免弄破水疱"),
    ("ice_direct", "Cool it under running water instead of ice."),
    ("ice_direct", "Don't put ice on a burn."),
    ("ice_direct", "Ice should not touch the skin directly."),
    ("ice_direct", "不要用冰块直接敷"),
    ("ice_direct", "冰块不要直接敷在皮肤上"),
    ("ice_direct", "别用冰水泡"),
    ("antihistamine", "no need for an antihistamine"),
    ("antihistamine", "不需要吃氯雷他定"),
    ("home_remedy_burn", "Do not use butter or toothpaste on a burn."),
    ("home_remedy_burn", "千万不要涂牙膏或者酱油"),
    ("freshwater_rinse", "Rinse with seawater, not fresh water."),
    ("freshwater_rinse", "不要用淡水冲洗"),
    ("urine", "Peeing on a sting is a myth."),
    ("urine", "不要往伤口上撒尿"),
    ("rub_or_heat_frostbite", "Don't rub frostbitten skin."),
    ("rub_or_heat_frostbite", "不要搓冻伤的地方"),
    ("scratch", "Try not to scratch."),
    ("scratch", "尽量不要抓挠"),
    ("occlusive_heavy", "Avoid heavy creams and petroleum jelly on heat rash."),
    ("occlusive_heavy", "不要涂凡士林"),
    ("vaccine_claim", "There is no vaccine for ringworm."),
    ("vaccine_claim", "湿疹目前没有根治的方法"),
]


@pytest.mark.parametrize(("tag", "sentence"), RECOMMENDED)
def test_a_recommended_hazard_is_found(tag: str, sentence: str) -> None:
    assert tag in tags_of(sentence)


@pytest.mark.parametrize(("tag", "sentence"), ADVISED_AGAINST)
def test_advice_against_a_hazard_is_not_flagged(tag: str, sentence: str) -> None:
    assert tags_of(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("不要抓挠，可以涂酮康唑", "antifungal"),
        ("不要挤，可以用针挑出来", "cut_or_squeeze"),
        ("Don't scratch, apply clotrimazole twice a day.", "antifungal"),
        ("Avoid the sun and apply hydrocortisone twice a day.", "topical_steroid"),
        ("Don't scratch; instead use a steroid cream.", "topical_steroid"),
        ("不要用冰块，而是抹点牙膏", "home_remedy_burn"),
        ("没有好转的话可以涂酮康唑", "antifungal"),
        ("Don't hesitate to use hydrocortisone.", "topical_steroid"),
        ("特别痒的时候可以用氢化可的松", "topical_steroid"),
    ],
)
def test_negation_stays_in_its_clause(sentence: str, tag: str) -> None:
    assert tag in tags_of(sentence)


def test_per_card_tags_apply_only_when_a_card_avoids_them() -> None:
    plain = GuardContext("en")
    assert tags_of("Apply clotrimazole twice a day.", plain) == set()
    assert tags_of("Pop the pimple with a needle.", plain) == {"cut_or_squeeze"}  # general


@pytest.mark.parametrize(
    ("sentence", "age", "flagged"),
    [
        ("Use 1% hydrocortisone cream for a few days.", 8, True),
        ("Use 1% hydrocortisone cream for a few days.", 12, False),
        ("Give her an aspirin for the pain.", 14, True),
        ("Give her an aspirin for the pain.", 17, False),
        ("涂一点过氧化苯甲酰凝胶。", 11, True),
        ("涂一点过氧化苯甲酰凝胶。", 13, False),
        ("给孩子吃一片氯雷他定", 1, True),
        ("Hydrocortisone is not suitable for children under 10.", 8, False),
        ("不要给16岁以下的孩子吃阿司匹林", 9, False),
    ],
)
def test_age_limits(sentence: str, age: float, flagged: bool) -> None:
    context = GuardContext("en", age_years=age)
    assert ("child_under_age" in tags_of(sentence, context)) is flagged


def test_without_an_age_no_age_limit_applies() -> None:
    assert tags_of("Give her an aspirin for the pain.", GuardContext("en")) == set()


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Take an antihistamine and see how it goes.", True),
        ("Apply calamine lotion and rest at home.", True),
        ("先吃一片氯雷他定，在家观察。", True),
        ("涂点炉甘石洗剂就好", True),
        ("You don't need to go to the emergency department; a cream will do.", True),
        ("Call 112 now; an antihistamine is not enough.", False),
        ("Use the adrenaline auto-injector, then call an ambulance.", False),
        ("立即拨打120，不要只吃抗过敏药。", False),
        ("Don't rely on an antihistamine.", False),
        ("Keep the person lying down with legs raised.", False),
    ],
)
def test_cream_for_emergency(sentence: str, flagged: bool) -> None:
    emergency = GuardContext("en", emergency=True)
    assert ("cream_for_emergency" in tags_of(sentence, emergency)) is flagged
    assert "cream_for_emergency" not in tags_of(sentence, GuardContext("en"))


def test_a_real_vaccine_is_not_an_invented_one() -> None:
    assert tags_of("Make sure your tetanus vaccine is up to date.") == set()
    assert tags_of("带状疱疹疫苗可以预防复发") == set()


@pytest.mark.parametrize("tag", sorted(RULES.tags))
@pytest.mark.parametrize("lang", LANGS)
def test_every_safe_line_passes_the_guard(tag: str, lang: str) -> None:
    line = RULES.safe_line(tag, lang)  # type: ignore[arg-type]
    strictest = GuardContext(lang, EVERY_TAG, emergency=True, age_years=0.1)  # type: ignore[arg-type]
    assert check_sentence(line, strictest) == []


def test_context_from_cards() -> None:
    cards = [
        {"id": "sunburn", "avoid": ["antifungal", "ice_direct"], "emergency": False},
        {"id": "anaphylaxis", "avoid": ["antihistamine"], "emergency": True},
        {"id": "acne", "avoid": None},
    ]
    context = GuardContext.from_cards(cards, "zh", age_years=9)
    assert context.avoid == {"antifungal", "ice_direct", "antihistamine"}
    assert context.emergency
    assert (context.lang, context.age_years) == ("zh", 9)
    assert not GuardContext.from_cards(cards[:1], "en").emergency
    assert GuardContext.from_cards([], "en", red_flag=True).emergency
    assert unknown_tags(["antifungal", "antifungals"]) == {"antifungals"}


def test_a_bad_rules_file_fails_loudly(tmp_path: Path) -> None:
    broken = tmp_path / "hazards.yaml"
    broken.write_text("tags: {x: {patterns: {zh: ['('], en: []}, safe: {zh: a, en: b}}}\n")
    with pytest.raises(HazardRulesError):
        load_rules(broken)
    with pytest.raises(HazardRulesError):
        load_rules(tmp_path / "missing.yaml")


# ---- sentences ----


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "不要挤。可以冷敷！会好吗？会的；放心\n好",
            ["不要挤。", "可以冷敷！", "会好吗？", "会的；", "放心\n", "好"],
        ),
        (
            "Use it, e.g. twice daily. A 2.5% gel works! Really? Yes.",
            ["Use it, e.g. twice daily. ", "A 2.5% gel works! ", "Really? ", "Yes."],
        ),
        (
            "## 处理方法\n\n1. Cool it.\n2. Cover it.\n- 多喝水\n- rest",
            ["## 处理方法\n\n", "1. Cool it.\n", "2. Cover it.\n", "- 多喝水\n", "- rest"],
        ),
        ('He said "stop." Then left.', ['He said "stop." ', "Then left."]),
        ("**Note.** Done", ["**Note.** ", "Done"]),
        ("好的.然后呢", ["好的.", "然后呢"]),
    ],
)
def test_split_sentences(text: str, pieces: list[str]) -> None:
    assert split_sentences(text) == pieces


TOKENS = [*"ab 。！.?\n,eg1#-*”好", "e.g.", "2.5%", "No.", "1. "]
TEXT = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


@given(TEXT, st.lists(st.integers(min_value=1, max_value=6), max_size=40))
def test_streamed_pieces_equal_the_split_of_the_whole(text: str, sizes: list[int]) -> None:
    stream, pieces, at = SentenceStream(), [], 0
    for size in sizes:
        pieces += stream.feed(text[at : at + size])
        at += size
    pieces += stream.feed(text[at:])
    rest = stream.flush()
    pieces += [rest] if rest else []
    assert "".join(pieces) == text
    assert pieces == split_sentences(text)


# ---- the gate ----


def test_the_gate_replaces_only_the_blocked_sentence_and_keeps_the_layout() -> None:
    blocks: list[Block] = []
    gate = SentenceGate(GuardContext("en", frozenset({"antifungal"})), on_block=blocks.append)
    text = "- Cool the skin.\n- Apply clotrimazole twice a day.\n- Drink water.\n"
    out = [p for chunk in text.split(" ") for p in gate.feed(chunk + " ")] + gate.flush()
    shown = "".join(out)
    assert "clotrimazole" not in shown
    assert shown.startswith("- Cool the skin.\n- An antifungal cream is not the right")
    assert shown.rstrip().endswith("- Drink water.")
    assert [b.tag for b in blocks] == ["antifungal"]
    assert GuardEvent.from_block(blocks[0], "medical").model_dump() == {
        "type": "guard",
        "tag": "antifungal",
        "tags": ["antifungal"],
        "expert": "medical",
        "replaced": "- An antifungal cream is not the right treatment for this.\n",
    }


def test_the_gate_does_not_repeat_a_safe_line() -> None:
    gate = SentenceGate(GuardContext("zh", frozenset({"antifungal"})))
    shown = "".join(gate.feed("涂达克宁。再涂酮康唑。多喝水。") + gate.flush())
    assert shown == "这种情况不需要抗真菌药膏。多喝水。"
    assert len(gate.blocks) == 2


def test_the_last_unfinished_sentence_is_checked_too() -> None:
    gate = SentenceGate(GuardContext("zh"))
    assert gate.feed("多休息。可以用刀切掉") == ["多休息。"]
    assert gate.flush() == ["不要自己挤、挑或切开皮损，以免感染和留疤。"]
