"""Shared fixtures: settings for tests never read the developer's .env or environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from xdist.scheduler import LoadScopeScheduling

from config.settings import Settings

# Hypothesis checks properties, not speed: on 2 cores shared with the vLLM-backed worker its
# per-example deadline and "input generation too slow" health check fail on timing alone.
hypothesis_settings.register_profile(
    "shared-cores", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("shared-cores")

INTEGRATION = "tests/integration/"


def xdist_scope(nodeid: str) -> str:
    """One scope for every integration test; each unit test its own."""
    return INTEGRATION if nodeid.startswith(INTEGRATION) else nodeid


class IntegrationOnOneWorker(LoadScopeScheduling):
    """`make test` runs two workers: every integration test on one of them, in collection order
    (they share one session vLLM and the fault tests must come last), the unit tests spread
    over both. Both kinds mostly wait (on the model, on subprocesses), so they overlap well.

    xdist's own `--dist loadgroup` cannot do this with pytest 9: it renames `item._nodeid`,
    which pytest no longer reads, so the groups were silently ignored and each worker started
    its own vLLM."""

    def _split_scope(self, nodeid: str) -> str:
        return xdist_scope(nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling:
    return IntegrationOnOneWorker(config, log)


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm={"backend": "fake"},
        # The doctor's model path (streaming, guard, labels) is what these fixtures exercise;
        # the card-led default has its own tests (tests/unit/test_card_answer.py).
        doctor={"answer": "model"},
        api={"dev_mode": True},
        store={"checkpoint_db": tmp_path / "threads.sqlite"},
    )
