"""Request and response bodies of the HTTP API, documented for OpenAPI."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(
        min_length=1,
        description="The traveller's message, in Chinese or English.",
        examples=["我脸上长痘痘怎么办？", "帮我规划三天的杭州行程"],
    )
    thread_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9._:-]+$",
        description="Continue this conversation; omit to start a new one.",
        examples=["3f1c2a9e-6a47-4f3e-9d1e-2b7c8f0e5a11"],
    )

    @field_validator("message")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message must contain text")
        return value


class ErrorDetail(BaseModel):
    type: str = Field(examples=["validation_error"])
    message: str = Field(examples=["message: must contain text"])
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """The one error shape every endpoint uses."""

    error: ErrorDetail


class ReadyBody(BaseModel):
    status: str = Field(examples=["ready"])
    models: list[str] = Field(examples=[["Qwen2.5-Coder-0.5B-Instruct", "medical-expert"]])
