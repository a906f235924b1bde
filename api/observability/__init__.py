"""Operations: structured logs, Prometheus metrics and graceful shutdown of the chat streams."""
