"""Content-derived ids: the same input always gets the same id, in any order, on any worker."""

from __future__ import annotations

import hashlib


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes):
            h.update(p)
        else:
            h.update(str(p).encode("utf-8"))
        h.update(b"\x1f")  # unit separator, so ("ab", "c") and ("a", "bc") differ
    return h.hexdigest()


def make_id(prefix: str, *parts: object, length: int = 16) -> str:
    """`prefix` names the concept (doc, seg, men, rep, sta, evt, src)."""
    return f"{prefix}_{digest(*parts)[:length]}"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
