"""RSS and Atom feeds: one document per item, title and plain-text body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventledger.read.common import BadItem, Part, canonical_bytes, clean_part, parse_date, structured_document
from eventledger.read.markup import html_to_text
from eventledger.records import Document, Quarantined

CLOSED = re.compile(rb"</(?:rss|feed|rdf:RDF)\s*>", re.I)
TAIL = 4096  # generators often append a comment after the root element; look a little further back


def _body(entry) -> str:
    """The fullest text the item offers: its content when longer than the summary."""
    options = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    options.append(entry.get("summary", ""))
    return max((html_to_text(o) for o in options if isinstance(o, str)), key=len, default="")


def read_feed(data: bytes, *, path: str) -> Iterator[Document | Quarantined]:
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as e:  # feedparser trips on some bad declarations (a non-UTF-8 byte in encoding="...")
        yield Quarantined(path, f"malformed feed XML: feedparser failed: {type(e).__name__}: {e}")
        return
    entries = list(parsed.entries)
    if parsed.bozo and not entries:
        yield Quarantined(path, f"malformed feed XML: {parsed.get('bozo_exception')}")
        return
    truncated = not CLOSED.search(data[-TAIL:])
    if truncated and entries:
        entries = entries[:-1]  # the last item may be cut off; nothing partial goes on
    source = clean_part(parsed.feed.get("title")) or None
    for n, entry in enumerate(entries):
        try:
            doc = _item(entry, n, source=source, path=path)
        except BadItem as e:
            yield Quarantined(path, f"feed item {n + 1}: {e}")
            continue
        if doc is not None:
            yield doc
    if truncated:
        yield Quarantined(
            path, f"truncated feed XML: the root element never closes; {len(entries)} complete items kept"
        )


def _item(entry, n: int, *, source: str | None, path: str) -> Document | None:
    title = clean_part(html_to_text(entry.get("title", "")))
    body = _body(entry)
    if not title and not body:
        return None
    text = f"{title}\n\n{body}" if title and body else title or body
    raw_date = entry.get("published") or entry.get("updated")
    item = {
        "feed": source,
        "id": entry.get("id"),
        "link": entry.get("link"),
        "title": title,
        "body": body,
        "date": raw_date,
    }
    date = parse_date(raw_date)
    part = Part(
        kind="article" if body else "headline",
        text=text,
        title=title or None,
        date=date,
        author=entry.get("author") or None,
    )
    return structured_document(
        [part],
        item_bytes=canonical_bytes(item),
        path=path,
        kind="feed-item",
        source=source,
        url=entry.get("link"),
        title=title or None,
        published=date,
        author=part.author,
        meta={"format": "feed", "item": n, "guid": entry.get("id")},
    )
