"""vLLM's environment as serving/vllm_server.py builds it (the thread-binding default, issue 6)."""

from __future__ import annotations

import os

from config.settings import Settings
from serving.vllm_server import cpu_threads_bind, vllm_env


def settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


def test_threads_bind_all_means_every_cpu_we_may_run_on() -> None:
    cpus = ",".join(str(c) for c in sorted(os.sched_getaffinity(0)))
    assert cpu_threads_bind("all") == cpus
    assert cpu_threads_bind("auto") == "auto"
    assert vllm_env(settings(), {})["VLLM_CPU_OMP_THREADS_BIND"] == cpus


def test_an_explicit_environment_wins() -> None:
    env = vllm_env(settings(), {"VLLM_CPU_OMP_THREADS_BIND": "0"})
    assert env["VLLM_CPU_OMP_THREADS_BIND"] == "0"
