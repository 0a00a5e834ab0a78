"""Paragraphs repeated inside one document: the first copy stays, later copies are dropped."""

from __future__ import annotations

import re

from eventledger.clean.spans import Span
from eventledger.records import Dropped

MIN_CHARS = 30  # shorter lines ("Share", "Reply") repeat legitimately
_WS = re.compile(r"\W+")


def _key(s: str) -> str:
    return _WS.sub(" ", s.lower()).strip()


def paragraphs(text: str, spans: list[Span]) -> list[Span]:
    """Split spans at line breaks: a paragraph here is one non-blank line."""
    out = []
    for s, e in spans:
        pos = s
        for part in text[s:e].split("\n"):
            a, b = pos, pos + len(part)
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                out.append((a + lead, a + lead + len(stripped)))
            pos = b + 1
    return out


def drop_repeats(text: str, groups: list[list[Span]]) -> tuple[list[list[Span]], list[Dropped]]:
    """Remove later copies of paragraphs across the groups (the segments of one document), in document order."""
    seen: set[str] = set()
    order = sorted((s, gi) for gi, g in enumerate(groups) for s in paragraphs(text, g))
    kept: list[list[Span]] = [[] for _ in groups]
    dropped: list[Dropped] = []
    for (s, e), gi in order:
        k = _key(text[s:e])
        if len(k) >= MIN_CHARS and k in seen:
            dropped.append(Dropped("repeat", "paragraph repeated earlier in the document", e - s, s, e, text[s:e][:80]))
            continue
        seen.add(k)
        kept[gi].append((s, e))
    return kept, dropped
