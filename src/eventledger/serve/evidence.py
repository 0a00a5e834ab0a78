"""A quoted span shown inside its sentence: the reader sees exactly which words carry the value."""

from __future__ import annotations

import re

_SENT_END = re.compile(r"[.!?](?=\s)|\n")
MAX_SIDE = 300


def _bounds(text: str, start: int, end: int) -> tuple[int, int, bool, bool]:
    lo = max(0, start - MAX_SIDE)
    cut = [mt.end() for mt in _SENT_END.finditer(text, lo, start)]
    s0 = cut[-1] if cut else lo
    if end > start and text[end - 1] in ".!?\n":
        return s0, end, not cut and lo > 0, False  # the span already ends its sentence
    hi = min(len(text), end + MAX_SIDE)
    mt = _SENT_END.search(text, end, hi)
    e0 = mt.end() if mt else hi
    return s0, e0, not cut and lo > 0, not mt and hi < len(text)


def in_context(text: str, start: int | None, end: int | None, *, quoted: str | None = None) -> dict | None:
    """{before, mark, after, ok}; `ok` is False when the offsets do not give back the quoted text."""
    if start is None or end is None or not text or not (0 <= start <= end <= len(text)):
        return {"before": "", "mark": quoted or "", "after": "", "ok": False} if quoted else None
    s0, e0, cut_left, cut_right = _bounds(text, start, end)
    return {
        "before": ("…" if cut_left else "") + text[s0:start].lstrip(),
        "mark": text[start:end],
        "after": text[end:e0].rstrip() + ("…" if cut_right else ""),
        "ok": quoted is None or text[start:end] == quoted,
    }


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence around a span (briefings are built only from quoted sentences)."""
    s0, e0, _, _ = _bounds(text, start, end)
    while s0 < e0 and text[s0].isspace():
        s0 += 1
    while e0 > s0 and text[e0 - 1].isspace():
        e0 -= 1
    return s0, e0
