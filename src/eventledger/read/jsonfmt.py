"""JSON inputs: whole documents or JSON lines, routed by their shape to the reader of that format."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from eventledger.read import nostr, scraped, telegram, threads
from eventledger.records import Document, Quarantined

Result = Iterator[Document | Quarantined]


def read_json(text: str, *, data: bytes, path: str, not_json: Callable[[], Result] | None = None) -> Result:
    """`not_json` reads the text some other way when it does not parse (a .txt that opens with "[")."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and _parses(lines[0]):
            yield from _json_lines(text, path=path)
        elif not_json is not None:
            yield from not_json()
        else:
            yield Quarantined(path, f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}")
        return
    yield from _whole(obj, data=data, path=path)


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _whole(obj: Any, *, data: bytes, path: str) -> Result:
    if telegram.is_export(obj):
        yield from telegram.read_export(obj, path=path)
    elif telegram.is_account_export(obj):
        for chat in obj["chats"]["list"]:
            if telegram.is_export(chat):
                yield from telegram.read_export(chat, path=path)
    elif threads.is_lemmy(obj) or threads.is_reddit(obj):
        build = threads.lemmy_thread if threads.is_lemmy(obj) else threads.reddit_thread
        doc = build(obj, data=data, path=path)
        yield Quarantined(path, doc) if isinstance(doc, str) else doc
    elif isinstance(obj, list) and not nostr.is_event(nostr.unwrap(obj)):
        if not obj:
            yield Quarantined(path, "JSON array holds no items")
        for n, item in enumerate(obj, 1):
            yield from _item(item, path=path, where=f"item {n}")
    else:
        yield from _item(obj, path=path, where="the JSON")


def _json_lines(text: str, *, path: str) -> Result:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Quarantined(path, f"line {n}: malformed JSON: {e.msg} at column {e.colno}")
            continue
        yield from _item(obj, path=path, where=f"line {n}")


def _item(obj: Any, *, path: str, where: str) -> Result:
    """One item of a container: a Nostr event (or relay message) or a scraped article."""
    obj = nostr.unwrap(obj)
    if nostr.is_event(obj):
        doc = nostr.note_document(obj, path=path)
        if doc is not None:  # other kinds (profiles, reactions, ...) are not posts
            yield doc
    elif scraped.is_item(obj):
        doc = scraped.article(obj, path=path)
        yield Quarantined(path, f"{where}: {doc}") if isinstance(doc, str) else doc
    else:
        yield Quarantined(path, f"{where}: unrecognised JSON ({_shape(obj)}); expected a Telegram export, "
                                "Reddit or Lemmy thread, Nostr events or scraper lines {url, title, text}")


def _shape(obj: Any) -> str:
    if isinstance(obj, dict):
        keys = sorted(map(str, obj))
        return "object with keys " + ", ".join(keys[:8]) + (", ..." if len(keys) > 8 else "")
    return f"a {type(obj).__name__}"
