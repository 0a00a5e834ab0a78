"""What the reports' own words say about whether two reports tell one happening: TF-IDF cosine of their
segments (title + text) and of their sentences, and the rare proper names two segments share (victims,
streets, venues).

Idf is computed over the segments being resolved (no labels, nothing shipped), so the figures are a function
of the set of reports, never of their order. A segment's vector is kept as a sorted term -> weight dict,
L2-normalised; a cosine is the dot product over the shorter dict. Pair cosines are cached per segment pair:
the many reports of one segment share them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

WORD = re.compile(r"[a-z0-9]{2,}")
# a capitalised word not opening a sentence: the stuff of names (people, streets, venues, towns)
PROPER = re.compile(r"(?<=[a-z0-9,;:)\]’'\"] )[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?")


# a person introduced with an age ("Jane Roe, 23," / "Jane Q. Roe, age 23"): a victim or a suspect, seldom a
# reporter or a spokesman (they come with a title, not an age). Names never run over a line (a headline's words)
_NAME = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"
AGED = re.compile(rf"(?<![\w.])({_NAME}[ \t]+(?:[A-Z]\.[ \t]+|{_NAME}[ \t]+)?{_NAME}),[ \t]+(?:age[ \t]+)?\d{{1,2}}\b")
# ... or with the age before the name ("the 7-year-old Jane Roe", "a 15-year-old student, Jane Roe"), not a town's
# resident ("a 40-year-old Springfield man")
AGED_BEFORE = re.compile(
    rf"\b\d{{1,3}}-year-old,?[ \t]+(?:[a-z]+,?[ \t]+){{0,2}}({_NAME}[ \t]+(?:[A-Z]\.[ \t]+|{_NAME}[ \t]+)?{_NAME})"
    r"(?![ \t]+(?:man|woman|men|women|boy|girl|resident|teen|teenager|student|native|youth|child|mother|father)\b)"
)
# a run of capitalised words: where a person named before is named again
CAPS_RUN = re.compile(rf"{_NAME}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_NAME})+")
PEOPLE_DF = 5  # a name in more segments than this is too common to tell one story (or not a person's)
# a street a shooting is placed on ("the 2200 block of Osk Lane", "East 113th Street"): two stories that name the same
# one tell one shooting far more often than not, two that name only different ones seldom do
STREET = re.compile(
    rf"\b((?:{_NAME}|\d+(?:st|nd|rd|th))(?:[ \t]+{_NAME}){{0,2}})[ \t]+"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Court|Ct|Lane|Ln|Boulevard|Blvd|Trail|Way|Place|Parkway|Pkwy|Circle|"
    r"Highway|Terrace)\b"
)
# "Court" also ends the name of a courthouse ("Lakeside County Superior Court"): a trial story's court is no street,
# and two trial stories of one town share it
COURTS = frozenset(
    "superior circuit district municipal county supreme federal juvenile family criminal magistrate appeals appellate "
    "pleas common probate justice city state traffic sessions general high chancery bankruptcy housing".split()
)
COMPASS = frozenset("north south east west n s e w northeast northwest southeast southwest".split())


def aged_names(text: str) -> set[str]:
    """The people introduced with an age (after the name or before it), lowercased without middle initials, each as
    written and as its last two words ("Officer Jane Roe" may be "Jane Roe" elsewhere; a title is sifted out later,
    a word used in lower case)."""
    out: set[str] = set()
    for m in (*AGED.finditer(text), *AGED_BEFORE.finditer(text)):
        w = _no_initials(m.group(1))
        out.update((" ".join(w), " ".join(w[-2:])))
    return out


def streets(text: str) -> frozenset[str]:
    """The streets a text names, lowercased, without a compass word or the kind of street ("North Osk Lane" and
    "Osk Ln." are "osk")."""
    out = set()
    for m in STREET.finditer(text):
        w = [x for x in m.group(1).lower().split() if x not in COMPASS]
        if m.group().endswith(("Court", "Ct")) and COURTS.intersection(w):
            continue
        if w:
            out.add(" ".join(w))
    return frozenset(out)


def name_runs(text: str) -> set[str]:
    """Every run of two or more capitalised words, and each run's two- and three-word parts, lowercased without
    middle initials."""
    out: set[str] = set()
    for m in CAPS_RUN.finditer(text):
        w = _no_initials(m.group())
        for n in (2, 3):
            out.update(" ".join(w[k : k + n]) for k in range(len(w) - n + 1))
    return out


def _no_initials(name: str) -> list[str]:
    return [w for w in name.lower().split() if not w.endswith(".")]


def words(text: str) -> Counter:
    return Counter(WORD.findall(text.lower()))


def proper_names(text: str) -> Counter:
    return Counter(m.group().lower() for m in PROPER.finditer(text))


def _unit(tf: Counter, idf: Mapping[str, float], default: float) -> dict[str, float]:
    v = {t: (1.0 + math.log(n)) * idf.get(t, default) for t, n in tf.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[t] for t, x in a.items() if t in b)


def _idf(docs: Iterable[Counter]) -> tuple[dict[str, float], float]:
    """Smoothed idf (log((1 + n) / (1 + df)) + 1) and the idf of a word never seen."""
    df: Counter = Counter()
    n = 0
    for d in docs:
        n += 1
        df.update(d.keys())
    return {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items()}, math.log(1 + n) + 1.0


@dataclass(slots=True)
class TextIndex:
    """Per-segment word and name vectors and per-report sentence vectors, with cached pair cosines."""

    segment_of: dict[str, str]  # report id -> segment id
    text: dict[str, dict[str, float]]  # segment id -> unit TF-IDF vector of title + text
    names: dict[str, dict[str, float]]  # segment id -> unit TF-IDF vector of its proper names
    sentence: dict[str, dict[str, float]]  # report id -> unit TF-IDF vector of its sentence
    title: dict[str, dict[str, float]] = field(default_factory=dict)  # segment id -> unit vector of its title
    day: dict[str, int | None] = field(default_factory=dict)  # segment id -> its publication day (ordinal)
    whole: frozenset[str] = frozenset()  # segments whose own text was given (not a sentence standing in for it)
    people: dict[str, frozenset[str]] = field(default_factory=dict)  # segment -> the rare people it names
    street: dict[str, frozenset[str]] = field(default_factory=dict)  # segment -> the streets it names
    _cache: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def build(cls, reports: Iterable[dict], contexts: Mapping[str, dict]) -> TextIndex:
        reports = list(reports)
        seg_text: dict[str, str] = {}
        titles: dict[str, str] = {}
        days: dict[str, int | None] = {}
        given: set[str] = set()
        for r in reports:
            ctx = contexts.get(r["id"]) or {}
            titles.setdefault(r["segment"], ctx.get("title") or "")
            days.setdefault(r["segment"], _ordinal((ctx.get("published") or {}).get("value")))
            body = ctx.get("text")
            if body is None:  # no segment text given: the report's own sentence stands for it
                body = (r.get("evidence") or {}).get("text") or ""
            else:
                given.add(r["segment"])
            t = f"{ctx.get('title') or ''}\n{body}"
            if len(t) > len(seg_text.get(r["segment"], "")):
                seg_text[r["segment"]] = t
        segs = sorted(seg_text)
        # a station's name after every headline of its site says nothing of the story: two of its stories share it
        tags = outlet_tags(titles.values())
        for s in segs:
            tag = _tag(titles.get(s, ""), tags)
            if tag:
                titles[s] = titles[s][: -len(tag)]
                seg_text[s] = seg_text[s].replace(tag, " ")
        tfs = {s: words(seg_text[s]) for s in segs}
        pns = {s: proper_names(seg_text[s]) for s in segs}
        idf, unseen = _idf(tfs[s] for s in segs)
        nidf, nunseen = _idf(pns[s] for s in segs)
        people = _people({s: seg_text[s] for s in segs if s in given})
        return cls(
            segment_of={r["id"]: r["segment"] for r in reports},
            text={s: _unit(tfs[s], idf, unseen) for s in segs},
            names={s: _unit(pns[s], nidf, nunseen) for s in segs},
            sentence={r["id"]: _unit(words((r.get("evidence") or {}).get("text") or ""), idf, unseen) for r in reports},
            title={s: _unit(words(titles[s]), idf, unseen) for s in segs},
            day={s: days.get(s) for s in segs},
            whole=frozenset(given),
            people=people,
            street={s: v for s in segs if s in given and (v := streets(seg_text[s]))},
        )

    def namesakes(self, segments: Iterable[str], window: int) -> dict[tuple[str, str], float]:
        """Segment pairs (a < b) -> text cosine, for segments published within `window` days of each other that
        name one rare person or one rare street: a follow-up months later (a funeral, a charge) names the victim or
        the street its first story did. Each name is in at most PEOPLE_DF segments, so the pairs stay linear in the
        segments."""
        holders: dict[tuple[str, str], list[str]] = {}
        for s in sorted(set(segments)):
            for n in self.people.get(s, ()):
                holders.setdefault(("person", n), []).append(s)
            for n in self.street.get(s, ()):
                holders.setdefault(("street", n), []).append(s)
        out: dict[tuple[str, str], float] = {}
        for segs in holders.values():
            if len(segs) > PEOPLE_DF:
                continue
            for k, a in enumerate(segs):
                for b in segs[k + 1 :]:
                    da, db = self.day.get(a), self.day.get(b)
                    if da is None or db is None or abs(da - db) <= window:
                        out[(a, b)] = cosine(self.text[a], self.text[b])
        return out

    def shared_people(self, a: str, b: str) -> int:
        """How many rare people segments a and b both name."""
        return len(self.people.get(a, frozenset()) & self.people.get(b, frozenset()))

    def shared_streets(self, a: str, b: str) -> tuple[float, bool]:
        """The share of the streets of segments a and b (of the one naming more) that both name (a roundup of a
        city's shootings names many: one in common says less), and whether both name streets but none in common."""
        sa, sb = self.street.get(a, frozenset()), self.street.get(b, frozenset())
        n = len(sa & sb)
        return (n / max(len(sa), len(sb)) if n else 0.0), bool(sa and sb and not n)

    def segments(self, a: str, b: str) -> tuple[float, float]:
        """(text cosine, proper-name cosine) of the segments of reports a and b."""
        sa, sb = self.segment_of.get(a), self.segment_of.get(b)
        if sa is None or sb is None:
            return 0.0, 0.0
        k = (sa, sb) if sa <= sb else (sb, sa)
        got = self._cache.get(k)
        if got is None:
            got = (cosine(self.text[sa], self.text[sb]), cosine(self.names[sa], self.names[sb]))
            self._cache[k] = got
        return got

    def sentences(self, a: str, b: str) -> float:
        va, vb = self.sentence.get(a), self.sentence.get(b)
        return cosine(va, vb) if va and vb else 0.0

    def titles(self, a: str, b: str) -> float:
        """Cosine of the titles of segments a and b."""
        va, vb = self.title.get(a), self.title.get(b)
        return cosine(va, vb) if va and vb else 0.0

    def neighbours(self, segments: Iterable[str], window: int, top: int, floor: float) -> dict[tuple[str, str], float]:
        """Segment pairs (a < b) -> text cosine, for each segment's `top` nearest segments (cosine >= floor)
        published within `window` days of it (an undated segment is within every window). Only segments whose
        own text was given take part: one sentence standing in for a document is no document's words.

        Segments are sorted by day, so each block of rows is multiplied only with the columns of its window:
        near-linear in the number of segments for a steady flow of news."""
        import numpy as np

        segs = sorted(set(segments) & self.whole, key=lambda s: (self.day.get(s) is None, self.day.get(s) or 0, s))
        if len(segs) < 2:
            return {}
        m = self._matrix(segs)
        days = [self.day.get(s) for s in segs]
        dated = [d for d in days if d is not None]
        undated = np.asarray([k for k, d in enumerate(days) if d is None], dtype=int)
        day_of = np.asarray([-(10**9) if d is None else d for d in days], dtype=np.int64)
        out: dict[tuple[str, str], float] = {}
        block = 512
        for lo in range(0, len(segs), block):
            hi = min(len(segs), lo + block)
            ds = [d for d in days[lo:hi] if d is not None]
            if len(ds) == hi - lo:  # columns: the dated segments of the block's window, and the undated
                cidx = np.concatenate(
                    [np.arange(bisect_left(dated, ds[0] - window), bisect_right(dated, ds[-1] + window)), undated]
                )
            else:
                cidx = np.arange(len(segs))
            sim = (m[lo:hi] @ m[cidx].T).toarray()
            cday, cund = day_of[cidx], day_of[cidx] < -(10**8)
            for r in range(hi - lo):
                i = lo + r
                ok = (sim[r] >= floor) & (cidx != i)
                if days[i] is not None:
                    ok &= cund | (np.abs(cday - days[i]) <= window)
                got = sorted(((-sim[r][c], segs[cidx[c]], int(cidx[c])) for c in np.nonzero(ok)[0]))[:top]
                for x, _, j in got:
                    a, b = sorted((segs[i], segs[j]))
                    out[(a, b)] = float(-x)
        return out

    def earlier(
        self, late: Iterable[str], segments: Iterable[str], window: int, top: int, floor: float
    ) -> dict[tuple[str, str], float]:
        """Segment pairs (a < b) -> text cosine, for each segment of `late` its `top` nearest of `segments`
        published up to `window` days before it: a trial story and the shooting it is about, months apart.
        Sparse products in blocks of rows, so memory stays that of a block's non-zero cosines."""
        cols = sorted(set(segments) & self.whole)
        at = {s: k for k, s in enumerate(cols)}
        rows = [s for s in sorted(set(late)) if s in at and self.day.get(s) is not None]
        if not rows or len(cols) < 2:
            return {}
        m = self._matrix(cols)
        mr = m[[at[s] for s in rows]]
        out: dict[tuple[str, str], float] = {}
        for lo in range(0, len(rows), 256):
            sim = (mr[lo : lo + 256] @ m.T).tocsr()
            for r in range(sim.shape[0]):
                s, day = rows[lo + r], self.day[rows[lo + r]]
                row = sim.getrow(r)
                got = []
                for j, x in zip(row.indices, row.data, strict=True):
                    t, d = cols[j], self.day.get(cols[j])
                    if x >= floor and t != s and d is not None and 0 <= day - d <= window:
                        got.append((-x, t))
                for x, t in sorted(got)[:top]:
                    a, b = sorted((s, t))
                    out[(a, b)] = float(-x)
        return out

    def around(
        self, anchors: Mapping[str, int], segments: Iterable[str], before: int, after: int, top: int, floor: float
    ) -> dict[tuple[str, str], float]:
        """Segment pairs (a < b) -> text cosine, for each segment of `anchors` its `top` nearest of `segments`
        published from `before` days before to `after` days after its anchor day (the day its story says its
        shooting was, not the day it was published). Rows in blocks by anchor day, each multiplied only with the
        columns of its days: near-linear, as `neighbours`."""
        import numpy as np

        cols = sorted((self.day[s], s) for s in set(segments) & self.whole if self.day.get(s) is not None)
        rows = sorted((d, s) for s, d in anchors.items() if s in self.whole)
        if not rows or len(cols) < 2:
            return {}
        days = [d for d, _ in cols]
        names = [s for _, s in cols]
        at = {s: k for k, s in enumerate(names)}
        names += sorted({s for _, s in rows} - set(at))  # rows of no column (undated): one vocabulary for all
        at = {s: k for k, s in enumerate(names)}
        m = self._matrix(names)
        out: dict[tuple[str, str], float] = {}
        for lo in range(0, len(rows), 256):
            part = rows[lo : lo + 256]
            cidx = np.arange(bisect_left(days, part[0][0] - before), bisect_right(days, part[-1][0] + after))
            if not len(cidx):
                continue
            sim = (m[[at[s] for _, s in part]] @ m[cidx].T).toarray()
            for r, (anchor, s) in enumerate(part):
                got = []
                for c in np.nonzero(sim[r] >= floor)[0]:
                    k = int(cidx[c])
                    if names[k] != s and anchor - before <= days[k] <= anchor + after:
                        got.append((-float(sim[r][c]), names[k]))
                for x, t in sorted(got)[:top]:
                    out[(min(s, t), max(s, t))] = -x
        return out

    def _matrix(self, segs: list[str]):
        """The segments' unit TF-IDF vectors as the rows of one sparse matrix."""
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for r, s in enumerate(segs):
            for t, x in self.text[s].items():
                rows.append(r)
                cols.append(vocab.setdefault(t, len(vocab)))
                vals.append(x)
        return csr_matrix((vals, (rows, cols)), shape=(len(segs), max(1, len(vocab))))


TAG = re.compile(r"\s+[-|–—]\s+")
TAG_DF = 3  # a title ending shared by this many titles is a site's name, not a story's words


def outlet_tags(titles: Iterable[str]) -> frozenset[str]:
    """Title endings after a dash or bar ("... shot downtown - Channel 9 Springfield") that this many titles share."""
    seen: Counter = Counter()
    for t in titles:
        seen.update({t[m.start() :] for m in TAG.finditer(t or "")})
    return frozenset(k for k, n in seen.items() if n >= TAG_DF)


def _tag(title: str, tags: frozenset[str]) -> str:
    """The longest ending of the title that is a site's name ("" when none)."""
    for m in TAG.finditer(title or ""):
        if title[m.start() :] in tags:
            return title[m.start() :]
    return ""


def _people(texts: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Segment -> the people it names that some segment introduces with an age, and that no more than PEOPLE_DF
    segments name. A name with a word the texts also use in lower case before its last ("Men Dead, 2" in a headline)
    is no person's, unless it opens a name of three words (a title: "Officer Jane Roe" is "jane roe"); a surname
    may be a word ("brown", "young")."""
    aged = set().union(*(aged_names(t) for t in texts.values())) if texts else set()
    lower: Counter = Counter()
    for t in texts.values():
        lower.update(set(re.findall(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", t)))

    def word(w: str) -> bool:
        return len(w) > 2 and lower[w] >= 2

    aged = {" ".join(w[1:]) if len(w) >= 3 and word(w[0]) else n for n in aged if (w := n.split())}
    aged = {n for n in aged if not any(word(w) for w in n.split()[:-1])}
    named = {s: frozenset(name_runs(t) & aged) for s, t in texts.items()}
    df = Counter(n for v in named.values() for n in v)
    rare = {s: frozenset(n for n in v if df[n] <= PEOPLE_DF) for s, v in named.items()}
    return {s: v for s, v in rare.items() if v}


def _ordinal(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value and len(value) >= 10 else None
    except ValueError:
        return None
