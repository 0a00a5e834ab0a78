"""Post headers, bylines and outlet prefixes of pages that carry one or more posts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventledger.clean.dates import find_dates
from eventledger.clean.lines import Line, words
from eventledger.records import DateValue

# What may stand around the date on a date line: "27th March, 2024 · admin", "Posted on March 3, 2024 by Jo".
_LEAD = re.compile(r"(?:posted|published|updated)?\s*(?:on)?\s*[:|·•—–-]?\s*", re.I)
_SEP = re.compile(r"^\s*(?:[·•|,—–-]|by\b|posted by\b)\s*", re.I)
BYLINE = re.compile(
    r"[Bb]y\s+(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|el|bin|and|&)){0,5})\s*(?:[,|·•]\s*(?P<outlet>[^,|·•]{2,60}))?(?:\s*[,|·•]\s*[^,|·•]{1,40})*",
    re.U,
)
_OUTLET_PREFIX = re.compile(
    r"(?P<outlet>[A-Z0-9][\w.&'’/-]*(?:\s+[A-Z0-9(][\w.&'’/()-]*){0,4})\s*(?::|\s[-–—])\s+(?=\S)"
)
_PAREN = re.compile(r"\s*\([^)]*\)$")
# "By Irina Valko, Northgate Post — A Moscow court ...": a byline run into the first line of the text
_BYLINE_PREFIX = re.compile(
    r"[Bb]y\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*,\s*(?P<outlet>[^,:—–]{2,60}?)\s+[—–-]\s+(?=\S)"
)
# "© 2024 Conflict Desk Digest. All rights reserved.", "Copyright (c) 2024 Gulf Ledger": the page's publisher
_COPYRIGHT = re.compile(
    r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\.?\s*)?"
    r"(?P<name>[A-Z][^.,|©]{1,60}?)\s*(?:[.,|]|$)",
    re.I,
)


@dataclass(slots=True)
class DateLine:
    date: DateValue
    author: str | None


@dataclass(slots=True)
class Byline:
    author: str | None
    source: str | None
    date: DateValue | None
    lines: list[Line]


def date_line(line: Line) -> DateLine | None:
    """A line that is a date, with at most a short author name or label beside it."""
    if line.blank or line.bullet or len(line.text) > 90:
        return None
    found = find_dates(line.text)
    if not found:
        return None
    s, e, dv = found[0]
    if _LEAD.fullmatch(line.text[:s]) is None:
        return None
    rest = line.text[e:]
    m = _SEP.match(rest)
    author = rest[m.end() :].strip() if m else rest.strip()
    if author and (not m or words(author) > 5):
        return None
    return DateLine(dv, author or None)


def title_like(line: Line) -> bool:
    t = line.text
    if line.blank or line.bullet or len(t) > 220 or words(t) > 30 or BYLINE.fullmatch(t):
        return False
    return not (t.endswith(".") and words(t) > 15)


def byline(lines: list[Line], k: int) -> Byline | None:
    """A byline block starting at lines[k]: "By Name", then up to three date or outlet lines."""
    m = BYLINE.fullmatch(lines[k].text)
    if not m:
        return None
    outlet = (m["outlet"] or "").strip()
    # "By Ana Ruiz · Eastern Review · 27 March 2024": the outlet, not the date or the reading time after it
    outlet = outlet if outlet_like(outlet) and not re.search(r"\d", outlet) else ""
    got = Byline(m["name"].strip(), outlet or None, None, [lines[k]])
    gap = 0
    for ln in lines[k + 1 :]:
        if ln.blank:
            gap += 1
            if gap > 1:
                break
            continue
        dl = date_line(ln)
        if dl and got.date is None and dl.author is None:
            got.date = dl.date
        elif outlet_like(ln.text) and got.source is None:
            got.source = ln.text
        else:
            break
        got.lines.append(ln)
        gap = 0
        if len(got.lines) == 4:
            break
    return got


def outlet_like(t: str) -> bool:
    """A short proper name such as "VOA News" or "Radio Free Europe/Radio Liberty"."""
    if not t or words(t) > 6 or t[-1] in '.!?:;,"”’' or not t[0].isupper():
        return False
    caps = [w for w in re.split(r"[\s/]+", t) if w]
    return sum(w[0].isupper() or w[0].isdigit() for w in caps) >= max(1, len(caps) - 1)


def outlet_prefix(text: str, not_outlets: frozenset[str]) -> tuple[int, str] | None:
    """("Tolo News: The United ...") -> (length of the prefix, "Tolo News")."""
    m = _OUTLET_PREFIX.match(text)
    if not m:
        return None
    name = _PAREN.sub("", m["outlet"]).strip()
    if name.lower() in not_outlets or not name:
        return None
    if re.fullmatch(r"[A-Z][A-Z'’-]{3,}(?:\s+[A-Z][A-Z'’-]{3,})*", name):
        return None  # a dateline place ("PESHAWAR: ..."); outlets in capitals are short (BBC, AFP, RFE/RL)
    rest = text[m.end() :].strip()
    if len(rest.split()) <= 15 and not re.search(r"[.!?\"”’]$", rest):
        return None  # a headline with a topic ("Crocus City Hall: 137 dead ..."), not an outlet's post
    return m.end(), name


def byline_prefix(text: str) -> tuple[int, str, str] | None:
    """("By Irina Valko, Northgate Post — A Moscow ...") -> (length of the prefix, "Irina Valko", "Northgate Post")."""
    m = _BYLINE_PREFIX.match(text)
    if not m or not outlet_like(m["outlet"].strip()) or re.search(r"\d", m["outlet"]):
        return None
    return m.end(), m["name"].strip(), m["outlet"].strip()


def copyright_holder(text: str) -> str | None:
    """The publisher a copyright line names ("© Afghan Online Press"), or None (a company form such as "Inc." is
    cut by the first full stop: "RFE/RL, Inc." is RFE/RL)."""
    m = _COPYRIGHT.match(text.strip())
    if not m:
        return None
    name = m["name"].strip()
    return name if outlet_like(name) else None
