"""The deployment guide's test method 2: the `openai` client calls the adapter, then the base model.

Run against any vLLM serving the adapter (`make run` starts one on :8000):

    python examples/openai_client.py
    python examples/openai_client.py --base-url http://127.0.0.1:8137/v1 --max-tokens 64

The same client, the same server, only `model` changes: "medical-expert" gets the LoRA
dermatology expert, the base model's name gets plain Qwen. Only needs `pip install openai`.
"""

from __future__ import annotations

import argparse
import os

import openai
from openai.types.chat import ChatCompletionMessageParam

QUESTION = "我脸上长痘痘怎么办？"


def base_model_name(client: openai.OpenAI) -> str:
    """The served model that is not an adapter (vLLM lists adapters with a `parent`)."""
    for model in client.models.list():
        if getattr(model, "parent", None) is None:
            return model.id
    raise SystemExit("the server lists no base model")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--base-url", default=os.environ.get("OPENAI_API_BASE", "http://localhost:8000/v1")
    )
    parser.add_argument("--adapter", default="medical-expert", help="the LoRA's served name")
    parser.add_argument("--base-model", help="default: the base model the server lists")
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--question", default=QUESTION)
    args = parser.parse_args()

    # 1. A client pointed at vLLM; the key is required by the client, vLLM ignores it unless
    #    started with --api-key.
    client = openai.OpenAI(
        api_key=os.environ.get("OPENAI_API_KEY", "vllm-is-great"), base_url=args.base_url
    )
    messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": args.question}]

    # 2. The adapter: `model` is the LoRA's name; vLLM applies it for this request.
    response = client.chat.completions.create(
        model=args.adapter, messages=messages, temperature=0.7, max_tokens=args.max_tokens
    )
    print(f"--- LoRA Adapter Response ({response.model}) ---")
    print(response.choices[0].message.content)

    # 3. For comparison, the base model without the adapter.
    base = args.base_model or base_model_name(client)
    response_base = client.chat.completions.create(
        model=base, messages=messages, max_tokens=args.max_tokens
    )
    print(f"\n--- Base Model Response ({response_base.model}) ---")
    print(response_base.choices[0].message.content)


if __name__ == "__main__":
    main()
