"""Nostr NIP-01 events: kind-1 text notes become posts; other kinds are not posts and are skipped."""

from __future__ import annotations

import re
from typing import Any

from eventledger.read.common import (
    BadItem,
    Part,
    canonical_bytes,
    from_timestamp,
    list_field,
    structured_document,
    text_field,
)
from eventledger.records import Document

EVENT_KEYS = {"id", "pubkey", "created_at", "kind", "tags", "content"}
URL = re.compile(r"https?://[^\s<>\"']+")
TEXT_NOTE = 1


def is_event(obj: Any) -> bool:
    return isinstance(obj, dict) and EVENT_KEYS <= obj.keys()


def unwrap(obj: Any) -> Any:
    """A relay message ["EVENT", subscription, event] -> the event."""
    if isinstance(obj, list) and len(obj) == 3 and obj[0] == "EVENT" and is_event(obj[2]):
        return obj[2]
    return obj


def _tag_values(tags: list, name: str) -> list[str]:
    return [t[1] for t in tags if isinstance(t, list) and len(t) > 1 and t[0] == name and isinstance(t[1], str)]


def note_document(event: dict, *, path: str) -> Document | None:
    if event.get("kind") != TEXT_NOTE:
        return None
    text = text_field(event, "content")
    if not text:
        return None
    pubkey = text_field(event, "pubkey")
    if not pubkey:
        raise BadItem("Nostr note without a pubkey")
    tags = list_field(event, "tags")
    links = list(dict.fromkeys(_tag_values(tags, "r") + [u.rstrip(".,;:!?)]") for u in URL.findall(text)]))
    date = from_timestamp(event.get("created_at"))
    meta = {
        "format": "nostr",
        "event_id": event.get("id"),
        "pubkey": pubkey,
        "hashtags": list(dict.fromkeys(_tag_values(tags, "t"))),
        "links": links,
        "replies_to": _tag_values(tags, "e"),
        "mentions": _tag_values(tags, "p"),
    }
    part = Part(kind="post", text=text, date=date, author=pubkey)
    return structured_document(
        [part],
        item_bytes=canonical_bytes(event),
        path=path,
        kind="post",
        source=f"nostr:{pubkey[:12]}",
        published=date,
        author=pubkey,
        meta=meta,
    )
