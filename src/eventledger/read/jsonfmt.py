"""JSON inputs: whole documents or JSON lines, routed by their shape to the reader of that format."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from eventledger.read import nostr, scraped, telegram, threads
from eventledger.read.common import BadItem
from eventledger.records import Document, Quarantined

Result = Iterator[Document | Quarantined]
# Deeper than any real export (a Reddit comment chain adds 5 levels a reply, so 39 replies fit) and well
# inside Python's recursion limit, which the parser and json.dumps both count against.
MAX_DEPTH = 200


class JSONError(ValueError):
    """JSON that cannot be read, with a one-line reason."""


def parse(text: str) -> Any:
    """json.loads, with every way it fails (syntax, depth, overlong numbers) as one JSONError."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise JSONError(f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}") from e
    except RecursionError:
        raise JSONError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as e:  # Python refuses to read integers of more than 4,300 digits
        raise JSONError(f"JSON number too long: {str(e).split(';')[0]}") from None
    if _deeper_than(obj, MAX_DEPTH):
        raise JSONError(f"JSON nested deeper than {MAX_DEPTH} levels")
    return obj


def _deeper_than(obj: Any, limit: int) -> bool:
    stack = [(obj, 1)]
    while stack:
        o, depth = stack.pop()
        if depth > limit:
            return True
        values = o.values() if isinstance(o, dict) else o if isinstance(o, list) else ()
        stack.extend((v, depth + 1) for v in values if isinstance(v, (dict, list)))
    return False


def read_json(text: str, *, data: bytes, path: str, not_json: Callable[[], Result] | None = None) -> Result:
    """`not_json` reads the text some other way when it does not parse (a .txt that opens with "[")."""
    try:
        obj = parse(text)
    except JSONError as e:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and _parses(lines[0]):
            yield from _json_lines(text, path=path)
        elif not_json is not None:
            yield from not_json()
        else:
            yield Quarantined(path, str(e))
        return
    yield from _whole(obj, data=data, path=path)


def _parses(line: str) -> bool:
    try:
        parse(line)
    except JSONError:
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
        lemmy = threads.is_lemmy(obj)
        build = threads.lemmy_thread if lemmy else threads.reddit_thread
        try:
            doc = build(obj, data=data, path=path)
        except BadItem as e:
            doc = f"{'Lemmy' if lemmy else 'Reddit'} thread: {e}"
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
            obj = parse(line)
        except JSONError as e:
            yield Quarantined(path, f"line {n}: {str(e).replace(' at line 1 column', ' at column')}")
            continue
        yield from _item(obj, path=path, where=f"line {n}")


def _item(obj: Any, *, path: str, where: str) -> Result:
    """One item of a container: a Nostr event (or relay message) or a scraped article."""
    obj = nostr.unwrap(obj)
    try:
        if nostr.is_event(obj):
            doc = nostr.note_document(obj, path=path)
            if doc is not None:  # other kinds (profiles, reactions, ...) are not posts
                yield doc
            return
        if scraped.is_item(obj):
            doc = scraped.article(obj, path=path)
            yield Quarantined(path, f"{where}: {doc}") if isinstance(doc, str) else doc
            return
    except BadItem as e:
        yield Quarantined(path, f"{where}: {e}")
        return
    yield Quarantined(
        path,
        f"{where}: unrecognised JSON ({_shape(obj)}); expected a Telegram export, "
        "Reddit or Lemmy thread, Nostr events or scraper lines {url, title, text}",
    )


def _shape(obj: Any) -> str:
    if isinstance(obj, dict):
        keys = sorted(map(str, obj))
        return "object with keys " + ", ".join(k[:40] for k in keys[:8]) + (", ..." if len(keys) > 8 else "")
    return f"a {type(obj).__name__}"
