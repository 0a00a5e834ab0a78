"""Casualty and arrest figures in a sentence: kind, value, qualifier, bounds, who, and the exact span.

The words that make a number a count (kinds, qualifiers, who) are data: extract_counts.yaml, read by the
Lexicon; a CountFinder compiles them once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventledger.extract.numbers import NUMBER_RX, parse_number
from eventledger.knowledge.count_words import CountWords

_WORD_RX = re.compile(r"\w[\w'’-]*(?:\.\w+)*|[^\w\s]")
_YEAR_RX = re.compile(r"(?:1[89]|20)\d\d")
# punctuation and words after a number that end the phrase before any kind word: "5 in the city, killed"
_ENDS_THE_PHRASE = frozenset({",", ";", ":", "(", ")", "in", "on", "at", "by", "for", "with", "from", "to",
                              "after", "when", "said", "says", "say", "told", "while", "according"})
KIND_WORDS_AFTER = 9  # words read after a number for its kind word ...
KIND_CHARS_AFTER = 90  # ... within this many characters
KIND_WORDS_BEFORE = 5  # words read before a number for its kind word ...
KIND_CHARS_BEFORE = 60  # ... within this many characters
QUALIFIER_CHARS = 20  # a qualifier ends right before the number, within this many characters
UNIT_CHARS = 12  # a unit ("percent", "years") starts within this many characters after the number


@dataclass(slots=True)
class CountHit:
    kind: str
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    who: str | None
    start: int  # offsets into the text given to CountFinder.find
    end: int


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None]:
    return {"exact": (value, value), "at least": (value, None), "more than": (value + 1, None),
            "nearly": (None, value), "around": (None, None), "up to": (None, value)}[qualifier]


def _words(text: str, start: int, end: int) -> list[re.Match]:
    return list(_WORD_RX.finditer(text, start, end))


def _alternatives(items, *, escape: bool = True) -> str:
    return "|".join(map(re.escape, items) if escape else items)


def _who(words: list[re.Match]) -> str | None:
    if not words:
        return None
    return words[0].string[words[0].start():words[-1].end()]


def _end_of_who(text: str, start: int, next_number: int) -> int:
    """End of the who-phrase of the first figure of a chain ("170 civilians" of "170 civilians and 13")."""
    seg = text[start:next_number]
    cut = re.search(r"\s+(?:and|,)\s*$", seg)
    return start + (cut.start() if cut else len(seg.rstrip()))


class CountFinder:
    """Every figure in a text that counts killed, injured, missing, arrested or kidnapped people."""

    def __init__(self, words: CountWords):
        self.w = words
        self._qualifier = re.compile(r"(?:" + _alternatives(words.qualifiers) + r")\s+$", re.I)
        units = _alternatives(words.not_counted_after, escape=False)
        self._not_counted = re.compile(r"^\s*(?:" + units + ")", re.I)
        self._things_after = re.compile(r"\s+(?:\w+\s+)?(?:" + _alternatives(words.things_after, escape=False)
                                        + r")\b", re.I)
        self._count_not_year = re.compile(r"\s+(?:" + _alternatives(words.after_a_count_not_a_year) + ")")
        self._one_counts = re.compile(r"\s+(?:" + _alternatives(words.after_one) + ")")
        self._who_after = re.compile(r"\s+((?:[A-Za-z][\w-]*\s+){0,2}?(?:" + _alternatives(words.who_nouns)
                                     + r"))\b")
        kinds = [k for k in words.kind_after if k not in words.not_after_vague]
        self._vague = re.compile(r"\b(" + _alternatives(words.vague) + r")\s+(?:of\s+)?"
                                 r"(?:(?:" + _alternatives(words.vague_people) + r")\s+)?"
                                 r"(?:(?:were|have been|had been)\s+)?(" + _alternatives(kinds) + r")\b",
                                 re.I)
        self.vague_word = re.compile(r"\b(?:" + _alternatives(words.vague) + r")\b", re.I)
        self._who_words = {w for n in words.who_nouns for w in n.split()} - set(words.not_a_group)
        self._thing = re.compile(r"(?:" + _alternatives(words.things_after, escape=False) + r")", re.I)
        self._not_a_count = [re.compile(rx) for rx in words.not_a_count.values()]
        self._part = re.compile(r"\b(?:" + _alternatives(words.part_before) + r")\s+$", re.I)

    def _masked(self, text: str) -> list[tuple[int, int]]:
        """Spans that are ages, dates, times, phone numbers, calibres or addresses: numbers in them count nobody."""
        return [m.span() for rx in self._not_a_count for m in rx.finditer(text)]

    def find(self, text: str) -> list[CountHit]:
        hits: list[CountHit] = []
        taken: set[int] = set()
        masked = self._masked(text)
        for m in list(NUMBER_RX.finditer(text)):
            if m.start() in taken or any(a < m.end() and m.start() < b for a, b in masked):
                continue
            raw = m.group()
            value = parse_number(raw)
            if value is None or self._not_counted.match(text[m.end():m.end() + UNIT_CHARS]):
                continue
            if m.end() < len(text) and text[m.end()].isalpha():
                continue  # "9mm", "16th", "3rd": glued to a word, a measure or an ordinal
            if _YEAR_RX.fullmatch(raw) and not self._count_not_year.match(text[m.end():]):
                continue  # a year
            if raw.lower() in ("one", "a") and not self._one_counts.match(text[m.end():]):
                continue  # "one of the", "one day"
            q = self._qualifier.search(text, max(0, m.start() - QUALIFIER_CHARS), m.start())
            qualifier = self.w.qualifiers[q.group().strip().lower()] if q else "exact"
            span_start = q.start() if q else m.start()
            part = self._part.search(text, max(0, span_start - QUALIFIER_CHARS), span_start)
            after = None if self._kind_before(text, span_start, window=1) else self._kind_after(text, m.end())
            if after:
                first = len(hits)
                self._figure_and_chain(text, m, value, qualifier, span_start, after, hits, taken)
                if part:  # "including 3 children killed": a group within the toll, never the toll itself
                    hits[first].who = hits[first].who or part.group().strip()
                continue
            before = None if self._things_after.match(text, m.end()) else self._kind_before(text, span_start)
            if before:
                kind, kstart = before
                end = m.end()
                w = self._who_after.match(text[end:])
                who = w.group(1) if w else None
                if w:
                    end += w.end()
                low, high = _bounds(value, qualifier)
                hits.append(CountHit(kind, value, qualifier, low, high, who, kstart, end))
        hits.extend(self._vague_counts(text))
        for h in hits:
            words = set(re.findall(r"[a-z]+", (h.who or "").lower()))
            if h.who and (" ".join(h.who.lower().split()) in self.w.not_a_group or not words & self._who_words):
                h.who = None  # "killing 12 people", "five found shot dead": the whole toll, not a group of it
        return hits

    def _figure_and_chain(self, text, m, value, qualifier, span_start, after, hits, taken) -> None:
        """A figure with its kind word after it, and the figures chained to it: "around 170 civilians and 13
        US military personnel being killed", each figure with its who."""
        kind, end, who, chained = after
        low, high = _bounds(value, qualifier)
        first = len(hits)
        hits.append(CountHit(kind, value, qualifier, low, high, who, span_start, end))
        for c in chained:
            n = NUMBER_RX.match(text, c)
            if n is None:
                continue
            taken.add(c)
            v2 = parse_number(n.group())
            sub = self._kind_after(text, n.end())
            if v2 is None or sub is None:
                continue
            lo2, hi2 = _bounds(v2, "exact")
            hits.append(CountHit(kind, v2, "exact", lo2, hi2, sub[2], c, sub[1]))
        if chained:
            hits[first].end = _end_of_who(text, m.end(), chained[0])

    def _kind_after(self, text: str, pos: int) -> tuple[str, int, str | None, list[int]] | None:
        """The kind word after a number; returns kind, end offset, who and later numbers."""
        who: list[re.Match] = []
        first_who: str | None = None
        chained: list[int] = []
        for m in _words(text, pos, min(len(text), pos + KIND_CHARS_AFTER))[:KIND_WORDS_AFTER]:
            w = m.group().lower().strip(".")
            if w in self.w.kind_after:
                return self.w.kind_after[w], m.end(), (first_who if chained else _who(who)), chained
            if w in _ENDS_THE_PHRASE or self._thing.fullmatch(w):
                return None  # the phrase ends, or the number counts things ("four separate shootings")
            if NUMBER_RX.fullmatch(m.group()) and parse_number(m.group()) is not None:
                if not chained:
                    first_who = _who(who)
                chained.append(m.start())
                who = []
                continue
            if w in self.w.filler_words:
                continue
            who.append(m)
        return None

    def _kind_before(self, text: str, pos: int, *, window: int = KIND_WORDS_BEFORE) -> tuple[str, int] | None:
        """A kind word within `window` words before the number (qualifier already stripped)."""
        ws = _words(text, max(0, pos - KIND_CHARS_BEFORE), pos)[-window:]
        for m in reversed(ws):
            w = m.group().lower()
            if w in self.w.kind_before:
                return self.w.kind_before[w], m.start()
            if w in (".", ";", "(", ")") or w in self.w.breaks_before or NUMBER_RX.fullmatch(m.group()):
                return None
        return None

    def _vague_counts(self, text: str) -> list[CountHit]:
        out = []
        for m in self._vague.finditer(text):
            low, high = self.w.vague[m.group(1).lower()]
            out.append(CountHit(self.w.kind_after[m.group(2).lower()], None, "vague", low, high, None,
                                m.start(), m.end()))
        return out
