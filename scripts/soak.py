"""Soak the running stack (`make run`) with mixed traffic; report errors, lost messages, leaks.

    .venv/bin/python scripts/soak.py --url http://127.0.0.1:8080 --minutes 30 \\
        [--key $KEY] [--metrics-key $TG_METRICS_KEY] \\
        [--restart-api-cmd '...'] [--kill-vllm-cmd '...']

Workers send, at random: streamed chats, JSON chats, streams dropped after the first token,
chats cancelled mid-answer, thread deletions and history reads, on new and continued threads.
At a third of the time `--restart-api-cmd` runs (e.g. a systemctl restart), at two thirds
`--kill-vllm-cmd` (e.g. `pkill -9 -f '^(VLLM::|/path/to/vllm-venv/)'`: anchor the pattern — an
unanchored `pkill -f 'vllm serve'` also matches this script's own command line and kills the
soak, as the first real run found). At the end every thread
that was not deleted must hold every user message the API accepted (lost must be 0), no thread
may still be answering, and `tg_chat_streams_active` must be back at 0 (leaked slots); resident
memory is sampled from /metrics each minute. Results: benchmarks/results/soak.json.

Bounded on purpose: loopback URLs only, at most 8 workers and 180 minutes. Start the stack with
a per-key rate limit that fits the load (TG_RATE_LIMIT_PER_MINUTE); 429s are counted and waited
out, never counted as lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

RESULTS = Path(__file__).resolve().parent.parent / "benchmarks" / "results" / "soak.json"
MESSAGES = [
    "帮我规划三天的杭州行程",
    "我脸上长痘痘怎么办？",
    "What should I eat in Chengdu?",
    "那第二天呢？",
    "西湖附近有什么好吃的？",
    "Plan a weekend in Kyoto <for two> with 'budget' {50%}",
]
RATE_LIMIT_BACKOFF_S = 2.0
CONNECT_BACKOFF_S = 0.5  # while the API restarts: without it 4 workers made 21k futile connects
ACTIONS = {"stream": 30, "json": 25, "disconnect": 15, "cancel": 15, "delete": 5, "read": 10}


@dataclass
class Soak:
    client: httpx.AsyncClient
    rng: random.Random
    counts: Counter[str] = field(default_factory=Counter)
    accepted: dict[str, list[str]] = field(default_factory=dict)  # thread → user messages
    deleted: set[str] = field(default_factory=set)
    busy: set[str] = field(default_factory=set)

    def pick_thread(self) -> str | None:
        live = [t for t in self.accepted if t not in self.deleted and t not in self.busy]
        return self.rng.choice(live) if live and self.rng.random() < 0.6 else None

    def accept(self, thread_id: str, message: str) -> None:
        self.accepted.setdefault(thread_id, []).append(message)

    async def chat(self, action: str) -> None:
        thread_id = self.pick_thread()
        message = f"{self.rng.choice(MESSAGES)} #{uuid.uuid4().hex[:6]}"
        body: dict[str, object] = {"message": message, "stream": action != "json"}
        if thread_id:
            body["thread_id"] = thread_id
            self.busy.add(thread_id)
        try:
            async with self.client.stream("POST", "/chat", json=body) as resp:
                self.counts[f"chat {action} {resp.status_code}"] += 1
                if resp.status_code != 200:
                    return
                got = resp.headers["content-location"].split("/")[2]
                self.accept(got, message)
                if action == "json":
                    error = json.loads(await resp.aread()).get("error")
                    self.counts[f"error {error['type']}" if error else "reply ok"] += 1
                    return
                async for line in resp.aiter_lines():
                    if action == "disconnect" and line.startswith("event: messages"):
                        return  # leaving the block drops the connection
                    if action == "cancel" and line.startswith("event: messages"):
                        await self.client.post(f"/threads/{got}/cancel")
                        action = "cancelled"
                    if line.startswith('data: {"error"'):
                        self.counts[f"error {json.loads(line[6:])['error']}"] += 1
        except httpx.HTTPError as exc:
            await self.transport_failed(exc)
        finally:
            if thread_id:
                self.busy.discard(thread_id)

    async def transport_failed(self, exc: httpx.HTTPError) -> None:
        self.counts[f"transport {type(exc).__name__}"] += 1
        if isinstance(exc, httpx.ConnectError):
            await asyncio.sleep(CONNECT_BACKOFF_S)

    async def delete_or_read(self, action: str) -> None:
        thread_id = self.pick_thread()
        try:
            if thread_id is None:
                self.counts[f"list {(await self.client.get('/threads')).status_code}"] += 1
            elif action == "delete":
                resp = await self.client.delete(f"/threads/{thread_id}")
                self.counts[f"delete {resp.status_code}"] += 1
                if resp.status_code == 204:
                    self.deleted.add(thread_id)
            else:
                resp = await self.client.get(f"/threads/{thread_id}")
                self.counts[f"read {resp.status_code}"] += 1
        except httpx.HTTPError as exc:
            await self.transport_failed(exc)


async def get_patiently(client: httpx.AsyncClient, path: str) -> httpx.Response:
    """GET, waiting out 429s (the per-key rate limit), so the final check counts nothing twice."""
    for _ in range(30):
        resp = await client.get(path)
        if resp.status_code != 429:
            return resp
        await asyncio.sleep(min(60, int(resp.headers.get("retry-after", "5"))))
    return resp


async def metric(client: httpx.AsyncClient, headers: dict[str, str], name: str) -> float | None:
    try:
        text = (await client.get("/metrics", headers=headers)).text
    except httpx.HTTPError:
        return None
    found = re.search(rf"^{name} (\S+)$", text, re.MULTILINE)
    return float(found.group(1)) if found else None


async def soak(args: argparse.Namespace) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {args.key}"} if args.key else {}
    metrics_headers = {"Authorization": f"Bearer {args.metrics_key}"} if args.metrics_key else {}
    timeout = httpx.Timeout(args.request_timeout_s, connect=10)
    async with httpx.AsyncClient(base_url=args.url, headers=headers, timeout=timeout) as client:
        state = Soak(client, random.Random(args.seed))
        end = time.monotonic() + args.minutes * 60
        hooks = [(1 / 3, args.restart_api_cmd), (2 / 3, args.kill_vllm_cmd)]
        memory: list[tuple[float, float | None]] = []
        started = time.monotonic()

        async def worker() -> None:
            names, weights = zip(*ACTIONS.items(), strict=True)
            while time.monotonic() < end:
                action = state.rng.choices(names, weights)[0]
                before = sum(v for k, v in state.counts.items() if k.endswith(" 429"))
                if action in ("delete", "read"):
                    await state.delete_or_read(action)
                else:
                    await state.chat(action)
                if sum(v for k, v in state.counts.items() if k.endswith(" 429")) > before:
                    await asyncio.sleep(RATE_LIMIT_BACKOFF_S)  # a well-behaved client waits

        async def operator() -> None:
            while time.monotonic() < end:
                elapsed = time.monotonic() - started
                rss = await metric(client, metrics_headers, "process_resident_memory_bytes")
                memory.append((round(elapsed), rss))
                for i, (at, cmd) in enumerate(hooks):
                    if cmd and elapsed >= at * args.minutes * 60:
                        state.counts[f"hook {cmd!r}"] += 1
                        hook = await asyncio.create_subprocess_shell(cmd)  # the operator's command
                        await hook.wait()
                        hooks[i] = (at, None)
                await asyncio.sleep(min(60, max(1, end - time.monotonic())))

        await asyncio.gather(operator(), *(worker() for _ in range(args.workers)))
        await asyncio.sleep(5)  # let cancelled runs unwind
        lost = 0
        running = 0
        for thread_id, sent in state.accepted.items():
            if thread_id in state.deleted:
                continue
            resp = await get_patiently(client, f"/threads/{thread_id}")
            if resp.status_code != 200:
                lost += len(sent)
                continue
            history = resp.json()
            running += bool(history["running"])
            users = [m["content"] for m in history["messages"] if m["role"] == "user"]
            lost += sum(1 for m in sent if m not in users)
        active = await metric(client, metrics_headers, "tg_chat_streams_active")
    rss = [r for _, r in memory if r is not None]
    return {
        "url": args.url,
        "minutes": args.minutes,
        "workers": args.workers,
        "requests": sum(v for k, v in state.counts.items() if not k.startswith(("error", "hook"))),
        "counts": dict(sorted(state.counts.items())),
        "user_messages_accepted": sum(len(v) for v in state.accepted.values()),
        "user_messages_lost": lost,
        "threads_still_running": running,
        "leaked_reply_slots": active,
        "memory_rss_bytes": memory,
        "memory_growth_bytes": (rss[-1] - rss[0]) if len(rss) > 1 else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--key", default=None, help="an API key (dev mode needs none)")
    parser.add_argument("--metrics-key", default=None, help="TG_METRICS_KEY, for leak/memory")
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--request-timeout-s", type=float, default=600.0)
    parser.add_argument("--restart-api-cmd", default=None)
    parser.add_argument("--kill-vllm-cmd", default=None)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    host = urlsplit(args.url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the soak only targets a loopback URL")
    if not 0 < args.minutes <= 180 or not 0 < args.workers <= 8:
        parser.error("at most 180 minutes and 8 workers")
    report = asyncio.run(soak(args))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "memory_rss_bytes"}, indent=2))
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
