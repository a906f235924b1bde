"""`make stack-test`: the compose `cpu` profile built and run for real on podman, then exercised
through nginx (issue 16). Results: deploy/results/stack-test.json and .md (latest run kept).

Usage: python scripts/stack_test [--phase single|all] [--keep-up]
"""

from __future__ import annotations

import argparse
import json
import secrets
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import scenarios
from chat import Client
from compose import Compose
from engine import BASE_IMAGE, Engine, say
from images import IMAGES, NGINX_IMAGE, POSTGRES_IMAGE, build_images, previous_cold_builds
from report import write_results

REPO = Path(__file__).resolve().parents[2]
STATE = REPO / "var" / "stack"
RESULTS = REPO / "deploy" / "results"
# `--llm fake`: the backends answer with the scripted model and wait for no model server.
FAKE_LLM = Path(__file__).with_name("fake-llm.compose.yml")
HTTP_PORT = 18380  # the proxy's published port (this machine's range for the stack: 18300-18399)
API_KEY_NAME = "stacktest"


def env_file(path: Path, api_key: str, **drop: bool) -> Path:
    values = {
        "VLLM_API_KEY": secrets.token_hex(16),
        "POSTGRES_PASSWORD": secrets.token_hex(16),
        "TG_API_KEYS": json.dumps({API_KEY_NAME: api_key}),
        "HTTP_PORT": str(HTTP_PORT),
        "POSTGRES_IMAGE": POSTGRES_IMAGE,
        "NGINX_IMAGE": NGINX_IMAGE,
        # Short answers (the CPU model: 1-3 tokens/s on shared cores, ~15 alone), but long enough
        # that a stream is still running when the test has found its replica and kills it.
        "TG_MAX_TOKENS": "128",
    }
    lines = [f"{k}={v}" for k, v in values.items() if not drop.get(k)]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def refuses_without_api_keys(engine: Engine, docker_host: str, binary: Path) -> str:
    """Bad input, live: compose refuses to start without TG_API_KEYS, before any container."""
    bad = Compose(binary, REPO, env_file(STATE / "bad.env", "x", TG_API_KEYS=True), docker_host)
    out = bad.run("up", "-d", "--no-build", check=False)
    if "set TG_API_KEYS" not in out or engine.podman("ps", "-aq").strip():
        raise AssertionError(f"compose started without TG_API_KEYS: {out}")
    return out.strip().splitlines()[-1]


def main() -> int:
    # `kill <pid>` still takes the stack down (the `finally` below) instead of leaving it running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phase", choices=["images", "single", "all"], default="all")
    parser.add_argument(
        "--llm",
        choices=["vllm", "fake"],
        default="vllm",
        help="fake: no vLLM, scripted backends (the proxy and scaling checks only; own results)",
    )
    parser.add_argument("--keep-up", action="store_true", help="leave the stack running")
    parser.add_argument("--no-build", action="store_true", help="use the images already built")
    parser.add_argument(
        "--build",
        default=",".join(IMAGES),
        help=f"comma-separated images to (re)build, the others must exist: {','.join(IMAGES)}",
    )
    opts = parser.parse_args()
    only = set() if opts.no_build else {k for k in opts.build.split(",") if k}
    if only - set(IMAGES):
        parser.error(f"--build: unknown images {sorted(only - set(IMAGES))}")
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "args": " ".join(sys.argv[1:]),
        "host": {"cpus": _cpus(), "podman": "", "runtime": "runc", "compose": ""},
        "timings_s": {},
        "image_sizes_mb": {},
        "cold_builds_s": previous_cold_builds(),
        "checks": {},
        "failures": [],
    }
    engine = Engine(STATE)
    engine.install()
    engine.configure()
    binary = REPO / ".venv" / "bin" / "docker-compose"
    results["host"]["podman"] = engine.podman("--version").strip()
    results["host"]["compose"] = subprocess.check_output(
        [str(binary), "version"], text=True
    ).strip()
    if not only:
        results["timings_s"]["builds"] = "skipped (--no-build)"
        for tag in (BASE_IMAGE, *IMAGES.values()):
            results["image_sizes_mb"][tag] = engine.image_size_mb(tag)
    else:
        build_images(engine, results, only)
    results["host"]["nginx"] = engine.podman(
        "run", "--rm", NGINX_IMAGE, "sh", "-c", "nginx -v 2>&1"
    ).strip()
    name = "stack-test" if opts.llm == "vllm" else "stack-test-fake-llm"
    if opts.phase == "images":
        write_results(RESULTS, results, name)
        return 0
    docker_host = engine.start_service()
    api_key = secrets.token_urlsafe(24)
    fake = opts.llm == "fake"
    compose = Compose(
        binary,
        REPO,
        env_file(STATE / "stack.env", api_key),
        docker_host,
        overrides=[FAKE_LLM] if fake else [],
        # without vLLM: only what the proxy needs (the cpu profile would start vLLM too)
        services=["proxy"] if fake else [],
    )
    sent: dict[str, list[str]] = {}
    client = Client(f"http://127.0.0.1:{HTTP_PORT}", api_key)
    try:
        results["checks"]["refuses_without_TG_API_KEYS"] = refuses_without_api_keys(
            engine, docker_host, binary
        )
        engine.start_health_ticker("trip-genius-stacktest")
        start_stack(compose, results)
        run(results, "chat_sse_and_json", lambda: scenarios.chat_sse_and_json(client, sent))
        if not fake:
            run(results, "emergency_turn", lambda: scenarios.emergency_turn(client, sent))
            run(results, "multi_intent_turn", lambda: scenarios.multi_intent_turn(client, sent))
        if opts.phase == "all":
            (proxy_only if fake else scaled)(compose, engine, client, results, sent)
    finally:
        results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
        keep_logs(engine)
        if not opts.keep_up:
            results["timings_s"]["down"] = _down(compose)
        engine.stop_service()
        write_results(RESULTS, results, name)
    return 1 if results["failures"] else 0


def start_stack(compose: Compose, results: dict[str, Any]) -> None:
    say("compose --profile cpu up -d (health-gated: vLLM -> backend -> nginx)")
    started = time.monotonic()
    compose.up(timeout=1800)
    results["timings_s"]["up_to_proxy_started"] = round(time.monotonic() - started, 1)
    compose.wait_healthy("proxy", 1, timeout_s=300)
    results["timings_s"]["start_to_healthy"] = round(time.monotonic() - started, 1)


def scaled(
    compose: Compose, engine: Engine, client: Client, results: dict[str, Any], sent: dict
) -> None:
    who, kill = replica_checks(compose, engine, client, results, sent)
    run(results, "conflict_across", lambda: scenarios.conflict_across_replicas(client, who, sent))
    run(results, "killed_mid_stream", lambda: scenarios.killed_mid_stream(client, who, kill, sent))
    compose.wait_healthy("backend", 1, timeout_s=300)
    run(results, "drain", lambda: scenarios.drain_on_stop(client, partial(_stop, compose), sent))
    run(results, "no_backend_503", lambda: no_backend_answer(client))
    compose.run("start", "backend", timeout=300)
    compose.wait_healthy("backend", 1, timeout_s=300)
    time.sleep(11)
    run(results, "nothing_lost", lambda: scenarios.nothing_lost(client, sent))
    run(results, "llm_down_503", lambda: llm_down(compose, client))


def proxy_only(
    compose: Compose, engine: Engine, client: Client, results: dict[str, Any], sent: dict
) -> None:
    """`--llm fake`: what nginx does with replicas (fake answers stream at once: no mid-stream
    kill, drain or 409 here)."""
    replica_checks(compose, engine, client, results, sent)
    compose.run("stop", "backend", timeout=120)
    run(results, "no_backend_503", lambda: no_backend_answer(client))


def replica_checks(
    compose: Compose, engine: Engine, client: Client, results: dict[str, Any], sent: dict
) -> tuple[scenarios.WhoServed, Callable[[str], None]]:
    """Two replicas, then three and a kill, then two again: how nginx spreads requests."""
    results["timings_s"]["second_backend_healthy"] = scale(compose, 2)
    who = partial(served_by, engine)
    kill = partial(_kill, engine)
    run(results, "alternation", lambda: scenarios.alternation(client, who, sent))
    rescale = partial(scale, compose)
    come_and_go = partial(scenarios.replicas_come_and_go, client, who, rescale, kill)
    run(results, "replicas_come_and_go", come_and_go)
    return who, kill


def scale(compose: Compose, replicas: int) -> float:
    """`--scale backend=N`, then until N are healthy and nginx has re-resolved `backend`."""
    say(f"--scale backend={replicas}")
    started = time.monotonic()
    compose.up("--no-recreate", "--scale", f"backend={replicas}", timeout=600)
    compose.wait_healthy("backend", replicas, timeout_s=300)
    healthy_s = round(time.monotonic() - started, 1)
    time.sleep(11)  # nginx re-resolves `backend` every 10 s (resolver valid=10s)
    return healthy_s


def no_backend_answer(client: Client) -> dict:
    resp = client.http.get("/ready")
    body = resp.json()
    scenarios.check(resp.status_code == 503, f"no backend: {resp.status_code} {resp.text}")
    scenarios.check(body["error"]["type"] == "backend_unavailable", f"shape: {body}")
    return {"status": resp.status_code, "body": body}


def llm_down(compose: Compose, client: Client) -> dict:
    """vLLM stopped: the backends stop reporting ready, through nginx, in the error shape."""
    compose.run("stop", "llm-server-cpu", timeout=120)
    resp = client.http.get("/ready")
    scenarios.check(resp.status_code == 503, f"/ready with vLLM down: {resp.status_code}")
    scenarios.check(resp.json()["error"]["type"] == "llm_unavailable", resp.text)
    return {"status": resp.status_code, "body": resp.json()}


def run(results: dict[str, Any], name: str, check: Any) -> None:
    say(f"check: {name}")
    try:
        results["checks"][name] = check()
        say(f"ok: {name} {results['checks'][name]}")
    except (AssertionError, TimeoutError, RuntimeError, KeyError, ValueError) as exc:
        results["failures"].append({"check": name, "error": str(exc)[:2000]})
        traceback.print_exc()


def served_by(engine: Engine, request_id: str) -> str | None:
    """The backend container whose JSON log names this request id."""
    names = engine.podman(
        "ps", "-a", "--filter", "label=com.docker.compose.service=backend", "--format", "{{.Names}}"
    ).split()
    for name in names:
        if request_id in engine.logs(name):
            return name
    return None


def keep_logs(engine: Engine) -> None:
    """Every container's log, for reading a failure after `down`: var/stack/logs/."""
    folder = STATE / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    names = engine.podman(
        "ps", "-a", "--filter", "label=com.docker.compose.project", "--format", "{{.Names}}"
    ).split()
    for name in names:
        (folder / f"{name}.log").write_text(engine.logs(name))


def _kill(engine: Engine, name: str) -> None:
    engine.podman("kill", "--signal", "KILL", name)


def _stop(compose: Compose) -> None:
    compose.run("stop", "backend", timeout=120)


def _down(compose: Compose) -> float:
    say("compose down -v (graceful stop, then remove)")
    started = time.monotonic()
    compose.run("down", "-v", "--remove-orphans", check=False, timeout=300)
    return round(time.monotonic() - started, 1)


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    sys.exit(main())
