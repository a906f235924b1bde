"""examples/curl_medical_expert.sh builds valid JSON whatever the question says."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "curl_medical_expert.sh"


class EchoChat(BaseHTTPRequestHandler):
    """Answers like /v1/chat/completions with what it parsed, or 400 on a body that isn't JSON."""

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        try:
            body = json.loads(raw)
            status, out = 200, {"model": body["model"], "got": body["messages"][0]["content"]}
        except (ValueError, KeyError) as exc:
            status, out = 400, {"error": {"message": str(exc)}}
        data = json.dumps(out, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def echo_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoChat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
@pytest.mark.parametrize(
    "question",
    [
        "我脸上长痘痘怎么办？",
        'My guide said "use toothpaste" on a burn\\ is that ok?',
        "两行\n第二行",
    ],
)
def test_the_curl_example_sends_the_question_verbatim(echo_url: str, question: str) -> None:
    env = {**os.environ, "VLLM_URL": echo_url, "QUESTION": question, "MODEL": "medical-expert-v1"}
    env.pop("VLLM_API_KEY", None)
    done = subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == {"model": "medical-expert-v1", "got": question}
