"""docker-compose (the repo's pinned binary) against podman's Docker-compatible socket.

Why docker-compose and not podman-compose: it is the implementation the README's
`docker compose --profile cpu up` names and tests/unit/test_deploy.py already validates the file
with, so the stack test exercises the same interpretation of docker-compose.yml (profiles,
`depends_on: condition: service_healthy`, `required: false`, `${VAR:?}`); podman only serves the
Docker API underneath.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

PROJECT = "trip-genius-stacktest"


class Compose:
    def __init__(
        self,
        binary: Path,
        repo: Path,
        env_file: Path,
        docker_host: str,
        overrides: list[Path] | None = None,
        services: list[str] | None = None,
    ) -> None:
        files = [arg for path in [repo / "docker-compose.yml", *(overrides or [])]
                 for arg in ("-f", str(path))]  # fmt: skip
        self.base = [str(binary), "-p", PROJECT, *files, "--env-file", str(env_file)]
        self.base += ["--profile", "cpu"]
        self.repo = repo
        self.env = {**os.environ, "DOCKER_HOST": docker_host}
        self.services = services or []  # what `up` starts (with its dependencies); all if none

    def up(self, *args: str, timeout: float) -> str:
        return self.run("up", "-d", "--no-build", *args, *self.services, timeout=timeout)

    def run(self, *args: str, check: bool = True, timeout: float | None = None) -> str:
        done = subprocess.run(
            [*self.base, *args],
            cwd=self.repo,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"compose {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout + done.stderr

    def containers(self, service: str) -> list[dict]:
        """Running containers of one service: name, state and health, as compose sees them."""
        out = self.run("ps", "--format", "json", service, check=False)
        rows = []
        for line in out.splitlines():
            line = line.strip()
            if line.startswith("{"):
                rows.append(json.loads(line))
            elif line.startswith("["):
                rows.extend(json.loads(line))
        return rows

    def wait_healthy(self, service: str, count: int, timeout_s: float) -> float:
        """Seconds until `count` containers of `service` report healthy."""
        started = time.monotonic()
        while time.monotonic() - started < timeout_s:
            healthy = [c for c in self.containers(service) if c.get("Health") == "healthy"]
            if len(healthy) >= count:
                return round(time.monotonic() - started, 1)
            time.sleep(3)
        raise TimeoutError(f"{service}: fewer than {count} healthy after {timeout_s:.0f}s")
