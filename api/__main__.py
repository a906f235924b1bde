"""Serve the API alone, against whatever OpenAI-compatible server settings point to."""

from __future__ import annotations

from api.app import create_app
from api.server import serve
from config.settings import Settings


def main() -> None:
    settings = Settings()
    serve(create_app(settings), settings)


if __name__ == "__main__":
    main()
