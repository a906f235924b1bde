"""Plug types, voltage and frequency per destination country, as data with its source
(`power.yaml`), for the practicalities answer: "do I need an adapter for Japan?" was answered
"the knowledge base has no plug facts" though these facts are stable and published by the IEC.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge import Lang
from agents.prompt_data import read_yaml

POWER_FILE = Path(__file__).with_name("power.yaml")


@cache
def power_data(path: Path = POWER_FILE) -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(path)
    letters = set(data["types"])
    for country, entry in data["countries"].items():
        unknown = set(entry["types"]) - letters
        if unknown:
            raise ValueError(f"{path}: {country} names unknown plug types {unknown}")
    return data


def _number(volts: str) -> int:
    return int(volts.split()[0])


def _text(value: Any, lang: Lang) -> str:
    return str(value[lang] if isinstance(value, dict) else value)


def power_lines(country: str, place: str, lang: Lang) -> list[str]:
    """The plug types, voltage and frequency for a country (none: the KB holds no fact), and
    for a Chinese-speaking traveller whether mainland China's plugs fit; always the voltage
    check and the source."""
    data = power_data()
    entry = data["countries"].get(country)
    if entry is None:
        return []
    t = data["texts"][lang]
    sep = "、" if lang == "zh" else ", "
    names = sep.join(data["types"][x][lang] for x in entry["types"])
    volts, hz = _text(entry["volts"], lang), _text(entry["hz"], lang)
    lines = [t["facts"].format(place=place, types=names, volts=volts, hz=hz)]
    home = data["home"].get(lang)
    if home and home["country"] == country:
        pass  # at home: the same plugs and voltage, nothing to compare
    elif home and home["country"] in data["countries"]:
        own = data["countries"][home["country"]]
        fits = [x for x in own["types"] if x in entry["types"]]
        if fits == own["types"]:
            said = t["same"]
        elif fits:
            said = t["fits_some"].format(fits=sep.join(data["types"][x][lang] for x in fits))
        else:
            said = t["fits_none"].format(home=home["name"])
        home_types = sep.join(own["types"])
        lines.append(t["from_home"].format(home=home["name"], home_types=home_types, fits=said))
        home_volts = _text(own["volts"], lang)
        if abs(_number(home_volts) - _number(volts)) <= data["same_band_volts"]:
            lines.append(t["volts_same"].format(home=home["name"], home_volts=home_volts))
        else:
            lines.append(t["volts"].format(home_volts=home_volts, volts=volts))
    else:
        lines.append(t["volts"])
    lines.append(t["source"].format(**data["source"]))
    return lines
