"""The SQL store (SQLite default, PostgreSQL server)."""

from eventledger.store.db import DEFAULT_URL, Store, StoreError, resolve_url
from eventledger.store.events import SORT_CHOICES, EventFilter, StoredEvent

__all__ = ["DEFAULT_URL", "SORT_CHOICES", "EventFilter", "Store", "StoreError", "StoredEvent", "resolve_url"]
