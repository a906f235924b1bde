"""The card-led doctor's own reading of a one-turn thread, shared by the call-now test files (one
helper instead of a copy in each; `duplicates --change`, 2026-12-07e/f)."""

from __future__ import annotations

from langchain_core.messages import HumanMessage

from agents.card_answer import CardAnswer, CardLedDoctor
from agents.card_asks import card_asks
from agents.knowledge import Lang
from config.settings import Settings
from graph.urgent_care import doctor_calls_now

MARGIN = Settings(_env_file=None).doctor.card_margin  # type: ignore[call-arg]


def doctor_call(question: str) -> tuple[bool, str | None]:
    """Whether the doctor calls now on this question, and the emergency category it names."""
    return doctor_calls_now([HumanMessage(question)], Settings(_env_file=None))


def card_answer(*turns: str) -> CardAnswer:
    """The card-led doctor's answer to a thread of user turns, at the served margin."""
    return CardLedDoctor(MARGIN).answer([HumanMessage(t) for t in turns], list(turns))


def line_starting(text: str | None, head: str) -> str:
    """The answer's line that starts with `head` (a card ask's own line)."""
    assert text is not None
    return next(line for line in text.splitlines() if line.startswith(head))


def ask_line(text: str | None, ask: str, lang: Lang) -> str:
    """The answer's own line for a card ask ("**You asked about how long it lasts**: …"), its head
    built from agents/prompts/card_asks.yaml so the tests follow the wording the doctor uses."""
    asks = card_asks()
    head = asks.texts[lang]["asked"].split("{label}")[0] + asks.labels[ask][lang] + "**"
    return line_starting(text, head)
