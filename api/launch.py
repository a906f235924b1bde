"""`make run`: prepare the embedded default, start vLLM and the API, stop both on Ctrl-C.

This is the outermost edge, so it may know every layer: it builds the settings, lets `serving`
prepare and start the model server, then serves the API pointed at it.
"""

from __future__ import annotations

import logging
import time

from api.app import create_app
from api.server import serve
from config.settings import REPO_ROOT, Settings
from serving.prepare import prepare
from serving.vllm_server import running_vllm, server_root


def main() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings()
    python = prepare(settings)
    settings = settings.model_copy(update={"openai_api_base": f"{server_root(settings)}/v1"})
    log_path = REPO_ROOT / "var" / "vllm.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    print(f"==> starting vLLM on {server_root(settings)} (log: {log_path})", flush=True)
    started = time.monotonic()
    with running_vllm(settings, python, log_path=log_path):
        api = f"http://{settings.api_host}:{settings.api_port}"
        print(
            f"\nvLLM ready in {time.monotonic() - started:.0f}s: {server_root(settings)}/v1 "
            f"(models: {settings.base_model_name}, {settings.medical_model})\n"
            f"Trip Genius API: {api}  (docs: {api}/docs)\n"
            f"Try: curl -N {api}/chat -H 'Content-Type: application/json' "
            '-d \'{"message": "我脸上长痘痘怎么办？"}\'\n'
            "Ctrl-C stops both.\n",
            flush=True,
        )
        serve(create_app(settings), settings)
    print("==> stopped vLLM and the API", flush=True)


if __name__ == "__main__":
    main()
