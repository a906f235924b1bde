"""Trip Genius's vLLM plugins (loaded by vLLM through the `vllm.general_plugins` entry point)."""
