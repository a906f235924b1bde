"""The non-skin answer in a thread at altitude adds the altitude line: rest, go no higher, go
down if it does not pass, and the signs that mean go down now (altitude_line_rule_2026-12-04g.md,
NHS "Altitude sickness"). Phrasings written for this file."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "在稻城第二天，头很疼，晚上睡不着",
        "arrived in La Paz this morning and I'm dizzy with a headache, is that normal?",
    ],
)
def test_a_non_skin_question_at_altitude_gets_the_altitude_line(question: str) -> None:
    got = asked_alone(question)
    assert got.kind == "non_skin"
    assert "500" in str(got.text)
    # the altitude line leads, the "not a skin problem" lines follow (served n3, p13)
    assert str(got.text).startswith(("**在高原**", "**At altitude**"))


@pytest.mark.parametrize(
    "question",
    ["在广州发烧咳嗽两天了", "my dad has a toothache in Rome, where can he go?"],
)
def test_elsewhere_the_non_skin_answer_is_as_before(question: str) -> None:
    got = asked_alone(question)
    assert got.kind == "non_skin"
    assert "500" not in str(got.text)
