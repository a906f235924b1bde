"""A run is cancelled once: a second request must not cut short the clean-up of the first."""

from __future__ import annotations

import asyncio

from api.runs import RunHandle


def test_a_second_cancel_does_not_interrupt_the_clean_up() -> None:
    async def scenario() -> list[str]:
        steps: list[str] = []
        started = asyncio.Event()

        async def run() -> None:
            try:
                started.set()
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                asyncio.current_task().uncancel()  # type: ignore[union-attr]
                steps.append("cancelled")
                await asyncio.sleep(0.05)  # keeping the partial answer
                steps.append("partial kept")

        handle = RunHandle("t", "r", "alice")
        handle.task = asyncio.create_task(run())
        await started.wait()
        handle.started = True  # as ChatRun does once its task is inside its clean-up
        handle.cancel("cancelled by the caller")
        await asyncio.sleep(0.01)
        handle.cancel("client disconnected")  # the CLI closes its stream after POST /cancel
        await handle.task
        assert handle.cancel_reason == "cancelled by the caller"
        return steps

    assert asyncio.run(scenario()) == ["cancelled", "partial kept"]


def test_a_cancel_before_the_task_exists_still_lets_a_later_one_act() -> None:
    async def scenario() -> bool:
        handle = RunHandle("t", "r", "alice")
        handle.cancel("cancelled by the caller")  # arrived while the run was being set up
        handle.task = asyncio.create_task(asyncio.sleep(30))
        handle.started = True
        handle.cancel("client disconnected")
        await asyncio.sleep(0)
        return handle.task.cancelled()

    assert asyncio.run(scenario())
