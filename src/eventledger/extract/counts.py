"""Casualty and arrest figures in a sentence: kind, value, qualifier, bounds, who, and the exact span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventledger.extract.numbers import NUMBER_RX, VAGUE, parse_number

# qualifier phrases (lowercase, immediately before the number) -> QUALIFIERS value
QUALIFIERS = [
    ("no fewer than", "at least"), ("at least", "at least"), ("a minimum of", "at least"),
    ("more than", "more than"), ("over", "more than"), ("upwards of", "more than"), ("in excess of", "more than"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("just under", "nearly"),
    ("around", "around"), ("about", "around"), ("approximately", "around"), ("roughly", "around"),
    ("some", "around"), ("an estimated", "around"), ("estimated", "around"),
    ("up to", "up to"), ("as many as", "up to"),
]
_QUAL_RX = re.compile(r"(?:" + "|".join(re.escape(q) for q, _ in QUALIFIERS) + r")\s+$", re.I)
_QUAL_MAP = dict(QUALIFIERS)

# words that say which kind a figure counts, after the number ("144 people died") ...
KIND_AFTER = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "death": "killed",
    "fatalities": "killed", "lives": "killed", "murdered": "killed", "slain": "killed", "bodies": "killed",
    "massacred": "killed", "executed": "killed", "perished": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "injuries": "injured", "beaten": "injured",
    "missing": "missing", "disappeared": "missing", "unaccounted": "missing",
    "arrested": "arrested", "detained": "arrested", "arrests": "arrested", "detentions": "arrested",
    "apprehended": "arrested", "captured": "arrested",
    "kidnapped": "kidnapped", "abducted": "kidnapped", "hostages": "kidnapped", "hostage": "kidnapped",
}
# ... and before it ("killing at least 139", "arrests of seven people", "the missing who could be")
KIND_BEFORE = {
    "killing": "killed", "killed": "killed", "kills": "killed", "kill": "killed",
    "toll": "killed", "deaths": "killed", "dead": "killed",
    "wounding": "injured", "wounded": "injured", "injuring": "injured", "injured": "injured", "injure": "injured",
    "missing": "missing",
    "arrested": "arrested", "arresting": "arrested", "arrests": "arrested", "detained": "arrested",
    "detaining": "arrested", "apprehended": "arrested",
    "kidnapped": "kidnapped", "kidnapping": "kidnapped", "abducted": "kidnapped", "abducting": "kidnapped",
}
# filler allowed between a number and its kind word: auxiliaries, "people", and the who-phrase
_AUX = {"were", "was", "have", "has", "had", "been", "being", "are", "is", "reportedly", "also", "later",
        "people", "persons", "of", "them", "whom", "who", "and", "others", "other", "more"}
_NOT_COUNT_AFTER = re.compile(r"^\s*(?:%|percent|per cent|dollars?|euros?|pounds|rubles|roubles|usd|\$|years?\b|"
                              r"months?\b|days?\b|weeks?\b|hours?\b|minutes?\b|km|kilomet|miles?|meters|metres|"
                              r"kg|kilos?|tons?|pesos|afghanis|times|am\b|pm\b|gmt|o'clock)", re.I)
_WORD_RX = re.compile(r"\w[\w'’-]*(?:\.\w+)*|[^\w\s]")


@dataclass(slots=True)
class CountHit:
    kind: str
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    who: str | None
    start: int  # offsets into the text given to find_counts
    end: int


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None]:
    return {"exact": (value, value), "at least": (value, None), "more than": (value + 1, None),
            "nearly": (None, value), "around": (None, None), "up to": (None, value)}[qualifier]


def _words(text: str, start: int, end: int) -> list[re.Match]:
    return list(_WORD_RX.finditer(text, start, end))


def _kind_after(text: str, pos: int) -> tuple[str, int, str | None, list[int]] | None:
    """Scan up to 7 words after a number for a kind word; returns kind, end offset, who and later numbers."""
    who: list[re.Match] = []
    first_who: str | None = None
    chained: list[int] = []
    for m in _words(text, pos, min(len(text), pos + 90))[:9]:
        w = m.group().lower().strip(".")
        if w in KIND_AFTER:
            if w in ("hostage", "hostages") and not who:
                pass
            return KIND_AFTER[w], m.end(), (first_who if chained else _who(who)), chained
        if w in (",", ";", ":", "(", ")", "in", "on", "at", "by", "for", "with", "from", "to", "after", "when",
                 "said", "says", "while"):
            return None
        if NUMBER_RX.fullmatch(m.group()) and parse_number(m.group()) is not None:
            if not chained:
                first_who = _who(who)
            chained.append(m.start())
            who = []
            continue
        if w in _AUX:
            continue
        who.append(m)
    return None


def _who(words: list[re.Match]) -> str | None:
    if not words:
        return None
    return words[0].string[words[0].start():words[-1].end()]


# words between a kind word and a number that show the number counts something else: "killed in the two
# blasts", "claimed the attack and named two", "killed, including three children" (a part, not the toll)
_BREAKS_BEFORE = {"in", "during", "after", "before", "by", "from", "with", "named", "identified", "and", "including",
                  "among", "whom", "which", "while", "across", "over", "within"}
# nouns after a number that are not people: "the two blasts", "three cars"
_THINGS_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:blasts?|explosions?|bombs?|bombings?|attacks?|devices?|vehicles?|cars?|"
                           r"buildings?|houses?|homes?|shots?|rounds?|rockets?|missiles?|grenades?|incidents?|locations?|"
                           r"sites?|places?|cities|towns?|villages?|provinces?|districts?|countries|groups?)\b", re.I)


def _kind_before(text: str, pos: int, *, window: int = 5) -> tuple[str, int] | None:
    """A kind word within `window` words before the number (qualifier already stripped)."""
    ws = _words(text, max(0, pos - 60), pos)[-window:]
    for m in reversed(ws):
        w = m.group().lower()
        if w in KIND_BEFORE:
            return KIND_BEFORE[w], m.start()
        if w in (".", ";", "(", ")") or w in _BREAKS_BEFORE or NUMBER_RX.fullmatch(m.group()):
            return None
    return None


def find_counts(text: str) -> list[CountHit]:
    """Every figure in `text` that counts killed, injured, missing, arrested or kidnapped people."""
    hits: list[CountHit] = []
    taken: set[int] = set()
    matches = [m for m in NUMBER_RX.finditer(text)]
    for m in matches:
        if m.start() in taken:
            continue
        raw = m.group()
        value = parse_number(raw)
        if value is None or _NOT_COUNT_AFTER.match(text[m.end():m.end() + 12]):
            continue
        if re.fullmatch(r"(?:1[89]|20)\d\d", raw) and not re.match(r"\s+(?:people|persons|were|dead|killed)", text[m.end():]):
            continue  # a year
        if raw.lower() in ("one", "a") and not re.match(r"\s+(?:person|people|man|woman|child|civilian|soldier|policeman)", text[m.end():]):
            continue  # "one of the", "one day"
        q = _QUAL_RX.search(text, max(0, m.start() - 20), m.start())
        qualifier = _QUAL_MAP[q.group().strip().lower()] if q else "exact"
        span_start = q.start() if q else m.start()
        after = None if _kind_before(text, span_start, window=1) else _kind_after(text, m.end())
        if after:
            kind, end, who, chained = after
            low, high = _bounds(value, qualifier)
            first = len(hits)
            hits.append(CountHit(kind, value, qualifier, low, high, who, span_start, end))
            # "around 170 civilians and 13 US military personnel being killed": each figure with its who
            for c in chained:
                n = NUMBER_RX.match(text, c)
                if n is None:
                    continue
                taken.add(c)
                v2 = parse_number(n.group())
                sub = _kind_after(text, n.end())
                if v2 is None or sub is None:
                    continue
                lo2, hi2 = _bounds(v2, "exact")
                hits.append(CountHit(kind, v2, "exact", lo2, hi2, sub[2], c, sub[1]))
            if chained:
                hits[first].end = _end_of_who(text, m.end(), chained[0])
            continue
        before = None if _THINGS_AFTER.match(text, m.end()) else _kind_before(text, span_start)
        if before:
            kind, kstart = before
            end = m.end()
            w = re.match(r"\s+((?:[A-Za-z][\w-]*\s+){0,2}?(?:people|persons|civilians|others|individuals|men|women|"
                         r"children|soldiers|policemen|police officers|members|militants|migrants|suspects|"
                         r"personnel|workers|students|peasants|guerrillas|troops|officers))\b", text[end:])
            who = w.group(1) if w else None
            if w:
                end += w.end()
            low, high = _bounds(value, qualifier)
            hits.append(CountHit(kind, value, qualifier, low, high, who, kstart, end))
    hits.extend(_vague(text))
    return hits


def _end_of_who(text: str, start: int, next_number: int) -> int:
    """End of the who-phrase of the first figure of a chain ("170 civilians" in "170 civilians and 13 ...")."""
    seg = text[start:next_number]
    cut = re.search(r"\s+(?:and|,)\s*$", seg)
    return start + (cut.start() if cut else len(seg.rstrip()))


_VAGUE_RX = re.compile(r"\b(" + "|".join(VAGUE) + r")\s+(?:of\s+)?(?:(?:people|civilians|persons)\s+)?(?:(?:were|have been|had been)\s+)?(" +
                       "|".join(k for k in KIND_AFTER if k not in ("lives", "death", "hostage")) + r")\b", re.I)


def _vague(text: str) -> list[CountHit]:
    out = []
    for m in _VAGUE_RX.finditer(text):
        low, high = VAGUE[m.group(1).lower()]
        out.append(CountHit(KIND_AFTER[m.group(2).lower()], None, "vague", low, high, None, m.start(), m.end()))
    return out
