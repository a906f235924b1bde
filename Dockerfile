# The backend image: the app only (no torch, no vLLM), installed from the lock, run as non-root.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv && useradd --create-home --uid 10001 app
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY config ./config
COPY agents ./agents
COPY graph ./graph
COPY api ./api
COPY serving/__init__.py serving/vllm_server.py ./serving/
COPY serving/data/medical_expert/system_prompt.txt ./serving/data/medical_expert/
RUN uv sync --frozen --no-dev && mkdir -p /data && chown app /data
USER app
EXPOSE 8080
CMD [".venv/bin/python", "-m", "api"]
