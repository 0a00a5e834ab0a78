"""What every reader shares: ids, dates with precision, and documents built from text parts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from eventledger.ids import content_hash, make_id
from eventledger.read.decode import normalise_newlines
from eventledger.records import DateValue, Document, Piece, Segment

ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
SEP = "\n\n"
# A date as sources write it is a few words; longer strings are not dates, and dateparser slows down on them.
MAX_DATE_CHARS = 100


# C0 and C1 controls (terminal escapes among them), bidi overrides that reorder what a terminal shows,
# and lone surrogates: shown as escapes wherever a name or reason is printed or stored.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    r"""The text with every control character as an escape (ESC -> \x1b), safe to print or store."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class BadItem(ValueError):
    """An item whose fields lack the types its format promises: it is quarantined alone, with this reason."""


def json_type(value: Any) -> str:
    """How JSON would name the value's type, for reasons a user can match against the file."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else type(value).__name__


def sound_text(value: str, what: str) -> str:
    """The text unchanged, or a BadItem for what JSON escapes can smuggle in and no store can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:  # "\ud800": an escape of half a UTF-16 pair, e.g. an emoji cut in two
        raise BadItem(
            f"{what} holds a lone surrogate (U+{ord(value[e.start]):04X}) at {e.start}; "
            "the text was cut inside a character pair"
        ) from None
    if "\x00" in value:  # "\u0000": PostgreSQL text cannot hold NUL
        raise BadItem(f"{what} holds a NUL character at {value.index(chr(0))}")
    return value


def text_field(obj: dict, key: str) -> str:
    """A text field, cleaned; '' when absent or null, a BadItem when it holds anything but sound text."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadItem(f"'{key}' is {json_type(value)}, expected text")
    return clean_part(sound_text(value, f"'{key}'"))


def optional_text(obj: dict, key: str) -> str | None:
    return text_field(obj, key) or None


def object_field(obj: dict, key: str) -> dict:
    """A nested object; {} when absent or null, a BadItem when it is something else."""
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadItem(f"'{key}' is {json_type(value)}, expected an object")
    return value


def list_field(obj: dict, key: str) -> list:
    value = obj.get(key)
    if value is None or value == "":  # Reddit writes "" for "no replies"
        return []
    if not isinstance(value, list):
        raise BadItem(f"'{key}' is {json_type(value)}, expected an array")
    return value


def int_field(obj: dict, key: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadItem(f"'{key}' is {json_type(value)}, expected a whole number")
    return value


def doc_id(item_bytes: bytes) -> str:
    return make_id("doc", content_hash(item_bytes))


def canonical_bytes(obj: Any) -> bytes:
    """Stable bytes for one item of a container file, so re-reading gives the same id."""
    # surrogatepass: a lone surrogate from a JSON escape must reach validation, which names it, not crash here
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


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
    if len(s) > MAX_DATE_CHARS:
        return DateValue(None, "unresolved", s[:MAX_DATE_CHARS] + "...")
    m = ISO_PARTIAL.match(s)
    if m and _real_date(*m.groups()):
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


def _real_date(year: str, month: str | None, day: str | None) -> bool:
    """2024-13-45 matches the pattern but is no date."""
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


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
        segments.append(
            Segment(
                id=make_id("seg", doc, index, part.kind, part.text),
                document=doc,
                index=index,
                kind=part.kind,
                text=part.text,
                pieces=[Piece(0, pos, len(part.text))],
                title=part.title,
                date=part.date,
                author=part.author,
                score=part.score,
                depth=part.depth,
                meta=dict(part.meta),
            )
        )
        pos += len(part.text)
    for part, seg in zip(parts, segments):
        if part.parent is not None:
            seg.parent = segments[part.parent].id
    return SEP.join(chunks), segments


def structured_document(parts: list[Part], *, item_bytes: bytes, path: str, kind: str, **fields: Any) -> Document:
    """A document whose reader already knows its segments (posts, messages, threads, feed items)."""
    for part in parts:  # ids hash these texts, so they must be sound before anything else is built
        for name in ("text", "title", "author"):
            if isinstance(getattr(part, name), str):
                sound_text(getattr(part, name), f"{part.kind} {name}")
    did = doc_id(item_bytes)
    text, segments = assemble(parts, doc=did)
    meta = {"segmented": True, **fields.pop("meta", {})}
    return Document(id=did, path=path, kind=kind, content=item_bytes, text=text, segments=segments, meta=meta, **fields)


def url_host(url: str | None) -> str | None:
    """The site a URL names, as a source of last resort: "https://www.example.com:80/a" -> "example.com"."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url or "").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host
