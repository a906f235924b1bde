"""Serve the API alone, against whatever OpenAI-compatible server settings point to."""

from __future__ import annotations

import logging

import uvicorn

from api.app import create_app
from config.settings import Settings


def main() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings()
    uvicorn.run(create_app(settings), host=settings.api_host, port=settings.api_port)


if __name__ == "__main__":
    main()
