"""`make agent-chat-ui-check`: agent-chat-ui (the LangGraph chat UI, as npm publishes it) drives
the production API — our FastAPI app's `/langgraph`, with an API key and a CORS origin — in
headless Chromium, on the scripted fake model (no vLLM).

Usage: python scripts/agent_chat_ui [--api-port 8440] [--ui-port 5190] [--sdk-version 1.15.0]

It fetches the pinned create-agent-chat-app (npm pack, integrity and MIT licence checked) into
the cache, installs its vite template from the lock beside this file and builds it, serves the
build on --ui-port, starts `python -m api` on --api-port with TG_CORS_ORIGINS naming that UI,
then connects, asks, checks the answer, the history list, a reload and a follow-up. Screenshots,
the page's API calls and a summary: test-artifacts/agent-chat-ui/ (per SDK version). Not part of
`make test`: it downloads ~400 MB of npm packages once and builds for a minute or two.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from browser import drive  # noqa: E402
from template import PACKAGE, VERSION, install_and_build, sdk_version_in  # noqa: E402

from config.settings import Settings  # noqa: E402
from serving.vllm_server import VLLMStartError, stop_process_group, wait_healthy  # noqa: E402

ARTIFACTS = REPO / "test-artifacts" / "agent-chat-ui"
OWNER = "acui"
API_START_S = 120


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving_ui(dist: Path, port: int) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(QuietHandler, directory=str(dist)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def running_api(port: int, key: str, origin: str, workdir: Path) -> Iterator[str]:
    """The production entry point on the fake model: keys on, dev mode off, one CORS origin."""
    env = {
        **os.environ,
        "TG_LLM_BACKEND": "fake",
        "TG_API_HOST": "127.0.0.1",
        "TG_API_PORT": str(port),
        "TG_API_KEYS": json.dumps({OWNER: key}),
        "TG_DEV_MODE": "false",
        "TG_CORS_ORIGINS": json.dumps([origin]),
        "TG_CHECKPOINT_DB": str(workdir / "threads.sqlite"),
    }
    url = f"http://127.0.0.1:{port}"
    with (workdir / "api.log").open("ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            try:
                wait_healthy(url, API_START_S, proc)  # type: ignore[arg-type]
            except VLLMStartError as exc:  # its words say vLLM; this is the API
                raise SystemExit(f"the API did not start ({exc}); see {workdir}/api.log") from exc
            yield url
        finally:
            stop_process_group(proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api-port", type=int, default=8440)
    parser.add_argument("--ui-port", type=int, default=5190)
    parser.add_argument("--sdk-version", help="another @langchain/langgraph-sdk for the UI")
    args = parser.parse_args()

    cache = Settings().paths.cache_dir / "agent-chat-ui" / f"{PACKAGE}-{VERSION}"
    dist = install_and_build(cache, args.sdk_version)
    sdk = sdk_version_in(dist)
    out = ARTIFACTS / f"sdk-{sdk}"
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.png"), *out.glob("threads.sqlite*")]:
        old.unlink()  # a fresh thread store: the history list holds this run's thread only
    key = secrets.token_urlsafe(24)
    origin = f"http://127.0.0.1:{args.ui_port}"
    with (
        serving_ui(dist, args.ui_port) as ui_url,
        running_api(args.api_port, key, origin, out) as api_url,
    ):
        print(f"[agent-chat-ui] {PACKAGE}@{VERSION} (SDK {sdk}) at {ui_url} -> {api_url}")
        seen = drive(ui_url, f"{api_url}/langgraph", key, out)

    summary = {
        "template": f"{PACKAGE}@{VERSION}",
        "licence": (cache / "LICENSE").read_text("utf-8").splitlines()[0],
        "sdk": sdk,
        "thread_id": seen.thread_id,
        "problems": seen.problems,
        "error_toasts": seen.toasts,
        "console_errors": seen.console,
        "api_calls": seen.calls,
        "screenshots": [str(p.relative_to(REPO)) for p in seen.screenshots],
    }
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    verdict = "PASS" if not seen.problems else f"FAIL ({len(seen.problems)} problems)"
    print(f"[agent-chat-ui] {verdict}; details in {out.relative_to(REPO)}/summary.json")
    return 0 if not seen.problems else 1


if __name__ == "__main__":
    sys.exit(main())
