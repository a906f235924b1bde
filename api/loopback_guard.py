"""Dev mode answers only pages and tools on this machine, never a page elsewhere in the browser.

Dev mode trusts loopback clients, but a web page on any site can make the user's browser send
requests to 127.0.0.1 (DNS rebinding: attacker.example resolves to 127.0.0.1, so the browser
treats the API as the attacker's origin and lets the page read the replies). The client address
cannot tell those apart; the `Host` and `Origin` headers can. So in dev mode every request must
name a loopback host (`localhost`, `127.0.0.1`, `[::1]`, on the port the server is bound to, or
none), and a request that carries an `Origin` must come from such a host too. Anything else
gets 403 in the one error shape.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_response

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})


def split_host(value: str) -> tuple[str, int | None] | None:
    """`name[:port]` → (lower-case name, port or None); None when it does not parse."""
    try:
        parts = urlsplit(f"//{value}")
        port = parts.port
    except ValueError:
        return None
    name = (parts.hostname or "").lower()
    if ":" in name:  # urlsplit drops the brackets of an IPv6 literal
        name = f"[{name}]"
    return name, port


def loopback_host(value: str, bound_port: int | None, *, default_port: int | None) -> bool:
    parsed = split_host(value)
    if parsed is None:
        return False
    name, port = parsed
    if name not in LOOPBACK_NAMES:
        return False
    return bound_port is None or (port or default_port) in (None, bound_port)


def loopback_origin(origin: str, bound_port: int | None) -> bool:
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.path or parts.query:
        return False
    default = 443 if parts.scheme == "https" else 80
    return loopback_host(parts.netloc, bound_port, default_port=default)


class LoopbackOnlyMiddleware:
    """403 for any request whose Host or Origin is not this machine (installed in dev mode)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        server = scope.get("server")
        bound_port = server[1] if server and len(server) > 1 else None
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")
        origin = headers.get(b"origin")
        # A Host without a port passes (a proxy's `$host` drops it): DNS rebinding changes the
        # name, which must be loopback; a page on another local port shows in its Origin.
        host_ok = loopback_host(host, bound_port, default_port=None)
        origin_ok = origin is None or loopback_origin(origin.decode("latin-1"), bound_port)
        if host_ok and origin_ok:
            await self.app(scope, receive, send)
            return
        which = "Host" if not host_ok else "Origin"
        response = error_response(
            403,
            "forbidden",
            f"dev mode answers only this machine: the {which} header must be localhost, "
            "127.0.0.1 or [::1] on the API's port",
        )
        await response(scope, receive, send)
