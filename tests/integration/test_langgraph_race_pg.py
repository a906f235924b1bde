"""The /langgraph stopped-run race of tests/unit/test_langgraph_race.py on PostgreSQL: 100
threads x 2 turns through runs/stream and runs/wait, each stopped by a cancel, a hang-up or a
client giving up, with the fake model (no vLLM needed); not one question may be lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.app import create_app
from tests.unit.api_support import serving
from tests.unit.conftest import keyed
from tests.unit.test_langgraph_race import RACE_LIMITS, check_race

pytestmark = pytest.mark.integration


def test_a_stopped_langgraph_run_never_loses_the_question_on_postgres(
    tmp_path: Path, postgres_url: str
) -> None:
    app = create_app(keyed(tmp_path, api=RACE_LIMITS, store={"postgres_url": postgres_url}))
    with serving(app) as url:
        check_race(app, url, "PostgreSQL")
