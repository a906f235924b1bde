"""What both clients share: their errors, the events of a reply, and the retry rule.

Only the HTTP API's wire format is known here (api/chat_events.md), no app module is imported,
so the client runs anywhere httpx does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

DEFAULT_URL = "http://127.0.0.1:8080"
RETRYABLE = frozenset({429, 503})  # rate limited, too many replies at once: both send Retry-After


class TripGeniusError(Exception):
    """Every failure the client raises (catch this one to catch them all)."""


class ApiError(TripGeniusError):
    """An error answer from the API, in its one shape {"error": {"type", "message"}}."""

    def __init__(
        self, status: int, type_: str, message: str, retry_after: float | None = None
    ) -> None:
        super().__init__(f"{status} {type_}: {message}")
        self.status = status
        self.type = type_
        self.message = message
        self.retry_after = retry_after


class ConnectionFailed(TripGeniusError):
    """The API could not be reached, or the connection broke mid-answer."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"cannot reach {url}: {reason}")
        self.url = url
        self.reason = reason


OnRetry = Callable[[ApiError, float], None]  # hears each wait: the error and the seconds


@contextlib.contextmanager
def translated_transport_errors(url: str) -> Iterator[None]:
    try:
        yield
    except httpx.TransportError as exc:
        raise ConnectionFailed(url, exc.__class__.__name__) from exc


def retry_after_s(resp: httpx.Response) -> float | None:
    value = resp.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: not sent by this API


def error_from(resp: httpx.Response) -> ApiError:
    """The ApiError of a read error response (any body shape)."""
    retry = retry_after_s(resp)
    try:
        err = resp.json()["error"]
        return ApiError(resp.status_code, str(err["type"]), str(err["message"]), retry)
    except (ValueError, KeyError, TypeError):
        return ApiError(resp.status_code, "http_error", resp.text[:200], retry)


@dataclass(frozen=True)
class RetryPolicy:
    """Honour Retry-After on 429/503, a bounded number of times, never waiting too long."""

    retries: int = 2
    max_wait_s: float = 30.0
    default_wait_s: float = 1.0

    def wait_s(self, error: ApiError, attempt: int) -> float | None:
        """Seconds to wait before retrying after `attempt` failed tries; None: give up."""
        if error.status not in RETRYABLE or attempt >= self.retries:
            return None
        wanted = error.retry_after if error.retry_after is not None else self.default_wait_s
        return min(wanted, self.max_wait_s)


def chat_body(message: str, thread_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message}
    if thread_id:
        body["thread_id"] = thread_id
    return body


@dataclass(frozen=True)
class ChatEvent:
    """One server-sent event: `metadata`, `custom`, `messages`, `error` or `end`."""

    event: str
    data: Any
    id: str | None = None

    @property
    def token(self) -> str:
        """The text of a `messages` event ('' for other events)."""
        if self.event != "messages":
            return ""
        content = self.data[0].get("content")
        return content if isinstance(content, str) else ""

    @property
    def labels(self) -> dict[str, Any]:
        return self.data[1] if self.event == "messages" else {}

    @property
    def custom_type(self) -> str | None:
        """`route`, `safety`, `guard`… for a `custom` event; None otherwise."""
        if self.event != "custom" or not isinstance(self.data, dict):
            return None
        return str(self.data.get("type"))


@dataclass
class ChatSection:
    """One expert's part of the answer."""

    expert: str | None
    model: str | None
    text: str = ""


@dataclass
class ChatResult:
    thread_id: str = ""
    run_id: str = ""
    experts: list[dict[str, Any]] = field(default_factory=list)
    safety: list[dict[str, Any]] = field(default_factory=list)
    guard: list[dict[str, Any]] = field(default_factory=list)
    sections: list[ChatSection] = field(default_factory=list)
    error: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sections)

    def add(self, event: ChatEvent) -> None:
        if event.event == "metadata":
            self.thread_id, self.run_id = event.data["thread_id"], event.data["run_id"]
        elif event.custom_type == "route":
            self.experts = list(event.data["experts"])
        elif event.custom_type == "safety":
            self.safety.append(event.data)
        elif event.custom_type == "guard":
            self.guard.append(event.data)
        elif event.event == "error":
            self.error = event.data
        elif event.event == "messages":
            expert = event.labels.get("expert")
            if not self.sections or self.sections[-1].expert != expert:
                self.sections.append(ChatSection(expert, event.labels.get("model")))
            self.sections[-1].text += event.token
