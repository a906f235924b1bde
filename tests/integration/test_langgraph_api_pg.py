"""The LangGraph Server API tests of tests/unit/test_langgraph_api.py, on a real PostgreSQL.

The same scenarios (langgraph_sdk client, slow fake model, real uvicorn; no vLLM) with the
threads in PostgreSQL instead of SQLite: threads, runs/stream, wait, cancel, join, state and
history, another owner's thread and run, the 422s.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

import agents.chains
from api.app import create_app
from tests.unit.api_support import serving, slow_model_factory
from tests.unit.conftest import keyed
from tests.unit.test_langgraph_api import (
    test_a_client_that_hangs_up_cancels_its_run,
    test_another_owners_thread_and_run_are_not_found,
    test_assistants_search_and_get,
    test_cancel_stops_the_run_keeps_the_partial_and_join_returns,
    test_stream_a_turn_then_read_state_history_wait_and_delete,
    test_the_api_needs_a_key,
    test_thread_create_refuses_metadata_it_would_lose_and_duplicate_ids,
    test_unsupported_requests_are_422_in_the_one_error_shape,
    test_values_mode_streams_the_whole_state,
)

pytestmark = pytest.mark.integration

__all__ = [
    "test_a_client_that_hangs_up_cancels_its_run",
    "test_another_owners_thread_and_run_are_not_found",
    "test_assistants_search_and_get",
    "test_cancel_stops_the_run_keeps_the_partial_and_join_returns",
    "test_stream_a_turn_then_read_state_history_wait_and_delete",
    "test_the_api_needs_a_key",
    "test_thread_create_refuses_metadata_it_would_lose_and_duplicate_ids",
    "test_unsupported_requests_are_422_in_the_one_error_shape",
    "test_values_mode_streams_the_whole_state",
]


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: pytest.TempPathFactory, postgres_url: str
) -> Iterator[tuple[FastAPI, str]]:
    """As the unit tests' `live`, with the threads in PostgreSQL (checked through /info)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(agents.chains, "chat_model", slow_model_factory(0.01))
        settings = keyed(
            tmp_path_factory.mktemp("lg-pg"),
            api={"rate_limit_per_minute": 10**6},
            store={"postgres_url": postgres_url},
        )
        app = create_app(settings)
        with serving(app) as url:
            yield app, url


def test_the_threads_are_in_postgres(live: tuple[FastAPI, str]) -> None:
    assert type(live[0].state.checkpointer).__name__ == "AsyncPostgresSaver"
