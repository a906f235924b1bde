"""Every scripted answer the app would give to every text the repo holds, before and after a
change, so a change is judged on all of them and not only on the rows it was written for.

    python -m evals.sweep doctor OUT.json        # the card-led doctor (model-free)
    python -m evals.sweep travel OUT.json [--jobs 2]   # each KB-led travel expert (None: model)
    python -m evals.sweep follow-ups OUT.json --url URL   # threads of 2+ turns, through the API
    python -m evals.sweep diff BEFORE.json AFTER.json [--show N]

Why a tool of its own: the scored evaluations read one split; a rule that changes one answer can
change others elsewhere (another split, a served read, a fresh file). The texts are every
`question` (with its `earlier` turns) and every user message of the tracked `.jsonl` files,
read as a new thread of user turns only. Sealed test files (a name with "test") are never
read. Run the "before" from a worktree of the old commit (`PYTHONPATH=<worktree>`, from inside
the worktree: `python -m` puts the working directory first).

`follow-ups` asks a running service (`make run`) every thread of two or more turns, turn by
turn, so each follow-up is read after the answer the service really gave (the doctor's card, a
travel expert's reply) — which `doctor`, reading user turns only, cannot show. A section its
model wrote is kept as its expert's name only (sampling would make every such answer differ).
Restart the service on the other commit for the "after".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from evals.splits import is_sealed_file

REPO = Path(__file__).resolve().parent.parent


def _tracked_jsonl() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "*.jsonl"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.split()
    return [REPO / p for p in out if not is_sealed_file(p)]


def _threads(row: dict[str, Any]) -> Iterator[tuple[str, ...]]:
    if isinstance(row.get("question"), str):
        earlier = [t for t in row.get("earlier") or [] if isinstance(t, str)]
        yield (*earlier, row["question"])
    messages = row.get("messages")
    if isinstance(messages, list):
        users = [
            str(m.get("content"))
            for m in messages
            if isinstance(m, dict) and m.get("role") in ("user", "human") and m.get("content")
        ]
        if users:
            yield tuple(users)


def repo_threads() -> list[tuple[str, ...]]:
    """Distinct threads of user turns, in a stable order."""
    seen: dict[tuple[str, ...], None] = {}
    for path in _tracked_jsonl():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict):
                for thread in _threads(row):
                    seen.setdefault(thread, None)
    return list(seen)


def _key(thread: tuple[str, ...]) -> str:
    return "\n⏎ ".join(thread)


def doctor_answers(threads: list[tuple[str, ...]]) -> dict[str, str | None]:
    from agents.card_answer import card_led_doctor
    from agents.registry import EXPERTS
    from config.settings import Settings

    doctor = card_led_doctor(EXPERTS["medical"].card_led, Settings().doctor)
    assert doctor is not None, "the served doctor is not card-led"
    out: dict[str, str | None] = {}
    for thread in threads:
        messages = [HumanMessage(t) for t in thread]
        out[_key(thread)] = doctor.answer(messages, list(thread)).text
    return out


def travel_answers(threads: list[tuple[str, ...]]) -> dict[str, str | None]:
    from agents.kb_led import kb_led_answer
    from agents.registry import EXPERTS, TRAVEL_EXPERTS

    out: dict[str, str | None] = {}
    for name in TRAVEL_EXPERTS:
        expert = EXPERTS[name]
        if not expert.kb_led:
            continue
        for thread in threads:
            answer = kb_led_answer(name, list(thread), expert.kb_plans)
            out[f"[{name}] {_key(thread)}"] = None if answer is None else str(answer.text)
    return out


def served_text(record: dict[str, Any]) -> str:
    """What a served answer is compared by: its experts, its safety level, and each section's
    text where no model wrote it."""
    experts = ", ".join(str(e.get("name")) for e in record.get("experts") or [])
    levels = ", ".join(str(s.get("level")) for s in record.get("safety") or [])
    sections = [
        m["content"] if m.get("model") == "none" else f"[{m.get('expert')}: model-written]"
        for m in record.get("messages") or []
    ]
    return "\n".join([f"experts: {experts}; safety: {levels or '-'}", *sections])


def follow_up_answers(threads: list[tuple[str, ...]], url: str) -> dict[str, str | None]:
    from api.client.sync import TripGeniusClient
    from evals.served_read import ask_thread

    out: dict[str, str | None] = {}
    with TripGeniusClient(url, timeout=1800.0) as client:
        for thread in threads:
            if len(thread) >= 2:
                out[_key(thread)] = served_text(ask_thread(client, list(thread)))
    return out


def in_parallel(
    answer: Callable[[list[tuple[str, ...]]], dict[str, str | None]],
    threads: list[tuple[str, ...]],
    jobs: int,
) -> dict[str, str | None]:
    """The threads cut into `jobs` slices answered in their own processes (the travel sweep is
    ~45,000 answers: 35 minutes in one process on a busy 2-core box)."""
    if jobs <= 1:
        return answer(threads)
    slices = [threads[i::jobs] for i in range(jobs)]
    out: dict[str, str | None] = {}
    with ProcessPoolExecutor(jobs) as pool:
        for part in pool.map(answer, slices):
            out.update(part)
    return out


def diff(before: Path, after: Path, show: int) -> None:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    changed = [k for k in b if k in a and a[k] != b[k]]
    print(f"{len(changed)} of {len(b)} answers differ ({len(set(a) ^ set(b))} keys not in both)")
    for key in changed[:show]:
        print(f"\n=== {key}\n--- before\n{a[key]}\n--- after\n{b[key]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["doctor", "travel", "follow-ups", "diff"])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--show", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=1, help="processes (the box has 2 cores)")
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="follow-ups: the API")
    args = parser.parse_args(argv)
    if args.what == "diff":
        diff(args.paths[0], args.paths[1], args.show)
        return
    started = time.monotonic()
    threads = repo_threads()
    if args.what == "follow-ups":
        answers = follow_up_answers(threads, args.url)
    else:
        answer = doctor_answers if args.what == "doctor" else travel_answers
        answers = in_parallel(answer, threads, args.jobs)
    args.paths[0].write_text(json.dumps(answers, ensure_ascii=False, indent=0), encoding="utf-8")
    given = sum(v is not None for v in answers.values())
    print(
        f"{len(threads)} threads, {len(answers)} answers ({given} scripted) "
        f"in {time.monotonic() - started:.0f} s -> {args.paths[0]}"
    )


if __name__ == "__main__":
    main()
