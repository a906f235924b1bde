"""A small typed Python client for the Trip Genius API, and a CLI that streams to the terminal.

    python -m api.client "帮我规划三天的杭州行程"            # new thread
    python -m api.client --thread <id> "第二天换成去博物馆吧"  # continue
    TG_CLIENT_URL=http://127.0.0.1:8080 TG_CLIENT_KEY=... python -m api.client "…"

Built on httpx + httpx-sse. Only the HTTP API is used, so it runs anywhere (no app imports).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import httpx
from httpx_sse import connect_sse

DEFAULT_URL = "http://127.0.0.1:8080"


class ApiError(Exception):
    """An error answer from the API, in its one shape {"error": {"type", "message"}}."""

    def __init__(self, status: int, type_: str, message: str) -> None:
        super().__init__(f"{status} {type_}: {message}")
        self.status = status
        self.type = type_
        self.message = message


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


@dataclass
class ChatResult:
    thread_id: str = ""
    run_id: str = ""
    experts: list[dict[str, Any]] = field(default_factory=list)
    safety: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    error: dict[str, Any] | None = None


def _raise_for_error(resp: httpx.Response) -> None:
    if resp.status_code < 400:
        return
    resp.read()
    try:
        err = resp.json()["error"]
        raise ApiError(resp.status_code, str(err["type"]), str(err["message"]))
    except (ValueError, KeyError, TypeError):
        raise ApiError(resp.status_code, "http_error", resp.text[:200]) from None


class TripGeniusClient:
    def __init__(
        self, base_url: str = DEFAULT_URL, api_key: str | None = None, timeout: float = 300.0
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(base_url=base_url, headers=headers, timeout=timeout)

    def __enter__(self) -> TripGeniusClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def stream(self, message: str, thread_id: str | None = None) -> Iterator[ChatEvent]:
        """Yield the reply's events as they arrive (ends with `end`)."""
        body: dict[str, Any] = {"message": message}
        if thread_id:
            body["thread_id"] = thread_id
        with connect_sse(self._http, "POST", "/chat", json=body) as source:
            _raise_for_error(source.response)
            for sse in source.iter_sse():
                if not sse.data:  # a keep-alive comment, reported by httpx-sse as empty
                    continue
                yield ChatEvent(sse.event, json.loads(sse.data), sse.id or None)

    def chat(self, message: str, thread_id: str | None = None) -> ChatResult:
        """Send a message and gather the whole streamed reply."""
        result = ChatResult()
        for event in self.stream(message, thread_id):
            if event.event == "metadata":
                result.thread_id, result.run_id = event.data["thread_id"], event.data["run_id"]
            elif event.event == "custom" and event.data.get("type") == "route":
                result.experts = event.data["experts"]
            elif event.event == "custom" and event.data.get("type") == "safety":
                result.safety.append(event.data)
            elif event.event == "error":
                result.error = event.data
            result.text += event.token
        return result

    def _json(self, method: str, path: str) -> Any:
        resp = self._http.request(method, path)
        _raise_for_error(resp)
        return resp.json() if resp.content else None

    def threads(self) -> list[dict[str, Any]]:
        return list(self._json("GET", "/threads")["threads"])

    def history(self, thread_id: str) -> dict[str, Any]:
        return dict(self._json("GET", f"/threads/{thread_id}"))

    def delete(self, thread_id: str) -> None:
        self._json("DELETE", f"/threads/{thread_id}")

    def cancel(self, thread_id: str) -> dict[str, Any]:
        return dict(self._json("POST", f"/threads/{thread_id}/cancel"))

    def info(self) -> dict[str, Any]:
        return dict(self._json("GET", "/info"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m api.client", description=__doc__.split("\n")[0]
    )
    parser.add_argument("message", help="what to ask")
    parser.add_argument("--thread", help="continue this thread id")
    parser.add_argument("--url", default=os.environ.get("TG_CLIENT_URL", DEFAULT_URL))
    parser.add_argument(
        "--key", default=os.environ.get("TG_CLIENT_KEY"), help="API key (or TG_CLIENT_KEY)"
    )
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr
    with TripGeniusClient(args.url, args.key) as client:
        try:
            for event in client.stream(args.message, args.thread):
                if event.event == "metadata":
                    print(f"[thread {event.data['thread_id']}]", file=err)
                elif event.event == "custom" and event.data.get("type") == "route":
                    who = ", ".join(f"{e['name']} ({e['model']})" for e in event.data["experts"])
                    print(f"[{who}]", file=err)
                elif event.event == "custom" and event.data.get("type") == "safety":
                    print(f"[!! safety: {json.dumps(event.data, ensure_ascii=False)}]", file=err)
                elif event.event == "error":
                    print(f"\n[error {event.data['error']}: {event.data['message']}]", file=err)
                    return 1
                out.write(event.token)
                out.flush()
        except ApiError as exc:
            print(f"[{exc}]", file=err)
            return 1
        except httpx.HTTPError as exc:
            print(f"[cannot reach {args.url}: {exc.__class__.__name__}]", file=err)
            return 2
    out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
