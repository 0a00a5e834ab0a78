"""Explicit calendar dates in headers and bylines ("27th March, 2024", "March 27, 2024", "2024-03-27")."""

from __future__ import annotations

import re
from datetime import date

from eventledger.knowledge.calendar import MONTHS
from eventledger.records import DateValue

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
PATTERNS = [
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(_WEEKDAY + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b" + _YEAR + r"-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
]
# a date in figures, month first as US pages print their stamps ("Created: 08/26/2015 5:11 AM", "Posted 01/31/15");
# only on request: in a header or a post a run of figures is as often a score, a count or a code
NUMERIC = re.compile(
    r"(?<![\w/.-])(?P<mnum>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d|\d\d)(?![\w/-]|\.\d)"
)


def find_dates(text: str, *, numeric: bool = False) -> list[tuple[int, int, DateValue]]:
    """Every explicit day-precision date in `text`, as (start, end, DateValue); with `numeric`, dates in figures
    ("08/26/2015") too."""
    out = []
    for pat in PATTERNS + [NUMERIC] * numeric:
        for m in pat.finditer(text):
            dv = _value(m)
            if dv and not any(s < m.end() and m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), dv))
    return sorted(out, key=lambda t: t[0])


def parse_date(text: str) -> DateValue | None:
    found = find_dates(text)
    return found[0][2] if found else None


def _value(m: re.Match) -> DateValue | None:
    g = m.groupdict()
    month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["mon"].lower()]
    year = int(g["year"]) if len(g["year"]) == 4 else 2000 + int(g["year"])  # "01/31/15": this century's news
    try:
        d = date(year, month, int(g["day"]))
    except ValueError:
        return None  # "31 February": not a date, leave the text alone
    return DateValue(d.isoformat(), "day", m.group(0))
