"""The read stage's boundary: every Document is checked before it leaves, so the store never sees a bad value."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from eventledger.read.common import json_type
from eventledger.records import PRECISIONS, DateValue, Document, Segment

# Field lengths no real title, name or address reaches; longer ones are a reader or input fault.
SHORT_FIELD_CHARS = 10_000
META_BYTES = 1_000_000
INT64 = 2**63
ISO_FORMS = {  # precision -> the shape of its value
    "year": re.compile(r"\d{4}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "second": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"),
}
# JSON's escape of NUL, and not an escaped backslash followed by "u0000"
NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
SHORT_FIELDS = ("source", "url", "title", "fetched", "language", "author")


class Invalid(ValueError):
    pass


def check_document(doc: Document, *, max_bytes: int) -> str | None:
    """Why this document may not leave the read stage, or None when every value is of its type and bounds."""
    try:
        _check(doc, max_bytes=max_bytes)
    except Invalid as e:
        return str(e)
    return None


def _check(doc: Document, *, max_bytes: int) -> None:
    for name in ("id", "path", "kind"):
        _text(getattr(doc, name), name, limit=SHORT_FIELD_CHARS, empty=False)
    if not isinstance(doc.content, bytes):
        raise Invalid(f"content is {type(doc.content).__name__}, expected bytes")
    if len(doc.content) > max_bytes:
        raise Invalid(f"content is {len(doc.content)} bytes, over the {max_bytes}-byte limit")
    _text(doc.text, "text", limit=max_bytes, empty=False)
    for name in SHORT_FIELDS:
        _optional_text(getattr(doc, name), name)
    _date(doc.published, "published")
    _meta(doc.meta, "meta")
    for seg in doc.segments:
        _segment(seg, doc)


def _segment(seg: Segment, doc: Document) -> None:
    where = f"segment {seg.index}"
    _text(seg.text, f"{where} text", limit=len(doc.text), empty=True)
    for name in ("title", "author", "source", "language"):
        _optional_text(getattr(seg, name), f"{where} {name}")
    for name in ("score", "depth"):
        _optional_int(getattr(seg, name), f"{where} {name}")
    _date(seg.date, f"{where} date")
    _meta(seg.meta, f"{where} meta")
    for p in seg.pieces:  # records.py's offset contract: a piece is a verbatim slice of the document text
        if doc.text[p.doc_start : p.doc_start + p.length] != seg.text[p.seg_start : p.seg_start + p.length]:
            raise Invalid(f"{where} does not match the document text at offset {p.doc_start}")


def _text(value: Any, name: str, *, limit: int, empty: bool) -> None:
    if not isinstance(value, str):
        raise Invalid(f"{name} is {json_type(value)}, expected text")
    if not value and not empty:
        raise Invalid(f"{name} is empty")
    if len(value) > limit:
        raise Invalid(f"{name} is {len(value)} characters, over the limit of {limit}")
    if "\x00" in value:  # PostgreSQL text cannot hold NUL
        raise Invalid(f"{name} holds a NUL character at {value.index(chr(0))}: binary data in a text field")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:  # a lone surrogate, e.g. from a JSON escape "\ud800"
        raise Invalid(
            f"{name} holds a lone surrogate (U+{ord(value[e.start]):04X}) at {e.start}; "
            "the text was cut inside a character pair"
        ) from None


def _optional_text(value: Any, name: str) -> None:
    if value is not None:
        _text(value, name, limit=SHORT_FIELD_CHARS, empty=True)


def _optional_int(value: Any, name: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{name} is {json_type(value)}, expected a whole number")
    if not -INT64 <= value < INT64:
        raise Invalid(f"{name} is {value}, outside the 64-bit range a store column holds")


def _date(value: Any, name: str) -> None:
    if not isinstance(value, DateValue):
        raise Invalid(f"{name} is {type(value).__name__}, expected a DateValue")
    if value.text is not None:
        _text(value.text, f"{name} text", limit=SHORT_FIELD_CHARS, empty=True)
    if value.value is None:
        if value.precision not in (None, "unresolved"):
            raise Invalid(f"{name} has precision {value.precision!r} but no value")
        return
    form = ISO_FORMS.get(value.precision or "")
    if (
        value.precision not in PRECISIONS
        or form is None
        or not isinstance(value.value, str)
        or not form.fullmatch(value.value)
    ):
        raise Invalid(f"{name} {value.value!r} is not an ISO date of precision {value.precision!r}")
    try:
        datetime.fromisoformat(value.value if value.precision in ("day", "second") else (value.value + "-01-01")[:10])
    except ValueError:
        raise Invalid(f"{name} {value.value!r} is not a real date") from None


def _meta(value: Any, name: str) -> None:
    if not isinstance(value, dict):
        raise Invalid(f"{name} is {json_type(value)}, expected an object")
    try:
        data = json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError) as e:  # UnicodeEncodeError is a ValueError
        raise Invalid(f"{name} cannot be stored as JSON: {type(e).__name__}: {e}") from None
    if len(data) > META_BYTES:
        raise Invalid(f"{name} is {len(data)} bytes as JSON, over the limit of {META_BYTES}")
    if NUL_ESCAPE.search(data):
        raise Invalid(f"{name} holds a NUL character, which PostgreSQL JSON cannot store")
