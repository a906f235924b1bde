"""What every suite gets: settings, the profile, where results and logs go, and vLLM servers."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.api_process import free_port
from benchmarks.profiles import Profile
from config.settings import Settings
from serving.vllm_server import LoraModule, running_vllm, server_root, vllm_command, vllm_env

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerVariant:
    """A vLLM configuration to measure: extra flags, extra environment, LoRA on or off."""

    name: str
    extra_args: tuple[str, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    lora: bool = True
    # vLLM settings changed for this server only, e.g. {"extra_adapter_versions": ["all"]}
    vllm_settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RunningServer:
    url: str  # …/v1
    variant: ServerVariant
    command: list[str]
    env: dict[str, str]
    startup_s: float
    headers: dict[str, str] = field(default_factory=dict)
    pid: int | None = None  # the server process (its engine is a child), None when external


@dataclass
class Context:
    settings: Settings
    profile: Profile
    out_dir: Path
    log_dir: Path
    vllm_python: Path
    external_vllm: str | None = None  # …/v1 of a server someone else runs (the GPU stack)
    tuning_name: str = "tuning"  # tuning_recheck when a few variants are measured again
    merge_scaling: bool = False  # add levels to an existing scaling curve instead of replacing it
    stop_at: float | None = None  # time.time() after which no further repeat is started
    py_spy: Path | None = None  # a py-spy binary: profile a decode step with and without LoRA
    resume: bool = False  # suites that can: keep the sessions already saved, run the rest

    def time_left_s(self) -> float:
        return float("inf") if self.stop_at is None else self.stop_at - time.time()

    def auth_headers(self) -> dict[str, str]:
        key = self.settings.llm.openai_api_key.get_secret_value()
        return {} if key in ("", "EMPTY") else {"Authorization": f"Bearer {key}"}

    def save(self, name: str, data: dict[str, Any]) -> Path:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / f"{name}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
        log.info("wrote %s", path)
        return path

    @contextmanager
    def vllm(self, variant: ServerVariant | None = None) -> Iterator[RunningServer]:
        """A vLLM server on a free port, as serving/vllm_server.py starts it, plus the variant."""
        variant = variant or ServerVariant("default")
        if self.external_vllm:
            if variant.name != "default":
                raise RuntimeError(f"variant {variant.name!r} needs a vLLM the benchmark starts")
            yield RunningServer(self.external_vllm, variant, [], {}, 0.0, self.auth_headers())
            return
        settings = self.settings.updated(
            vllm={
                "port": free_port(),
                "extra_args": [*self.settings.vllm.extra_args, *variant.extra_args],
                **variant.vllm_settings,
            }
        )
        loras: list[LoraModule] | None = None if variant.lora else []
        env = {**vllm_env(settings, {}), **variant.env}
        self.log_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with running_vllm(
            settings,
            self.vllm_python,
            log_path=self.log_dir / f"vllm-{variant.name}.log",
            loras=loras,
            env=variant.env,
        ) as proc:
            yield RunningServer(
                url=f"{server_root(settings)}/v1",
                variant=variant,
                command=vllm_command(settings, self.vllm_python, loras=loras)[1:],
                env={k: v for k, v in env.items() if k.startswith("VLLM_")},
                startup_s=time.monotonic() - started,
                headers=self.auth_headers(),
                pid=proc.pid,
            )
