"""A release run on the sealed split must not show the words of the test turns it alarms on:
whoever reads the output to write the next fix would be fitting the sealed split."""

from evals.splits import SEALED_SPLIT
from evals.triage.self_harm_alarms import alarm_line


def test_a_sealed_alarm_is_listed_by_id_alone() -> None:
    assert alarm_line("t-12", "I want to end it all tonight", SEALED_SPLIT) == "t-12"


def test_a_validation_alarm_shows_its_words_for_review() -> None:
    line = alarm_line("v-3", "the red line on my sole keeps getting longer" * 3, "validation")
    assert line.startswith("v-3: the red line on my sole")
    assert len(line) == len("v-3: ") + 80
