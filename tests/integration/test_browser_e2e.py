"""The chat page in a real headless Chromium (Debian's, driven by Playwright), real vLLM."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.integration.conftest import API_KEYS, Stack, artifact

pytestmark = pytest.mark.integration

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
# Counts how often the answer's text changes while it streams (token-by-token rendering).
COUNT_UPDATES = """() => {
  window.__updates = 0;
  new MutationObserver(() => { window.__updates += 1; })
    .observe(document.getElementById('messages'),
             {subtree: true, characterData: true, childList: true});
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    profile = tempfile.mkdtemp(prefix="tg-chromium-")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        try:
            yield context  # type: ignore[misc]
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    try:
        yield page
    finally:
        page.close()


def test_chat_page_streams_an_answer_with_its_expert(page: Page, stack: Stack) -> None:
    page.goto(stack.api_url)
    page.fill("#api-key", API_KEYS["alice"])
    page.dispatch_event("#api-key", "change")
    page.evaluate(COUNT_UPDATES)
    page.fill("#input", "我脸上长痘痘怎么办？")
    page.press("#input", "Enter")
    answer = page.locator(".msg.assistant").first
    page.wait_for_function(
        "document.querySelector('.msg.assistant .content')?.textContent.length > 0",
        timeout=120_000,
    )
    page.wait_for_function("!document.getElementById('send').disabled", timeout=120_000)
    label = answer.locator(".expert-label").inner_text()
    text = answer.locator(".content").inner_text()
    page.screenshot(path=str(artifact("chat-page.png")), full_page=True)
    assert "medical" in label
    assert "medical-expert" in label
    assert len(text.strip()) > 10
    assert page.evaluate("window.__updates") >= 5, "the answer must appear token by token"
    assert not answer.locator(".error").count()

    # The thread survives a reload; "new chat" starts another.
    thread_label = page.inner_text("#thread-label")
    page.reload()
    page.wait_for_selector(".msg.assistant")
    assert page.inner_text("#thread-label") == thread_label
    assert page.locator(".msg.assistant .content").first.inner_text() == text
    page.click("#new-chat")
    assert page.locator(".msg").count() == 0
    assert page.inner_text("#thread-label") == "new thread"


SAFETY_STREAM = "\n\n".join(
    [
        'id: r:0\nevent: metadata\ndata: {"run_id": "r", "thread_id": "t-safety"}',
        'id: r:1\nevent: custom\ndata: {"type": "safety", "level": "emergency", '
        '"message": "可能是严重过敏反应，请立即拨打 120"}',
        'id: r:2\nevent: custom\ndata: {"type": "route", "experts": [{"name": "emergency", '
        '"domain": "emergency", "model": "none"}], "reason": "red flag"}',
        'id: r:3\nevent: messages\ndata: [{"type": "ai", "id": "m", "content": "请立即就医。", '
        '"name": "emergency"}, {"expert": "emergency", "domain": "emergency", "model": "none", '
        '"langgraph_node": "emergency"}]',
        "id: r:4\nevent: end\ndata: null",
        "",
    ]
)


def test_chat_page_shows_the_emergency_banner_on_safety_events(page: Page, stack: Stack) -> None:
    """The page's handling of a `custom` safety event (the stream is canned: which turns are
    emergencies is the graph's job, tested there)."""
    page.route(
        "**/chat",
        lambda route: route.fulfill(
            status=200, headers={"Content-Type": "text/event-stream"}, body=SAFETY_STREAM
        ),
    )
    page.goto(stack.api_url)
    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.locator("#banner").is_hidden()
    page.fill("#input", "吃了海鲜后喉咙发紧，呼吸困难")
    page.press("#input", "Enter")
    page.wait_for_selector("#banner", state="visible", timeout=10_000)
    assert "120" in page.inner_text("#banner")
    assert page.locator(".msg.assistant .expert-label").first.inner_text().startswith("emergency")
    page.screenshot(path=str(artifact("chat-page-emergency.png")), full_page=True)
