"""Kept text as document spans: cut what is dropped, merge what touches, build Segments from them."""

from __future__ import annotations

from eventledger.ids import make_id
from eventledger.records import Piece, Segment

Span = tuple[int, int]


def merge(text: str, spans: list[Span]) -> list[Span]:
    """Join spans separated only by whitespace so that a piece keeps its own line breaks."""
    out: list[Span] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and not text[out[-1][1] : s].strip() and s >= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def cut(spans: list[Span], start: int, end: int) -> list[Span]:
    out: list[Span] = []
    for s, e in spans:
        if e <= start or s >= end:
            out.append((s, e))
            continue
        if s < start:
            out.append((s, start))
        if e > end:
            out.append((end, e))
    return out


def strip_span(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def build(doc_id: str, text: str, spans: list[Span], *, kind: str, index: int = 0) -> Segment:
    """A Segment whose pieces are the spans (merge them first); pieces are joined with a blank line."""
    spans = [strip_span(text, s, e) for s, e in spans]
    spans = [x for x in spans if x[1] > x[0]]
    parts, pieces, pos = [], [], 0
    for s, e in spans:
        if parts:
            pos += 2
        pieces.append(Piece(pos, s, e - s))
        parts.append(text[s:e])
        pos += e - s
    first = spans[0][0] if spans else 0
    return Segment(
        id=make_id("seg", doc_id, kind, first),
        document=doc_id,
        index=index,
        kind=kind,
        text="\n\n".join(parts),
        pieces=pieces,
    )
