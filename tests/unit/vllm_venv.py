"""Run a short script in vLLM's own venv (torch, vLLM) and read the JSON it prints last."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from config.settings import REPO_ROOT


def run_json(vllm_python: Path, script: str, *args: str) -> Any:
    done = subprocess.run(
        [str(vllm_python), "-c", script, *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
