"""The analyst workspace: JSON API and HTML pages over a store."""

from __future__ import annotations

from eventledger.serve.app import create_app

__all__ = ["create_app", "serve"]


def serve(*, db: str | None, host: str = "127.0.0.1", port: int = 8000, write_token: str | None = None) -> None:
    """Run the workspace with uvicorn; binds to localhost unless told otherwise."""
    import uvicorn

    from eventledger.store import Store

    app = create_app(Store(db), write_token=write_token)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
