"""A Traditional-Chinese turn read as its Simplified form by the KB-led travel readers.

Why: every topic, ask and place word list of the scripted travel answers, and the KB itself, is
written in Simplified characters, so "從台北車站怎麼去九份" got Taipei's airports and
"故宮門票多少錢" no destination (traditional_fold_rule_2026-12-07a.md). One
character-for-character fold at the readers' edge (`agents/kb_led.py`) instead of a
Traditional twin of every word list; the table (`traditional.yaml`, from OpenCC) only holds
characters never kept as themselves in Simplified text, so a Simplified turn is read as it is.
Then Taiwan / Hong Kong words for the metro and the taxi (捷运, 计程车, 的士) are read as the
mainland ones (`words` of the same file; regional_transport_words_rule_2026-12-07b.md).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from agents.prompt_data import read_yaml

TABLE = Path(__file__).with_name("traditional.yaml")
# Japanese writes kanji that are also Traditional characters (間, 東, 週): a text with kana is
# Japanese, not Traditional Chinese, and is left as it is (the fold turned
# "二日間だけ時間があります" into a travel-time ask; amendment of the rule)
KANA = re.compile(r"[\u3040-\u30ff]")


@cache
def fold_table() -> dict[int, str]:
    pairs = str(read_yaml(TABLE)["pairs"]).split()
    bad = [p for p in pairs if len(p) != 2]
    if bad:
        raise ValueError(f"{TABLE.name}: a pair is two characters, got {bad[:3]}")
    return {ord(p[0]): p[1] for p in pairs}


@cache
def regional_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each regional word of the table's `words` (a pattern over folded text) and the mainland
    word it is read as."""
    return tuple((re.compile(w["word"]), str(w["as"])) for w in read_yaml(TABLE)["words"])


def simplified(text: str) -> str:
    """The text with each Traditional character of the table as its Simplified one and each
    regional word as the mainland one; a text with kana (Japanese) as it is."""
    if KANA.search(text):
        return text
    text = text.translate(fold_table())
    for word, mainland in regional_words():
        text = word.sub(mainland, text)
    return text
