"""The patient's age as the guard reads it from a question."""

from __future__ import annotations

import pytest

from agents.guard.age import stated_age_years


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("孩子4岁，手上起了小水疱", 4.0),
        ("My 3-year-old has a rash on her cheeks", 3.0),
        ("an 18-month-old with nappy rash", 1.5),
        ("宝宝8个月，屁股红了", 8 / 12),
        ("I'm 32 and my son is 6 years old", 6.0),
        ("爸爸70岁", 70.0),
    ],
)
def test_reads_stated_ages(text: str, age: float) -> None:
    assert stated_age_years(text) == pytest.approx(age)


@pytest.mark.parametrize(
    "text", ["my baby has a rash", "三天了还是很痒", "used SPF 50 for 2 weeks", "3 days ago"]
)
def test_no_age_when_none_is_stated(text: str) -> None:
    assert stated_age_years(text) is None
