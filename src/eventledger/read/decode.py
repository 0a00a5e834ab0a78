"""Bytes to text: BOM, declared charset, UTF-8, then detection (ties go to the commoner codepage)."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# charset-normalizer often scores cp1250 and cp1252 the same on French or Spanish text; on the web the
# commoner codepage is the better bet, so ties go to the earlier entry here.
COMMON = (
    "utf_8",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1256",
    "gb18030",
    "shift_jis",
    "euc_kr",
    "big5",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1257",
    "cp1258",
)
XML_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Python text codecs no page means by its charset (WHATWG knows none of them; utf-7 allows script tricks).
NOT_CHARSETS = {"idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf_7", "utf_32", "utf_32_le", "utf_32_be"}
# WHATWG: a page that says latin-1 or ascii means windows-1252.
ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "us_ascii": "cp1252"}
# WHATWG: a <meta> that says UTF-16 was found in bytes readable as ASCII, so the page is UTF-8.
META_ALIASES = {"utf_16": "utf_8", "utf_16_le": "utf_8", "utf_16_be": "utf_8"}


def normalise_codec(name: str | None) -> str | None:
    """Python codec name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_")
    except (LookupError, ValueError):  # unknown, or a name with NUL in it
        return None
    if codec in NOT_CHARSETS:
        return None
    try:
        b"x".decode(codec, "ignore")  # rot13, base64, zlib and the like are codecs but not charsets
    except (LookupError, UnicodeError):  # "undefined" is a codec that refuses everything
        return None
    return ALIASES.get(codec, codec)


def html_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:4096])
    codec = normalise_codec(m.group(1).decode("ascii", "replace")) if m else None
    return META_ALIASES.get(codec, codec) if codec else None


def declared_charset(data: bytes) -> str | None:
    """The charset the file names for itself: an HTML <meta> or an XML declaration."""
    m = XML_ENCODING.match(data[:200])
    return html_charset(data) or (normalise_codec(m.group(1).decode("ascii")) if m else None)


def detect(data: bytes) -> str | None:
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = matches[0]
    ties = [m for m in matches if abs(m.chaos - best.chaos) < 0.01 and abs(m.coherence - best.coherence) < 0.01]

    def rank(m) -> int:
        codec = normalise_codec(m.encoding) or m.encoding
        return COMMON.index(codec) if codec in COMMON else len(COMMON)

    return min(ties, key=rank).encoding


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str | None]:
    """Decoded text and the codec used; never raises.

    The codec is None when no encoding reads the bytes as text (not UTF-8, no BOM or working declaration,
    and charset-normalizer finds none); the text is then a cp1252 reading with U+FFFD, for callers that
    want something to show, and the read stage quarantines the input.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    declared = normalise_codec(declared)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeError:
            pass  # the declaration is wrong; fall through to what the bytes say
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    codec = detect(data)
    return data.decode(codec or "cp1252", errors="replace"), codec


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
