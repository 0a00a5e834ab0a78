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
        told = [p for p in hits if not _DATELINE_RX.match(w.text, p[1]) or w.text[a : p[0]].strip()]
        hits = told or hits
        if not hits:
            return None

        def rank(h):
            return min(
                (PLACE_RANK.get(c.kind, _LEAST_PRECISE) for c in self.gazetteer.candidates(h[2])),
                default=_LEAST_PRECISE,
            )

        return min(hits, key=rank)  # min keeps the first of equal ranks

    @staticmethod
    def fallback_place(w: SegWork, s0: int):
        """The segment's first place before the sentence (a dateline or earlier context); for a headline or an
        opening sentence that names none, the segment's dateline ("DETROIT (WWJ) --" below the headline), else
        its first place."""
        before = [p for p in w.places if p[1] <= s0]
        if before:
            return before[0]
        dateline = next(
            (
                p
                for p in w.places
                if _DATELINE_RX.match(w.text, p[1]) and not w.text[w.text.rfind("\n", 0, p[0]) + 1 : p[0]].strip()
            ),
            None,
        )
        # else the first place the story names below ("A gunman opened fire ... / It happened ... in Peoria.")
        return dateline or (w.places[0] if w.places else None)

    def context(self, doc, w: SegWork) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The countries and divisions the segment names (a qualified town names both), then the country of
        the source's web host: what a name shared by several places is resolved against."""
        countries, admin1s = self.gazetteer.context([n for _, _, n in w.places])
        url = getattr(doc, "url", None)
        host = self.gazetteer.host_country(url)
        if host and host not in countries:
            countries += (host,)
        home = self.gazetteer.host_division(url)  # "centralillinoisproud.com": after what the text names
        if home is not None:
            admin1s += (home[0],) if home[0] not in admin1s else ()
            countries += (home[1],) if home[1] not in countries else ()
        return countries, admin1s

    def set_place(self, doc, w: SegWork, rep: Report, hit) -> None:
        if hit is None:
            return
        s, e, name = hit
        countries, admin1s = self.context(doc, w)
        # the segment's other places, each as it resolves alone: a town near them is likelier the one meant
        nearby = [
            p
            for n in dict.fromkeys(n for _, _, n in w.places if n != name)
            if (p := self.gazetteer.resolve(n)) is not None and p.precision == "city"
        ]
        place = self.gazetteer.resolve(name, countries=countries, admin1s=admin1s, nearby=nearby)
        if place is None:
            return
        place.evidence = evidence(doc, w.seg, s, e)
        rep.place = place
