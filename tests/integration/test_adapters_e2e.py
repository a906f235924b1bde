"""The guide's two test methods, adapter versions, a bad adapter name, and an adapter trained
elsewhere plus runtime load/unload, against real vLLM servers.

Most tests reuse the session vLLM. The adapter-from-elsewhere and hot-swap tests share ONE
extra server (module fixture `second_vllm`, 2-6 min with its smoke training): it serves a
smoke-trained adapter from a temporary directory as `medical-expert` beside the committed
`medical-expert-v1`, with runtime LoRA updating on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openai
import pytest

from config.settings import REPO_ROOT, Settings
from serving.vllm_server import running_vllm, server_root
from tests.integration.conftest import VLLMServer, artifact, free_port

pytestmark = pytest.mark.integration

EXAMPLES = REPO_ROOT / "examples"
QUESTION = "我脸上长痘痘怎么办？"
MAX_TOKENS = 24


def ask(client: openai.OpenAI, model: str, question: str = QUESTION) -> str:
    resp = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": question}],
        max_tokens=MAX_TOKENS,
        temperature=0.0,
    )
    assert resp.model == model
    return resp.choices[0].message.content or ""


def models_by_id(root: str) -> dict[str, dict[str, object]]:
    data = httpx.get(f"{root}/v1/models", timeout=10).json()["data"]
    return {m["id"]: m for m in data}


# --- the session vLLM ------------------------------------------------------------------------


def test_guide_method_1_curl(vllm: VLLMServer) -> None:
    done = subprocess.run(
        ["bash", str(EXAMPLES / "curl_medical_expert.sh")],
        env={**os.environ, "VLLM_URL": vllm.root, "MAX_TOKENS": str(MAX_TOKENS)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    body = json.loads(done.stdout)
    assert body["model"] == "medical-expert"
    assert body["choices"][0]["message"]["content"].strip()
    assert body["usage"]["completion_tokens"] <= MAX_TOKENS


def test_guide_method_1_curl_with_an_unknown_adapter_fails_loudly(vllm: VLLMServer) -> None:
    done = subprocess.run(
        ["bash", str(EXAMPLES / "curl_medical_expert.sh")],
        env={**os.environ, "VLLM_URL": vllm.root, "MODEL": "medical-expert-v9"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "medical-expert-v9" in done.stdout  # vLLM's 404 body, shown by --fail-with-body


def test_guide_method_2_openai_client_adapter_then_base(
    vllm: VLLMServer, e2e_settings: Settings
) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "openai_client.py"), "--base-url", vllm.url,
         "--max-tokens", str(MAX_TOKENS)],
        capture_output=True,
        text=True,
        timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    adapter, base = done.stdout.split("\n--- Base Model Response")
    assert adapter.startswith("--- LoRA Adapter Response (medical-expert) ---\n")
    assert adapter.split("---\n", 1)[1].strip()
    assert base.startswith(f" ({e2e_settings.llm.base_model_name}) ---\n")
    assert base.split("---\n", 1)[1].strip()


def test_versions_are_served_side_by_side(vllm: VLLMServer, e2e_settings: Settings) -> None:
    served = models_by_id(vllm.root)
    chosen = f"medical-expert-{e2e_settings.llm.medical_adapter_version}"
    for name in ("medical-expert", "medical-expert-v1", chosen):
        assert served[name]["parent"] == e2e_settings.llm.base_model_name
    assert served["medical-expert-v1"]["root"] == str(e2e_settings.adapter_dir_for("v1"))
    assert (
        served["medical-expert"]["root"] == served[chosen]["root"] == str(e2e_settings.adapter_dir)
    )
    client = openai.OpenAI(base_url=vllm.url, api_key="x", max_retries=0)
    # `medical-expert` is the chosen version's weights: the same greedy answer.
    assert ask(client, "medical-expert") == ask(client, chosen)


def test_a_base_request_batched_with_an_adapter_request_stays_the_base_model(
    vllm: VLLMServer, e2e_settings: Settings
) -> None:
    """vllm#48421: the CPU wheel applies the last LoRA slot to base tokens in a mixed batch;
    serving.vllm_server keeps that slot empty. Without it the base answers here came out
    identical to the adapter's (81 of 82 in the held-out evaluation)."""
    client = openai.OpenAI(base_url=vllm.url, api_key="x", max_retries=0)
    base = e2e_settings.llm.base_model_name
    models = [base, "medical-expert", base, "medical-expert"]
    with ThreadPoolExecutor(len(models)) as pool:  # sent together, so vLLM batches them
        answers = list(pool.map(lambda m: ask(client, m), models))
    assert answers[0] != answers[1]
    assert answers[2] != answers[3]


def test_unknown_adapter_name_is_a_404_not_the_base_model(vllm: VLLMServer) -> None:
    client = openai.OpenAI(base_url=vllm.url, api_key="x", max_retries=0)
    with pytest.raises(openai.NotFoundError, match="medical-expert-v9"):
        ask(client, "medical-expert-v9")


def test_runtime_lora_updating_is_off_by_default(vllm: VLLMServer) -> None:
    resp = httpx.post(
        f"{vllm.root}/v1/load_lora_adapter",
        json={"lora_name": "intruder", "lora_path": "/tmp"},
        timeout=10,
    )
    assert resp.status_code == 404  # the route does not exist
    assert "intruder" not in models_by_id(vllm.root)


def test_the_api_reports_an_unknown_adapter_name_instead_of_answering(api_factory: object) -> None:
    """TG_MEDICAL_MODEL naming no adapter: /ready says so, the doctor's turn is an error."""
    api = api_factory("unknown-adapter", TG_MEDICAL_MODEL="medical-expert-v9")  # type: ignore[operator]
    with api.client() as client:
        ready = client.get("/ready")
        assert ready.status_code == 503
        assert ready.json()["error"]["type"] == "model_missing"
        assert "medical-expert-v9" in ready.json()["error"]["message"]
        reply = client.post("/chat", json={"message": QUESTION, "stream": False}).json()
    assert reply["experts"][0]["model"] == "medical-expert-v9"
    assert reply["error"]["type"] == "llm_error"
    assert "404" in reply["error"]["message"]
    assert not "".join(m["content"] for m in reply["messages"]).strip()


# --- one extra vLLM: an adapter from another directory, runtime load/unload -------------------


@pytest.fixture(scope="module")
def elsewhere_adapter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A smoke-trained adapter in a temporary directory, standing in for one trained elsewhere
    (e.g. by LlamaFactory): only the peft files matter."""
    out = tmp_path_factory.mktemp("trained-elsewhere") / "derm-lora"
    started = time.monotonic()
    with artifact("smoke-adapter.log").open("ab") as log:
        subprocess.run(
            [sys.executable, "-m", "serving.adapter", "--smoke", "--out", str(out)],
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=900,
        )
    print(f"\nsmoke adapter trained in {time.monotonic() - started:.0f}s", flush=True)
    return out


@pytest.fixture(scope="module")
def second_vllm(e2e_settings: Settings, elsewhere_adapter: Path) -> Iterator[str]:
    from serving.prepare import prepare

    settings = e2e_settings.updated(
        vllm={"port": free_port(), "allow_runtime_lora_updating": True},
        llm={"medical_adapter_dir": elsewhere_adapter},
    )
    started = time.monotonic()
    with running_vllm(settings, prepare(settings), log_path=artifact("vllm-second.log")):
        print(f"\nsecond vLLM healthy after {time.monotonic() - started:.0f}s", flush=True)
        yield server_root(settings)


def test_an_adapter_from_another_directory_is_served_as_medical_expert(
    second_vllm: str, elsewhere_adapter: Path, e2e_settings: Settings
) -> None:
    served = models_by_id(second_vllm)
    assert served["medical-expert"]["root"] == str(elsewhere_adapter)
    assert served["medical-expert-v1"]["root"] == str(e2e_settings.adapter_dir_for("v1"))
    client = openai.OpenAI(base_url=f"{second_vllm}/v1", api_key="x", max_retries=0)
    smoke, v1 = ask(client, "medical-expert"), ask(client, "medical-expert-v1")
    assert smoke.strip()
    assert smoke != v1  # two different adapters really are applied


def test_runtime_load_and_unload(second_vllm: str, e2e_settings: Settings) -> None:
    client = openai.OpenAI(base_url=f"{second_vllm}/v1", api_key="x", max_retries=0)
    v1 = str(e2e_settings.adapter_dir_for("v1"))
    load = httpx.post(
        f"{second_vllm}/v1/load_lora_adapter",
        json={"lora_name": "medical-expert-hot", "lora_path": v1},
        timeout=60,
    )
    assert load.status_code == 200, load.text
    assert models_by_id(second_vllm)["medical-expert-hot"]["root"] == v1
    assert ask(client, "medical-expert-hot") == ask(client, "medical-expert-v1")  # same weights

    unload = httpx.post(
        f"{second_vllm}/v1/unload_lora_adapter",
        json={"lora_name": "medical-expert-hot"},
        timeout=60,
    )
    assert unload.status_code == 200, unload.text
    with pytest.raises(openai.NotFoundError):
        ask(client, "medical-expert-hot")


def test_runtime_load_of_a_bad_path_is_refused(second_vllm: str, tmp_path: Path) -> None:
    resp = httpx.post(
        f"{second_vllm}/v1/load_lora_adapter",
        json={"lora_name": "broken", "lora_path": str(tmp_path)},
        timeout=60,
    )
    assert resp.status_code >= 400, resp.text
    assert "broken" not in models_by_id(second_vllm)
    assert httpx.get(f"{second_vllm}/health", timeout=10).status_code == 200  # still serving
