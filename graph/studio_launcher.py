"""`make studio`: `langgraph dev` on the running model server, or on the fake model, said loudly.

An edge like api/launch.py: it builds the settings, asks the configured OpenAI-compatible server
for its models, and then replaces itself with `langgraph dev` (which loads graph/studio.py).
When no model server answers, Studio still opens, on the scripted fake model, under a banner that
says so and what to start for real answers.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx

from config.settings import Settings

PROBE_TIMEOUT_S = 3.0
RULE = "=" * 72


@dataclass(frozen=True)
class StudioPlan:
    env: dict[str, str]  # added to langgraph dev's environment
    banner: str


def served_models(base_url: str, timeout_s: float = PROBE_TIMEOUT_S) -> list[str] | None:
    """The model ids `GET {base_url}/models` lists; None when nothing answers there."""
    try:
        resp = httpx.get(f"{base_url.rstrip('/')}/models", timeout=timeout_s)
        resp.raise_for_status()
        return [str(m["id"]) for m in resp.json()["data"]]
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return None


def plan(settings: Settings) -> StudioPlan:
    if settings.llm.backend == "fake":
        return StudioPlan({}, f"{RULE}\n Studio on the FAKE model (TG_LLM_BACKEND=fake).\n{RULE}")
    base = settings.llm.openai_api_base
    models = served_models(base)
    if models is None:
        return StudioPlan(
            {"TG_LLM_BACKEND": "fake"},
            f"{RULE}\n"
            f" No model server answers at {base}/models.\n"
            " Studio runs on the FAKE model: every answer is a scripted placeholder.\n"
            " For real answers, start a model server first and run `make studio` again:\n"
            "   make run                     # vLLM + the API on this machine\n"
            "   OPENAI_API_BASE=http://…/v1  # or point at a running OpenAI-compatible server\n"
            f"{RULE}",
        )
    wanted = [settings.llm.base_model_name, settings.llm.medical_model]
    missing = [m for m in wanted if m not in models]
    note = f"\n WARNING: it does not serve {', '.join(missing)}." if missing else ""
    return StudioPlan(
        {}, f"Studio on the model server at {base} (models: {', '.join(models)}){note}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m graph.studio_launcher")
    parser.add_argument("--port", default="2024")
    args, extra = parser.parse_known_args(argv)
    chosen = plan(Settings())
    print(chosen.banner, flush=True)
    langgraph = str(Path(sys.executable).with_name("langgraph"))
    cmd = [langgraph, "dev", "--no-browser", "--port", str(args.port), *extra]
    os.execve(langgraph, cmd, {**os.environ, **chosen.env})


if __name__ == "__main__":
    main()
