"""Which format a file holds, judged from its first bytes (the extension only breaks ties)."""

from __future__ import annotations

import re

GZIP = b"\x1f\x8b"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # local file header; empty archive
# Formats we cannot read, named so the quarantine reason says what the file was.
MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"\x00\x00\x00", "binary data"),
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CONTROL = bytes(set(range(32)) - {9, 10, 12, 13, 27})
FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.I)
HTML_MARK = re.compile(r"<!doctype\s+html|<(?:html|head|body|title|meta|p|div|article)\b", re.I)
XML_DECL = re.compile(r"^<\?xml[^>]*\?>\s*", re.I)
JSON_EXT = (".json", ".jsonl", ".ndjson", ".jsonlines")


def container(data: bytes) -> str | None:
    if data.startswith(GZIP):
        return "gzip"
    if data.startswith(ZIP):
        return "zip"
    return None


def binary_kind(data: bytes) -> str | None:
    """What non-text thing this is, or None for text."""
    if data.startswith(UTF16_BOMS):
        return None
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    if data[257:262] == b"ustar":
        return "tar archive; unpack it first"
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(head.count(bytes([c])) for c in CONTROL)
    return "binary data (control bytes)" if controls > len(head) * 0.05 else None


def archive(data: bytes) -> str | None:
    if data.startswith(b"WARC/"):
        return "warc"
    if data.startswith(b"filedesc://"):
        return "arc"
    return None


def text_format(head: str, path: str) -> str:
    """'json', 'feed', 'html', 'xml' or 'text' for decoded text (leading whitespace and BOM removed)."""
    lowered = path.lower()
    if head[:1] in "{[":
        return "json"
    if lowered.endswith(JSON_EXT):
        return "json"
    if head.startswith("<"):
        body = XML_DECL.sub("", head[:4096])
        if FEED_ROOT.search(body[:2048]):
            return "feed"
        if HTML_MARK.search(body) or lowered.endswith((".html", ".htm", ".xhtml")):
            return "html"
        if head.startswith("<?xml"):
            return "xml"
    return "text"
