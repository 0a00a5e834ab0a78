"""Rendered comment threads: "• Name" then "-196 months ago" (score and age run together)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from eventledger.clean.lines import Line

AGE_LINE = re.compile(
    r"(?P<num>[-−+]?\d+)\s*(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)\s+ago"
    r"(?:\s*[·•|]\s*(?:edited|reply))?",
    re.I,
)
# The largest age a site shows in a unit before it switches to the next one.
MAX_AGE = {"s": 59, "m": 59, "h": 23, "d": 31, "w": 5, "mo": 11, "y": 40}
BADGE = re.compile(r"[\s\u2600-\u27bf\ufe0f\U0001f000-\U0001faff]+$")  # emoji badges after a name


@dataclass(slots=True)
class Header:
    line: Line  # the author line
    age_line: Line
    author: str
    badge: str | None
    digits: str  # the number as rendered, sign included
    unit: str
    score: int | None = None
    age: str | None = None
    depth: int = 1


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u.startswith("mo"):
        return "mo"
    if u.startswith("mi"):
        return "m"
    return u[0]


def _splits(digits: str, unit: str) -> list[tuple[int | None, int]]:
    """Every (score, age) reading of run-together digits whose age is plausible for its unit."""
    sign = "-" if digits[0] in "-−" else ""
    body = digits.lstrip("-−+")
    out = []
    for k in range(1, len(body) + 1):
        age_s, score_s = body[-k:], body[:-k]
        if len(age_s) > 1 and age_s[0] == "0":
            continue
        age = int(age_s)
        if not 1 <= age <= MAX_AGE[_unit_key(unit)]:
            continue
        if not score_s:
            if sign:
                continue  # "-6 months ago" is no age; the sign belongs to a score
            out.append((None, age))
        else:
            out.append((int(sign + score_s), age))
    return out


def find_headers(lines: list[Line]) -> list[Header]:
    """Comment headers: a short bullet (or name) line followed by an age line."""
    heads = []
    nonblank = [ln for ln in lines if not ln.blank]
    for a, b in zip(nonblank, nonblank[1:]):
        m = AGE_LINE.fullmatch(b.text)
        if not m or not a.bullet or len(a.item) > 80:
            continue
        name = a.item
        badge = BADGE.search(name)
        author = name[: badge.start()] if badge and badge.start() > 0 else name
        heads.append(Header(a, b, author.strip(), name[len(author) :].strip() or None, m["num"], m["unit"]))
    _resolve_scores(heads)
    _depths(heads)
    return heads


def _resolve_scores(heads: list[Header]) -> None:
    """Choose each header's age so that the thread's headers agree on it (the most common reading)."""
    options = [_splits(h.digits, h.unit) for h in heads]
    votes = Counter((a, _unit_key(h.unit)) for h, opts in zip(heads, options) for a in {age for _, age in opts})
    for h, opts in zip(heads, options):
        if not opts:
            h.score, h.age = None, f"{h.digits} {h.unit} ago"
            continue
        score, age = max(opts, key=lambda o: (votes[(o[1], _unit_key(h.unit))], -len(str(o[1]))))
        h.score, h.age = score, f"{age} {h.unit} ago"


def _depths(heads: list[Header]) -> None:
    levels = sorted({h.line.indent for h in heads})
    for h in heads:
        h.depth = levels.index(h.line.indent) + 1
