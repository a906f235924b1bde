"""Bearer API keys: each key belongs to an owner, and an owner sees only its own threads.

Keys come from settings (`TG_API_KEYS`, JSON owner → key) and are compared in constant time.
Dev mode (`TG_DEV_MODE=true`, allowed only when the API binds a loopback address) serves
requests without an `Authorization` header from loopback clients as owner `dev` (and only with
a loopback Host/Origin, api/loopback_guard.py). A request that sends any `Authorization` header
must send a valid `Bearer <key>`: `Basic ...`, a bare `Bearer` or `Token x` get 401, never the
dev owner. `X-Api-Key: <key>` (what LangGraph clients such as agent-chat-ui send) is read the
same way when there is no `Authorization` header. No key may belong to an owner named `dev`,
whose threads key-less callers share. Keys never reach a log line or a response.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import time
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from api.errors import ApiError
from config.settings import Settings

DEV_OWNER = "dev"
bearer = HTTPBearer(auto_error=False, description="An API key from TG_API_KEYS.")
api_key_header = APIKeyHeader(
    name="X-Api-Key", auto_error=False, description="The same key, as LangGraph clients send it."
)


class AuthNotConfiguredError(RuntimeError):
    pass


def check_auth_configured(settings: Settings) -> None:
    """Refuse to start an API that nobody could call, or that anybody could."""
    if not settings.api.keys and not settings.api.dev_mode:
        raise AuthNotConfiguredError(
            'no API keys: set TG_API_KEYS=\'{"<owner>": "<key>"}\', or TG_DEV_MODE=true to '
            "serve key-less requests on a loopback address"
        )
    if DEV_OWNER in settings.api.keys:
        raise AuthNotConfiguredError(
            f"TG_API_KEYS names an owner {DEV_OWNER!r}: that name is dev mode's key-less owner, "
            "so its threads would be shared with every key-less loopback caller; rename it"
        )


class AuthFailureLimiter:
    """Failed key checks per client address (moving window, in memory): past the limit that
    address gets 429 before its key is even compared, so keys cannot be guessed at speed."""

    def __init__(self, per_minute: int) -> None:
        self.item = RateLimitItemPerMinute(per_minute)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def check(self, address: str) -> None:
        if self.limiter.test(self.item, address):
            return
        reset = self.limiter.get_window_stats(self.item, address).reset_time
        raise ApiError(
            429,
            "rate_limited",
            f"more than {self.item.amount} failed authentications per minute from this address",
            headers={"Retry-After": str(max(1, math.ceil(reset - time.time())))},
        )

    def failed(self, address: str) -> None:
        self.limiter.hit(self.item, address)


def owner_for_key(settings: Settings, key: str) -> str | None:
    found = None
    presented = key.encode()
    for owner, secret in settings.api.keys.items():
        # Compare against every key so timing does not tell which owner matched.
        if hmac.compare_digest(presented, secret.get_secret_value().encode()):
            found = owner
    return found


def _is_loopback_client(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


async def require_owner(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    header_key: Annotated[str | None, Depends(api_key_header)],
) -> str:
    settings: Settings = request.app.state.settings
    failures: AuthFailureLimiter = request.app.state.auth_failures
    address = request.client.host if request.client else ""
    if credentials is None and "authorization" in request.headers:
        failures.check(address)
        failures.failed(address)
        raise unauthorized("the Authorization header must be `Bearer <key>`")
    if credentials is None and "x-api-key" in request.headers:
        credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=header_key or "")
    if credentials is None:
        if settings.api.dev_mode and _is_loopback_client(request):
            owner = DEV_OWNER
        else:
            raise unauthorized("an API key is required: Authorization: Bearer <key>")
    else:
        failures.check(address)
        maybe = owner_for_key(settings, credentials.credentials)
        if maybe is None:
            failures.failed(address)
            raise unauthorized("invalid API key")
        owner = maybe
    request.state.owner = owner
    return owner
