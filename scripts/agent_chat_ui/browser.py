"""agent-chat-ui in headless Chromium, used as a person would: connect, ask, see the answer and
the thread in its history, reload, ask again. Every call the page makes to the API is recorded."""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from playwright.sync_api import Page, Request, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ASSISTANT_ID = "trip_genius"
QUESTION = "帮我规划三天的杭州行程"
FOLLOW_UP = "那第二天呢？"
RED_FLAG = "我朋友吃了花生后嘴唇肿了，喘不上气"  # as tests/integration/test_browser_e2e.py
MULTI_INTENT = "去厦门玩两天，我一吃海鲜就起荨麻疹，美食路线怎么安排？"
ANSWER_MARK = "scripted answer"  # the fake model's replies (agents/models.py: fake_replies)
TIMEOUT_MS = 120_000
ERROR_TOAST = "[data-sonner-toast][data-type='error']"


@dataclass
class Seen:
    """What the page did and showed; `problems` empty means every check passed."""

    calls: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    toasts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    thread_id: str | None = None
    screenshots: list[Path] = field(default_factory=list)


def _answers(page: Page) -> int:
    return page.get_by_text(ANSWER_MARK).count()


def _wait_answers(page: Page, count: int) -> None:
    page.wait_for_function(
        f"() => document.body.innerText.split({ANSWER_MARK!r}).length - 1 >= {count}",
        timeout=TIMEOUT_MS,
    )
    page.get_by_role("button", name="Send").wait_for(timeout=TIMEOUT_MS)  # not loading


def _shot(page: Page, seen: Seen, out: Path, name: str) -> None:
    path = out / f"{len(seen.screenshots) + 1:02d}-{name}.png"
    page.screenshot(path=str(path))
    seen.screenshots.append(path)


def _errors_shown(page: Page, seen: Seen, when: str) -> None:
    for toast in page.locator(ERROR_TOAST).all():
        text = " ".join(toast.inner_text().split())
        seen.toasts.append(f"{when}: {text}")
        seen.problems.append(f"error toast {when}: {text}")


def _open_history(page: Page) -> None:
    """Click the header's history toggle (the closed sidebar's own toggle sits off-screen)."""
    for toggle in page.locator("button:has(svg.lucide-panel-right-close)").all():
        box = toggle.bounding_box()
        if box is not None and box["x"] >= 0:
            toggle.click()
            return
    raise RuntimeError("no history toggle on screen")


def _without_thread(url: str) -> str:
    """The same page on a new chat: its query without `threadId`."""
    parts = urlsplit(url)
    query = {k: v for k, v in parse_qs(parts.query).items() if k != "threadId"}
    return parts._replace(query=urlencode(query, doseq=True)).geturl()


def _ask(page: Page, text: str) -> None:
    page.get_by_placeholder("Type your message...").fill(text)
    page.get_by_role("button", name="Send").click()


def drive(ui_url: str, api_url: str, key: str, out: Path) -> Seen:
    seen = Seen()
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def record(request: Request) -> None:
            if request.url.startswith(api_url):
                response = request.response()
                status = response.status if response else "failed"
                path = request.url[len(api_url) :].split("?")[0]
                seen.calls.append(f"{request.method} {path} -> {status}")

        page.on("requestfinished", record)
        page.on("requestfailed", record)
        page.on(
            "console",
            lambda m: (
                seen.console.append(f"{m.type}: {m.text} ({m.location.get('url')})")
                if m.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda e: seen.console.append(f"pageerror: {e}"))

        # connect as a user does: the form asks for the deployment URL, graph id and key
        page.goto(ui_url)
        page.locator("#apiUrl").fill(api_url)
        page.locator("#assistantId").fill(ASSISTANT_ID)
        page.locator("#apiKey").fill(key)
        _shot(page, seen, out, "connect")
        page.get_by_role("button", name="Continue").click()

        _ask(page, QUESTION)
        _wait_answers(page, 1)
        _shot(page, seen, out, "answer")
        _errors_shown(page, seen, "after the first answer")
        seen.thread_id = parse_qs(urlsplit(page.url).query).get("threadId", [None])[0]
        if seen.thread_id is None:
            seen.problems.append("no threadId in the page's URL after the first answer")

        # the history list (the page refetches it 4 s after a new thread)
        _open_history(page)
        listed = page.locator("p.truncate", has_text=QUESTION)
        try:
            listed.first.wait_for(timeout=30_000)
        except PlaywrightTimeout:
            seen.problems.append("the thread is not in the history list")
        _shot(page, seen, out, "history")

        # a reload keeps the thread: messages come back from the thread's history
        page.reload()
        try:
            page.get_by_text(QUESTION).first.wait_for(timeout=60_000)
            _wait_answers(page, 1)
        except PlaywrightTimeout:
            seen.problems.append("after a reload the question or its answer is gone")
        _shot(page, seen, out, "reloaded")
        _errors_shown(page, seen, "after the reload")

        # a second turn on the reloaded thread (useStream sends the head checkpoint)
        before = _answers(page)
        _ask(page, FOLLOW_UP)
        try:
            _wait_answers(page, before + 1)
        except PlaywrightTimeout:
            seen.problems.append("the follow-up got no answer")
        _shot(page, seen, out, "follow-up")
        _errors_shown(page, seen, "after the follow-up")
        # shown, not checked: an emergency and a two-expert turn on a new thread (our route and
        # safety events arrive as `custom` events, which this UI keeps but does not draw)
        for name, text in (("emergency", RED_FLAG), ("multi-intent", MULTI_INTENT)):
            page.goto(_without_thread(page.url))  # a new chat
            _ask(page, text)
            with contextlib.suppress(PlaywrightTimeout):  # it may answer before we look
                page.get_by_role("button", name="Send").wait_for(timeout=5_000, state="hidden")
            page.get_by_role("button", name="Send").wait_for(timeout=TIMEOUT_MS)
            page.wait_for_timeout(5_000)  # the history list refreshes 4 s after a new thread
            page.get_by_text(text).last.evaluate("e => e.scrollIntoView({block: 'start'})")
            _shot(page, seen, out, name)
            _errors_shown(page, seen, f"after the {name} turn")
        browser.close()
    return seen
