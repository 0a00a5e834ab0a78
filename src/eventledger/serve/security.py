"""Response headers that keep scraped text inert, and the bearer token that guards writes."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

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
    response = await call_next(request)
    for k, v in HEADERS.items():
        response.headers.setdefault(k, v)
    return response


def check_token(configured: str | None, credentials: HTTPAuthorizationCredentials | None) -> None:
    """401 without a token, 403 with a wrong one or when the operator configured none."""
    if credentials is None:
        raise HTTPException(401, "this endpoint writes to the store: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not configured:
        raise HTTPException(403, "writes are disabled: start the server with EVENTLEDGER_TOKEN set to enable them")
    if not hmac.compare_digest(credentials.credentials.encode(), configured.encode()):
        raise HTTPException(403, "token not accepted")
