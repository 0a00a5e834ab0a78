"""Response headers that keep scraped text inert (on every response, errors and 500s included), request
body limits, and the bearer token that guards writes."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

log = logging.getLogger("eventledger.serve")
MAX_BODY = 4 * 2**20  # a request body other than an upload (corrections are a few hundred bytes)

# No inline script or style anywhere: scripts come from /static only, so injected markup cannot run.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

bearer = HTTPBearer(auto_error=False, description="Operator token (EVENTLEDGER_TOKEN) for write endpoints.")


async def add_headers(request: Request, call_next):
    try:
        response = await call_next(request)
    except Exception:
        # Starlette's last-resort 500 is sent outside this middleware, without the headers: answer here
        log.exception("error on %s %s", request.method, request.url.path)
        response = JSONResponse({"detail": "internal server error"}, status_code=500)
    for k, v in HEADERS.items():
        response.headers.setdefault(k, v)
    return response


class BodyLimit:
    """ASGI middleware: a request whose body is over its path's limit gets 413, whether it says its length
    (refused before reading) or not (refused once the bytes read pass the limit)."""

    def __init__(self, app, limit_for: Callable[[str], int]):
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope.get("path") or "")
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await _too_large(send, limit)
        seen = 0
        started = answered = False

        async def counted():
            nonlocal seen, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body") or b"")
                if seen > limit:
                    # answer 413 now (routes that parse the body would turn an exception into 400) and
                    # tell the app the client left; whatever it sends after is dropped
                    if not started:
                        await _too_large(send, limit)
                    answered = True
                    return {"type": "http.disconnect"}
            return message

        async def watched(message):
            nonlocal started
            if answered:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not answered:
                raise


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"detail": f"request body larger than {limit // 2**20} MiB"}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def check_token(configured: str | None, credentials: HTTPAuthorizationCredentials | None) -> None:
    """401 without a token, 403 with a wrong one or when the operator configured none."""
    if credentials is None:
        raise HTTPException(
            401,
            "this endpoint writes to the store: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not configured:
        raise HTTPException(403, "writes are disabled: start the server with EVENTLEDGER_TOKEN set to enable them")
    if not hmac.compare_digest(credentials.credentials.encode(), configured.encode()):
        raise HTTPException(403, "token not accepted")
