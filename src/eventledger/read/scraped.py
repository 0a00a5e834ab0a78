"""JSON lines from the user's own scrapers: {url, title, text, published, source}, one article per line."""

from __future__ import annotations

from typing import Any

from eventledger.read.common import canonical_bytes, doc_id, optional_text, parse_date, text_field, url_host
from eventledger.records import Document

FIELDS = {"url", "title", "text", "published", "source"}


def is_item(obj: Any) -> bool:
    return isinstance(obj, dict) and "text" in obj and bool(obj.keys() & {"url", "title"})


def article(obj: dict, *, path: str) -> Document | str:
    title, body = text_field(obj, "title"), text_field(obj, "text")
    if not title and not body:
        return "scraped item has neither title nor text"
    data = canonical_bytes(obj)
    extra = {k: v for k, v in obj.items() if k not in FIELDS}
    return Document(
        id=doc_id(data),
        path=path,
        kind="article",
        content=data,
        text=f"{title}\n\n{body}" if title and body else title or body,
        source=optional_text(obj, "source") or url_host(optional_text(obj, "url")),
        url=optional_text(obj, "url"),
        title=title or None,
        published=parse_date(obj.get("published")),
        meta={"format": "scraped", **({"extra": extra} if extra else {})},
    )
