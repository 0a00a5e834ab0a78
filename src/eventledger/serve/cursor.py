"""Opaque cursors: the last row's sort key, base64url-encoded, checked on the way back in."""

from __future__ import annotations

import base64
import binascii
import json


class BadCursor(ValueError):
    pass


def encode(sort: str, key: list) -> str:
    raw = json.dumps([sort, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, sort: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as e:
        raise BadCursor("cursor is not one this server gave out; start again without it") from e
    if not isinstance(data, list) or len(data) < 2 or data[0] != sort:
        raise BadCursor("cursor belongs to another listing or sort order; start again without it")
    return data[1:]
