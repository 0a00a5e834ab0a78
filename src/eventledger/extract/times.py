"""Dates in text, resolved against the document's publication date (the anchor), with their precision.

A regex layer handles the common forms fast; `resolve_date` falls back to dateparser for the rest.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, timedelta

from eventledger.knowledge.calendar import HOLIDAYS, MONTHS, WEEKDAYS, holiday_date, month_number
from eventledger.records import DateValue

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
UNITS = {
    "second": "s",
    "sec": "s",
    "minute": "min",
    "min": "min",
    "hour": "h",
    "hr": "h",
    "day": "d",
    "week": "w",
    "wk": "w",
    "month": "mo",
    "year": "y",
    "yr": "y",
}

# full month names, or abbreviations with an optional dot ("Sept.", "Feb"); a sentence's full stop stays out
_MON = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\.?)"
)
_WD = r"(?P<wd>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?"
_WD_FULL = r"(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR4 = r"(?P<year>(?:1[89]|20)\d{2})"
_NUM = r"(?P<num>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_UNIT = r"(?P<unit>sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|w(?:ee)?k|month|y(?:ea)?r)s?"

# "Christmas Eve", "New Year's Day", "Fourth of July": a holiday's words, the apostrophe optional
_POSSESSIVES = ("years", "valentines", "mothers", "fathers", "patricks", "presidents", "veterans")


def _holiday_word(w: str) -> str:
    if w in _POSSESSIVES:
        return re.escape(w[:-1]) + r"(?:s(?:'|\u2019)|(?:'|\u2019)?s)"  # "Presidents' Day", "New Year's Day"
    if w in ("jr", "st"):
        return w + r"\.?"  # "Martin Luther King Jr. Day", "St. Patrick's Day"
    return re.escape(w)


_HOLIDAY = "|".join(r"\s+".join(map(_holiday_word, k.split(" "))) for k in sorted(HOLIDAYS, key=len, reverse=True))
# Order matters only for equal spans; overlaps keep the longest match.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(p, re.I))
    for k, p in [
        (
            "iso",
            r"(?<![\d-])(?P<year>\d{4})-(?P<m>[01]\d)-(?P<day>[0-3]\d)(?:[T "
            r"](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?(?![\d])",
        ),
        (
            "mdy",
            rf"(?<!\w)(?:{_WD},?\s+(?:(?:the\s+)?(?:night|morning|evening|afternoon)\s+of\s+|(?:night|morning|evening|afternoon),?\s+)?)?{_MON}\s+{_DAY}(?!\d)(?:\s*[-\u2013]\s*[0-3]?\d(?!\d))?(?:,?\s+{_YEAR4})?(?![\w-])",
        ),
        (
            "dmy",
            rf"(?<!\w)(?:{_WD},?\s+)?(?:the\s+)?{_DAY}(?:\s*[-\u2013]\s*[0-3]?\d(?:st|nd|rd|th)?)?(?:\s+of)?\s+{_MON}(?:,?\s+(?:{_YEAR4}|(?P<yy>\d{{2}})))?(?![\w-])",
        ),
        ("my", rf"(?<!\w)(?:(?P<part>early|mid|late)[\s-]+)?{_MON},?\s+(?:of\s+)?{_YEAR4}(?!\d)"),
        ("mrel", rf"(?<!\w){_MON}\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b"),
        ("mthat", rf"(?<!\w){_MON},?\s+(?:of\s+)?(?:that|the\s+same)\s+year\b"),
        ("mbare", rf"\b(?:in|since|during|until|by|from|through)\s+(?P<core>{_MON})(?![\w-])"),
        ("mlast", rf"(?<!\w)(?P<rel>last|this|next|early|late|mid)[\s-]+{_MON}(?![\w-])"),
        (
            "rel",
            r"(?<!\w)(?P<word>today|yesterday|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|(?:the\s+)?day\s+before\s+yesterday)(?!\w)",
        ),
        (
            "period",
            r"(?<!\w)(?:(?P<earlier>earlier|later)\s+)?(?P<rel>last|this|past|next|previous)\s+(?P<per>week|weekend|month|year)(?!\w)",
        ),
        ("ago", rf"(?<!\w){_NUM}\s+{_UNIT}\s+ago(?!\w)"),
        (
            # a weekday with its month/day in figures after it, "Monday (6/30) evening": the figures tell the day
            "wdnum",
            rf"(?<!\w){_WD_FULL}(?:\s+(?:night|morning|evening|afternoon))?,?\s*\(\s*(?P<m>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)(?:/(?P<yy>\d{{2}}|\d{{4}}))?\s*\)",
        ),
        (
            # a date in figures with its year, "on 6/24/14", "1-24-16", "01/26/2015": month first, as US news and
            # police releases write it, unless the first figure cannot be a month ("24/6/2014")
            "num",
            r"(?<![\w/.-])(?P<a>[0-3]?\d)(?P<sep>[/-])(?P<b>[0-3]?\d)(?P=sep)(?P<yy>(?:19|20)\d{2}|\d{2})(?![\w/-]|\.\d)",
        ),
        (
            "wd",
            rf"(?<!\w)(?:(?P<rel>last|this|next|past)\s+)?{_WD_FULL}(?:\s+(?P<tod>night|morning|evening|afternoon))?(?!\w)",
        ),
        ("holiday", rf"(?<!\w)(?P<hol>{_HOLIDAY})(?!\w)"),
        ("range", rf"(?<![\w-]){_YEAR4}\s*(?:-|–|—|to|and|until|through)\s*(?P<end>(?:1[89]|20)?\d{{2}})(?![\w-])"),
        (
            "year",
            rf"\b(?:in|since|during|by|until|of|from|early|late|mid|year|before|after|around|circa|throughout)\s+(?P<core>{_YEAR4})(?![\w-])",
        ),
    ]
]

CENTURY_PIVOT = 30  # a two-digit year above this is 19xx ("12 jan 90"), else 20xx
_AGO_RE = re.compile(rf"(?<!\w){_NUM}\s*{_UNIT}(?:\s+ago)?(?!\w)", re.I)
_SHORT_AGE_RE = re.compile(r"(?<!\w)(?P<num>\d{1,3})\s*(?P<unit>y|mo|w|d|h|m|s)(?!\w)", re.I)


def _anchor_parts(anchor: DateValue | None) -> tuple[date | None, str | None, datetime | None]:
    """The anchor as (date, precision, datetime-if-known); precision 'day' covers 'second'."""
    if anchor is None or not anchor.value:
        return None, None, None
    v = anchor.value
    try:
        if len(v) >= 10:
            d = date.fromisoformat(v[:10])
            dt = datetime.fromisoformat(v) if len(v) > 10 else None
            return d, "day", dt
        if len(v) == 7:
            return date(int(v[:4]), int(v[5:7]), 1), "month", None
        if len(v) == 4:
            return date(int(v), 1, 1), "year", None
    except ValueError as err:
        raise ValueError(f"anchor {v!r} is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD[THH:MM:SS])") from err
    raise ValueError(f"anchor {v!r} is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD[THH:MM:SS])")


def _day(d: date, text: str) -> DateValue:
    return DateValue(d.isoformat(), "day", text)


def _month(y: int, m: int, text: str) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", "month", text)


def _year(y: int, text: str) -> DateValue:
    return DateValue(f"{y:04d}", "year", text)


def _unresolved(text: str) -> DateValue:
    return DateValue(None, "unresolved", text)


def _add_months(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= monthrange(y, m)[1]


def infer_year(month: int, day: int, weekday: int, *, latest: int) -> int | None:
    """The latest year <= `latest` in which month/day fell on `weekday` (0 = Monday)."""
    for y in range(latest, latest - 40, -1):
        if _valid(y, month, day) and date(y, month, day).weekday() == weekday:
            return y
    return None


def _month_day_year(month: int, day: int, a: date | None) -> int | None:
    """Year for a month/day given without one: the anchor's, or the year before when it would lie ahead."""
    if a is None:
        return None
    y = a.year
    if _valid(y, month, day) and date(y, month, day) > a + timedelta(days=7):
        y -= 1
    return y


def _weekday_date(wd: int, rel: str | None, a: date) -> date:
    back = (a.weekday() - wd) % 7
    if rel == "next":
        return a + timedelta(days=(wd - a.weekday()) % 7 or 7)
    if rel in ("last", "past") and back <= 1:
        back += 7  # yesterday is "yesterday" or its bare weekday: "last Thursday" said on a Friday is a week before
    return a - timedelta(days=back)


def _ago(n: int, unit: str, a: date, prec: str, text: str, adt: datetime | None) -> DateValue:
    u = UNITS.get(unit.lower().rstrip("s"), UNITS.get(unit.lower()))
    if u is None:
        u = {"hr": "h", "wk": "w", "yr": "y"}.get(unit.lower()[:2], unit.lower()[:1])
    if u in ("s", "min", "h"):
        if prec != "day":
            return _unresolved(text)
        secs = {"s": 1, "min": 60, "h": 3600}[u] * n
        if adt is not None:
            return _day((adt - timedelta(seconds=secs)).date(), text)
        return _day(a - timedelta(days=secs // 86400), text)
    if u in ("d", "w"):
        if prec != "day":
            return _unresolved(text)
        return _day(a - timedelta(days=n * (7 if u == "w" else 1)), text)
    if u == "mo":
        if prec not in ("day", "month"):
            return _unresolved(text)
        return _month(*_add_months(a.year, a.month, -n), text)
    return _year(a.year - n, text)


def _num(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else NUMBER_WORDS[s]


# Each date kind of _PATTERNS has a handler: (groups, text, anchor date, anchor precision, anchor datetime)
# -> DateValue, or None when the match is not a date after all (e.g. day 45).
def _iso(g, text, a, prec, adt):
    y, mo, d = int(g["year"]), int(g["m"]), int(g["day"])
    if not _valid(y, mo, d):
        return None
    if g.get("H"):
        value = f"{y:04d}-{mo:02d}-{d:02d}T{g['H']}:{g['M']}:{g.get('S') or '00'}"
        return DateValue(value, "second", text)
    return _day(date(y, mo, d), text)


def _written_year(yy: str) -> int:
    """A year written in four figures, or in two ("'14", "6/24/14") about CENTURY_PIVOT."""
    if len(yy) == 4:
        return int(yy)
    return 1900 + int(yy) if int(yy) > CENTURY_PIVOT else 2000 + int(yy)


def _month_day(g, text, a, prec, adt):
    mo, d = month_number(g["mon"]), int(g["day"])
    if not 1 <= d <= 31:
        return None
    if g.get("year") or g.get("yy"):
        y = int(g["year"]) if g.get("year") else _written_year(g["yy"])
    elif g.get("wd") and (a is None or prec != "day"):
        latest = a.year if a else date.today().year
        y = infer_year(mo, d, WEEKDAYS[g["wd"].lower().rstrip(".")], latest=latest)
    else:
        y = _month_day_year(mo, d, a if prec == "day" else None) if a else None
        if y is None and a is not None:
            y = a.year
    if y is None:
        return _unresolved(text)
    return _day(date(y, mo, d), text) if _valid(y, mo, d) else None


def _month_year(g, text, a, prec, adt):
    return _month(int(g["year"]), month_number(g["mon"]), text)


def _month_of_relative_year(g, text, a, prec, adt):
    if a is None:
        return _unresolved(text)
    y = a.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    return _month(y, month_number(g["mon"]), text)


def _month_of_that_year(g, text, a, prec, adt):
    return _unresolved(text)  # the year told before it in the text: see _that_year


def _month_alone(g, text, a, prec, adt, *, bare: bool = False):
    if a is None:
        return _unresolved(text)
    mo = month_number(g["mon"])
    if bare and len(g["mon"].rstrip(".")) == 3 and g["mon"].lower() in ("mar", "may", "jun", "jan"):
        return None  # a bare three-letter word after "in" is rarely a month
    rel = (g.get("rel") or "").lower()
    y = a.year
    if rel == "last":
        y = a.year - 1 if mo >= a.month else a.year
    elif rel == "next":
        y = a.year + 1 if mo <= a.month else a.year
    elif rel != "this" and mo > a.month:
        y = a.year - 1
    return _month(y, mo, text)


def _bare_month(g, text, a, prec, adt):
    return _month_alone(g, text, a, prec, adt, bare=True)


def _relative_day(g, text, a, prec, adt):
    if a is None or prec != "day":
        return _unresolved(text)
    w = " ".join(g["word"].lower().split())
    back = 2 if "before" in w else (1 if w in ("yesterday", "last night") else 0)
    return _day(a - timedelta(days=back), text)


def _period(g, text, a, prec, adt):
    if a is None:
        return _unresolved(text)
    per, rel = g["per"].lower(), g["rel"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}[rel]
    if per == "year":
        return _year(a.year + step, text)
    if per == "month":
        if prec == "year":
            return _unresolved(text)
        return _month(*_add_months(a.year, a.month, step), text)
    if prec != "day":
        return _unresolved(text)
    start = a + timedelta(days=7 * step - a.weekday())
    end = start + timedelta(days=6)
    if start.month == end.month:
        return _month(start.year, start.month, text)
    return _year(start.year, text) if start.year == end.year else _unresolved(text)


def _ago_match(g, text, a, prec, adt):
    if a is None:
        return _unresolved(text)
    return _ago(_num(g["num"]), g["unit"], a, prec or "year", text, adt)


def _weekday(g, text, a, prec, adt):
    if a is None or prec != "day":
        return _unresolved(text)
    rel = (g.get("rel") or "").lower() or None
    d = _weekday_date(WEEKDAYS[g["wd"].lower()], rel, a)
    if rel is None and (a - d).days == 6:
        # the weekday after the page's own: a week back, or the next day told under a page date a day behind the
        # text (an update, a late edition); news writes "last Tuesday" for the one a week back
        return _unresolved(text)
    return _day(d, text)


def _weekday_numeric(g, text, a, prec, adt):
    mo, d = int(g["m"]), int(g["day"])
    yy = g.get("yy")
    if yy:
        y = _written_year(yy)
    else:
        y = _month_day_year(mo, d, a if prec == "day" else None) if a else None
        if y is None:
            latest = a.year if a else date.today().year
            y = infer_year(mo, d, WEEKDAYS[g["wd"].lower()], latest=latest)
    if y is None or not _valid(y, mo, d):
        return None
    return _day(date(y, mo, d), text)


def _numeric(g, text, a, prec, adt):
    m, d = int(g["a"]), int(g["b"])
    if m > 12:
        m, d = d, m  # "24/6/2014": day first
    y = _written_year(g["yy"])
    return _day(date(y, m, d), text) if _valid(y, m, d) else None


def _year_match(g, text, a, prec, adt):
    return _year(int(g["year"]), text)


def _holiday(g, text, a, prec, adt):
    """The holiday's last occurrence on or before the anchor: news tells what has happened."""
    if a is None or prec != "day":
        return _unresolved(text)
    key = re.sub(r"['\u2019.]", "", " ".join(g["hol"].lower().split()))
    d = holiday_date(key, a.year)
    return _day(d if d <= a else holiday_date(key, a.year - 1), text)


_RESOLVE = {
    "holiday": _holiday,
    "iso": _iso,
    "mdy": _month_day,
    "dmy": _month_day,
    "my": _month_year,
    "mrel": _month_of_relative_year,
    "mthat": _month_of_that_year,
    "mbare": _bare_month,
    "mlast": _month_alone,
    "rel": _relative_day,
    "period": _period,
    "ago": _ago_match,
    "wd": _weekday,
    "wdnum": _weekday_numeric,
    "num": _numeric,
    "range": _year_match,
    "year": _year_match,
}


def _resolve_match(
    kind: str, m: re.Match[str], text: str, a: date | None, prec: str | None, adt: datetime | None
) -> DateValue | None:
    """DateValue for one regex match; None when the match is not a date after all (e.g. day 45)."""
    return _RESOLVE[kind](m.groupdict(), text, a, prec, adt)


def _select(hits: list[tuple[int, int, int, str, re.Match[str]]]) -> list[tuple[int, int, int, str, re.Match[str]]]:
    """Longest non-overlapping matches, leftmost first; pattern order breaks ties."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2]))
    out: list = []
    last_end = -1
    for h in hits:
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
        elif out and h[0] == out[-1][0] and h[1] > out[-1][1]:
            out[-1] = h
            last_end = h[1]
    return out


def find_dates(text: str, *, anchor: DateValue | None) -> list[tuple[int, int, DateValue]]:
    """Date expressions in `text` as (start, end, DateValue); without an anchor, relative ones stay unresolved."""
    a, prec, adt = _anchor_parts(anchor)
    hits = []
    for order, (kind, rx) in enumerate(_PATTERNS):
        for m in rx.finditer(text):
            s, e = m.span("core") if "core" in rx.groupindex else m.span()
            hits.append((s, e, order, kind, m))
    out: list[tuple[int, int, DateValue]] = []
    cased = not text.islower()
    for s, e, _, kind, m in _select(hits):
        if cased and "mon" in m.re.groupindex and m["mon"] == "may":
            continue  # "a shooting of 4 may be gang related": the verb; a cased text writes the month May
        dv = _resolve_match(kind, m, text[s:e], a, prec, adt)
        if kind == "holiday" and _ATTRIBUTIVE.match(text, e):
            continue  # "Christmas wreaths", "before Christmas break": the holiday names a kind of thing, not a day
        if kind == "mthat":
            dv = _that_year(text, s, month_number(m["mon"]), dv)
        elif (
            kind == "wd"
            and not m["rel"]
            and a is not None
            and prec == "day"
            and _FUTURE.search(_clause_before(text, s))
        ):
            dv = _day(a + timedelta(days=(WEEKDAYS[m["wd"].lower()] - a.weekday()) % 7), text[s:e])
        if dv is not None:
            out.append((s, e, dv))
    if a is None:
        out = _weekday_context(text, out)
    else:
        out = _year_from_context(text, out, a)
        out = _weekday_of_date(text, out)
        out = _days_apart(text, out)
        if prec == "day":
            out = _night_into_page_day(text, out, a)
        out = _night_into_small_hours(text, out)
    return out


# a clock time in the small hours right before or after a day: "at about 2:05 a.m. July 16", "Jan. 1 at 3:10 a.m.",
# "just after midnight Sunday"
_SMALL_HOURS = r"(?:(?:12|0?[1-4])(?::\d\d)?\s*a\.?\s?m\b\.?|(?:shortly\s+|just\s+)?after\s+midnight)"
_SMALL_BEFORE = re.compile(_SMALL_HOURS + r"\s*(?:on\s+)?(?:[a-z]+day,?\s+)?$", re.I)
_SMALL_AFTER = re.compile(r",?\s*(?:at\s+)?(?:about\s+|around\s+|approximately\s+)?" + _SMALL_HOURS, re.I)
_NIGHT = re.compile(r"(?:night|\beve)$", re.I)


def _night_into_small_hours(text: str, found: list[tuple[int, int, DateValue]]) -> list[tuple[int, int, DateValue]]:
    """ "opened fire outside a club Saturday night" and "police got the call at 2:05 a.m. July 16", a Sunday: the
    night a story names ran past midnight, and the clock time tells the calendar day, the one a record of the
    shooting keeps (a "New Year's Eve party" shooting at 3:10 a.m. Jan. 1 happened on Jan. 1). Not when the small
    hours are of what followed ("died at 2 a.m. Sunday", "was arrested at 3 a.m.")."""
    small = set()
    for s, e, dv in found:
        if dv.precision not in ("day", "second") or not dv.value:
            continue
        m = _SMALL_BEFORE.search(text, max(0, s - 30), s)
        if m is None and not _SMALL_AFTER.match(text, e):
            continue
        # the clause before the clock time ("a.m." ends no clause): whose small hours they are
        if not _LATER_NEWS.search(_clause_before(text, m.start() if m else s)):
            small.add(dv.value[:10])
    if not small:
        return found
    out = []
    for s, e, dv in found:
        if dv.precision == "day" and dv.value and _NIGHT.search((dv.text or "").strip()):
            after = (date.fromisoformat(dv.value[:10]) + timedelta(days=1)).isoformat()
            if after in small:
                dv = _day(date.fromisoformat(after), dv.text or "")
        out.append((s, e, dv))
    return out


_EARLY_BEFORE = re.compile(r"\bearly\s+(?:on\s+)?$", re.I)
# ... unless the small hours are of what came after the shooting ("was shot last night and died early Saturday")
_LATER_NEWS = re.compile(r"\b(?:died|dies|pronounced|succumbed|arrest\w*|custody|charged|booked|surrendered)\b", re.I)


def _night_into_page_day(
    text: str, found: list[tuple[int, int, DateValue]], a: date
) -> list[tuple[int, int, DateValue]]:
    """ "A cyclist was shot last night ... Early Saturday, officers found him by the bridge" under a page of that
    Saturday: a page that tells the small hours of its own day ("early Saturday", "early this morning") was written
    that morning, and the night it calls "last night" ran past midnight into the page's day, the day the shooting
    is dated; not when those small hours are a death's or an arrest's ("shot last night, died early Saturday").
    Without such words "last night" is the evening before the page. On the GVA training half, of the pages telling
    both, the shooting's day was the page's 4 times, the day before never; a bare "Saturday morning" is no sign,
    often the morning police spoke: there the day before 3 times, the page's once."""
    today = a.isoformat()
    early = any(
        dv.value == today
        and dv.precision == "day"
        and _EARLY_BEFORE.search(text, max(0, s - 12), s)
        and not _LATER_NEWS.search(_clause_before(text, s))
        for s, _, dv in found
    )
    if not early:
        return found
    return [
        (s, e, _day(a, dv.text or "")) if " ".join((dv.text or "").lower().split()) == "last night" else (s, e, dv)
        for s, e, dv in found
    ]


_APART = re.compile(
    rf"(?<!\w)(?:a|one|the|{_NUM})\s+(?P<unit>day|week)s?\s+(?P<dir>after|before|later|earlier)(?P<alone>\s*[,.;])?",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?:]\s|\n")
APART_CHARS = 250  # how far back the day that "a day after" counts from may be named


def _days_apart(text: str, found: list[tuple[int, int, DateValue]]) -> list[tuple[int, int, DateValue]]:
    """ "arrested Thursday, a day after he shot his friend": what follows "a day after" happened the day before
    the day named just before it; "The day before, he had ..." is the day before that day, "a day later" the day
    after. Only counted from a day told in the text, never from the publication date."""
    days = [(e, dv) for _, e, dv in found if dv.precision == "day" and dv.value]
    taken = [(s, e) for s, e, _ in found]
    out = list(found)
    for m in _APART.finditer(text):
        s, e = m.start(), m.end("dir")
        if any(a < e and s < b for a, b in taken):
            continue
        # "arrested Thursday, a day after he shot": the day is named in the same sentence; only "The day before,"
        # standing alone may count from the sentence before it
        prior = [
            dv
            for end, dv in days
            if end <= s and s - end <= APART_CHARS and (m["alone"] or not _SENTENCE_END.search(text, end, s))
        ]
        if not prior:
            continue
        n = _num(m["num"]) if m["num"] else 1
        n *= 7 if m["unit"].lower() == "week" else 1
        way = m["dir"].lower()
        # "a day after he shot": the clause after it is the earlier; "the day after," and "a day later" are later
        later = way == "later" or (way == "after" and m["alone"])
        earlier = way == "earlier" or (way == "before" and m["alone"])
        if not (later or earlier or way == "after"):
            continue  # "a day before his birthday": dates the birthday, not the story
        shift = n if later else -n
        d = date.fromisoformat(prior[-1].value[:10]) + timedelta(days=shift)
        out.append((s, e, _day(d, text[s:e])))
    return sorted(out, key=lambda h: h[0])


# a lowercase noun right after a holiday's name, other than a time of that day ("Christmas morning")
_ATTRIBUTIVE = re.compile(
    r"\s+(?!(?:day|eve|morning|night|evening|afternoon|weekend|and|but|when|while|after|before|with|for|the|was|"
    r"were|had|has|as|when|where|that|this|"
    # ... or a happening it dates: "the Fourth of July shooting". Not a party: one named for a holiday is held on
    # a weekend near it ("a Father's Day block party" the Saturday before) or runs past midnight into the next day
    # ("a New Year's Eve party" shooting at 3 a.m.), so it names the kind of party and the story tells its day
    r"shootings?|attacks?|killings?|murders?|slayings?|homicides?|stabbings?|bombings?|massacres?|violence|"
    r"gunfire|incidents?|crash(?:es)?)\b)[a-z]{3,}\b"
)
# what is to come: "will be held on Sunday", "is due in court Tuesday", "plan on releasing a statement on Monday",
# a station's "tune in to the news Thursday at 6"
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:going|expected|set|scheduled|slated|planned|to\s+be)|scheduled|slated|"
    r"due\s+(?:in|at|back|for)|plans?\s+(?:to|on)|planned\s+for|set\s+for|tune\s+in)\b|\w'll\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;!?\n]|,\s+(?:and|but|when|after|before|as)\b|\b(?:after|when|since|because)\b", re.I)
FUTURE_WORDS = 8  # a future word this many words or fewer before a weekday makes it the coming one


def _clause_before(text: str, start: int) -> str:
    """The words of the clause that lead up to `start`, at most FUTURE_WORDS of them."""
    before = text[max(0, start - 120) : start]
    ends = list(_CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return " ".join(before.split()[-FUTURE_WORDS:])


def to_come(text: str, start: int) -> bool:
    """The clause leading up to `start` tells what is still to come ("an autopsy is scheduled for Thursday", "will
    be arraigned Monday"): a day of the days after the news, never of the happening it tells."""
    return _FUTURE.search(_clause_before(text, start)) is not None


def _weekday_of_date(text: str, found: list[tuple[int, int, DateValue]]) -> list[tuple[int, int, DateValue]]:
    """ "near 7:45 p.m. on June 9, a Tuesday evening": a weekday put right after a date it falls on names that date,
    not the last such weekday before the anchor."""
    out = list(found)
    for i in range(1, len(found)):
        s, e, dv = found[i]
        ps, pe, pdv = found[i - 1]
        w = _WD_NEAR.match(text, s)
        if not w or pdv.precision != "day" or not pdv.value or not _APPOSED.fullmatch(text, pe, s):
            continue
        if date.fromisoformat(pdv.value[:10]).weekday() == WEEKDAYS[w.group("wd").lower()]:
            out[i] = (s, e, DateValue(pdv.value[:10], "day", dv.text))
    return out


_YEAR_RE = re.compile(r"(?<![\w-])(?:1[89]|20)\d{2}(?![\w-])")


def _that_year(text: str, start: int, month: int, dv: DateValue) -> DateValue:
    """ "August of that year": the year named last before it, when it is close enough to be the one meant."""
    years = [m for m in _YEAR_RE.finditer(text, max(0, start - 300), start)]
    return _month(int(years[-1].group()), month, dv.text or "") if years else dv


def _year_from_context(text: str, found: list[tuple[int, int, DateValue]], a: date) -> list[tuple[int, int, DateValue]]:
    """A month-day without a year takes the year of an explicit full date just before it ("March 27, 2024 ...
    on March 22"), when that is not after the anchor: aggregator pages tell old events under a new date."""
    out = list(found)
    last: tuple[int, int] | None = None  # (end offset, year) of the latest explicit dated expression
    for i, (s, e, dv) in enumerate(found):
        if dv.value and dv.precision in ("day", "second") and _HAS_YEAR.search(dv.text or ""):
            last = (e, int(dv.value[:4]))
            continue
        if last is None or s - last[0] > 600 or dv.precision != "day" or _HAS_YEAR.search(dv.text or ""):
            continue
        if not (_MD_RE.search(dv.text or "") or _DM_RE.search(dv.text or "")):
            continue
        y = last[1]
        mo, d = int(dv.value[5:7]), int(dv.value[8:10])
        if y != int(dv.value[:4]) and _valid(y, mo, d) and date(y, mo, d) <= a + timedelta(days=7):
            out[i] = (s, e, _day(date(y, mo, d), dv.text))
    return out


_HAS_YEAR = re.compile(r"(?:1[89]|20)\d{2}|\d\s+[a-z]+\.?\s+\d{2}$", re.I)  # 4-digit year, or "12 jan 90"
_MD_RE = re.compile(rf"{_MON}\s+{_DAY}", re.I)
_DM_RE = re.compile(rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}", re.I)
_WD_NEAR = re.compile(rf"(?<!\w){_WD_FULL}(?!\w)", re.I)
_APPOSED = re.compile(r",?\s+(?:which\s+was\s+)?(?:a|on\s+a)\s+", re.I)  # "May 5, a Thursday"


def _weekday_context(text: str, found: list[tuple[int, int, DateValue]]) -> list[tuple[int, int, DateValue]]:
    """Without an anchor, a month-day near a weekday ("Friday night ... March 22") gets the year that fits."""
    latest = date.today().year
    explicit_years = [int(dv.value[:4]) for _, _, dv in found if dv.value and dv.precision in ("day", "second")]
    if explicit_years:
        latest = max(explicit_years)
    out = list(found)
    for i, (s, e, dv) in enumerate(found):
        if dv.precision != "unresolved":
            continue
        m = _MD_RE.fullmatch(dv.text or "") or _DM_RE.fullmatch(dv.text or "")
        if not m:
            continue
        mo, d = month_number(m.group("mon")), int(m.group("day"))
        for w in _WD_NEAR.finditer(text, max(0, s - 500), min(len(text), e + 150)):
            y = infer_year(mo, d, WEEKDAYS[w.group("wd").lower()], latest=latest)
            if y is not None and _valid(y, mo, d):
                out[i] = (s, e, _day(date(y, mo, d), dv.text))
                break
    # a weekday mention next to a resolved date of that weekday names the same day
    days = [(s, e, dv) for s, e, dv in out if dv.precision == "day"]
    for i, (s, e, dv) in enumerate(out):
        if dv.precision != "unresolved":
            continue
        w = _WD_NEAR.fullmatch(text, s, s + len(text[s:e].split()[0])) if text[s:e] else None
        if not w:
            continue
        wd = WEEKDAYS[w.group("wd").lower()]
        for s2, _, dv2 in days:
            if abs(s2 - s) <= 500 and date.fromisoformat(dv2.value[:10]).weekday() == wd:
                out[i] = (s, e, DateValue(dv2.value[:10], "day", dv.text))
                break
    return out


def resolve_date(expr: str, *, anchor: DateValue | None) -> DateValue:
    """One date expression -> DateValue; regex layer first, dateparser for the rest."""
    expr_s = expr.strip()
    for s, e, dv in find_dates(expr_s, anchor=anchor):
        if e - s >= len(expr_s) * 0.6:
            return dv
    return _dateparser(expr_s, anchor)


_REWRITES = [
    (re.compile(r"\b(?:in\s+)?(\w+)\s+of\s+this\s+year\b", re.I), r"\1 {year}"),
    (re.compile(r"\b(?:in\s+)?(\w+)\s+of\s+last\s+year\b", re.I), r"\1 {last}"),
]


def _dateparser(expr: str, anchor: DateValue | None) -> DateValue:
    a, prec, adt = _anchor_parts(anchor)
    if a is not None:
        for rx, rep in _REWRITES:
            expr = rx.sub(rep.format(year=a.year, last=a.year - 1), expr)
    import dateparser  # slow import; only the fallback needs it

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": [],
    }
    if a is not None:
        settings["RELATIVE_BASE"] = adt or datetime(a.year, a.month, a.day)
    try:
        parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    except (ValueError, OverflowError) as err:
        raise ValueError(f"dateparser failed on {expr!r}: {err}") from err
    if parsed is None:
        return _unresolved(expr)
    has_year = re.search(r"\b(?:1[89]|20)\d{2}\b", expr) is not None
    if a is None and not has_year:
        return _unresolved(expr)  # dateparser would silently use today
    has_day = re.search(r"(?<!\d)[0-3]?\d(?!\d{2})(?:st|nd|rd|th)?\b", re.sub(r"\b(?:1[89]|20)\d{2}\b", "", expr))
    if has_day or re.search(r"day|ago|yesterday|today|tonight|week", expr, re.I):
        return _day(parsed.date(), expr)
    if re.search("|".join(MONTHS), expr, re.I):
        return _month(parsed.year, parsed.month, expr)
    return _year(parsed.year, expr)


def comment_age(text: str, *, anchor: DateValue | None) -> DateValue:
    """A comment's age ("6 months ago", "3h", "2y") -> its date, relative to the page's date."""
    t = text.strip()
    a, prec, adt = _anchor_parts(anchor)
    m = _AGO_RE.search(t)
    if m:
        if a is None:
            return _unresolved(t)
        return _ago(_num(m.group("num")), m.group("unit"), a, prec or "year", t, adt)
    m = _SHORT_AGE_RE.search(t)
    if m:
        if a is None:
            return _unresolved(t)
        unit = {"y": "year", "mo": "month", "w": "week", "d": "day", "h": "hour", "m": "minute", "s": "second"}[
            m.group("unit").lower()
        ]
        return _ago(int(m.group("num")), unit, a, prec or "year", t, adt)
    return resolve_date(t, anchor=anchor)


_PUB_LINE = re.compile(r"^.{0,40}\b(?:published|updated|posted|last\s+modified|date)\b.*$", re.I | re.M)


def infer_publication_date(text: str) -> DateValue:
    """The date a page states for itself: a dateline or 'Published' line near the top; DateValue() if none."""
    windows = [text[:800]] + [m.group() for m in _PUB_LINE.finditer(text)]
    for w in windows:
        for _, _, dv in find_dates(w, anchor=None):
            if dv.precision in ("day", "second"):
                return dv
    return DateValue()
