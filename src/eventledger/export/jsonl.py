"""DESIGN.md export shapes, one dict per record, straight from the store."""

from __future__ import annotations

from collections.abc import Iterator

from eventledger.store import Store

WHAT = ("documents", "reports", "statements", "events")


def records(store: Store, what: str) -> Iterator[dict]:
    if what == "documents":
        yield from (d.to_dict() for d in store.documents())
    elif what == "reports":
        yield from store.reports()
    elif what == "statements":
        yield from store.statements()
    elif what == "events":
        yield from store.events()
    else:
        raise ValueError(f"unknown export '{what}': choose one of {', '.join(WHAT)}")
