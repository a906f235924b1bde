"""The stack's images: built from the repo's Dockerfiles on a local Debian base (no registry)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from engine import Engine

REPO = Path(__file__).resolve().parents[2]
STATE = REPO / "var" / "stack"
RESULTS = REPO / "deploy" / "results"
WHEEL_PORT = 18310  # loopback-only index that hands the CPU torch wheel to the vLLM image build
TORCH_PIN = "torch==2.13.0"  # Dockerfile.vllm-cpu; tests/unit/test_deploy.py keeps them equal
BACKEND_IMAGE = "trip-genius/backend:latest"
VLLM_IMAGE = "trip-genius/vllm-cpu:0.32.0"
POSTGRES_IMAGE = "localhost/trip-genius/postgres-standin:15"
NGINX_IMAGE = "localhost/trip-genius/nginx-standin:sid"


class TorchIndex(SimpleHTTPRequestHandler):
    """/torch/ from the wheelhouse; every other project (torch's own dependencies, which the
    PyTorch index also serves) redirected to PyPI's simple index."""

    def log_message(self, format: str, *args: object) -> None:
        return None

    def do_GET(self) -> None:
        if self.path.startswith("/torch/"):
            super().do_GET()
            return
        self.send_response(302)
        self.send_header("Location", f"https://pypi.org/simple{self.path}")
        self.end_headers()


def torch_index() -> ThreadingHTTPServer:
    """The CPU torch wheel, from the host's pip configuration, as a PEP 503 index on loopback
    (download.pytorch.org is not reachable from these hosts)."""
    folder = STATE / "wheelhouse" / "torch"
    if not list(folder.glob("torch-*+cpu-*.whl")):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--python-version", "3.11", TORCH_PIN, "-d", str(folder)],
            check=True,
        )  # fmt: skip
        if not list(folder.glob("torch-*+cpu-*.whl")):
            raise SystemExit(f"no CPU build of {TORCH_PIN} reachable through pip (got CUDA)")
    handler = partial(TorchIndex, directory=str(folder.parent))
    server = ThreadingHTTPServer(("127.0.0.1", WHEEL_PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


IMAGES = {
    "backend": BACKEND_IMAGE,
    "vllm": VLLM_IMAGE,
    "postgres": POSTGRES_IMAGE,
    "nginx": NGINX_IMAGE,
}


def build_images(engine: Engine, results: dict[str, Any], only: set[str]) -> None:
    """Build the images named in `only` (keys of IMAGES); the others must exist already."""
    started = time.monotonic()
    base = engine.base_image()
    results["timings_s"]["base_image"] = round(time.monotonic() - started, 1)
    nginx_args = {}
    if "nginx" in only:
        started = time.monotonic()
        nginx_args["BASE_IMAGE"] = engine.sid_image()
        # this network's Debian mirror is a snapshot older than sid's Release validity (a week)
        nginx_args["APT_OPTIONS"] = "-o Acquire::Check-Valid-Until=false"
        results["timings_s"]["sid_base_image"] = round(time.monotonic() - started, 1)
    index = torch_index() if "vllm" in only else None
    try:
        builds = {
            BACKEND_IMAGE: (REPO / "Dockerfile", REPO, {}),
            VLLM_IMAGE: (
                REPO / "Dockerfile.vllm-cpu",
                REPO,
                {"TORCH_INDEX_URL": f"http://127.0.0.1:{WHEEL_PORT}/"},
            ),
            POSTGRES_IMAGE: (
                REPO / "deploy/local-images/postgres.Dockerfile",
                REPO / "deploy/local-images",
                {},
            ),
            # nginx >= 1.27.3 for `server ... resolve` (deploy/nginx.conf): Debian sid's.
            NGINX_IMAGE: (
                REPO / "deploy/local-images/nginx.Dockerfile",
                REPO / "deploy/local-images",
                nginx_args,
            ),
        }
        for tag, (dockerfile, context, args) in builds.items():
            if tag not in {IMAGES[key] for key in only}:
                results["timings_s"][f"build {tag}"] = "not rebuilt (--build)"
                continue
            seconds, cached = engine.build(tag, dockerfile, context, {"BASE_IMAGE": base, **args})
            results["timings_s"][f"build {tag}{' (layers reused)' if cached else ''}"] = seconds
            if not cached:  # the cold numbers survive later runs that reuse layers
                results["cold_builds_s"][tag] = {"seconds": seconds, "on": results["started"]}
    finally:
        if index is not None:
            index.shutdown()
    for tag in (base, *builds):
        results["image_sizes_mb"][tag] = engine.image_size_mb(tag)


def previous_cold_builds() -> dict[str, Any]:
    try:
        return dict(json.loads((RESULTS / "stack-test.json").read_text())["cold_builds_s"])
    except (OSError, ValueError, KeyError):
        return {}
