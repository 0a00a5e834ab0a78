"""The text as lines with their document offsets, and spans of kept text."""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = re.compile(r"[ \t]*([•●▪◦·*]|-(?!-))[ \t]+(?=\S)")


@dataclass(slots=True)
class Line:
    i: int
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    indent: int
    text: str  # stripped
    bullet: bool
    item_start: int  # where the item text starts after its bullet

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def item(self) -> str:
        return self.text[self.item_start - self.start :] if self.bullet else self.text


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        raw = text[pos:stop]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        s = pos + lead
        m = BULLET.match(raw)
        out.append(
            Line(
                len(out),
                s,
                s + len(stripped),
                len(raw[:lead].expandtabs(4)),
                stripped,
                bool(m),
                pos + m.end() if m else s,
            )
        )
        if nl < 0:
            break
        pos = nl + 1
    return out


def words(s: str) -> int:
    return len(s.split())
