# syntax=docker/dockerfile:1
# The backend image: the app only (no torch, no vLLM: tests/unit/test_deploy.py checks the lock),
# installed with uv from the committed lock, run as a non-root user.
# The public image by default; `make stack-test` passes a base built from Debian packages
# (scripts/stack/images.py) where no registry is reachable.
ARG BASE_IMAGE=python:3.11-slim-bookworm
FROM ${BASE_IMAGE}

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_NO_CACHE=1

RUN pip install --no-cache-dir "uv==0.13.9" \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first (a layer that changes only with the lock), then the code.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
# What the API imports and reads at run time; test_deploy starts the API from exactly this set.
COPY config ./config
COPY agents ./agents
COPY graph ./graph
COPY api ./api
COPY serving/__init__.py serving/vllm_server.py ./serving/
COPY serving/data/medical_expert/system_prompt.txt ./serving/data/medical_expert/
RUN uv sync --frozen --no-dev

USER 10001
EXPOSE 8080
# uvicorn ends open streams cleanly on SIGTERM (docs/deploy.md, "Graceful shutdown").
STOPSIGNAL SIGTERM
CMD ["/app/.venv/bin/python", "-m", "api"]
