"""Bodies of the LangGraph Server API as langgraph-sdk (Python and JS) sends and reads them.

Only what is served is accepted: a request field for a feature we do not serve (interrupts,
checkpoints, webhooks, background runs, stream modes other than the four below, ...) is not
silently ignored but answered 422 in the one error shape (`extra="forbid"`, `Literal`s).
docs/langgraph_api.md lists what is not served.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.schemas import THREAD_ID_PATTERN

GRAPH_ID = "trip_genius"  # the graph's name in langgraph.json (tests/unit hold them equal)
StreamModeName = Literal["messages-tuple", "updates", "values", "custom"]
ThreadStatus = Literal["idle", "busy", "interrupted", "error"]
RunStatusName = Literal["pending", "running", "error", "success", "timeout", "interrupted"]
Json = dict[str, Any]

_FORBID = ConfigDict(extra="forbid")


class TextPart(BaseModel):
    type: Literal["text"]
    text: str


class InputMessage(BaseModel):
    """A LangChain message dict (`type`) or an OpenAI-style one (`role`); only the user's own
    message is input: the graph writes every other message."""

    model_config = ConfigDict(extra="allow")

    type: Literal["human", "user"] | None = None
    role: Literal["human", "user"] | None = None
    content: str | list[TextPart]
    id: str | None = Field(default=None, max_length=128, pattern=THREAD_ID_PATTERN)

    @field_validator("content")
    @classmethod
    def is_unicode(cls, content: str | list[TextPart]) -> str | list[TextPart]:
        """A lone surrogate (`"\\ud800"` is valid JSON) would be stored as `?`: the question
        changed behind the caller's back. /chat's plain `str` refuses it; so does this."""
        parts = [content] if isinstance(content, str) else [p.text for p in content]
        for part in parts:
            try:
                part.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError("the message must be valid Unicode (no lone surrogates)") from exc
        return content

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text for part in self.content)


class RunInput(BaseModel):
    model_config = _FORBID

    messages: list[InputMessage] = Field(
        min_length=1,
        max_length=1,
        description="Exactly one human message: the traveller's turn.",
        examples=[[{"type": "human", "content": "帮我规划三天的杭州行程"}]],
    )

    @field_validator("messages")
    @classmethod
    def has_text(cls, messages: list[InputMessage]) -> list[InputMessage]:
        if not messages[0].text().strip():
            raise ValueError("the message must contain text")
        return messages


class RunCheckpoint(BaseModel):
    """The checkpoint a run starts from; useStream sends its thread's head (without
    `thread_id`) with every turn after the first."""

    model_config = _FORBID

    thread_id: str | None = None
    checkpoint_ns: Literal[""] = ""
    checkpoint_id: str | None = Field(default=None, max_length=128)


class RunCreate(BaseModel):
    """POST /threads/{thread_id}/runs/stream and /runs/wait."""

    model_config = _FORBID

    assistant_id: str = Field(examples=[GRAPH_ID])
    input: RunInput
    stream_mode: StreamModeName | list[StreamModeName] = Field(
        default="values", description="What to stream (runs/stream only)."
    )
    config: Json | None = Field(default=None, description="Accepted; the graph takes none.")
    context: Json | None = Field(default=None, description="Accepted; the graph takes none.")
    metadata: Json | None = Field(default=None, description="Accepted, not stored.")
    multitask_strategy: Literal["reject"] | None = Field(
        default=None, description="A busy thread always answers 409."
    )
    on_disconnect: Literal["cancel"] | None = Field(
        default=None, description="A run always stops when its client goes away."
    )
    if_not_exists: Literal["create", "reject"] | None = Field(
        default=None, description="`create` starts the thread when it does not exist (else 404)."
    )
    checkpoint: RunCheckpoint | None = Field(
        default=None,
        description="Only the thread's latest checkpoint (continuing it, as useStream does); "
        "an earlier one (edit, regenerate: a fork) is 422.",
    )
    checkpoint_id: str | None = Field(
        default=None, max_length=128, description="As `checkpoint.checkpoint_id`."
    )
    stream_subgraphs: Literal[False] | None = None
    stream_resumable: Literal[False] | None = None

    def start_checkpoint(self) -> str | None:
        """The checkpoint id the caller starts from; None: the thread's latest."""
        if self.checkpoint_id is not None:
            return self.checkpoint_id
        return self.checkpoint.checkpoint_id if self.checkpoint else None

    def modes(self) -> frozenset[str]:
        chosen = [self.stream_mode] if isinstance(self.stream_mode, str) else self.stream_mode
        return frozenset("messages" if m == "messages-tuple" else m for m in chosen)


class Assistant(BaseModel):
    assistant_id: str
    graph_id: str
    config: Json = Field(default_factory=dict)
    context: Json = Field(default_factory=dict)
    metadata: Json = Field(default_factory=lambda: {"created_by": "system"})
    name: str
    description: str | None = None
    version: int = 1
    created_at: datetime
    updated_at: datetime


class AssistantSearch(BaseModel):
    model_config = _FORBID

    graph_id: str | None = None
    name: str | None = None
    metadata: Json | None = None
    limit: int = Field(default=10, ge=1, le=1000)
    offset: int = Field(default=0, ge=0)
    sort_by: Literal["assistant_id", "graph_id", "name", "created_at", "updated_at"] | None = None
    sort_order: Literal["asc", "desc"] | None = None


class Thread(BaseModel):
    thread_id: str
    created_at: datetime | None
    updated_at: datetime | None
    metadata: Json
    status: ThreadStatus
    values: Json
    interrupts: dict[str, list[Json]] = Field(default_factory=dict)


class ThreadCreate(BaseModel):
    model_config = _FORBID

    thread_id: str | None = Field(
        default=None, min_length=1, max_length=128, pattern=THREAD_ID_PATTERN
    )
    metadata: Json | None = Field(
        default=None,
        description="Only `graph_id` / `assistant_id` naming our graph: other metadata is "
        "not stored, so it is refused rather than lost.",
    )
    if_exists: Literal["raise", "do_nothing"] | None = None


class ThreadSearch(BaseModel):
    model_config = _FORBID

    metadata: Json | None = None
    ids: list[str] | None = None
    status: ThreadStatus | None = None
    limit: int = Field(default=10, ge=1, le=1000)
    offset: int = Field(default=0, ge=0)
    sort_by: Literal["thread_id", "created_at", "updated_at"] | None = None
    sort_order: Literal["asc", "desc"] | None = None


class CheckpointRef(BaseModel):
    thread_id: str
    checkpoint_ns: str = ""
    checkpoint_id: str | None


class ThreadState(BaseModel):
    values: Json
    next: list[str]
    checkpoint: CheckpointRef
    metadata: Json
    created_at: str | None
    parent_checkpoint: CheckpointRef | None
    tasks: list[Json] = Field(default_factory=list)
    interrupts: list[Json] = Field(default_factory=list)


class HistoryRequest(BaseModel):
    model_config = _FORBID

    limit: int = Field(default=10, ge=1, le=1000)


class Run(BaseModel):
    run_id: str
    thread_id: str
    assistant_id: str = GRAPH_ID
    created_at: datetime | None
    updated_at: datetime | None
    status: RunStatusName
    metadata: Json = Field(default_factory=dict)
    multitask_strategy: Literal["reject"] = "reject"
    kwargs: Json = Field(default_factory=dict)


class ServerFlags(BaseModel):
    """What a LangGraph client may offer its user: assistants are read-only here (search,
    get), and there are neither crons nor LangSmith tracing."""

    assistants: bool = True
    crons: bool = False
    langsmith: bool = False


class ServerHost(BaseModel):
    kind: Literal["self-hosted"] = "self-hosted"


class ServerInfo(BaseModel):
    """GET /info of the LangGraph Server API: agent-chat-ui asks it before anything else and
    tells its user the server is unreachable unless it answers 200."""

    version: str = Field(description="This API's version (trip-genius), not langgraph-api's.")
    langgraph_py_version: str
    flags: ServerFlags = Field(default_factory=ServerFlags)
    host: ServerHost = Field(default_factory=ServerHost)
