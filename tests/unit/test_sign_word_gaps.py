"""Sign words the doctor's groups and the red-flag rules did not read
(sign_word_gaps_rule_2026-12-07e.md): a person hot to the touch is a fever; 43 degrees and over
is the day's heat; a head bonked or a lamp post walked into is a knock to the head; 说话不太清楚
is speech; "40.1, and confused"; 昏睡, a child gone limp, 没什么精神 are consciousness; no pee
told as 尿…很久没有 is drying out; "can't breathe" at a price or laughter with no body sign is no
red flag. Phrasings written for this file after the change."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from graph.safety import red_flags
from tests.unit.doctor_call import doctor_call


def signs(text: str) -> set[str]:
    return emergency_signs().signs(text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("my 6 year old is hot to the touch and has a stiff neck", "fever"),
        ("her forehead feels really hot to the touch tonight", "fever"),
        ("敦煌那边都44度了，太阳特别毒", "hot_weather"),
        ("my nephew clonked his head on the bunk ladder", "head_knock"),
        ("he ran straight into a glass door at the station", "head_knock"),
        ("爸爸刚才说话不大清楚", "speech"),
        ("my father is 40.1, and confused", "consciousness"),
        ("奶奶这两天一直昏睡", "consciousness"),
        ("the baby went limp after the fever spiked", "consciousness"),
        ("小孙女发着烧，没啥精神", "consciousness"),
        ("两岁的儿子吐了好几次，尿都大半天没有了", "dehydration"),
    ],
)
def test_the_words_are_read(text: str, group: str) -> None:
    assert group in signs(text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("the scratch on my arm is hot to the touch", "fever"),
        ("the sand at noon was hot to the touch", "fever"),
        ("这瓶53度的白酒可以带上飞机吗", "hot_weather"),
        ("拍照时手机斜45度角比较好", "hot_weather"),
        ("we walked into a tiny bakery near the bus stop", "head_knock"),
        ("the change was 40.10, and confused by the coins I dropped them", "consciousness"),
        ("红眼航班下来，昏睡了一上午", "consciousness"),
        ("my dad walks with a limp since his knee surgery", "consciousness"),
        ("宝宝的尿布疹很久没有了", "dehydration"),
    ],
)
def test_the_look_alikes_are_not(text: str, group: str) -> None:
    assert group not in signs(text)


@pytest.mark.parametrize(
    "question",
    [
        "my 3 year old had a temperature all night and this morning she is limp in my lap",
        "外公一直昏睡，叫他吃饭也不起来",
    ],
)
def test_a_limp_or_stuporous_person_calls_now(question: str) -> None:
    assert doctor_call(question)[0]


def test_a_small_child_with_diarrhoea_and_no_pee_calls_now() -> None:
    assert doctor_call("我女儿两岁，拉肚子拉了一天，尿也好几个小时没有了")[0]


@pytest.mark.parametrize(
    "text",
    [
        "the prices in this Venice cafe, I can't breathe, is there anything cheaper nearby?",
        "我们看到账单笑得喘不过气，曼谷还有什么便宜的好吃的",
        "工作压力大到透不过气，想去海边度假",
    ],
)
def test_breathless_hyperbole_is_no_red_flag(text: str) -> None:
    assert not [h for h in red_flags(text) if h.flag == "breathing"]
    assert "breathing" not in signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "the bill came and my uncle can't breathe, his lips look blue",
        "我们在笑，她突然喘不过气，一直咳嗽",
        "laughing so hard then I can't breathe and my chest is tight",
        # amendments 3 and 4: care asked, or another person who can't breathe
        "my girlfriend can't breathe, is the ambulance free in Spain or is it expensive?",
        "I can't breathe and the hospital bill here scares me, what should I do",
        "我儿子笑得停不下来，突然透不过气来了",
    ],
)
def test_real_breathlessness_stays_a_red_flag(text: str) -> None:
    assert [h for h in red_flags(text) if h.flag == "breathing"]
