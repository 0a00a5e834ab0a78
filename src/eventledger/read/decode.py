"""Bytes to text: BOM, declared charset, UTF-8, then detection (ties go to the commoner codepage)."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# charset-normalizer often scores cp1250 and cp1252 the same on French or Spanish text; on the web the
# commoner codepage is the better bet, so ties go to the earlier entry here.
COMMON = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1256", "gb18030", "shift_jis",
          "euc_kr", "big5", "cp1250", "iso8859_2", "cp1253", "cp1254", "cp1255", "cp1257", "cp1258")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: a page that says latin-1 or ascii means windows-1252.
ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "us_ascii": "cp1252"}


def normalise_codec(name: str | None) -> str | None:
    """Python codec name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None
    return ALIASES.get(codec, codec)


def html_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:4096])
    return normalise_codec(m.group(1).decode("ascii", "replace")) if m else None


def detect(data: bytes) -> str | None:
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = matches[0]
    ties = [m for m in matches
            if abs(m.chaos - best.chaos) < 0.01 and abs(m.coherence - best.coherence) < 0.01]

    def rank(m) -> int:
        codec = normalise_codec(m.encoding) or m.encoding
        return COMMON.index(codec) if codec in COMMON else len(COMMON)

    return min(ties, key=rank).encoding


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decoded text and the codec used; never raises (undecodable bytes become U+FFFD, last resort only)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    declared = normalise_codec(declared)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration is wrong; fall through to what the bytes say
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    codec = detect(data) or declared or "cp1252"
    return data.decode(codec, errors="replace"), codec


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
