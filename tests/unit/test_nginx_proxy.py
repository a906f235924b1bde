"""deploy/nginx.conf in a real nginx (Debian's), in front of a real API process (slow fake model).

Only the addresses change: `listen` and the `backend:8080` replicas become loopback ports
(Docker's DNS is not here, and `resolve` needs nginx >= 1.27.3 where Debian 12 has 1.22; the
stack test runs the file as it is, `make stack-test`). Checked: nginx accepts the file, streams
SSE through as it is produced, keeps /metrics internal, answers its own health check, and sends
consecutive requests to the replicas in turn. CI installs nginx (.ci/run).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from httpx_sse import connect_sse

from config.settings import REPO_ROOT
from serving.vllm_server import wait_healthy

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONF = REPO_ROOT / "deploy" / "nginx.conf"


def nginx_version() -> tuple[int, ...]:
    if not Path(NGINX).exists():
        return (0,)
    out = subprocess.run([NGINX, "-v"], capture_output=True, text=True).stderr
    found = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", out)
    return tuple(int(n) for n in found.groups()) if found else (0,)


NGINX_VERSION = nginx_version()

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists() and not os.environ.get("CI"),
    reason="nginx is not installed here (apt-get install nginx-light; CI installs it)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main_conf(tmp: Path, server_block: Path, workers: int = 1) -> Path:
    temp = {n: tmp / n for n in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for d in temp.values():
        d.mkdir()
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"""
pid {tmp}/nginx.pid;
worker_processes {workers};
error_log {tmp}/error.log info;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {server_block};
}}
"""
    )
    return conf


REPLICAS = "server backend:8080 resolve;"


def local_server_block(tmp: Path, listen: int, *api_ports: int) -> Path:
    """The file with loopback addresses: one `server` line per API port for `backend:8080`."""
    text = CONF.read_text()
    assert "listen 8080;" in text
    assert REPLICAS in text
    text = text.replace("listen 8080;", f"listen 127.0.0.1:{listen};")
    # what the image's entrypoint does with the template (docker-compose.yml, proxy)
    text = text.replace("${NGINX_LOCAL_RESOLVERS}", "127.0.0.1")
    text = text.replace(REPLICAS, " ".join(f"server 127.0.0.1:{port};" for port in api_ports))
    path = tmp / "default.conf"
    path.write_text(text)
    return path


def start(cmd: list[str], log: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
            cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(proxy url, backend url): nginx with our config in front of one API process."""
    tmp = tmp_path_factory.mktemp("nginx")
    api_port, listen = free_port(), free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp),
        "PYTHONPATH": str(REPO_ROOT),
        "TG_LLM_BACKEND": "fake",
        "TG_DOCTOR_ANSWER": "model",  # a streamed (model) answer to cut
        "TG_DEV_MODE": "true",  # issue 5's auth: key-less requests from loopback
        "TG_API_PORT": str(api_port),
        "TG_CHECKPOINT_DB": str(tmp / "threads.sqlite"),
        "TG_TEST_CHUNK_DELAY_S": "0.25",
    }
    api = start(
        [sys.executable, "-m", "tests.unit.slow_fake_api"], tmp / "api.log", cwd=tmp, env=env
    )
    conf = main_conf(tmp, local_server_block(tmp, listen, api_port))
    check = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(conf)], capture_output=True)
    assert check.returncode == 0, check.stderr.decode()
    nginx = start([NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"], tmp / "nginx.out")
    try:
        backend = f"http://127.0.0.1:{api_port}"
        wait_healthy(backend, 60, api)
        wait_healthy(f"http://127.0.0.1:{listen}", 20, nginx)  # /health passes through
        yield f"http://127.0.0.1:{listen}", backend
    finally:
        for proc in (nginx, api):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)


def test_sse_passes_through_as_it_is_produced(proxy: tuple[str, str]) -> None:
    url, _ = proxy
    arrivals: list[tuple[str, float]] = []
    with (
        httpx.Client(base_url=url, timeout=60) as client,
        connect_sse(client, "POST", "/chat", json={"message": "我脸上长痘痘怎么办？"}) as source,
    ):
        assert source.response.headers["content-type"].startswith("text/event-stream")
        started = time.monotonic()
        for sse in source.iter_sse():
            if sse.data:
                json.loads(sse.data)
            arrivals.append((sse.event, time.monotonic() - started))
    names = [n for n, _ in arrivals]
    assert names[0] == "metadata"
    assert names[-1] == "end"
    assert "error" not in names
    tokens = [t for n, t in arrivals if n == "messages"]
    assert len(tokens) >= 10
    # 0.25 s per chunk upstream: unbuffered, the chunks arrive spread over the stream, not at once.
    assert tokens[-1] - tokens[0] > 0.5 * 0.25 * (len(tokens) - 1)


def test_metrics_stay_internal_and_nginx_has_its_own_health(proxy: tuple[str, str]) -> None:
    url, backend = proxy
    assert httpx.get(f"{backend}/metrics").status_code == 200
    assert httpx.get(f"{url}/metrics").status_code == 404
    health = httpx.get(f"{url}/nginx-health")
    assert health.status_code == 200
    assert health.text == "ok\n"


def test_a_gone_backend_gives_a_gateway_error_not_a_hang(
    tmp_path: Path, proxy: tuple[str, str]
) -> None:
    """Same config pointed at a port nobody listens on: quickly (connect refused), a 503 in the
    API's error shape rather than nginx's HTML 502 (issue 16: all replicas stopped)."""
    listen = free_port()
    conf = main_conf(tmp_path, local_server_block(tmp_path, listen, free_port()))
    nginx = start(
        [NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"], tmp_path / "o"
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                resp = httpx.get(f"http://127.0.0.1:{listen}/health", timeout=10)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        assert resp.status_code == 503
        assert resp.json()["error"]["type"] == "backend_unavailable"
        assert resp.headers["retry-after"] == "5"
    finally:
        os.killpg(nginx.pid, signal.SIGTERM)
        nginx.wait(timeout=10)


class Replica(BaseHTTPRequestHandler):
    """A backend that answers every GET with the port it listens on."""

    def do_GET(self) -> None:
        body = str(self.server.server_address[1]).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


def test_consecutive_requests_go_to_the_replicas_in_turn(tmp_path: Path) -> None:
    """Issue 16: with `proxy_pass $variable` every request got a fresh peer list and started the
    round at the same replica (six turns of one thread, one replica). The `upstream` block's
    round-robin, kept in its shared `zone` for every worker (two here), takes them in turn;
    a replica that refuses connections is skipped without failing a request."""
    replicas = [ThreadingHTTPServer(("127.0.0.1", 0), Replica) for _ in range(3)]
    for replica in replicas:
        threading.Thread(target=replica.serve_forever, daemon=True).start()
    ports = [r.server_address[1] for r in replicas]
    listen = free_port()
    conf = main_conf(tmp_path, local_server_block(tmp_path, listen, *ports), workers=2)
    nginx = start(
        [NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"], tmp_path / "o"
    )
    url = f"http://127.0.0.1:{listen}/health"
    try:
        wait_healthy(f"http://127.0.0.1:{listen}", 20, nginx)
        # a new connection per request: any worker may take it
        answered = [int(httpx.get(url).text) for _ in range(12)]
        assert [answered[i % 3] for i in range(12)] == answered, answered
        assert sorted(answered[:3]) == sorted(ports)
        replicas[0].shutdown()
        replicas[0].server_close()  # gone: connections refused, nginx tries the next one
        after = [httpx.get(url) for _ in range(6)]
        assert [r.status_code for r in after] == [200] * 6
        assert {int(r.text) for r in after} == set(ports[1:])
    finally:
        os.killpg(nginx.pid, signal.SIGTERM)
        nginx.wait(timeout=10)
        for replica in replicas[1:]:
            replica.shutdown()


@pytest.mark.skipif(
    NGINX_VERSION < (1, 27, 3), reason=f"`resolve` needs nginx >= 1.27.3 (here {NGINX_VERSION})"
)
def test_nginx_accepts_the_file_as_deployed(tmp_path: Path) -> None:
    """The file itself, `resolve` included (Debian 12's 1.22 refuses it: the stack test's image
    is the judge there)."""
    server_block = tmp_path / "default.conf"
    server_block.write_text(CONF.read_text().replace("${NGINX_LOCAL_RESOLVERS}", "127.0.0.1"))
    conf = main_conf(tmp_path, server_block)
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True)
    assert check.returncode == 0, check.stderr.decode()


def raw_request(url: str, data: bytes) -> tuple[int, str, dict]:
    """Send bytes no HTTP client would send; return (status, content-type, JSON body)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.decode("latin-1").partition("\r\n\r\n")
    status = int(head.split()[1])
    headers = dict(line.lower().split(":", 1) for line in head.splitlines()[1:] if ":" in line)
    content_type = headers.get("content-type", "").strip()
    return status, content_type, json.loads(body)


@pytest.mark.parametrize(
    ("data", "status", "error_type"),
    [
        (b"GET /health HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "bad_request"),  # no Host
        (
            b"POST /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 200000\r\n"
            b"Connection: close\r\n\r\n",
            413,
            "body_too_large",
        ),
        (
            b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 20000 + b"\r\n"
            b"Connection: close\r\n\r\n",
            431,
            "headers_too_large",
        ),
    ],
)
def test_nginx_refusals_have_the_api_error_shape(
    proxy: tuple[str, str], data: bytes, status: int, error_type: str
) -> None:
    """Issue 12: nginx's own 400/413/431 were HTML (or plain text); clients parse one shape."""
    url, _ = proxy
    got, content_type, body = raw_request(url, data)
    assert got == status
    assert content_type.startswith("application/json")
    assert body["error"]["type"] == error_type
    assert body["error"]["message"]
