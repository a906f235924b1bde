"""Liveness (the process answers) and readiness (the model server serves what we need)."""

from __future__ import annotations

import httpx
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import LLMHttpDep, SettingsDep
from api.errors import error_response
from api.schemas import ErrorBody, ReadyBody

router = APIRouter(tags=["health"])


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready", response_model=ReadyBody, responses={503: {"model": ErrorBody}})
async def ready(settings: SettingsDep, http: LLMHttpDep) -> ReadyBody | JSONResponse:
    if settings.llm.backend == "fake":  # scripted models need no server
        return ReadyBody(
            status="ready", models=[settings.llm.base_model_name, settings.llm.medical_model]
        )
    try:
        resp = await http.get("/models", timeout=3.0)
        resp.raise_for_status()
        served = [m["id"] for m in resp.json().get("data", [])]
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return error_response(503, "llm_unavailable", "the model server is not reachable")
    missing = [
        m for m in (settings.llm.base_model_name, settings.llm.medical_model) if m not in served
    ]
    if missing:
        return error_response(503, "model_missing", f"model server lacks: {', '.join(missing)}")
    return ReadyBody(status="ready", models=served)
