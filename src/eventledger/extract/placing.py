"""Place policy: which place a report takes, the most precise one its sentence names, and where it is."""

from __future__ import annotations

import re

from eventledger.extract.work import SegWork, evidence
from eventledger.records import PLACE_RANK, Report

# "WASHINGTON —", "san salvador, 10 jan 90 (acan-efe) --": what follows a place that opens a dateline
_DATELINE_RX = re.compile(r"(?:,[^\n—–]{0,40}?)?\s*(?:\([^)\n]{0,40}\)\s*)?(?:—|–|--)")
_LEAST_PRECISE = len(PLACE_RANK) - 1


class Placer:
    def __init__(self, gazetteer):
        self.gazetteer = gazetteer

    def place_in(self, w: SegWork, a: int, b: int):
        """The most precise place in text[a:b], the first among equals; a dateline is where the story was
        filed, not where the event happened, so it counts only when nothing else is named."""
        hits = [p for p in w.places if a <= p[0] and p[1] <= b]
        told = [p for p in hits if not _DATELINE_RX.match(w.text, p[1]) or w.text[a:p[0]].strip()]
        hits = told or hits
        if not hits:
            return None

        def rank(h):
            return min((PLACE_RANK.get(c.kind, _LEAST_PRECISE) for c in self.gazetteer.candidates(h[2])),
                       default=_LEAST_PRECISE)
        return min(hits, key=rank)  # min keeps the first of equal ranks

    @staticmethod
    def fallback_place(w: SegWork, s0: int):
        """The segment's first place before the sentence (a dateline or earlier context)."""
        before = [p for p in w.places if p[1] <= s0]
        return before[0] if before else None

    def set_place(self, doc, w: SegWork, rep: Report, hit) -> None:
        if hit is None:
            return
        s, e, name = hit
        countries = tuple(dict.fromkeys(c.country for _, _, n in w.places
                                        for c in self.gazetteer.candidates(n)[:1] if c.kind == "country"))
        place = self.gazetteer.resolve(name, countries=countries)
        if place is None:
            return
        place.evidence = evidence(doc, w.seg, s, e)
        rep.place = place
