"""Telegram Desktop channel exports (result.json): one document per message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventledger.read.common import (Part, canonical_bytes, clean_part, from_timestamp, parse_date,
                                     structured_document)
from eventledger.records import Document

LINK_TYPES = ("link", "text_link")


def is_export(obj: Any) -> bool:
    if not isinstance(obj, dict):
        return False
    return isinstance(obj.get("messages"), list) and ("name" in obj or "type" in obj)


def is_account_export(obj: Any) -> bool:
    """A whole-account export holds many chats under chats.list."""
    chats = obj.get("chats") if isinstance(obj, dict) else None
    return isinstance(chats, dict) and isinstance(chats.get("list"), list)


def _runs(msg: dict) -> list:
    """The message's text as runs: `text` may be a string or a list of strings and entity objects."""
    text = msg.get("text")
    if isinstance(text, str):
        return [text] if text else list(msg.get("text_entities") or [])
    return list(text or msg.get("text_entities") or [])


def flatten(msg: dict) -> tuple[str, list[str]]:
    """Plain text and the links it carries."""
    parts, links = [], []
    for run in _runs(msg):
        if isinstance(run, str):
            parts.append(run)
        elif isinstance(run, dict):
            parts.append(str(run.get("text", "")))
            if run.get("href"):
                links.append(run["href"])
            elif run.get("type") in LINK_TYPES and run.get("text"):
                links.append(run["text"])
    return clean_part("".join(parts)), list(dict.fromkeys(links))


def read_export(export: dict, *, path: str) -> Iterator[Document]:
    channel = clean_part(str(export.get("name") or "")) or None
    for msg in export["messages"]:
        if not isinstance(msg, dict) or msg.get("type") != "message":
            continue
        text, links = flatten(msg)
        if not text:
            continue
        # date_unixtime is UTC; `date` is the exporting computer's local time, used only when alone
        unix = msg.get("date_unixtime")
        date = from_timestamp(unix) if unix else parse_date(msg.get("date"))
        meta = {"format": "telegram", "channel_id": export.get("id"), "message_id": msg.get("id"),
                "forwarded_from": msg.get("forwarded_from"), "reply_to": msg.get("reply_to_message_id"),
                "links": links}
        author = msg.get("from") or msg.get("author") or channel
        part = Part(kind="message", text=text, date=date, author=author,
                    meta={"message_id": msg.get("id")})
        item = {"channel": export.get("id"), "channel_name": channel, "message": msg}
        yield structured_document([part], item_bytes=canonical_bytes(item), path=path, kind="channel-message",
                                  source=channel, published=date, author=author, meta=meta)
