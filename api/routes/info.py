"""GET /info: who can answer (experts and models), what runs here (versions), and the limits."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter

from agents.chains import model_name_for
from agents.registry import EXPERTS
from api.checkpointer import checkpointer_kind
from api.deps import OwnerDep, SettingsDep
from api.schemas import ErrorBody, ExpertInfo, InfoBody

router = APIRouter(tags=["info"])

PACKAGES = ("trip-genius", "langgraph", "langchain-core", "langchain-openai", "fastapi")


def package_versions() -> dict[str, str]:
    found = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "unknown"
    return found


@router.get("/info", response_model=InfoBody, responses={401: {"model": ErrorBody}})
async def info(_: OwnerDep, settings: SettingsDep) -> InfoBody:
    return InfoBody(
        experts=[
            ExpertInfo(
                name=e.name, domain=e.domain, title=e.title, model=model_name_for(e, settings)
            )
            for e in EXPERTS.values()
        ],
        models={"base": settings.llm.base_model_name, "medical": settings.llm.medical_model},
        adapter_version=settings.llm.medical_adapter_version,
        versions=package_versions(),
        limits={
            "max_message_chars": settings.api.max_message_chars,
            "max_body_bytes": settings.api.max_body_bytes,
            "rate_limit_per_minute": settings.api.rate_limit_per_minute,
            "max_concurrent_streams": settings.api.max_concurrent_streams,
            "max_streams_per_owner": settings.api.max_streams_per_owner,
            "max_header_bytes": settings.api.max_header_bytes,
            "max_header_count": settings.api.max_header_count,
            "body_timeout_s": settings.api.body_timeout_s,
            "auth_failures_per_minute": settings.api.auth_failures_per_minute,
            "run_timeout_s": settings.api.run_timeout_s,
            "llm_timeout_s": settings.llm.timeout_s,
        },
        checkpointer=checkpointer_kind(settings),
    )
