"""Nesting the settings (issue 12) kept every environment variable name of the flat `Settings`.

`OLD_NAMES` is the list of names the flat class accepted (TG_ + each of its field names, plus the
OpenAI client's own two), written down as data when the settings were split: a renamed or dropped
variable fails here, whether it is set in the environment or in a `.env` file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from config.settings import Settings

# (environment name, value as written, group, field in the group, value read)
OLD_NAMES: list[tuple[str, str, str, str, Any]] = [
    ("TG_CACHE_DIR", "/tmp/tg-cache", "paths", "cache_dir", Path("/tmp/tg-cache")),
    ("TG_FITTED_CACHE", "false", "paths", "fitted_cache", False),
    ("TG_SAVES_DIR", "/tmp/tg-saves", "paths", "saves_dir", Path("/tmp/tg-saves")),
    ("TG_BASE_MODEL", "Qwen/Qwen1.5-7B-Chat", "llm", "base_model", "Qwen/Qwen1.5-7B-Chat"),
    ("TG_SERVED_MODEL_NAME", "qwen-chat", "llm", "served_model_name", "qwen-chat"),
    ("TG_MEDICAL_MODEL", "derm", "llm", "medical_model", "derm"),
    ("TG_MEDICAL_ADAPTER_VERSION", "v2", "llm", "medical_adapter_version", "v2"),
    ("TG_MEDICAL_ADAPTER_DIR", "/tmp/adapter", "llm", "medical_adapter_dir", Path("/tmp/adapter")),
    ("TG_OPENAI_API_BASE", "http://h:1/v1", "llm", "openai_api_base", "http://h:1/v1"),
    ("OPENAI_API_BASE", "http://h:2/v1", "llm", "openai_api_base", "http://h:2/v1"),
    ("TG_OPENAI_API_KEY", "sk-tg", "llm", "openai_api_key", "sk-tg"),
    ("OPENAI_API_KEY", "sk-plain", "llm", "openai_api_key", "sk-plain"),
    ("TG_LLM_BACKEND", "fake", "llm", "backend", "fake"),
    ("TG_TEMPERATURE", "0.2", "llm", "temperature", 0.2),
    ("TG_MEDICAL_TEMPERATURE", "0.1", "llm", "medical_temperature", 0.1),
    ("TG_MAX_TOKENS", "99", "llm", "max_tokens", 99),
    ("TG_LLM_TIMEOUT_S", "7.5", "llm", "timeout_s", 7.5),
    ("TG_HISTORY_MAX_TOKENS", "512", "graph", "history_max_tokens", 512),
    ("TG_ROUTER", "llm", "router", "mode", "llm"),
    ("TG_TRIAGE_MODEL", "triage", "triage", "model", "triage"),
    ("TG_TRIAGE_ADAPTER_VERSION", "v3", "triage", "adapter_version", "v3"),
    ("TG_TRIAGE_VETO", "0.8", "triage", "veto", 0.8),
    ("TG_TRIAGE_LABELS_ROUTE", "true", "triage", "labels_route", True),
    ("TG_TRIAGE_SECOND_EXPERT", "0.6", "triage", "second_expert", 0.6),
    ("TG_TRIAGE_SECOND_EXPERT_SEVERAL", "0.6", "triage", "second_expert_several", 0.6),
    ("TG_TRIAGE_RULES_VETO", "0.3", "triage", "rules_veto", 0.3),
    ("TG_TRIAGE_VETO_FRAMING", "0.25", "triage", "veto_framing", 0.25),
    ("TG_TRIAGE_URGENT_MEDICAL", "0.3", "triage", "urgent_medical", 0.3),
    ("TG_TRIAGE_URGENT_EMERGENCY_BELOW", "0.6", "triage", "urgent_emergency_below", 0.6),
    ("TG_TRIAGE_MEANING_URL", "http://127.0.0.1:9", "triage", "meaning_url", "http://127.0.0.1:9"),
    ("TG_TRIAGE_MEANING_PORT", "8399", "triage", "meaning_port", 8399),
    ("TG_TRIAGE_MEANING_THREADS", "2", "triage", "meaning_threads", 2),
    ("TG_TRIAGE_MEANING_WEIGHT", "0.5", "triage", "meaning_weight", 0.5),
    ("TG_TRIAGE_MEANING_TIMEOUT_S", "0.25", "triage", "meaning_timeout_s", 0.25),
    ("TG_TRIAGE_CATEGORY_BAR", "0.6", "triage", "category_bar", 0.6),
    ("TG_TRIAGE_READING_SELF_HARM_BAR", "0.8", "triage", "reading_self_harm_bar", 0.8),
    ("TG_TRIAGE_READING_EMERGENCY_BAR", "0.7", "triage", "reading_emergency_bar", 0.7),
    ("TG_TRIAGE_READING_EMERGENCY_VETO", "0.02", "triage", "reading_emergency_veto", 0.02),
    ("TG_TRIAGE_READING_ASK_BAR", "0.8", "triage", "reading_ask_bar", 0.8),
    ("TG_TRIAGE_READING_ASK_MIX", "union", "triage", "reading_ask_mix", "union"),
    ("TG_TRIAGE_PRIMARY_FROM_CLASSIFIER", "false", "triage", "primary_from_classifier", False),
    ("TG_TRIAGE_KEEP_REPLACED", "[]", "triage", "keep_replaced", frozenset()),
    ("TG_TRIAGE_ASK_BAR", "0.7", "triage", "ask_bar", 0.7),
    ("TG_ROUTER_MODEL", "router-lora", "router", "model", "router-lora"),
    ("TG_KB_GROUNDING", "false", "graph", "kb_grounding", False),
    ("TG_TRAVEL_PART_ONLY", "false", "graph", "travel_part_only", False),
    ("TG_DOCTOR_ANSWER", "model", "doctor", "answer", "model"),
    ("TG_DOCTOR_FOLLOW_UPS", "model", "doctor", "follow_ups", "model"),
    ("TG_CARD_MARGIN", "0.25", "doctor", "card_margin", 0.25),
    ("TG_TOOL_CALLING", "true", "graph", "tool_calling", True),
    ("TG_TOOL_CALL_PARSER", "llama3_json", "graph", "tool_call_parser", "llama3_json"),
    ("TG_TOOL_MAX_ROUNDS", "5", "graph", "tool_max_rounds", 5),
    ("TG_CONTEXT_WINDOW", "8192", "graph", "context_window", 8192),
    ("TG_GUARD_RELEASE", "word", "graph", "guard_release", "word"),
    ("TG_GUARD_RELEASE", "clause", "graph", "guard_release", "clause"),
    ("TG_VLLM_PYTHON", "/opt/vllm/bin/python", "vllm", "python", Path("/opt/vllm/bin/python")),
    ("TG_VLLM_TORCH_SPEC", "torch==2.5.0", "vllm", "torch_spec", "torch==2.5.0"),
    ("TG_VLLM_HOST", "127.0.0.2", "vllm", "host", "127.0.0.2"),
    ("TG_VLLM_PORT", "8123", "vllm", "port", 8123),
    ("TG_VLLM_MAX_MODEL_LEN", "2048", "vllm", "max_model_len", 2048),
    ("TG_VLLM_MAX_LORA_RANK", "16", "vllm", "max_lora_rank", 16),
    ("TG_VLLM_MAX_LORAS", "3", "vllm", "max_loras", 3),
    (
        "TG_VLLM_EXTRA_ADAPTER_VERSIONS",
        '["v1", "v3"]',
        "vllm",
        "extra_adapter_versions",
        ["v1", "v3"],
    ),
    ("TG_VLLM_MAX_CPU_LORAS", "6", "vllm", "max_cpu_loras", 6),
    ("TG_VLLM_ALLOW_RUNTIME_LORA_UPDATING", "true", "vllm", "allow_runtime_lora_updating", True),
    ("TG_VLLM_WEIGHTS", "int8", "vllm", "weights", "int8"),
    ("TG_VLLM_LORA_OPS", "cached", "vllm", "lora_ops", "cached"),
    ("TG_VLLM_KVCACHE_SPACE_GIB", "4", "vllm", "kvcache_space_gib", 4),
    ("TG_VLLM_CPU_THREADS_BIND", "0-1", "vllm", "cpu_threads_bind", "0-1"),
    ("TG_VLLM_STARTUP_TIMEOUT_S", "60", "vllm", "startup_timeout_s", 60.0),
    (
        "TG_VLLM_EXTRA_ARGS",
        '["--max-num-seqs", "32"]',
        "vllm",
        "extra_args",
        ["--max-num-seqs", "32"],
    ),
    ("TG_API_HOST", "0.0.0.0", "api", "host", "0.0.0.0"),
    ("TG_API_PORT", "9090", "api", "port", 9090),
    ("TG_CHECKPOINT_DB", "/tmp/t.sqlite", "store", "checkpoint_db", Path("/tmp/t.sqlite")),
    ("TG_MAX_MESSAGE_CHARS", "100", "api", "max_message_chars", 100),
    ("TG_LOG_FORMAT", "json", "logging", "format", "json"),
    ("TG_LOG_LEVEL", "DEBUG", "logging", "level", "DEBUG"),
    ("TG_SHUTDOWN_DRAIN_S", "3", "api", "shutdown_drain_s", 3.0),
    ("TG_POSTGRES_URL", "postgresql://u:p@h/db", "store", "postgres_url", "postgresql://u:p@h/db"),
    ("TG_API_KEYS", '{"alice": "k-alice"}', "api", "keys", {"alice": "k-alice"}),
    ("TG_DEV_MODE", "true", "api", "dev_mode", True),
    ("TG_MAX_BODY_BYTES", "1000", "api", "max_body_bytes", 1000),
    ("TG_RATE_LIMIT_PER_MINUTE", "7", "api", "rate_limit_per_minute", 7),
    ("TG_MAX_CONCURRENT_STREAMS", "2", "api", "max_concurrent_streams", 2),
    ("TG_MAX_STREAMS_PER_OWNER", "1", "api", "max_streams_per_owner", 1),
    ("TG_RETRY_AFTER_S", "9", "api", "retry_after_s", 9),
    ("TG_RUN_TIMEOUT_S", "30", "api", "run_timeout_s", 30.0),
    ("TG_SSE_PING_S", "2", "api", "sse_ping_s", 2.0),
    ("TG_METRICS_KEY", "m-key", "api", "metrics_key", "m-key"),
    ("TG_MAX_HEADER_BYTES", "4096", "api", "max_header_bytes", 4096),
    ("TG_MAX_HEADER_COUNT", "20", "api", "max_header_count", 20),
    ("TG_BODY_TIMEOUT_S", "1.5", "api", "body_timeout_s", 1.5),
    ("TG_AUTH_FAILURES_PER_MINUTE", "4", "api", "auth_failures_per_minute", 4),
    (
        "TG_CORS_ORIGINS",
        '["https://chat.example.com"]',
        "api",
        "cors_origins",
        ["https://chat.example.com"],
    ),
]


def plain(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def read(settings: Settings, group: str, field: str) -> Any:
    return plain(getattr(getattr(settings, group), field))


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own TG_ or OpenAI variables would decide these cases otherwise."""
    for name, *_ in OLD_NAMES:
        monkeypatch.delenv(name, raising=False)


def test_the_table_is_every_field_of_every_group() -> None:
    """A new setting gets its row here, so its name is pinned as the old ones are."""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    fields = {
        (group, field)
        for group in type(settings).model_fields
        for field in type(getattr(settings, group)).model_fields
    }
    assert {(group, field) for _, _, group, field, _ in OLD_NAMES} == fields


@pytest.mark.parametrize(("name", "raw", "group", "field", "expected"), OLD_NAMES)
def test_an_old_variable_lands_in_its_group(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, group: str, field: str, expected: Any
) -> None:
    default = read(Settings(_env_file=None), group, field)  # type: ignore[call-arg]
    assert default != expected, "the test value must differ from the default"
    monkeypatch.setenv(name, raw)
    assert read(Settings(_env_file=None), group, field) == expected  # type: ignore[call-arg]
    monkeypatch.setenv(name.lower(), raw)  # names are case-insensitive, as they were
    monkeypatch.delenv(name)
    assert read(Settings(_env_file=None), group, field) == expected  # type: ignore[call-arg]


@pytest.mark.parametrize(("name", "raw", "group", "field", "expected"), OLD_NAMES)
def test_an_old_variable_in_a_dotenv_file_lands_in_its_group(
    tmp_path: Path, name: str, raw: str, group: str, field: str, expected: Any
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"{name}='{raw}'\n")
    assert read(Settings(_env_file=env_file), group, field) == expected  # type: ignore[call-arg]


def test_the_environment_wins_over_dotenv_and_code_over_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("TG_VLLM_MAX_LORAS=2\nTG_VLLM_PORT=8100\nTG_RATE_LIMIT_PER_MINUTE=5\n")
    monkeypatch.setenv("TG_VLLM_PORT", "8200")
    settings = Settings(_env_file=env_file, vllm={"max_loras": 4})  # type: ignore[call-arg]
    assert (settings.vllm.max_loras, settings.vllm.port) == (4, 8200)
    # a group given in code is merged over what the environment set in the same group
    assert settings.api.rate_limit_per_minute == 5


def test_a_short_name_inside_a_group_is_not_an_environment_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TG_HOST", "0.0.0.0")
    monkeypatch.setenv("TG_BACKEND", "fake")
    monkeypatch.setenv("TG_MODE", "llm")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (settings.api.host, settings.llm.backend, settings.router.mode) == (
        "127.0.0.1",
        "openai",
        "triage",
    )


def test_an_unknown_or_flat_name_in_code_is_refused() -> None:
    with pytest.raises(ValidationError, match="dev_mode"):
        Settings(_env_file=None, dev_mode=True)  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match=r"max_lora\b"):
        Settings(_env_file=None, vllm={"max_lora": 2})  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match=r"max_lora\b"):
        Settings(_env_file=None).updated(vllm={"max_lora": 2})  # type: ignore[call-arg]


def test_updated_validates_like_a_new_object(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(_env_file=None, api={"cors_origins": ["http://a.example"]})  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="cors_origins with dev_mode"):
        settings.updated(api={"dev_mode": True})
    changed = settings.updated(vllm={"max_model_len": 1024})
    assert changed.context_tokens == 1024
    assert changed.api.cors_origins == ["http://a.example"]
    assert settings.vllm.max_model_len == 4096  # the original is left alone
    monkeypatch.setenv("TG_VLLM_MAX_LORAS", "5")
    assert changed.updated(vllm={"port": 1}).vllm.max_loras == 1  # a copy reads no environment


def test_cross_group_values_keep_their_fallbacks() -> None:
    settings = Settings(_env_file=None, paths={"cache_dir": "/c", "fitted_cache": True})  # type: ignore[call-arg]
    assert settings.paths.fitted_models_dir == Path("/c/fitted")
    assert settings.updated(paths={"fitted_cache": False}).paths.fitted_models_dir is None
    assert settings.context_tokens == settings.vllm.max_model_len
    assert settings.updated(graph={"context_window": 1000}).context_tokens == 1000
    assert settings.base_model_path.startswith("/c/models/")
