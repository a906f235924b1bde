"""`make test` runs two pytest-xdist workers on 2 cores: integration on one, no timing checks."""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

from tests.conftest import IntegrationOnOneWorker, xdist_scope


def test_every_integration_test_shares_one_scope_and_unit_tests_spread() -> None:
    integration = [
        "tests/integration/test_api_e2e.py::test_restarting_the_api_loses_nothing",
        "tests/integration/test_faults_e2e.py::test_hung_vllm_hits_the_timeout_from_settings",
        "tests/integration/test_adapters_e2e.py::test_guide_method_1_curl",
    ]
    unit = ["tests/unit/test_api.py::test_a", "tests/unit/test_api.py::test_b"]
    assert len({xdist_scope(n) for n in integration}) == 1
    assert len({xdist_scope(n) for n in unit}) == len(unit)
    assert xdist_scope(unit[0]) != xdist_scope(integration[0])


def test_the_scheduler_splits_by_that_scope() -> None:
    assert IntegrationOnOneWorker._split_scope is not LoadScopeScheduling._split_scope
    scheduler = object.__new__(IntegrationOnOneWorker)  # its constructor wants live xdist nodes
    node = "tests/integration/test_e2e_chat.py::test_follow_up_keeps_the_thread"
    assert scheduler._split_scope(node) == xdist_scope(node)


def test_hypothesis_judges_properties_not_speed_on_shared_cores() -> None:
    from hypothesis import HealthCheck, settings

    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check
