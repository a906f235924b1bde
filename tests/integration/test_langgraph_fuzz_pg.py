"""The /langgraph fuzz of tests/unit/test_langgraph_fuzz.py with the threads in PostgreSQL
(fake model, no vLLM): hostile text, ids and bodies, cross-owner probes, then every thread's
state checked (NUL and other hostile characters through PostgreSQL's text and JSONB)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from api.app import create_app
from tests.unit.api_support import serving
from tests.unit.conftest import keyed
from tests.unit.fuzz_faults import plant
from tests.unit.test_langgraph_fuzz import (
    FUZZ_LIMITS,
    test_hostile_langgraph_requests_reach_the_graph_and_every_answer_holds,
)

pytestmark = pytest.mark.integration

__all__ = ["test_hostile_langgraph_requests_reach_the_graph_and_every_answer_holds"]


@pytest.fixture(scope="module")
def fuzz_url(tmp_path_factory: pytest.TempPathFactory, postgres_url: str) -> Iterator[str]:
    settings_ = keyed(
        tmp_path_factory.mktemp("lg-fuzz-pg"), api=FUZZ_LIMITS, store={"postgres_url": postgres_url}
    )
    with plant(os.environ.get("TG_FUZZ_FAULT", "")), serving(create_app(settings_)) as url:
        yield url
