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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from config.settings import Settings
from serving.adapter_check import check_adapters

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoraModule:
    name: str
    path: Path


def adapter_versions(settings: Settings) -> dict[str, Path]:
    """Every saves/<base>/lora/medical-expert-<version> directory, by version."""
    root = settings.adapters_root
    prefix = "medical-expert-"
    if not root.is_dir():
        return {}
    found = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(prefix))
    return {p.name[len(prefix) :]: p for p in found}


ALL_VERSIONS = "all"


def extra_versions(settings: Settings) -> dict[str, Path]:
    """The saved versions settings ask to serve by name beside `medical-expert` (none by default).

    A version named but not saved is kept, so the start-up check names its missing directory
    instead of serving less than was asked for.
    """
    wanted = settings.vllm.extra_adapter_versions
    if ALL_VERSIONS in wanted:
        return adapter_versions(settings)
    return {version: settings.adapter_dir_for(version) for version in dict.fromkeys(wanted)}


def lora_modules(settings: Settings) -> list[LoraModule]:
    """`medical-expert` — the version settings choose — plus the versions asked for by name.

    Only the adapter in use is served by default: each served adapter takes a LoRA slot, and
    `medical-expert-v1` … are for side-by-side comparisons (TG_VLLM_EXTRA_ADAPTER_VERSIONS, or a
    run-time load). Switching what the app calls is a settings change, not a new adapter name.
    """
    chosen = LoraModule(settings.llm.medical_model, settings.adapter_dir)
    versions = [
        LoraModule(f"{settings.llm.medical_model}-{version}", path)
        for version, path in extra_versions(settings).items()
    ]
    triage = settings.adapters_root / f"triage-{settings.triage.adapter_version}"
    if settings.triage.model and triage.is_dir():
        # the triage adapter (graph/triage/) on the same base: several adapters, one server
        versions.append(LoraModule(settings.triage.model, triage))
    return [chosen, *versions]


def lora_slots(settings: Settings, loras: Sequence[LoraModule]) -> int:
    """--max-loras for the vLLM CPU wheel this module starts: one slot per served adapter + one.

    The smallest count that is correct: with the default (one adapter) that is 2. One slot
    would put `medical-expert` in the last slot, where base-model tokens read it (below).

    vLLM's CPU LoRA ops (vllm/lora/ops/torch_ops) gather adapter weights with the token's slot
    index, and "no adapter" is index -1, i.e. the LAST slot: a base-model request batched with
    an adapter request silently gets that adapter (vllm-project/vllm#48421, open; the GPU
    kernels skip -1). Slots fill from 0 and are only reused when all are taken, so with more
    slots than served adapters the last one stays zero and -1 means "no adapter" again.
    Adapters loaded at run time can still fill it: raise TG_VLLM_MAX_LORAS by as many as you
    load (serving/README.md).
    """
    return max(settings.vllm.max_loras, len(loras)) + 1


def check_lora_modules(settings: Settings, loras: Sequence[LoraModule]) -> None:
    """Fail in a second, naming the adapter, instead of after vLLM has loaded the base model."""
    check_adapters(((m.name, m.path) for m in loras), settings.vllm.max_lora_rank)


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
        settings.served_model_path,
        "--served-model-name",
        settings.llm.base_model_name,
        "--host",
        settings.vllm.host,
        "--port",
        str(settings.vllm.port),
        "--max-model-len",
        str(settings.vllm.max_model_len),
    ]
    if modules:
        cmd += ["--enable-lora", "--lora-modules"]
        cmd += [f"{m.name}={m.path}" for m in modules]
        cmd += ["--max-lora-rank", str(settings.vllm.max_lora_rank)]
        slots = lora_slots(settings, modules)
        cmd += ["--max-loras", str(slots)]
        if settings.vllm.max_cpu_loras is not None:  # vLLM wants max_cpu_loras >= max_loras
            cmd += ["--max-cpu-loras", str(max(settings.vllm.max_cpu_loras, slots))]
    if settings.graph.tool_calling:  # the travel experts may call the KB tools (issue 4)
        cmd += ["--enable-auto-tool-choice", "--tool-call-parser", settings.graph.tool_call_parser]
    return cmd + list(settings.vllm.extra_args)


def cpu_threads_bind(value: str) -> str:
    """'all' means every CPU we may run on: vLLM's own 'auto' keeps one core for its scheduler,
    which on a 2-core box idles half the compute while decoding (benchmarks/results/tuning)."""
    if value != "all":
        return value
    return ",".join(str(cpu) for cpu in sorted(os.sched_getaffinity(0)))


def vllm_env(settings: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env.setdefault("VLLM_CPU_KVCACHE_SPACE", str(settings.vllm.kvcache_space_gib))
    env.setdefault("VLLM_CPU_OMP_THREADS_BIND", cpu_threads_bind(settings.vllm.cpu_threads_bind))
    # The embedded default must never reach for a model hub at run time.
    if settings.llm.embedded:
        env["HF_HUB_OFFLINE"] = "1"
        env["TRANSFORMERS_OFFLINE"] = "1"
    # Settings decide, not a variable left over in the shell: runtime loading is a security choice.
    env["VLLM_ALLOW_RUNTIME_LORA_UPDATING"] = (
        "1" if settings.vllm.allow_runtime_lora_updating else "0"
    )
    env["TG_VLLM_LORA_OPS"] = settings.vllm.lora_ops  # read by our plugin in vLLM's processes
    env.setdefault("VLLM_NO_USAGE_STATS", "1")
    env.setdefault("DO_NOT_TRACK", "1")
    return env


def server_root(settings: Settings) -> str:
    return f"http://{settings.vllm.host}:{settings.vllm.port}"


class VLLMStartError(RuntimeError):
    pass


def wait_healthy(
    url: str,
    timeout_s: float,
    proc: subprocess.Popen[bytes] | None = None,
    progress: Callable[[float], None] | None = None,
) -> float:
    """Poll `/health` until it answers 200; fail fast if the process dies first.

    `progress(elapsed_s)` is called after every poll (about once a second), for a waiting line.
    """
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
        if progress is not None:
            progress(time.monotonic() - started)
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
    progress: Callable[[float], None] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """`env` overrides vLLM's environment (the benchmarks try thread-binding variants);
    `progress` hears the seconds waited while it starts (see `wait_healthy`)."""
    modules = lora_modules(settings) if loras is None else list(loras)
    check_lora_modules(settings, modules)
    ensure_port_free(settings.vllm.host, settings.vllm.port)
    cmd = vllm_command(settings, python, loras=modules)
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
        took = wait_healthy(server_root(settings), settings.vllm.startup_timeout_s, proc, progress)
        log.info("vLLM healthy after %.0fs on %s", took, server_root(settings))
        yield proc
    finally:
        stop_process_group(proc)
        if out:
            out.close()
