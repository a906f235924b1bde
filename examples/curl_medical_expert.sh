#!/usr/bin/env bash
# The deployment guide's test method 1: an OpenAI-style request to vLLM naming the LoRA adapter.
# "model": "medical-expert" is the adapter's served name, not the base model; vLLM applies the
# adapter (saves/<base>/lora/medical-expert-v4 unless TG_MEDICAL_ADAPTER_VERSION says otherwise)
# to the base model for this request only.
#
#   examples/curl_medical_expert.sh                      # vLLM from `make run` on :8000
#   VLLM_URL=http://127.0.0.1:8137 MODEL=medical-expert-v1 examples/curl_medical_expert.sh
set -euo pipefail
VLLM_URL="${VLLM_URL:-http://localhost:8000}"
MODEL="${MODEL:-medical-expert}"
MAX_TOKENS="${MAX_TOKENS:-256}"
QUESTION="${QUESTION:-我脸上长痘痘怎么办？}"

# JSON-escape the question (backslashes, quotes, newlines) so any text makes a valid body.
q=${QUESTION//\\/\\\\}
q=${q//\"/\\\"}
q=${q//$'\n'/\\n}
body=$(printf '{"model": "%s", "messages": [{"role": "user", "content": "%s"}], "max_tokens": %d}' \
  "$MODEL" "$q" "$MAX_TOKENS")
# --fail-with-body: an unknown model name (HTTP 404) exits non-zero and still shows vLLM's error.
curl --silent --show-error --fail-with-body "$VLLM_URL/v1/chat/completions" \
  -H "Content-Type: application/json" \
  ${VLLM_API_KEY:+-H "Authorization: Bearer $VLLM_API_KEY"} \
  -d "$body"
echo
