"""CORS for chat UIs served from another origin (agent-chat-ui, a team's own page).

Off unless `TG_CORS_ORIGINS` names origins: nothing changes for a deployment that does not ask.
A page of a listed origin may send the headers LangGraph clients send (the key as
`Authorization` or `X-Api-Key`, JSON bodies) and read the headers they read: `Content-Location`
names a run (the SDKs' `onRunCreated`), `Retry-After` says when to try again, `X-Request-ID`
is what a user quotes. The key is a header, never a cookie, so no credentials mode is needed.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from api.request_id import HEADER as REQUEST_ID
from config.settings import Settings

ALLOWED_HEADERS = ("Authorization", "X-Api-Key", "Content-Type", REQUEST_ID)
EXPOSED_HEADERS = ("Content-Location", "Retry-After", REQUEST_ID)
PREFLIGHT_CACHE_S = 600


def install_cors(app: FastAPI, settings: Settings) -> None:
    """Add CORSMiddleware as the outermost layer, so refusals (401, 413, 429) reach the page
    as readable errors rather than opaque network failures."""
    if not settings.api.cors_origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.api.cors_origins,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=list(ALLOWED_HEADERS),
        expose_headers=list(EXPOSED_HEADERS),
        allow_credentials=False,
        max_age=PREFLIGHT_CACHE_S,
    )
