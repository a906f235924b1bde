"""Plug types and voltage per destination country (agents/knowledge/power.yaml): answered from
the data where the country is there, the plain "no plug facts" line where it is not. Phrasings
written for these tests, not taken from an evaluation file."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.kb_answer import asked_gap_lines, kb_facts_answer
from agents.knowledge import load_kb
from agents.knowledge.power import POWER_FILE, power_data, power_lines


def answer(question: str) -> str:
    return kb_facts_answer(question, [question], "practicalities").text


def test_japan_from_china_says_which_plug_fits_and_that_100_v_needs_a_check() -> None:
    text = answer("下个月去日本，国内的插头能用吗")
    assert "A型" in text  # the two flat pins fit
    assert "100 V" in text
    assert "要用变压器" in text  # a 220 V-only hair dryer does not work at 100 V
    assert "不用变压器" not in text
    assert "iec.ch/world-plugs" in text
    assert "没有" not in text.split("官方信息")[0]  # not the "no plug facts" line


def test_a_same_voltage_country_needs_no_converter_and_the_uk_fits_no_chinese_plug() -> None:
    bangkok = answer("曼谷的插座能直接用国内的充电器吗")
    assert "不用变压器" in bangkok  # 230 V is 220 V's family
    assert "要用变压器" not in bangkok
    london = answer("伦敦要带转换插头吗")
    assert "插不上" in london
    assert "G型" in london


def test_english_lists_the_types_and_the_charger_check_without_assuming_a_home() -> None:
    text = answer("Do I need a plug adapter for Sydney?")
    assert "I (two angled flat pins" in text
    assert "100–240 V" in text
    assert "mainland China" not in text


def test_a_chinese_destination_gets_its_sockets_and_no_comparison() -> None:
    text = answer("成都酒店的插座是什么样的")
    assert "I型" in text
    assert "从中国大陆出发" not in text


def test_a_country_the_data_lacks_keeps_the_no_facts_line() -> None:
    text = answer("去澳门要带转换插头吗")
    assert "没有澳门的插头和电压信息" in text
    assert power_lines("Macao SAR, China", "澳门", "zh") == []


def test_another_experts_answer_gets_the_facts_too() -> None:
    tokyo = load_kb().destinations["tokyo"]
    lines = asked_gap_lines("what plugs do they use", tokyo, "en")
    assert any("A (two flat pins)" in line for line in lines)


def test_every_kb_country_with_power_facts_names_known_types(tmp_path: Path) -> None:
    data = power_data()
    countries = {d.data["country"]["en"] for d in load_kb().destinations.values()}
    assert set(data["countries"]) <= countries  # no entry for a country the KB never names
    bad = tmp_path / "power.yaml"
    bad.write_text(
        POWER_FILE.read_text("utf-8").replace(
            'types: [G], volts: "240 V"', 'types: [Z], volts: "240 V"'
        ),
        "utf-8",
    )
    with pytest.raises(ValueError, match="unknown plug types"):
        power_data.__wrapped__(bad)  # type: ignore[attr-defined]
