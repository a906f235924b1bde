"""Scripts that run inside vLLM's virtualenv (torch, transformers, matplotlib), as subprocesses.

The app venv has no torch; these read a JSON plan and write a JSON result, nothing more.
"""
