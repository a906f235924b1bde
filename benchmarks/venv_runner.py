"""Run one of `benchmarks/venv_scripts` in vLLM's virtualenv and read back its JSON."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from config.settings import REPO_ROOT


def run_venv_script(python: Path, module: str, *args: str, log_path: Path) -> Any:
    """`module` writes its result to the path given as the last argument."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("ab") as log:
            subprocess.run(
                [str(python), "-m", f"benchmarks.venv_scripts.{module}", *args, str(out)],
                cwd=REPO_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )
        return json.loads(out.read_text("utf-8"))
