"""evals.served_read keeps what the service streamed, section by section, and keeps a refusal
as an error record instead of stopping the read or asking twice."""

from __future__ import annotations

import httpx

from api.client.sync import TripGeniusClient
from evals.served_read import ask

STREAM = (
    "\n\n".join(
        [
            'event: metadata\ndata: {"run_id": "r", "thread_id": "t"}',
            'event: custom\ndata: {"type": "route", "experts": [{"name": "medical"}]}',
            'event: messages\ndata: [{"content": "a"}, {"expert": "medical", "model": "none"}]',
            'event: messages\ndata: [{"content": "b"}, {"expert": "itinerary", "model": "q"}]',
            "event: end\ndata: null",
        ]
    )
    + "\n\n"
)


def _client(status: int, calls: list[str]) -> TripGeniusClient:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if status != 200:
            return httpx.Response(status, json={"error": {"type": "bad", "message": "no"}})
        return httpx.Response(200, text=STREAM, headers={"Content-Type": "text/event-stream"})

    return TripGeniusClient(transport=httpx.MockTransport(handler))


def test_sections_and_route_are_kept_as_streamed() -> None:
    calls: list[str] = []
    with _client(200, calls) as client:
        record = ask(client, "q")
    assert record["experts"] == [{"name": "medical"}]
    assert [(m["expert"], m["model"], m["content"]) for m in record["messages"]] == [
        ("medical", "none", "a"),
        ("itinerary", "q", "b"),
    ]
    assert record["error"] is None
    assert calls == ["/chat"]


def test_a_refused_question_is_an_error_record_asked_once() -> None:
    calls: list[str] = []
    with _client(422, calls) as client:
        record = ask(client, "q")
    assert "422" in record["error"]
    assert "messages" not in record
    assert calls == ["/chat"]
