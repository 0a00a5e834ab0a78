"""The read stage: paths in, Documents or Quarantined out; containers opened, formats sniffed."""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventledger.read import sniff
from eventledger.read.common import doc_id
from eventledger.read.decode import decode, normalise_newlines
from eventledger.read.feeds import read_feed
from eventledger.read.html import html_document
from eventledger.read.jsonfmt import read_json
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
    line = " ".join(reason.split())
    return line if len(line) <= 300 else line[:297] + "..."


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
        name = str(path)
        try:
            size = path.stat().st_size
            if size > self.max_bytes:  # judged before reading, so a huge file costs nothing
                yield Quarantined(name, self._too_large(size))
                return
            data = path.read_bytes()
        except OSError as e:
            yield Quarantined(name, _one_line(f"cannot read: {e.strerror or e}"))
            return
        yield from self.read_bytes(data, path=name)

    def read_bytes(self, data: bytes, *, path: str) -> Result:
        for rec in self._read(data, path=path, depth=0):
            if isinstance(rec, Quarantined):
                rec.reason = _one_line(rec.reason)
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
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError,
                    OSError) as e:
                yield Quarantined(inner, f"unreadable zip entry: {type(e).__name__}: {e}")
                continue
            yield from self._read(member, path=inner, depth=depth + 1)
        if len(infos) > self.max_archive_entries:
            extra = len(infos) - self.max_archive_entries
            yield Quarantined(path, f"zip has {len(infos)} files; {extra} beyond the limit of "
                                    f"{self.max_archive_entries} entries were not read")


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
    text, _ = decode(data)
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
    yield Document(id=doc_id(data), path=path, kind="page", content=data,
                   text=normalise_newlines(text.lstrip("\ufeff")), meta={"format": "text"})
