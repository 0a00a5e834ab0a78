"""Telegram Desktop channel exports (result.json): one document per message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventledger.read.common import (
    BadItem,
    Part,
    canonical_bytes,
    clean_part,
    from_timestamp,
    json_type,
    list_field,
    optional_text,
    parse_date,
    structured_document,
    text_field,
)
from eventledger.records import Document, Quarantined

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
    if isinstance(text, str) and text:
        return [text]
    if text and not isinstance(text, list):
        raise BadItem(f"'text' is {json_type(text)}, expected text or an array")
    return list(text or list_field(msg, "text_entities"))


def flatten(msg: dict) -> tuple[str, list[str]]:
    """Plain text and the links it carries."""
    parts, links = [], []
    for run in _runs(msg):
        if isinstance(run, str):
            parts.append(run)
        elif isinstance(run, dict):
            text = text_field(run, "text")
            parts.append(text)
            if run.get("href"):
                links.append(text_field(run, "href"))
            elif run.get("type") in LINK_TYPES and text:
                links.append(text)
    return clean_part("".join(parts)), list(dict.fromkeys(links))


def read_export(export: dict, *, path: str) -> Iterator[Document | Quarantined]:
    try:
        channel = optional_text(export, "name")
    except BadItem as e:
        yield Quarantined(path, f"Telegram export: {e}")
        return
    for n, msg in enumerate(export["messages"], 1):
        if not isinstance(msg, dict) or msg.get("type") != "message":
            continue
        try:
            doc = _message(msg, export=export, channel=channel, path=path)
        except BadItem as e:  # one malformed message; the rest of the export is read
            yield Quarantined(path, f"message {_message_id(msg, n)}: {e}")
            continue
        if doc is not None:
            yield doc


def _message_id(msg: dict, n: int) -> str:
    mid = msg.get("id")
    return str(mid)[:40] if isinstance(mid, (int, str)) else f"#{n} in the file"


def _message(msg: dict, *, export: dict, channel: str | None, path: str) -> Document | None:
    text, links = flatten(msg)
    if not text:
        return None
    # date_unixtime is UTC; `date` is the exporting computer's local time, used only when alone
    unix = msg.get("date_unixtime")
    date = from_timestamp(unix) if unix else parse_date(msg.get("date"))
    meta = {
        "format": "telegram",
        "channel_id": export.get("id"),
        "message_id": msg.get("id"),
        "forwarded_from": msg.get("forwarded_from"),
        "reply_to": msg.get("reply_to_message_id"),
        "links": links,
    }
    author = optional_text(msg, "from") or optional_text(msg, "author") or channel
    part = Part(kind="message", text=text, date=date, author=author, meta={"message_id": msg.get("id")})
    item = {"channel": export.get("id"), "channel_name": channel, "message": msg}
    return structured_document(
        [part],
        item_bytes=canonical_bytes(item),
        path=path,
        kind="channel-message",
        source=channel,
        published=date,
        author=author,
        meta=meta,
    )
