"""The SQL store (SQLite default, PostgreSQL server)."""

from eventledger.store.db import DEFAULT_URL, Store, StoreError, resolve_url

__all__ = ["DEFAULT_URL", "Store", "StoreError", "resolve_url"]
