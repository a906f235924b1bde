"""Start, wait for and stop vLLM's OpenAI-compatible server exactly as the deployment guide does.

The command line is built from settings in one place so that `make run`, the test fixtures, the
benchmarks and the compose check all run the same server. vLLM runs from its own virtualenv
(it pins torch/transformers/fastapi), so it is always a child process, never an import.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from config.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoraModule:
    name: str
    path: Path


def lora_modules(settings: Settings) -> list[LoraModule]:
    """`medical-expert` means the adapter version chosen by settings."""
    return [LoraModule(settings.medical_model, settings.adapter_dir)]


def vllm_command(
    settings: Settings,
    python: Path | str,
    *,
    loras: Sequence[LoraModule] | None = None,
) -> list[str]:
    modules = lora_modules(settings) if loras is None else list(loras)
    cmd = [
        str(python),
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--model",
        settings.base_model_path,
        "--served-model-name",
        settings.base_model_name,
        "--host",
        settings.vllm_host,
        "--port",
        str(settings.vllm_port),
        "--max-model-len",
        str(settings.vllm_max_model_len),
    ]
    if modules:
        cmd += ["--enable-lora", "--lora-modules"]
        cmd += [f"{m.name}={m.path}" for m in modules]
        cmd += ["--max-lora-rank", str(settings.vllm_max_lora_rank)]
    if settings.tool_calling:  # the travel experts may call the KB tools (issue 4)
        cmd += ["--enable-auto-tool-choice", "--tool-call-parser", settings.tool_call_parser]
    return cmd + list(settings.vllm_extra_args)


def cpu_threads_bind(value: str) -> str:
    """'all' means every CPU we may run on: vLLM's own 'auto' keeps one core for its scheduler,
    which on a 2-core box idles half the compute while decoding (benchmarks/results/tuning)."""
    if value != "all":
        return value
    return ",".join(str(cpu) for cpu in sorted(os.sched_getaffinity(0)))


def vllm_env(settings: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env.setdefault("VLLM_CPU_KVCACHE_SPACE", str(settings.vllm_kvcache_space_gib))
    env.setdefault("VLLM_CPU_OMP_THREADS_BIND", cpu_threads_bind(settings.vllm_cpu_threads_bind))
    # The embedded default must never reach for a model hub at run time.
    if settings.embedded:
        env["HF_HUB_OFFLINE"] = "1"
        env["TRANSFORMERS_OFFLINE"] = "1"
    env.setdefault("VLLM_NO_USAGE_STATS", "1")
    env.setdefault("DO_NOT_TRACK", "1")
    return env


def server_root(settings: Settings) -> str:
    return f"http://{settings.vllm_host}:{settings.vllm_port}"


class VLLMStartError(RuntimeError):
    pass


def wait_healthy(url: str, timeout_s: float, proc: subprocess.Popen[bytes] | None = None) -> float:
    """Poll `/health` until it answers 200; fail fast if the process dies first."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if proc is not None and proc.poll() is not None:
            raise VLLMStartError(f"vLLM exited with code {proc.returncode} while starting")
        try:
            if httpx.get(f"{url}/health", timeout=2.0).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(1.0)
    raise VLLMStartError(f"vLLM did not become healthy within {timeout_s:.0f}s")


def stop_process_group(proc: subprocess.Popen[bytes], grace_s: float = 20.0) -> None:
    """vLLM spawns an engine worker; signal the whole group so no grandchild is left behind."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def ensure_port_free(host: str, port: int) -> None:
    """A server already on the port would answer our health checks in vLLM's place."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise VLLMStartError(f"port {port} on {host} is already in use") from exc


@contextmanager
def running_vllm(
    settings: Settings,
    python: Path | str,
    *,
    log_path: Path | None = None,
    loras: Sequence[LoraModule] | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """`env` overrides vLLM's environment (the benchmarks try thread-binding variants)."""
    ensure_port_free(settings.vllm_host, settings.vllm_port)
    cmd = vllm_command(settings, python, loras=loras)
    log.info("starting vLLM: %s", " ".join(cmd))
    out = log_path.open("ab") if log_path else None
    proc = subprocess.Popen(
        cmd,
        env={**vllm_env(settings), **(env or {})},
        stdout=out,
        stderr=subprocess.STDOUT if out else None,
        start_new_session=True,
    )
    try:
        took = wait_healthy(server_root(settings), settings.vllm_startup_timeout_s, proc)
        log.info("vLLM healthy after %.0fs on %s", took, server_root(settings))
        yield proc
    finally:
        stop_process_group(proc)
        if out:
            out.close()
