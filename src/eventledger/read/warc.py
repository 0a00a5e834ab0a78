"""WARC and ARC archives: each complete HTML response (status 200) becomes a page document."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from eventledger.read.common import parse_date
from eventledger.read.decode import normalise_codec
from eventledger.read.html import html_document
from eventledger.records import Document, Quarantined

HTML_TYPES = ("text/html", "application/xhtml+xml")
STATUS = re.compile(r"[1-5]\d\d")


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return normalise_codec(value)
    return None


def read_warc(data: bytes, *, path: str) -> Iterator[Document | Quarantined]:
    from warcio.archiveiterator import ArchiveIterator

    count = pages = 0
    records = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    records.INC_RECORD = ""  # warcio writes this warning to stderr; err_count below makes it a quarantine
    held: Document | None = None  # a page is let go only once the next record shows its length was right
    try:
        for record in records:
            if records.err_count:
                yield Quarantined(
                    path,
                    f"WARC record {count}: its Content-Length does not match the record; "
                    "the page in it is cut or runs into the next record",
                )
                records.err_count, held = 0, None
            if held is not None:
                yield held
                held = None
            count += 1
            if not record.rec_type:
                yield Quarantined(path, f"malformed WARC: record {count} has no WARC-Type; the rest was not read")
                return
            if record.rec_type != "response" or record.http_headers is None:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            status = record.http_headers.get_statuscode() or ""
            if not STATUS.fullmatch(status):
                yield Quarantined(
                    path, f"WARC record {count} ({uri}): malformed HTTP status line {record.http_headers.statusline!r}"
                )
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if status != "200" or not ctype.lower().startswith(HTML_TYPES):
                continue
            payload = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0):  # bytes still owed: the record was cut off
                yield Quarantined(
                    path, f"truncated WARC: record {count} ends early; {count - 1} records read before it"
                )
                return
            pages += 1
            try:
                fetched = parse_date(record.rec_headers.get_header("WARC-Date")).value
                doc = html_document(payload, path=path, url=uri, charset=_charset(ctype), fetched=fetched)
            except Exception as e:  # one page the extractor cannot take; the other records are read
                doc = f"{type(e).__name__}: {e}"
            if isinstance(doc, str):
                yield Quarantined(path, f"WARC record {count} ({uri}): {doc}")
                continue
            doc.meta.update(format="warc", warc_record_id=record.rec_headers.get_header("WARC-Record-ID"))
            held = doc
    except Exception as e:  # warcio raises many types on bad input; each becomes a quarantine, never a crash
        if held is not None and not records.err_count:
            yield held  # its record ended where it said; the fault is in what follows
        yield Quarantined(path, f"malformed WARC after {count} records: {type(e).__name__}: {e}")
        return
    if records.err_count:
        yield Quarantined(path, f"WARC record {count}: its Content-Length does not match the record")
    elif held is not None:
        yield held
    if count == 0:
        yield Quarantined(path, "malformed WARC: no records could be read")
    elif pages == 0:
        yield Quarantined(path, f"WARC holds no HTML responses with status 200 ({count} records)")
