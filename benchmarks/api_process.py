"""Start the real API (`python -m api`) as a child process for a benchmark, and read its RSS.

Configured only through its environment, like a deployment: keys, a throwaway SQLite file, the
model server URL, and whatever limits the benchmark must raise (said so in the results).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from config.settings import REPO_ROOT
from serving.vllm_server import stop_process_group, wait_healthy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class RunningApi:
    url: str
    key: str
    pid: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


def rss_mib(pid: int, field: str = "VmRSS") -> float | None:
    """Resident memory from /proc (Linux); `VmHWM` is the peak since the process started."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_s(pid: int) -> float | None:
    """CPU time the process has used so far, all its threads (user + system, /proc on Linux).

    A busy box stretches wall-clock time but not this, so a change that saves work shows here
    even when contention hides it in the latency. Counted in clock ticks (10 ms): read it over
    many turns, not one."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def running_api(
    openai_api_base: str,
    workdir: Path,
    log_path: Path,
    env: Mapping[str, str] | None = None,
    repo: Path = REPO_ROOT,
    port: int | None = None,
) -> Iterator[RunningApi]:
    """`repo` is the checkout the API runs from (another worktree for a before/after run);
    `port` a fixed one where the session assigns ports, else a free one."""
    port = port or free_port()
    key = secrets.token_urlsafe(24)
    full_env = {
        **os.environ,
        "OPENAI_API_BASE": openai_api_base,
        "TG_API_HOST": "127.0.0.1",
        "TG_API_PORT": str(port),
        "TG_API_KEYS": json.dumps({"bench": key}),
        "TG_DEV_MODE": "false",
        "TG_CHECKPOINT_DB": str(workdir / f"threads-{port}.sqlite"),
        **(env or {}),
    }
    url = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api"],
            cwd=repo,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_healthy(url, 120, proc)  # type: ignore[arg-type]
            yield RunningApi(url, key, proc.pid)
        finally:
            stop_process_group(proc)  # type: ignore[arg-type]
