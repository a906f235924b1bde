"""The JS `@langchain/langgraph-sdk` (from npm, pinned in tests/js/package-lock.json) drives the
LangGraph Server API of the app under uvicorn with the fake model: tests/js/sdk_check.mjs.

Node and the package come from `make js-deps` (run by `make test`); without them this test
fails and says how to get them: it never skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from api.app import create_app
from config.settings import REPO_ROOT
from tests.unit.api_support import KEYS, serving
from tests.unit.conftest import keyed

JS_DIR = REPO_ROOT / "tests" / "js"
SDK = JS_DIR / "node_modules" / "@langchain" / "langgraph-sdk" / "package.json"


def test_the_js_sdk_drives_the_langgraph_api(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "node is not installed: `make system-deps` installs it"
    assert SDK.exists(), "the JS SDK is not installed: `make js-deps`"
    pinned = json.loads((JS_DIR / "package.json").read_text("utf-8"))["dependencies"]
    assert json.loads(SDK.read_text("utf-8"))["version"] == pinned["@langchain/langgraph-sdk"]
    with serving(create_app(keyed(tmp_path))) as url:
        done = subprocess.run(
            [node, "sdk_check.mjs", f"{url}/langgraph", KEYS["alice"]],
            cwd=JS_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr + done.stdout
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["assistants"] == ["trip_genius"]
    assert {"metadata", "messages", "updates", "custom"} <= set(seen["events"])
    assert seen["state"] == ["human", "ai"]
    assert seen["waited"] == 4
    assert seen["errors"] == {"unknownAssistant": 404, "badMode": 422, "deleted": 404}
