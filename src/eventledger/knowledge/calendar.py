"""The one month and weekday table: every reader of dates (clean's bylines, extract's dates) asks this one.

Kept as code, not a data file: these names are fixed facts of English that the date patterns are compiled
from when the modules load, not curated judgements an analyst would edit.
"""

from __future__ import annotations

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}


def month_number(word: str) -> int:
    """'March', 'mar', 'Sept.' -> 3, 3, 9."""
    return MONTHS[word.lower().rstrip(".")]


# Holidays news dates events by ("a Christmas Eve shooting"): (month, day) for fixed ones, (month, weekday, n)
# for those on the n-th weekday of a month (n = -1: the last). Keys are lowercase, apostrophes and the dots of
# abbreviations ("Jr.", "St.") dropped.
HOLIDAYS: dict[str, tuple[int, int] | tuple[int, int, int]] = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "new years eve": (12, 31),
    "new years day": (1, 1),
    "fourth of july": (7, 4),
    "independence day": (7, 4),
    "st patricks day": (3, 17),
    "cinco de mayo": (5, 5),
    "veterans day": (11, 11),
    "halloween": (10, 31),
    "valentines day": (2, 14),
    "thanksgiving day": (11, 3, 4),
    "thanksgiving": (11, 3, 4),
    "memorial day": (5, 0, -1),
    "labor day": (9, 0, 1),
    "mothers day": (5, 6, 2),
    "fathers day": (6, 6, 3),
    "martin luther king jr day": (1, 0, 3),
    "martin luther king day": (1, 0, 3),
    "mlk day": (1, 0, 3),
    "presidents day": (2, 0, 3),
    "columbus day": (10, 0, 2),
}


def holiday_date(key: str, year: int):
    """The holiday's date in a year ("thanksgiving", 2016 -> 2016-11-24); key as in HOLIDAYS."""
    from calendar import monthrange
    from datetime import date, timedelta

    rule = HOLIDAYS[key]
    if len(rule) == 2:
        return date(year, rule[0], rule[1])
    month, weekday, n = rule
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)
