"""What every reader shares: ids, dates with precision, and documents built from text parts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from eventledger.ids import content_hash, make_id
from eventledger.read.decode import normalise_newlines
from eventledger.records import DateValue, Document, Piece, Segment

ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
SEP = "\n\n"


def doc_id(item_bytes: bytes) -> str:
    return make_id("doc", content_hash(item_bytes))


def canonical_bytes(obj: Any) -> bytes:
    """Stable bytes for one item of a container file, so re-reading gives the same id."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def from_timestamp(ts: float | int | str | None) -> DateValue:
    try:
        dt = datetime.fromtimestamp(float(ts), tz=timezone.utc)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return DateValue()
    return DateValue(dt.replace(tzinfo=None).isoformat(timespec="seconds"), "second")


def _second(dt: datetime) -> DateValue:
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return DateValue(dt.isoformat(timespec="seconds"), "second")


def parse_date(value: Any) -> DateValue:
    """A date as a source writes it -> ISO value + precision; unparseable -> 'unresolved' with the text."""
    if value is None or value == "":
        return DateValue()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_timestamp(value)
    s = str(value).strip()
    m = ISO_PARTIAL.match(s)
    if m:
        y, mo, d = m.groups()
        if d:
            return DateValue(f"{y}-{mo}-{d}", "day")
        return DateValue(f"{y}-{mo}", "month") if mo else DateValue(y, "year")
    try:
        return _second(datetime.fromisoformat(s.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _second(parsedate_to_datetime(s))
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(s)


def _dateparser(s: str) -> DateValue:
    from dateparser.date import DateDataParser

    data = DateDataParser(settings={"RETURN_AS_TIMEZONE_AWARE": True}).get_date_data(s)
    dt = data.date_obj
    if dt is None:
        return DateValue(None, "unresolved", s)
    if HAS_TIME.search(s):
        return _second(dt)
    if data.period == "year":
        return DateValue(f"{dt.year:04d}", "year")
    if data.period == "month":
        return DateValue(f"{dt.year:04d}-{dt.month:02d}", "month")
    return DateValue(dt.date().isoformat(), "day")


def clean_part(text: str | None) -> str:
    return normalise_newlines(text or "").strip()


@dataclass
class Part:
    """One item of a structured document (post, comment, message) before it is placed in the text."""

    kind: str
    text: str
    title: str | None = None
    date: DateValue = field(default_factory=DateValue)
    author: str | None = None
    score: int | None = None
    depth: int | None = None
    parent: int | None = None  # index of the part this one replies to
    meta: dict[str, Any] = field(default_factory=dict)


def assemble(parts: list[Part], *, doc: str) -> tuple[str, list[Segment]]:
    """Join parts with blank lines into the document text; each part is one segment over its slice."""
    chunks: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for part in parts:
        if chunks:
            pos += len(SEP)
        chunks.append(part.text)
        index = len(segments)
        segments.append(Segment(
            id=make_id("seg", doc, index, part.kind, part.text), document=doc, index=index, kind=part.kind,
            text=part.text, pieces=[Piece(0, pos, len(part.text))], title=part.title, date=part.date,
            author=part.author, score=part.score, depth=part.depth, meta=dict(part.meta)))
        pos += len(part.text)
    for part, seg in zip(parts, segments):
        if part.parent is not None:
            seg.parent = segments[part.parent].id
    return SEP.join(chunks), segments


def structured_document(parts: list[Part], *, item_bytes: bytes, path: str, kind: str,
                        **fields: Any) -> Document:
    """A document whose reader already knows its segments (posts, messages, threads, feed items)."""
    did = doc_id(item_bytes)
    text, segments = assemble(parts, doc=did)
    meta = {"segmented": True, **fields.pop("meta", {})}
    return Document(id=did, path=path, kind=kind, content=item_bytes, text=text, segments=segments, meta=meta,
                    **fields)
