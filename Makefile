# Trip Genius — the common tasks. `make run` and `make test` install whatever is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY ?= python3
UV := $(shell command -v uv 2>/dev/null || echo "$(PY) -m uv")
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 2024
PROFILE ?= full
# Debian packages the tests need: a real PostgreSQL, a real Chromium, CJK fonts for readable
# screenshots, nginx for deploy/nginx.conf. Installed by `make system-deps` only when missing.
SYSTEM_PACKAGES := postgresql chromium fonts-wqy-zenhei nginx-light
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install system-deps js-deps prepare run api test test-unit test-integration lint fmt typecheck adapter studio clean
.PHONY: deploy-check lint-deploy stack-test agent-chat-ui-check
.PHONY: router-eval eval language-eval travel-eval fuzz-proof
.PHONY: bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/.synced: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PY) -m pip install --quiet uv
	$(UV) sync --frozen
	@touch $@

install: $(BIN)/.synced ## the app's virtualenv (uv, from the lock)

system-deps: ## Debian packages for the end-to-end tests (PostgreSQL, Chromium), only if missing
	@missing=$$(for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "==> apt-get install $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# node + npm for the JS langgraph-sdk test: Debian's packages, unless a node is already there
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  echo "==> apt-get install nodejs npm"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm; \
	fi

tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund
	@touch $@

js-deps: system-deps tests/js/node_modules/.installed ## the JS @langchain/langgraph-sdk (npm, from the lock) for its test

prepare: install ## vLLM's virtualenv, the embedded base model and the adapter (once, cached)
	$(BIN)/python -m serving.prepare

# `make run` / `make api` are local: dev mode (no key from loopback) unless TG_DEV_MODE is set.
run: install ## the service on the embedded default: vLLM (CPU) + medical-expert LoRA + API
	TG_DEV_MODE=$${TG_DEV_MODE:-true} $(BIN)/python -m api.launch

api: install ## only the API, against OPENAI_API_BASE
	TG_DEV_MODE=$${TG_DEV_MODE:-true} $(BIN)/python -m api

lint: install ## ruff lint + format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install ## ruff fix + format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install ## mypy over the app packages
	$(BIN)/mypy

test-unit: install system-deps js-deps ## fast tests with a fake chat model
	$(BIN)/python -m pytest tests -m "not integration"

test-integration: prepare system-deps ## end-to-end tests against a real vLLM server they start
	$(BIN)/python -m pytest tests -m integration

# Two workers: one runs every integration test (they share one vLLM, grouped in
# tests/conftest.py), the other the unit tests meanwhile.
TEST_WORKERS ?= 2
test: lint typecheck prepare system-deps js-deps ## everything: lint, types, unit and end-to-end tests
	$(BIN)/python -m pytest tests -n $(TEST_WORKERS)

adapter: prepare ## re-train the medical-expert LoRA from serving/data
	$(BIN)/python -m serving.adapter

eval: install ## dermatology answers + controls on the validation split (running vLLM, or ARGS=--serve; evals/README.md)
	$(BIN)/python -m evals.medical.answers $(ARGS)

studio: install ## `langgraph dev` on PORT (2024): the running model server, else the fake model (said so)
	$(BIN)/python -m graph.studio_launcher --port $(PORT)

# issue 7: the deployment, checked without a Docker engine (docs/deploy.md)
deploy-check: install ## compose (per profile), Dockerfiles, nginx.conf and vLLM flags via vLLM's parser
	$(BIN)/python -m serving.prepare --model-only  # vLLM's venv (its parser); never trains
	$(BIN)/python -m pytest tests/unit/test_deploy.py tests/unit/test_nginx_proxy.py

lint-deploy: install ## hadolint on the Dockerfiles (the app's and the registry-less stand-ins)
	$(BIN)/hadolint Dockerfile Dockerfile.vllm-cpu deploy/local-images/*.Dockerfile

# issue 16: the compose cpu profile built and run on podman (root, Debian; about 30 min on 2 cores).
# A release check, not part of `make test`: docs/deploy.md, "The stack, for real".
agent-chat-ui-check: install system-deps ## agent-chat-ui (pinned npm template) in Chromium against the production API on the fake model; not in `make test`
	$(BIN)/python scripts/agent_chat_ui $(ARGS)

stack-test: install ## build the images, run the cpu stack on podman, chat/scale/kill/drain through nginx
	$(BIN)/python scripts/stack_test $(ARGS)

language-eval: install ## base-model experts answer in the user's language? (ARGS=--serve starts vLLM)
	$(BIN)/python -m evals.language $(ARGS)

travel-eval: install ## travel answers: loops, KB facts, language, no treatment advice (running vLLM, or ARGS=--serve; evals/travel/results/README.md)
	$(BIN)/python -m evals.travel.run $(ARGS)

fuzz-proof: install ## plant faults (graph failing on hostile text, 500 on NUL, a dropped user message); the fuzz test must catch each
	$(BIN)/python scripts/fuzz_proof.py

router-eval: install ## per-class precision/recall of routing on graph/routing/data/dev.jsonl (evals/routing.py)
	$(BIN)/python -m evals.routing $(ARGS)

clean: ## remove the app venv and local state (the model cache stays)
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache

# issue 6: speed is measured by scripts, never by timed tests (benchmarks/README.md)
bench: prepare ## benchmarks: PROFILE=full|headline (~40 min) or smoke (~5 min), ONLY=suite,..., ARGS=--stop-at HH:MM
	$(BIN)/python -m benchmarks --profile $(PROFILE) $(if $(ONLY),--only $(ONLY)) $(ARGS)
