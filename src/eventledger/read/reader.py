"""The read stage: paths in, Documents or Quarantined out; containers opened, formats sniffed."""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventledger.read import sniff
from eventledger.read.common import doc_id, printable
from eventledger.read.decode import declared_charset, decode, normalise_newlines
from eventledger.read.feeds import read_feed
from eventledger.read.html import html_document
from eventledger.read.jsonfmt import read_json
from eventledger.read.validate import check_document
from eventledger.read.warc import read_warc
from eventledger.records import Document, Quarantined

Result = Iterator[Document | Quarantined]
MB = 2**20


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; directories walked in sorted order so every run sees the same sequence."""
    for p in map(Path, paths):
        if not p.is_dir():
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs.sort()
            for name in sorted(files):
                yield Path(root) / name


def _size(n: int, *, exact: bool = False) -> str:
    if n < MB:
        return f"{n} bytes"
    return f"{n / MB:g} MB" if exact else f"{n / MB:.1f} MB"


def _one_line(reason: str) -> str:
    line = printable(" ".join(reason.split()))
    return line if len(line) <= 300 else line[:297] + "..."


class Refused(Exception):
    """An input the reader will not open or read, with the reason."""


KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def _regular(st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in KINDS if test(st.st_mode)), "not a regular file")
        raise Refused(f"not read: {kind}; only regular files are read")


def _read_at_most(f, n: int) -> bytes:
    """Up to n bytes: read() may return less than asked before the end of a file."""
    chunks, got = [], 0
    while got < n:
        chunk = f.read(min(n - got, 4 * MB))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def display_path(path: str | Path) -> str:
    """The path as text that any store and terminal can take: undecodable name bytes shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _locator(doc: Document) -> str:
    """Which item of its file a document was, for a reason about it."""
    meta = doc.meta if isinstance(doc.meta, dict) else {}
    if meta.get("format") == "feed" and isinstance(meta.get("item"), int):
        return f"feed item {meta['item'] + 1}: "  # counted from 0 in meta
    for key, label in (
        ("message_id", "message"),
        ("event_id", "event"),
        ("warc_record_id", "record"),
        ("post_id", "post"),
    ):
        if isinstance(meta.get(key), (str, int)) and not isinstance(meta.get(key), bool):
            return f"{label} {str(meta[key])[:80]}: "
    return ""


class Reader:
    name = "read"

    def __init__(self, *, max_bytes: int = 64 * MB, max_archive_entries: int = 20000, max_depth: int = 3):
        if max_bytes <= 0 or max_archive_entries <= 0:
            raise ValueError("Reader limits must be positive (max_bytes, max_archive_entries)")
        self.max_bytes = max_bytes
        self.max_archive_entries = max_archive_entries
        self.max_depth = max_depth  # archives inside archives

    def run(self, records: Iterable[str | Path], *, rank: int = 0, world_size: int = 1) -> Result:
        for i, path in enumerate(iter_inputs(records)):
            if i % world_size == rank:
                yield from self.read_path(path)

    def read_path(self, path: Path) -> Result:
        name = display_path(path)
        try:
            data = self._read_file(path)
        except Refused as e:
            yield Quarantined(name, str(e))
            return
        except OSError as e:
            yield Quarantined(name, _one_line(f"cannot read: {e.strerror or e}"))
            return
        yield from self.read_bytes(data, path=name)

    def _read_file(self, path: Path) -> bytes:
        """The bytes of a regular file, at most the limit; FIFOs and devices are refused without reading."""
        _regular(os.stat(path))  # before opening: opening some devices already does something
        # O_NONBLOCK: a FIFO swapped in after the stat cannot block the open; fstat sees what was opened
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb", buffering=0) as f:
            st = os.fstat(fd)
            _regular(st)
            if st.st_size > self.max_bytes:  # judged before reading, so a huge file costs nothing
                raise Refused(self._too_large(st.st_size))
            data = _read_at_most(f, self.max_bytes + 1)
        if len(data) > self.max_bytes:  # it grew, or its size lied: the limit holds on the bytes read
            raise Refused(f"too large: more than {_size(self.max_bytes, exact=True)} read, over the limit")
        return data

    def read_bytes(self, data: bytes, *, path: str) -> Result:
        """Every record passes here: quarantine reasons made one line, documents checked at the boundary."""
        records = self._read(data, path=path, depth=0)
        while True:
            try:
                rec = next(records)
            except StopIteration:
                return
            except Exception as e:  # a reader fault on odd input costs the rest of this file, not the batch
                yield Quarantined(
                    path, _one_line(f"reader failed: {type(e).__name__}: {e}; the rest of this file was not read")
                )
                return
            if isinstance(rec, Document):
                why = check_document(rec, max_bytes=self.max_bytes)
                if why:
                    rec = Quarantined(
                        rec.path if isinstance(rec.path, str) else path, f"{_locator(rec)}invalid document: {why}"
                    )
            if isinstance(rec, Quarantined):
                rec.reason = _one_line(rec.reason)
                rec.path = rec.path.encode("utf-8", "backslashreplace").decode("utf-8")
            yield rec

    def _too_large(self, size: int, what: str = "") -> str:
        return f"too large{what}: {_size(size)} > {_size(self.max_bytes, exact=True)} limit"

    def _read(self, data: bytes, *, path: str, depth: int) -> Result:
        if len(data) > self.max_bytes:
            yield Quarantined(path, self._too_large(len(data)))
            return
        kind = sniff.container(data)
        if kind and depth >= self.max_depth:
            yield Quarantined(path, f"{kind} nested deeper than {self.max_depth} archives")
        elif kind == "gzip":
            yield from self._gzip(data, path=path, depth=depth)
        elif kind == "zip":
            yield from self._zip(data, path=path, depth=depth)
        else:
            yield from read_content(data, path=path)

    def _gzip(self, data: bytes, *, path: str, depth: int) -> Result:
        out, error = gunzip(data, limit=self.max_bytes)
        if error is None:
            yield from self._read(out, path=path, depth=depth + 1)
            return
        if error == "too large":
            yield Quarantined(path, self._too_large(len(out), " after decompression"))
            return
        if sniff.archive(out):
            # A cut WARC keeps the records that arrived whole; the rest is quarantined once.
            docs = [r for r in read_warc(out, path=path) if isinstance(r, Document)]
            yield from docs
            yield Quarantined(path, f"{error}; {len(docs)} documents read before it")
            return
        yield Quarantined(path, error)

    def _zip(self, data: bytes, *, path: str, depth: int) -> Result:
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
            yield Quarantined(path, f"malformed zip: {e}")
            return
        if not infos:
            yield Quarantined(path, "zip archive holds no files")
        for info in infos[: self.max_archive_entries]:
            inner = f"{path}!{info.filename}"
            if info.file_size > self.max_bytes:
                yield Quarantined(inner, self._too_large(info.file_size))
                continue
            try:
                with zf.open(info) as f:
                    member = f.read(self.max_bytes + 1)
            except Exception as e:  # zipfile, zlib, bz2 and lzma each raise their own; one entry, one reason
                yield Quarantined(inner, f"unreadable zip entry: {type(e).__name__}: {e}")
                continue
            yield from self._read(member, path=inner, depth=depth + 1)
        if len(infos) > self.max_archive_entries:
            extra = len(infos) - self.max_archive_entries
            yield Quarantined(
                path,
                f"zip has {len(infos)} files; {extra} beyond the limit of "
                f"{self.max_archive_entries} entries were not read",
            )


def gunzip(data: bytes, *, limit: int) -> tuple[bytes, str | None]:
    """Decompressed bytes (all members) and None, or what came out before the error and the error."""
    out = bytearray()
    d = zlib.decompressobj(wbits=31)
    buf = data
    try:
        while True:
            out += d.decompress(buf, limit + 1 - len(out))
            if len(out) > limit:
                return bytes(out), "too large"
            buf = d.unconsumed_tail
            if d.eof:
                rest = d.unused_data
                if not rest.strip(b"\x00"):
                    return bytes(out), None
                if not rest.startswith(sniff.GZIP):
                    return bytes(out), "corrupt gzip: unexpected bytes after the compressed stream"
                d, buf = zlib.decompressobj(wbits=31), rest
            elif not buf:
                out += d.flush()
                return bytes(out), "truncated gzip: the stream ends before its end marker"
    except zlib.error as e:
        return bytes(out), f"corrupt gzip: {e}"


def read_content(data: bytes, *, path: str) -> Result:
    """One file's bytes (already out of any container) -> records of the format it holds."""
    if not data.strip():
        yield Quarantined(path, "empty file" if not data else "empty file (only whitespace)")
        return
    if sniff.archive(data):
        yield from read_warc(data, path=path)
        return
    what = sniff.binary_kind(data)
    if what:
        yield Quarantined(path, f"binary file ({what}): not a supported format")
        return
    text, codec = decode(data, declared=declared_charset(data))
    if codec is None:
        yield Quarantined(path, "binary or undecodable: not UTF-8, and no known encoding reads it as text")
        return
    head = text.lstrip("\ufeff \t\r\n")
    fmt = sniff.text_format(head, path)
    if fmt == "json":
        fallback = None if path.lower().endswith(sniff.JSON_EXT) else (lambda: _page(data, text, path))
        yield from read_json(text.lstrip("\ufeff"), data=data, path=path, not_json=fallback)
    elif fmt == "feed":
        yield from read_feed(data, path=path)
    elif fmt == "html":
        doc = html_document(data, path=path)
        yield Quarantined(path, doc) if isinstance(doc, str) else doc
    elif fmt == "xml":
        yield Quarantined(path, "XML that is neither a feed (RSS/Atom) nor HTML")
    else:
        yield from _page(data, text, path)


def _page(data: bytes, text: str, path: str) -> Result:
    """A plain-text rendering of a page: the cleaner segments it."""
    if not text.strip("\ufeff \t\r\n\x00"):
        yield Quarantined(path, "empty file (only whitespace)")
        return
    yield Document(
        id=doc_id(data),
        path=path,
        kind="page",
        content=data,
        text=normalise_newlines(text.lstrip("\ufeff")),
        meta={"format": "text"},
    )
