"""The one typed settings object of Trip Genius, nested by concern (config/setting_groups.py).

Built once at the edge (CLI entry, app lifespan, test fixture) and passed in; nothing below reads
the environment. Call sites read `settings.vllm.max_loras`, `settings.api.rate_limit_per_minute`;
the environment keeps the flat names (`TG_VLLM_MAX_LORAS`, `TG_RATE_LIMIT_PER_MINUTE`, and the
OpenAI client variables `OPENAI_API_BASE`, `OPENAI_API_KEY` of the deployment guide).

In code, set a group by the names inside it: `Settings(api={"dev_mode": True})` (merged over
the environment, as an env variable would be) or `settings.updated(vllm={"max_loras": 4})` (a
validated copy).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from config.setting_groups import (
    REPO_ROOT,
    ApiSettings,
    DoctorSettings,
    GraphSettings,
    LlmSettings,
    LogSettings,
    PathSettings,
    RouterSettings,
    SettingGroup,
    StoreSettings,
    TriageSettings,
    VllmSettings,
    is_loopback,
    is_origin,
)

__all__ = ["REPO_ROOT", "Settings", "is_loopback", "is_origin"]

# Only a field's flat env name is read, never its short name inside the group (else `api.host`
# would also answer to TG_HOST).
_ALIAS_ONLY: Mapping[str, Any] = {
    "validate_by_alias": True,
    "validate_by_name": False,
    "populate_by_name": False,
}


class _FlatEnvNames:
    """Mixin for pydantic-settings' env sources: look a group's fields up by their flat names."""

    def _extract_field_info(
        self, field: FieldInfo, field_name: str, model_config: Mapping[str, Any] | None = None
    ) -> list[tuple[str, str, bool]]:
        return super()._extract_field_info(field, field_name, _ALIAS_ONLY)  # type: ignore[misc]


class _GroupEnvSource(_FlatEnvNames, EnvSettingsSource):
    pass


class _GroupDotEnvSource(_FlatEnvNames, DotEnvSettingsSource):
    pass


class _Grouped(PydanticBaseSettingsSource):
    """One pydantic-settings source per group, its values nested under the group's name."""

    def __init__(
        self,
        settings_cls: type[BaseSettings],
        sources: Mapping[str, PydanticBaseSettingsSource],
    ) -> None:
        super().__init__(settings_cls)
        self._sources = sources

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # __call__ reads whole groups

    def __call__(self) -> dict[str, Any]:
        return {name: source() for name, source in self._sources.items()}


def _groups(settings_cls: type[BaseSettings]) -> dict[str, type[SettingGroup]]:
    return {
        name: cast(type[SettingGroup], field.annotation)
        for name, field in settings_cls.model_fields.items()
    }


def _fields(model: BaseModel) -> dict[str, Any]:
    return {name: getattr(model, name) for name in type(model).model_fields}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="forbid")

    paths: PathSettings = Field(default_factory=PathSettings)
    llm: LlmSettings = Field(default_factory=LlmSettings)
    graph: GraphSettings = Field(default_factory=GraphSettings)
    router: RouterSettings = Field(default_factory=RouterSettings)
    triage: TriageSettings = Field(default_factory=TriageSettings)
    doctor: DoctorSettings = Field(default_factory=DoctorSettings)
    vllm: VllmSettings = Field(default_factory=VllmSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    logging: LogSettings = Field(default_factory=LogSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Init kwargs over the process environment over `.env` (`_env_file` still chooses it)."""
        dotenv = cast(DotEnvSettingsSource, dotenv_settings)
        groups = _groups(settings_cls)
        env = {
            name: _GroupEnvSource(group, env_prefix=group.env_prefix)  # type: ignore[arg-type]
            for name, group in groups.items()
        }
        dotenv_files = {
            name: _GroupDotEnvSource(
                group,  # type: ignore[arg-type]
                env_file=dotenv.env_file,
                env_file_encoding=dotenv.env_file_encoding,
                dotenv_filtering="only_existing",
                env_prefix=group.env_prefix,
            )
            for name, group in groups.items()
        }
        return (
            init_settings,
            _Grouped(settings_cls, env),
            _Grouped(settings_cls, dotenv_files),
        )

    def updated(self, **groups: Mapping[str, Any]) -> Settings:
        """A copy with some fields of some groups changed, validated as a new object would be
        (`model_copy(update=...)` would skip the validators and take unknown names silently)."""
        data = _fields(self)
        for name, changes in groups.items():
            group: SettingGroup = getattr(self, name)
            data[name] = type(group).model_validate({**_fields(group), **changes})
        return type(self).model_validate(data)

    # --- derived from more than one group ----------------------------------------------------
    @property
    def base_model_path(self) -> str:
        """What vLLM's --model gets: the converted folder, or the hub id / path as given."""
        if self.llm.embedded:
            return str(self.paths.cache_dir / "models" / self.llm.embedded.served_name)
        return self.llm.base_model

    @property
    def served_model_path(self) -> str:
        """The weights vLLM loads: the base, or its int8 copy (serving/quantize_int8.py)."""
        if self.vllm.weights == "int8":
            return f"{self.base_model_path.rstrip('/')}-int8"
        return self.base_model_path

    @property
    def context_tokens(self) -> int:
        return self.graph.context_window or self.vllm.max_model_len

    @property
    def adapter_dir(self) -> Path:
        if self.llm.medical_adapter_dir is not None:
            return self.llm.medical_adapter_dir
        return self.adapter_dir_for(self.llm.medical_adapter_version)

    @property
    def adapters_root(self) -> Path:
        """saves/<base>/lora: every adapter version of the base model in use."""
        return self.paths.saves_dir / self.llm.base_model_name.rsplit("/", 1)[-1] / "lora"

    def adapter_dir_for(self, version: str) -> Path:
        return self.adapters_root / f"medical-expert-{version}"
