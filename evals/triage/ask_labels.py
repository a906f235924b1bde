"""Ask-level labels for the per-ask reader (graph/triage/asks.py), from the TRAIN split only.

Why: the reader was trained on asks that each inherited a label of their turn, so a context
piece ("去Tokyo玩5天", "I have 3 days in Rome") learnt an expert's name and added that expert to
turns that never asked it. Here every piece of a chained training turn gets its own label: the
expert it asks for, or `none` (background: where and when, who travels, how the user feels, an
idiom, a symptom that is over, a standing condition given as a constraint).

How the labels were made (2026-12-02e, helper triage-7):
- every piece of the 182 multi-label training turns: by hand (`hand` in
  graph/triage/data/ask_labels_hand.json);
- the pieces of one-label chained turns: proposed by `is_ask` below (question marks, question
  and request words per language), the ask pieces taking the turn's label, the rest `none`;
  the first READ_UP_TO turns (862 of 1,423, ~700 one-label ones) were read once and the
  proposals corrected by hand where wrong (`fixes`; the rest are marked "rule, not read" in
  the file); a turn where no piece reads as an ask keeps its last piece as the ask (people end
  with the question) unless fixed.
Validation and the sealed test split are never read here.

    python -m evals.triage.ask_labels            # writes graph/triage/data/asks_train.jsonl
    python -m evals.triage.ask_labels --show     # the proposals, one turn a line, for reading
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter

from graph.triage.asks import ASK_LABELS, ASKS_TRAIN_PATH, NO_ASK, asks_of, training_turns

HAND_PATH = ASKS_TRAIN_PATH.with_name("ask_labels_hand.json")
_HAND_DATA = json.loads(HAND_PATH.read_text("utf-8"))
SHORT: dict[str, str] = _HAND_DATA["short"]
HAND: dict[str, str] = _HAND_DATA["hand"]
FIXES: dict[str, str] = _HAND_DATA["fixes"]
READ_UP_TO: int = _HAND_DATA["read_up_to"]

ZH = (
    r"吗|呢|么|嘛|怎|咋|啥|什么|哪|几|多少|多久|多长|多远|多大|要不要|能不能|可不可以|是不是|"
    r"有没有|会不会|值不值|值得|好不好|行不行|推荐|求|帮|请|安排|排一下|想知道|该|如何|建议|"
    r"攻略|还是|吧$|否|介绍|告诉|说说|讲讲|给我|规划|可以|需要|要带|注意|禁忌|规矩|(\S)不\1"
)
EN_START = (
    r"^(how|what|what's|whats|where|which|when|who|why|should|can|could|is|are|do|does|did|"
    r"will|would|any|anything|recommend|suggest|tips?|need|please|help|plan|best|worth|must|"
    r"tell|give|list|find|book|suggestions?|ideas?|ok to|okay to|safe to|i need|i want|"
    r"looking for|need a|want a|cheapest|quickest|easiest|fastest)\b"
)
EN_ANY = (
    r"\b(please|recommend|suggest|tips|ideas|advice|how do|how to|what to|where to|which|"
    r"worth it|should i|should we|can i|can we|do i need|do we need|is it ok|is it safe|any|"
    r"looking for|what's|what is)\b"
)
OTHER = (
    r"[¿？?]|か$|ですか|ますか|どこ|何|おすすめ|教えて|까|나요|줘|세요|qué|cómo|dónde|cuál|"
    r"comment|où|quel|quoi|wie|was |wo |welche|como|onde|что|как|где"
)
ASK = re.compile(f"(?:{ZH})|(?:{EN_ANY})|(?:{OTHER})", re.IGNORECASE)
SENTENCE_START = re.compile(EN_START, re.IGNORECASE)
SENTENCES = re.compile(r"(?<=[.!。！…])\s*")


def is_ask(piece: str) -> bool:
    """A question or request mark somewhere in the piece, or a sentence opening like one."""
    text = piece.strip()
    if ASK.search(text):
        return True
    return any(SENTENCE_START.search(s.strip()) for s in SENTENCES.split(text) if s.strip())


def chained_turns() -> list[tuple[str, list[str], list[str]]]:
    """(turn, gold, pieces) for every ordinary training turn of two pieces or more, or of
    several labels (the turns whose pieces need a label of their own)."""
    seen: set[str] = set()
    found: list[tuple[str, list[str], list[str]]] = []
    for text, gold in training_turns():
        if not gold or not all(g in ASK_LABELS for g in gold) or text in seen:
            continue
        pieces = asks_of(text)
        if len(pieces) >= 2 or len(gold) > 1:
            seen.add(text)
            found.append((text, gold, pieces))
    return found


def proposed(gold: list[str], pieces: list[str]) -> list[list[str]]:
    """A one-label turn's pieces: its label where a piece asks, `none` elsewhere."""
    asks = [is_ask(p) for p in pieces]
    if not any(asks):
        asks[-1] = True
    return [[gold[0] if a else NO_ASK] for a in asks]


def expand(code: str, gold: list[str]) -> list[list[str]]:
    """A hand label line ("n i+p m") to each piece's labels ("i+p": one piece asking two
    experts, one row each); every letter must name one of the turn's gold labels or none (a
    slip of the pen fails loudly, not as a silent wrong label)."""
    labels = [[SHORT[c] for c in piece.split("+")] for piece in code.split()]
    wrong = [g for piece in labels for g in piece if g != NO_ASK and g not in gold]
    if wrong:
        raise ValueError(f"{code!r}: {wrong} not in the turn's gold {gold}")
    return labels


def rows() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for i, (text, gold, pieces) in enumerate(chained_turns()):
        if len(gold) > 1:
            if text not in HAND:
                raise KeyError(f"multi-label training turn without hand labels: {text}")
            labels, how = expand(HAND[text], gold), "hand"
        elif text in FIXES:
            labels, how = expand(FIXES[text], gold), "rule, fixed by hand"
        else:
            labels = proposed(gold, pieces)
            how = "rule, read" if i < READ_UP_TO else "rule, not read"
        if len(labels) != len(pieces):
            raise ValueError(f"{len(labels)} labels for {len(pieces)} pieces: {text}")
        out += [
            {"turn": text, "ask": p, "label": g, "how": how}
            for p, each in zip(pieces, labels, strict=True)
            for g in each
        ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print proposals, one turn a line")
    args = parser.parse_args()
    if args.show:
        for i, (_text, gold, pieces) in enumerate(chained_turns()):
            marks = proposed(gold, pieces) if len(gold) == 1 else [["?"]] * len(pieces)
            shown = " ¦ ".join(
                ("[n]" if m == [NO_ASK] else "") + p for p, m in zip(pieces, marks, strict=True)
            )
            print(f"{i} {'+'.join(gold)} || {shown}")
        return
    written = rows()
    ASKS_TRAIN_PATH.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in written), "utf-8"
    )
    print(f"{len(written)} asks -> {ASKS_TRAIN_PATH}")
    print(Counter(r["label"] for r in written).most_common())
    print(Counter(r["how"] for r in written).most_common())


if __name__ == "__main__":
    main()
