"""The racing-cancel trial of tests/unit/test_message_durability.py on PostgreSQL (issue 12):
`POST /chat {thread_id}` and `POST /threads/{id}/cancel` together, 100 threads x 2 turns, with
the fake model (no vLLM needed), and not one user message may be lost."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from api.app import create_app
from tests.unit.api_support import serving
from tests.unit.conftest import keyed
from tests.unit.test_message_durability import PARALLEL, RACE_TIMEOUT_S, TRIALS, race

pytestmark = pytest.mark.integration


def test_a_racing_cancel_never_loses_the_user_message_on_postgres(
    tmp_path: Path, postgres_url: str
) -> None:
    settings = keyed(
        tmp_path,
        api={"max_streams_per_owner": PARALLEL, "rate_limit_per_minute": 10**6},
        store={"postgres_url": postgres_url},
    )
    app = create_app(settings)
    with serving(app) as url:
        outcomes = asyncio.run(asyncio.wait_for(race(url, TRIALS), RACE_TIMEOUT_S))
    print(f"\nrace on PostgreSQL, {TRIALS} threads x 2 turns: {dict(sorted(outcomes.items()))}")
    assert outcomes["messages lost"] == 0
    assert outcomes["messages kept"] == 2 * TRIALS
    assert outcomes["cancel 202"] >= TRIALS // 4
    assert app.state.slots.in_use == 0
    assert len(app.state.runs) == 0
