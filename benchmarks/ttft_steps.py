"""The API's own TTFT overhead, step by step, on a fixed-rate stand-in model and on vLLM.

    nice -n 5 .venv/bin/python -m benchmarks.ttft_steps --backend fake --backend vllm \\
        --vllm-url http://127.0.0.1:8300/v1 --side clause=TG_GUARD_RELEASE=clause \\
        --side word=TG_GUARD_RELEASE=word --repeats 3 --load 0 --load 3 --port-base 8460

One process serves every (side, backend) app: a side is a set of settings (environment
variables) for the same code, a backend the model server its apps talk to: `fake`, a stand-in
that streams a fixed answer at a fixed rate (`--ttft-ms`, `--tpot-ms`; the model is then not
the noise), or `vllm`. The apps sit behind one port (a header picks the app) and share the
event loop with the client, as `python -m api` shares a process with nothing else.

Per repeat, per backend (order alternating), per load level (background `/chat` streams on
the same apps, complete answers, while the measured turns run one at a time): every question
goes to each side in turn (order alternating), with the body the API sent replayed straight to
the model server between them. The overhead is the agent suite's: TTFT through `POST /chat`
minus the replay's TTFT. Each measured turn carries wall-clock marks (`ttft_marks.py`) from
which the TTFT each step adds is read; a measured stream is closed at its first token (the API
then cancels the run, as for a user who leaves). Before the repeats each question is asked once
per backend, unmeasured, so vLLM's prefix cache is warm for both the API and the replay.
Writes benchmarks/results/ttft_steps.json and a markdown table beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from httpx_sse import aconnect_sse

from benchmarks import ttft_marks
from benchmarks.api_overhead import ANSWER
from benchmarks.api_turn_profile import serve
from benchmarks.progress import Progress
from benchmarks.recorder import recording_server
from benchmarks.suites.agent_stack import LIMITS_ENV, messages
from benchmarks.ttft_steps_report import write_report

RESULTS = Path(__file__).resolve().parent / "results" / "ttft_steps.json"
KEY = "ttft-steps-key"
APP_HEADER = b"x-bench-app"


def dispatcher(apps: dict[str, Any]) -> Any:
    """One ASGI app in front of several: `x-bench-app: <name>` picks one (lifespans are run by
    `running_apps`, so uvicorn's lifespan messages are answered here)."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        name = next((v.decode() for k, v in scope["headers"] if k == APP_HEADER), None)
        await apps[name or next(iter(apps))](scope, receive, send)

    return app


@asynccontextmanager
async def running_apps(
    sides: dict[str, dict[str, str]], backends: dict[str, str], workdir: Path, turns: list[dict]
) -> AsyncIterator[dict[str, Any]]:
    """An app per (side, backend), named `side/backend`, each with its own SQLite file."""
    from api.app import create_app  # after the environment is set
    from config.settings import Settings

    apps: dict[str, Any] = {}
    async with AsyncExitStack() as stack:
        for side, env in sides.items():
            for backend, url in backends.items():
                name = f"{side}/{backend}"
                db = workdir / f"{side}-{backend}.sqlite"
                saved = dict(os.environ)
                os.environ |= {**env, "OPENAI_API_BASE": url, "TG_CHECKPOINT_DB": str(db)}
                try:
                    settings = Settings()
                finally:
                    os.environ.clear()
                    os.environ |= saved
                app = create_app(settings)
                await stack.enter_async_context(app.router.lifespan_context(app))
                apps[name] = ttft_marks.measured_app(app, turns)
                print(f"  app {name} ready", flush=True)
        yield apps


async def measured_turn(
    client: httpx.AsyncClient, app: str, text: str, turns: list[dict]
) -> dict[str, Any]:
    """One /chat turn, closed at its first token; its marks (ms from the request at the app)."""
    headers = {"x-bench-measure": "1", "x-bench-app": app}
    sent = time.perf_counter()
    first: float | None = None
    outcome = "no token"
    n = len(turns)
    try:
        async with aconnect_sse(
            client, "POST", "/chat", json={"message": text}, headers=headers
        ) as source:
            async for event in source.aiter_sse():
                if event.event == "messages" and json.loads(event.data)[0].get("content"):
                    first = time.perf_counter()
                    outcome = "first token"
                    break
                if event.event == "error":
                    outcome = f"error {event.data[:80]}"
                    break
    except httpx.HTTPError as exc:
        outcome = type(exc).__name__
    marks = turns[n] if len(turns) > n else {}
    if first is not None:
        marks["client reads the first token"] = first
    zero = marks.get("request at the app", sent)
    row: dict[str, Any] = {
        "outcome": outcome,
        "api_ttft_ms": None if first is None else (first - sent) * 1000,
        "model_call": "model request sent" in marks,
        "held_chunks": marks.get("held chunks"),
        "marks_ms": {
            k: (v - zero) * 1000
            for k, v in marks.items()
            if isinstance(v, float) and not k.startswith("dur:")
        },
        "durations_ms": {k[4:]: v * 1000 for k, v in marks.items() if k.startswith("dur:")},
    }
    if isinstance(body := marks.get("model body"), bytes):
        row["body"] = json.loads(body)
    return row


async def direct_ttft(client: httpx.AsyncClient, body: dict[str, Any]) -> float | None:
    """TTFT of the same body straight to the model server (ms), closed at its first token."""
    sent = time.perf_counter()
    async with client.stream("POST", "/chat/completions", json={**body, "stream": True}) as resp:
        async for line in resp.aiter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                for choice in json.loads(line[6:]).get("choices") or []:
                    if (choice.get("delta") or {}).get("content"):
                        return (time.perf_counter() - sent) * 1000
    return None


async def background(
    client: httpx.AsyncClient, apps: list[str], texts: list[str], stop: asyncio.Event, i: int
) -> int:
    """Whole turns one after another on the given apps until `stop`; returns how many ran."""
    done = 0
    while not stop.is_set():
        app = apps[(i + done) % len(apps)]
        text = texts[(i * 7 + done) % len(texts)]
        try:
            async with aconnect_sse(
                client, "POST", "/chat", json={"message": text}, headers={"x-bench-app": app}
            ) as source:
                async for _ in source.aiter_sse():
                    pass
        except httpx.HTTPError:
            await asyncio.sleep(0.5)
        done += 1
    return done


async def one_question(
    client: httpx.AsyncClient,
    direct: httpx.AsyncClient,
    apps: list[str],
    text: str,
    turns: list[dict],
    gap_s: float,
) -> dict[str, dict[str, Any]]:
    """The question on each app in turn, the replay of the first model body after the first."""
    rows: dict[str, dict[str, Any]] = {}
    replay: float | None = None
    for k, app in enumerate(apps):
        rows[app] = await measured_turn(client, app, text, turns)
        await asyncio.sleep(gap_s)  # the cancelled run finishes before the next turn
        if k == 0 and (body := rows[app].get("body")) is not None:
            replay = await direct_ttft(direct, body)
            await asyncio.sleep(gap_s)
    for row in rows.values():
        row.pop("body", None)
        if replay is not None and row["api_ttft_ms"] is not None and row["model_call"]:
            row["direct_ttft_ms"] = replay
            row["overhead_ms"] = row["api_ttft_ms"] - replay
    return rows


async def run(args: argparse.Namespace, workdir: Path, fake_url: str | None) -> dict[str, Any]:
    backends: dict[str, str] = {
        b: str(fake_url if b == "fake" else args.vllm_url) for b in args.backend
    }
    sides = {
        name: dict(kv.split("=", 1) for kv in spec.split(",") if kv)
        for name, _, spec in (s.partition("=") for s in args.side or ["main="])
    }
    model_ports = {httpx.URL(u).port for u in backends.values()}
    ttft_marks.install({p for p in model_ports if p})
    turns: list[dict] = []
    texts = messages(args.questions, offset=500)
    load_texts = messages(24, offset=700)
    rows: list[dict[str, Any]] = []
    loads: list[dict[str, Any]] = []
    async with running_apps(sides, backends, workdir, turns) as apps:
        server = await serve(dispatcher(apps), args.port_base)
        limits = httpx.Limits(max_connections=64)
        auth = {"Authorization": f"Bearer {KEY}"}
        async with (
            httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{args.port_base}",
                headers=auth,
                timeout=900,
                limits=limits,
            ) as client,
            AsyncExitStack() as stack,
        ):
            direct = {
                b: await stack.enter_async_context(httpx.AsyncClient(base_url=u, timeout=900))
                for b, u in backends.items()
            }
            by_backend = {b: [f"{s}/{b}" for s in sides] for b in backends}
            asked = {b: texts for b in backends}
            for b, names in by_backend.items():  # prefix cache and first-call costs
                progress = Progress(f"warm-up {b}", len(texts) + args.warm)
                for text in messages(args.warm, offset=900):
                    await measured_turn(client, names[0], text, turns)
                    progress.step()
                model_turns = []
                for text in texts:
                    if (await measured_turn(client, names[0], text, turns))["model_call"]:
                        model_turns.append(text)
                    progress.step()
                if b in args.model_turns_only:
                    asked[b] = model_turns
                print(f"  {b}: {len(model_turns)} of {len(texts)} questions call the model")
                turns.clear()
            for repeat in range(args.repeats):
                order = list(backends) if repeat % 2 == 0 else list(backends)[::-1]
                for backend in order:
                    for level in args.load:
                        stop = asyncio.Event()
                        bg = [
                            asyncio.create_task(
                                background(client, by_backend[backend], load_texts, stop, i)
                            )
                            for i in range(level)
                        ]
                        label = f"repeat {repeat + 1}/{args.repeats} {backend} load {level}"
                        progress = Progress(label, len(asked[backend]))
                        load_before = os.getloadavg()[0]
                        for i, text in enumerate(asked[backend]):
                            names = by_backend[backend]
                            names = names if (repeat + i) % 2 == 0 else names[::-1]
                            pair = await one_question(
                                client, direct[backend], names, text, turns, args.gap_s
                            )
                            for app, row in pair.items():
                                side = app.split("/")[0]
                                rows.append(
                                    {"repeat": repeat, "backend": backend, "load": level}
                                    | {"side": side, "question": text, "first": app == names[0]}
                                    | row
                                )
                            turns.clear()
                            progress.step()
                        stop.set()
                        done = sum(await asyncio.gather(*bg))
                        loads.append(
                            {"repeat": repeat, "backend": backend, "load": level}
                            | {"background_turns": done}
                            | {"load_1min": [load_before, os.getloadavg()[0]]}
                        )
        server.should_exit = True
        await asyncio.sleep(0.3)
    return {"sides": sides, "backends": backends, "rows": rows, "box_load": loads}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", choices=["fake", "vllm"])
    parser.add_argument("--vllm-url", default="http://127.0.0.1:8300/v1")
    parser.add_argument("--side", action="append", help="name=ENV=value,ENV=value")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--questions", type=int, default=16)
    parser.add_argument("--warm", type=int, default=2)
    parser.add_argument(
        "--model-turns-only",
        action="append",
        default=[],
        help="a backend on which only the questions a model answers are measured (each found "
        "by its warm-up turn); the others measure every question",
    )
    parser.add_argument("--load", type=int, action="append", help="background streams (0: none)")
    parser.add_argument("--ttft-ms", type=float, default=50.0, help="the stand-in's first chunk")
    parser.add_argument("--tpot-ms", type=float, default=100.0, help="the stand-in's chunk gap")
    parser.add_argument("--max-tokens", type=int, default=64, help="TG_MAX_TOKENS of the apps")
    parser.add_argument("--gap-s", type=float, default=0.3)
    parser.add_argument("--port-base", type=int, default=8460, help="API on it, stand-in on +2")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--report-only", action="store_true", help="rebuild the tables of --out from its rows"
    )
    args = parser.parse_args()
    if args.report_only:
        result = json.loads(args.out.read_text())
        table = write_report(result, args.out.with_suffix(".md"))
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
        print(table, flush=True)
        return
    args.backend = args.backend or ["fake"]
    args.load = args.load or [0]
    started = time.time()
    os.environ |= {
        **LIMITS_ENV,
        "TG_API_KEYS": json.dumps({"bench": KEY}),
        "TG_DEV_MODE": "false",
        "TG_LOG_LEVEL": "WARNING",
        "TG_MAX_TOKENS": str(args.max_tokens),
        "TG_FITTED_CACHE": "false",
    }
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        fake_url = None
        if "fake" in args.backend:
            fake_url, _ = stack.enter_context(
                recording_server(
                    ANSWER, args.port_base + 2, args.ttft_ms / 1000, args.tpot_ms / 1000
                )
            )
        result = asyncio.run(run(args, Path(tmp), fake_url))
    result = {
        "what": "TTFT via POST /chat minus TTFT of the same body straight to the model server, "
        "and the TTFT each step of the turn adds (wall-clock marks inside the API process)",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "niceness": os.nice(0),
        "stand_in": {"ttft_ms": args.ttft_ms, "tpot_ms": args.tpot_ms, "answer": ANSWER},
        "repeats": args.repeats,
        "questions": args.questions,
        "loads": args.load,
        **result,
    }
    table = write_report(result, args.out.with_suffix(".md"))  # adds result["summary"]
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(table, flush=True)


if __name__ == "__main__":
    main()
