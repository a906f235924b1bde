"""`python -m api.client`: ask Trip Genius from a terminal; the answer streams to stdout.

    python -m api.client "帮我规划三天的杭州行程"            # new thread
    python -m api.client --thread <id> "第二天换成去博物馆吧"  # continue
    TG_CLIENT_URL=http://127.0.0.1:8080 TG_CLIENT_KEY=... python -m api.client "…"

stdout carries the answer only (a multi-intent answer as `## <expert>` sections); stderr the
thread, who answers, the emergency numbers, guard notes and errors. Ctrl-C stops the reply on
the server too (exit 130); an unknown --thread is an error (exit 1); unreachable: exit 2.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Any, TextIO

from api.client.events import DEFAULT_URL, ApiError, ChatEvent, ConnectionFailed, TripGeniusError
from api.client.sync import TripGeniusClient

EXIT_INTERRUPTED = 130
# Errors a person meets at the terminal, in words (others print the API's own message).
WORDS = {
    "thread_busy": "this thread is still answering its previous message; wait for it, or stop it",
    "unauthorized": "the API key is missing or wrong (--key or TG_CLIENT_KEY)",
    "rate_limited": "too many requests; try again in a minute",
}


def describe(error: ApiError) -> str:
    return f"error: {WORDS.get(error.type, error.message)} ({error.status} {error.type})"


class TerminalPrinter:
    """Writes one reply: sections labelled when several experts answer, the emergency once."""

    def __init__(self, client: TripGeniusClient, out: TextIO, err: TextIO) -> None:
        self.client = client
        self.out = out
        self.err = err
        self.multi = False
        self.section: str | None = None
        self.wrote = False
        self.titles: dict[str, str] | None = None  # from GET /info, at the first section

    def _title(self, expert: str) -> str:
        if self.titles is None:
            try:
                self.titles = {e["name"]: e["title"] for e in self.client.info()["experts"]}
            except TripGeniusError:
                self.titles = {}
        return self.titles.get(expert, expert)

    def show(self, event: ChatEvent) -> None:
        data: Any = event.data
        if event.event == "metadata":
            print(f"[thread {data['thread_id']}]", file=self.err)
        elif event.custom_type == "route":
            self.multi = len(data["experts"]) > 1
            who = ", ".join(f"{e['name']} ({e['model']})" for e in data["experts"])
            print(f"[{who}]", file=self.err)
        elif event.custom_type == "safety":
            print(f"[!! EMERGENCY — call {data.get('emergency_numbers', '')}]", file=self.err)
        elif event.custom_type == "guard":
            print(f"[guard: a sentence was replaced ({data.get('tag')})]", file=self.err)
        elif event.event == "error":
            self.end()
            print(f"[error: {data['message']} ({data['error']})]", file=self.err)
        elif event.token:
            expert = event.labels.get("expert")
            if self.multi and expert != self.section:
                gap = "\n\n" if self.wrote else ""
                model = event.labels.get("model")
                suffix = f" · {model}" if model and model != "none" else ""
                self.out.write(f"{gap}## {self._title(str(expert))}{suffix}\n\n")
            self.section = expert
            self.out.write(event.token)
            self.wrote = True
            self.out.flush()

    def end(self) -> None:
        if self.wrote:
            self.out.write("\n")
            self.out.flush()
            self.wrote = False


def _check_thread(client: TripGeniusClient, thread_id: str, err: TextIO) -> bool:
    try:
        client.history(thread_id)
    except ApiError as exc:
        if exc.status != 404:
            raise
        print(f"[no such thread: {thread_id} — leave out --thread to start one]", file=err)
        return False
    return True


def _stop(client: TripGeniusClient, thread_id: str | None, err: TextIO) -> None:
    """Ctrl-C: cancel the run on the server (its partial answer is kept), quietly."""
    if thread_id is not None:
        # Already finished, or the disconnect stopped it first: nothing to say.
        with contextlib.suppress(TripGeniusError, KeyboardInterrupt):
            client.cancel(thread_id)
    where = f" (the partial answer is kept in thread {thread_id})" if thread_id else ""
    print(f"\n[stopped{where}]", file=err)


def ask(
    client: TripGeniusClient, message: str, thread_id: str | None, out: TextIO, err: TextIO
) -> int:
    if thread_id and not _check_thread(client, thread_id, err):
        return 1
    printer = TerminalPrinter(client, out, err)
    events = client.stream(message, thread_id)
    failed = False
    try:
        for event in events:
            if event.event == "metadata":
                thread_id = event.data["thread_id"]
            failed = failed or event.event == "error"
            printer.show(event)
    except KeyboardInterrupt:
        _stop(client, thread_id, err)
        events.close()
        return EXIT_INTERRUPTED
    printer.end()
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m api.client", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("message", help="what to ask")
    parser.add_argument("--thread", help="continue this thread id (it must exist)")
    parser.add_argument("--url", default=os.environ.get("TG_CLIENT_URL", DEFAULT_URL))
    parser.add_argument(
        "--key", default=os.environ.get("TG_CLIENT_KEY"), help="API key (or TG_CLIENT_KEY)"
    )
    args = parser.parse_args(argv)
    err = sys.stderr

    def waiting(error: ApiError, wait_s: float) -> None:
        print(f"[{error.type}: retrying in {wait_s:.0f}s]", file=err)

    try:
        with TripGeniusClient(args.url, args.key, on_retry=waiting) as client:
            return ask(client, args.message, args.thread, sys.stdout, err)
    except ApiError as exc:
        print(f"[{describe(exc)}]", file=err)
        return 1
    except ConnectionFailed as exc:
        print(f"[{exc}]", file=err)
        return 2
    except KeyboardInterrupt:  # before the reply started (e.g. while checking the thread)
        print("\n[stopped]", file=err)
        return EXIT_INTERRUPTED
