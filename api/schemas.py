"""Request and response bodies of the HTTP API, documented for OpenAPI."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

THREAD_ID_PATTERN = r"^[A-Za-z0-9._:-]+$"


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(
        min_length=1,
        description=(
            "The traveller's message, in Chinese or English (at most `max_message_chars`, "
            "see GET /info; longer gets 422)."
        ),
        examples=["我脸上长痘痘怎么办？", "帮我规划三天的杭州行程"],
    )
    thread_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        pattern=THREAD_ID_PATTERN,
        description=(
            "Continue this conversation; omit to start a new one. Another caller's thread "
            "answers 404; a thread that is still answering answers 409."
        ),
        examples=["3f1c2a9e-6a47-4f3e-9d1e-2b7c8f0e5a11"],
    )
    stream: bool = Field(
        default=True,
        description=(
            "true (default): `text/event-stream`. false: one JSON `ChatReply` once the answer "
            "is complete (also chosen by `Accept: application/json`)."
        ),
    )

    @field_validator("message")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message must contain text")
        return value


class ErrorDetail(BaseModel):
    type: str = Field(
        description="Machine-readable error kind.",
        examples=["validation_error", "unauthorized", "rate_limited", "thread_busy"],
    )
    message: str = Field(
        description="Human-readable; never contains a stack trace or the user's text.",
        examples=["message: must contain text"],
    )
    details: list[dict[str, Any]] | None = Field(
        default=None, description="Validation errors only: [{loc, msg, type}]."
    )


class ErrorBody(BaseModel):
    """The one error shape every endpoint uses."""

    error: ErrorDetail


class ReadyBody(BaseModel):
    status: str = Field(examples=["ready"])
    models: list[str] = Field(examples=[["Qwen2.5-Coder-0.5B-Instruct", "medical-expert"]])


class RoutedExpertOut(BaseModel):
    name: str = Field(description="Expert id.", examples=["medical"])
    domain: str = Field(description="travel | medical | emergency | other", examples=["medical"])
    model: str = Field(
        description="Served model name that answers ('none' for fixed text).",
        examples=["medical-expert"],
    )


class ReplyMessage(BaseModel):
    expert: str | None = Field(description="Expert that wrote it.", examples=["medical"])
    model: str | None = Field(description="Model that generated it.", examples=["medical-expert"])
    content: str = Field(description="The answer text.", examples=["痘痘多和毛囊堵塞有关……"])
    incomplete: bool = Field(
        default=False, description="True when the run failed or was cancelled mid-answer."
    )


class ChatReply(BaseModel):
    """`"stream": false`: everything the event stream carries, in one body."""

    thread_id: str = Field(examples=["3f1c2a9e-6a47-4f3e-9d1e-2b7c8f0e5a11"])
    run_id: str = Field(examples=["0b9d6c1e-2f0a-4d7b-8a55-1c3e2f4a6b7c"])
    experts: list[RoutedExpertOut] = Field(description="Who answered (the `custom` route event).")
    safety: list[dict[str, Any]] = Field(
        default_factory=list,
        description="`custom` safety events (emergencies), in order; empty when none.",
    )
    messages: list[ReplyMessage] = Field(description="One answer per expert.")
    error: ErrorDetail | None = Field(
        default=None, description="Set when the run failed; `messages` then hold the partial."
    )


class SafetyOutcome(BaseModel):
    """What the safety layer decided on a turn: the `custom` safety event, kept in the thread."""

    level: str = Field(
        description="`emergency` (a red flag or triage), `self_harm` (crisis lines), `watch` "
        "(heat exhaustion's first aid with when to call: emergency.yaml `watch`), or `urgent` "
        "(the doctor answered under an urgent-care banner: graph/triage/urgent.py).",
        examples=["emergency"],
    )
    flags: list[str] = Field(default_factory=list, examples=[["anaphylaxis"]])
    reason: str = Field(default="", examples=["red flag: anaphylaxis"])
    destination: str | None = Field(
        default=None, description="The thread's destination whose numbers apply, if known."
    )
    emergency_numbers: str = Field(
        default="",
        description="Whom to call, in the user's language (the banner shows this first).",
        examples=["120（中国大陆急救）"],
    )


class HistorySection(BaseModel):
    """One expert's part of a multi-intent answer, as the stream showed it."""

    expert: str = Field(examples=["medical"])
    title: str = Field(examples=["AI 皮肤科医生 Dermatology"])
    model: str | None = Field(default=None, examples=["medical-expert"])
    content: str


class HistoryMessage(BaseModel):
    role: Literal["user", "assistant"]
    content: str
    expert: str | None = Field(default=None, examples=["itinerary"])
    model: str | None = Field(default=None, examples=["Qwen2.5-Coder-0.5B-Instruct"])
    time: datetime | None = Field(
        default=None, description="When the message entered the thread (UTC)."
    )
    incomplete: bool = Field(
        default=False, description="A partial answer kept after a failure or cancellation."
    )
    sections: list[HistorySection] = Field(
        default_factory=list,
        description="A multi-intent answer split per expert (empty for a one-expert answer; "
        "`content` then holds the merged text with `## <title>` headers).",
    )
    safety: SafetyOutcome | None = Field(
        default=None, description="Set on the emergency reply: the turn's safety outcome."
    )


class ThreadHistory(BaseModel):
    thread_id: str
    running: bool = Field(description="This API process is generating a reply on it right now.")
    messages: list[HistoryMessage]


class ThreadSummary(BaseModel):
    thread_id: str
    created_at: datetime | None
    updated_at: datetime | None
    title: str | None = Field(
        default=None,
        description="The thread's first message, shortened (for a list of threads).",
        examples=["帮我规划三天的杭州行程"],
    )


class ThreadList(BaseModel):
    threads: list[ThreadSummary] = Field(description="The caller's threads, newest first.")


class RunStatus(BaseModel):
    """What `Content-Location: /threads/{thread_id}/runs/{run_id}` of a chat reply names."""

    thread_id: str
    run_id: str
    status: Literal["running", "finished", "interrupted"] = Field(
        description="`running` while this process generates it; `finished` once it ended "
        "(its outcome is in the thread history: an `incomplete` answer means it failed); "
        "`interrupted` when the process serving it died mid-reply (what it had streamed is in "
        "the thread, marked `incomplete`)."
    )


class CancelReply(BaseModel):
    thread_id: str
    run_id: str
    status: Literal["cancelling"] = "cancelling"


class ExpertInfo(BaseModel):
    name: str = Field(examples=["medical"])
    domain: str = Field(examples=["medical"])
    title: str = Field(examples=["AI 皮肤科医生 Dermatology"])
    model: str = Field(examples=["medical-expert"])


class InfoBody(BaseModel):
    experts: list[ExpertInfo]
    models: dict[str, str] = Field(
        description="Role → served model name.",
        examples=[{"base": "Qwen2.5-Coder-0.5B-Instruct", "medical": "medical-expert"}],
    )
    adapter_version: str = Field(examples=["v4"])
    versions: dict[str, str] = Field(
        description="Versions of this service and the libraries it runs on.",
        examples=[{"trip-genius": "0.1.0", "langgraph": "1.2.24", "fastapi": "0.165.0"}],
    )
    limits: dict[str, int | float] = Field(
        description="Request limits this server enforces.",
        examples=[{"max_message_chars": 8000, "rate_limit_per_minute": 60}],
    )
    checkpointer: Literal["sqlite", "postgres"]
