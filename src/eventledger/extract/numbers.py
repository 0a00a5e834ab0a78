"""Number words and digits to integers ("nine", "a hundred", "2,000", "one hundred and twenty")."""

from __future__ import annotations

import re

UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "dozen": 12}
ORDINALS = {w: i + 2 for i, w in enumerate("second third fourth fifth sixth seventh eighth ninth tenth".split())}
_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
# one number phrase: digits, or number words joined by spaces, hyphens or "and"
NUMBER_RX = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s+(?:hundred|thousand|million|billion))?(?![\w,]*\d)"
    rf"|\b(?:a\s+|one\s+)?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*\b",
    re.I,
)


def parse_number(text: str) -> int | None:
    """The integer a number phrase names, or None when it is not a number."""
    t = text.lower().replace(",", "").strip()
    if not t:
        return None
    parts = re.split(r"[\s-]+", t)
    if parts[0].isdigit():
        n = int(parts[0])
        for p in parts[1:]:
            if p not in SCALES:
                return None
            n *= SCALES[p]
        return n
    total, current, seen = 0, 0, False
    for p in parts:
        if p in ("a", "and"):
            if p == "a":
                current = 1
            continue
        if p in UNITS:
            current += UNITS[p]
        elif p in TENS:
            current += TENS[p]
        elif p in SCALES:
            scale = SCALES[p]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None
