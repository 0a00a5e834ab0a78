"""What a report says that helps tell whether two reports describe one event, and the pair score."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date

from eventledger.knowledge import distance_km
from eventledger.resolve.config import ResolveConfig, norm
from eventledger.resolve.places import city_coords
from eventledger.resolve.sources import statement_only
from eventledger.resolve.text import TextIndex
from eventledger.resolve.values import count_range

INF = float("inf")
STOP = frozenset("the a an of and or in on at to for with by from people person persons civilians".split())
PLACE_SUFFIX = re.compile(r"\b(oblast|province|region|governorate|state|city|krai|district|prefecture|county)\b")
CAPS = re.compile(r"(?:[A-Z][\w'’.-]*\s+(?:of\s+|the\s+)?)*[A-Z][\w'’.-]*(?:\s+[a-z]+)?")


@dataclass(frozen=True, slots=True)
class DateSpan:
    lo: int  # proleptic ordinal of the first day
    hi: int  # ... of the last day
    precision: str  # day | month | year | before (a date not stated but borrowed from the publication)


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    key: tuple
    document: str
    salience: str | None  # "main" | "background" | None (extraction did not say)
    type: str
    family: str | None
    date: DateSpan | None
    country: str | None
    admin1: str | None
    city: str | None
    coords: tuple[float, float] | None  # only for city-or-finer places
    venue: str | None
    perps: frozenset[str]
    names: frozenset[str]
    venue_words: frozenset[str]  # "concert", "hall": what kind of place, in the report's own words
    words: frozenset[str]
    counts: dict[str, tuple[tuple[float, float, int | None], ...]]  # kind -> (low, high, exact value)
    segment: str = ""
    start: int = 0  # where its sentence starts in the segment (the headline, then the lede, come first)
    follows: bool = False  # a follow-up (an arrest) of its document's attack: never the document's lead
    proceeding: bool = False  # told through an arrest, charge or trial ("sentenced in the shooting death of")
    statement: bool = False  # told only in a claim, denial or assessment (extract/salience.py statement_only)
    date_borrowed: bool = False  # its date was taken from another sentence or the publication, not its own
    by_figure: bool = False  # typed by a figure alone ("40 dead"), no event word (extract/reports.py typed_by)


def date_span(d: dict | None) -> DateSpan | None:
    """None for a missing or unresolved date."""
    d = d or {}
    v, prec = d.get("value"), d.get("precision")
    if not v or prec in (None, "unresolved"):
        return None
    try:
        if prec == "year" or len(v) == 4:
            y = int(v[:4])
            return DateSpan(Date(y, 1, 1).toordinal(), Date(y, 12, 31).toordinal(), "year")
        if prec == "month" or len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            nxt = Date(y + (m == 12), m % 12 + 1, 1)
            return DateSpan(Date(y, m, 1).toordinal(), nxt.toordinal() - 1, "month")
        day = Date.fromisoformat(v[:10]).toordinal()
        return DateSpan(day, day, "day")
    except ValueError as e:
        raise ValueError(f"report date {v!r} ({prec}) is not ISO 8601; fix the extractor's date resolution") from e


def place_name(text: str | None) -> str | None:
    n = PLACE_SUFFIX.sub(" ", norm(text)).strip()
    return " ".join(n.split()) or None


def profile(report: dict, key: tuple, cfg: ResolveConfig) -> Profile:
    place = report.get("place") or {}
    prec = place.get("precision")
    city = place_name(place.get("city")) or (place_name(place.get("name")) if prec == "city" else None)
    coords = None
    if place.get("lat") is not None and place.get("lon") is not None and prec in ("venue", "city"):
        coords = (float(place["lat"]), float(place["lon"]))
    elif prec == "city" and cfg.place.get("gazetteer_coords") and (place.get("city") or place.get("name")):
        coords = city_coords(place.get("city") or place.get("name"), (place.get("country") or "").upper() or None)
    perps = frozenset(
        a.get("actor_id") or norm(a.get("text"))
        for a in report.get("perpetrator_orgs") or ()
        if a.get("actor_id") or a.get("text")
    )
    return Profile(
        id=report["id"],
        key=key,
        document=report.get("document") or report["id"],
        salience=report.get("salience") or (report.get("meta") or {}).get("salience"),
        type=norm(report.get("type")),
        family=(report.get("meta") or {}).get("family") or cfg.family(report.get("type")),
        date=report_span(report, cfg),
        country=(place.get("country") or "").upper() or None,
        admin1=place_name(place.get("admin1")),
        city=city,
        coords=coords,
        venue=_name_key(place["name"]) if prec == "venue" and place.get("name") else None,
        perps=perps,
        names=_names(report, cfg),
        venue_words=frozenset(
            w
            for w in re.findall(r"[a-z]+", ((report.get("evidence") or {}).get("text") or "").lower())
            if w in cfg.venue_words
        ),
        words=_words(report),
        counts={
            k: tuple(_range(c, cfg) for c in v if c.get("value") is not None or c.get("low") is not None)
            for k, v in (report.get("counts") or {}).items()
        },
        segment=report.get("segment") or report.get("document") or report["id"],
        start=int((report.get("evidence") or {}).get("start") or 0),
        follows=bool(report.get("follows")),
        proceeding=bool((report.get("meta") or {}).get("proceeding")),
        statement=statement_only(report),
        date_borrowed=bool((report.get("meta") or {}).get("date_from")),
        by_figure=(report.get("meta") or {}).get("typed_by") == "figure",
    )


def report_span(report: dict, cfg: ResolveConfig) -> DateSpan | None:
    """A date the source did not state (borrowed from the segment's publication) only bounds the event from above."""
    d = report.get("date") or {}
    span = date_span(d)
    borrowed = (report.get("meta") or {}).get("date_from") and not d.get("text") and not report.get("date_evidence")
    if span is None or not borrowed:
        return span
    # an attack told through a trial or an arrest, placed, may be years old; unplaced, the window stays short
    # (it would pair with every report of the country over those years)
    meta, precision = report.get("meta") or {}, (report.get("place") or {}).get("precision")
    long = meta.get("proceeding") and precision in PLACED
    window = cfg.date.get("proceeding_window_days", 0) if long else 0
    # a page whose words tell no news after the attack (no arrest or victim named: `before_news`; no trial) reports
    # it within days of its publication; a headline-only page would otherwise join any like shooting of its city
    # weeks back. A report placed at a named venue keeps the usual window: the venue is identity enough, and a
    # follow-up weeks later that tells the attack at it undated is still about it
    page = meta.get("date_from") in ("document", "segment") and not meta.get("proceeding") and precision != "venue"
    usual = cfg.date["borrowed_window_days"]
    window = max(window, cfg.date.get("page_window_days", usual) if page else usual)
    return DateSpan(span.hi - int(window), span.hi, "before")


def reach_back(profiles: list[Profile]) -> list[Profile]:
    """A date borrowed from the publication reaches back to the earliest day its document states for its news: a
    trial story's undated headline is about the shooting the story dates months earlier, not a new one."""
    stated: dict[str, int] = {}
    for p in profiles:
        if dated(p) and p.salience != "background" and not p.follows:
            stated[p.document] = min(stated.get(p.document, p.date.lo), p.date.lo)
    out = []
    for p in profiles:
        lo = stated.get(p.document)
        if p.date is not None and p.date.precision == "before" and lo is not None and lo < p.date.lo:
            p = replace(p, date=DateSpan(lo, p.date.hi, "before"))
        out.append(p)
    return out


PLACED = ("venue", "city", "admin1")


def day_dated(p: Profile) -> bool:
    """A report dated to a day (its own or lent), not only to a month or a year."""
    return dated(p) and p.date.precision == "day"


def founds(p: Profile) -> bool:
    """Whether a report can found an event, not only join one: it tells a happening (not only a speaker's words
    about one) with a place finer than a country or a day it states, or it follows its document's attack (an
    arrest: the attack's related event). A report with neither, told by an event word and placed nowhere, is still
    its page's story (a headline whose place the story gives elsewhere); a bare figure ("they said 40 dead") or a
    country with no day of its own (the country suspects fled towards, arrests somewhere last month) is too little
    to be one happening: it joins the event it fits, and founds none."""
    if p.statement:
        return False
    if p.follows or p.venue or p.city or p.admin1 or day_dated(p):
        return True
    return p.country is None and not p.by_figure


def _range(c: dict, cfg: ResolveConfig) -> tuple[float, float, int | None]:
    lo, hi = count_range(c, cfg)
    return lo, hi, c.get("value") if c.get("qualifier") == "exact" else None


def _names(report: dict, cfg: ResolveConfig) -> frozenset[str]:
    """Distinctive names: a venue, and capitalised phrases ending in a venue word ("Kabul airport")."""
    out: set[str] = set()
    place = report.get("place") or {}
    if place.get("precision") == "venue" and place.get("name"):
        out.add(_name_key(place["name"]))
    texts = [a.get("text") or "" for k in ("targets", "victims") for a in report.get(k) or ()]
    ev = report.get("evidence") or {}
    texts.append(ev.get("text") or "")
    for t in texts:
        for m in CAPS.finditer(t):
            words = norm(m.group()).split()
            if len(words) >= 2 and any(w.strip(".,") in cfg.venue_words for w in words[1:]):
                out.add(_name_key(m.group()))
    out.discard("")
    return frozenset(out)


def _name_key(text: str) -> str:
    words = [w.strip(".,'’") for w in norm(text).split()]
    return " ".join(w for w in words if w not in STOP)


def _words(report: dict) -> frozenset[str]:
    toks = set()
    for k in ("targets", "victims"):
        for a in report.get(k) or ():
            toks.update(w for w in re.findall(r"\w+", norm(a.get("text"))) if len(w) > 3 and w not in STOP)
    return frozenset(toks)


def date_kind(a: DateSpan | None, b: DateSpan | None, cfg: ResolveConfig) -> str | None:
    """How two dates agree (a key of resolution.yaml's `date`, or before/unknown); None when both cannot be right."""
    if a is None or b is None:
        return "unknown"
    if "before" in (a.precision, b.precision):
        return None if a.hi < b.lo or b.hi < a.lo else "before"
    if a.precision == "day" and b.precision == "day":
        gap = abs(a.lo - b.lo)
        return (
            "day_same"
            if gap == 0
            else "day_near"
            if gap == 1
            else "day_close"
            if gap <= cfg.date["tolerance_days"]
            else None
        )
    if a.hi < b.lo or b.hi < a.lo:
        return None
    if "year" in (a.precision, b.precision):
        return "year_contains"
    if a.precision == b.precision == "month":
        return "month_same"
    return "month_contains_day"


def date_score(a: DateSpan | None, b: DateSpan | None, cfg: ResolveConfig) -> float | None:
    """None when the dates cannot both be right; 0 when one is unknown."""
    k = date_kind(a, b, cfg)
    return None if k is None else cfg.date.get(k, 0.0)


def place_kind(a: Profile, b: Profile, cfg: ResolveConfig) -> str | None:
    """How two places agree (a key of resolution.yaml's `place`, or unknown); None when both cannot be right.

    The place of a report told only in a statement may be the speaker's ("Kyiv had nothing to do with the
    attack"): it agrees as any place does, and where it disagrees it says nothing (unknown), never rules out."""
    k = _place_kind(a, b, cfg)
    return "unknown" if k is None and (a.statement or b.statement) else k


def _place_kind(a: Profile, b: Profile, cfg: ResolveConfig) -> str | None:
    c = cfg.place
    if a.country and b.country and a.country != b.country:
        return None
    if a.venue and a.venue == b.venue:
        return "venue_same"
    if a.coords and b.coords:
        d = distance_km(a.coords, b.coords)
        if d > c["far_km"]:
            return None
        if a.city and a.city == b.city:
            return "city_same"
        if d <= c["near_km"]:
            return "city_near"
        # farther apart, as close as a province's towns are only in one province (San Salvador and San Miguel,
        # 110 km apart in two departments, are no nearer than their country)
        return "admin1_same" if not (a.admin1 and b.admin1 and a.admin1 != b.admin1) else "country_same"
    if a.city and b.city:
        if a.city == b.city:
            return "city_same"
        if frozenset((a.city, b.city)) in cfg.metro or a.city == b.admin1 or b.city == a.admin1:
            return "city_near"
        return None
    if a.admin1 and b.admin1:
        return "admin1_same" if a.admin1 == b.admin1 else None
    if (a.city and a.city == b.admin1) or (b.city and b.city == a.admin1):
        return "admin1_same"
    if a.country and a.country == b.country:
        return "country_same"
    return "unknown"


def place_score(a: Profile, b: Profile, cfg: ResolveConfig) -> float | None:
    k = place_kind(a, b, cfg)
    return None if k is None else cfg.place.get(k, 0.0)


def family_ok(a: Profile, b: Profile) -> bool:
    return a.family is None or b.family is None or a.family == b.family


def compatible(a: Profile, b: Profile, cfg: ResolveConfig) -> bool:
    return family_ok(a, b) and date_score(a.date, b.date, cfg) is not None and place_score(a, b, cfg) is not None


def related(x: str, y: str, parents: dict[str, str]) -> bool:
    return parents.get(x) == y or parents.get(y) == x


def evidence_score(a: Profile, b: Profile, cfg: ResolveConfig) -> float:
    """Everything but date and place: what makes two reports the same happening."""
    w = cfg.weights
    s = (
        w["type_same"]
        if a.type and a.type == b.type
        else w["type_family"]
        if a.family and a.family == b.family
        else 0.0
    )
    if a.perps & b.perps:
        s += w["perpetrator_same"]
    elif any(related(x, y, cfg.parents) for x in a.perps for y in b.perps):
        s += w["perpetrator_related"]
    s += min(w["name_cap"], w["name_shared"] * len(a.names & b.names))
    s += min(w["venue_words_cap"], w["venue_word"] * len(a.venue_words & b.venue_words))
    if a.words and b.words:
        s += w["words_max"] * len(a.words & b.words) / len(a.words | b.words)
    cs = 0.0
    for kind in sorted(set(a.counts) & set(b.counts)):
        xa, xb = a.counts[kind], b.counts[kind]
        if any(x[2] is not None and x[2] == y[2] for x in xa for y in xb):
            cs += w["count_exact_same"]
        elif any(x[0] <= y[1] and y[0] <= x[1] for x in xa for y in xb):
            cs += w["count_overlap"]
    return s + min(w["counts_cap"], cs)


def dated(p: Profile) -> bool:
    return p.date is not None and p.date.precision != "before"


DATE_KINDS = ("day_same", "day_near", "day_close", "month_contains_day", "month_same", "year_contains", "before")
PLACE_KINDS = ("venue_same", "city_same", "city_near", "admin1_same", "country_same")
# the pair features, in the order of the model file; date_*/place_* are one-hot (unknown: none of them)
FEATURES = (
    *(f"date_{k}" for k in DATE_KINDS),
    *(f"place_{k}" for k in PLACE_KINDS),
    "type_same",
    "type_family",
    "perpetrator_same",
    "perpetrator_related",
    "names_shared",
    "venue_words",
    "words",
    "count_exact_same",
    "count_overlap",
    "count_exact_differ",
    "text_cosine",
    "names_cosine",
    "sentence_cosine",
    "background",
    "dated_one",
    "dated_none",
)
NAMES_CAP = 2  # shared distinctive names, kind-of-place words and count kinds each count at most this many


def pair_features(a: Profile, b: Profile, cfg: ResolveConfig, text: TextIndex | None = None) -> dict[str, float] | None:
    """None when the two reports cannot describe one event; else the evidence that they do, as model features."""
    if not family_ok(a, b):
        return None
    dk = date_kind(a.date, b.date, cfg)
    if dk is None:
        return None
    pk = place_kind(a, b, cfg)
    if pk is None:
        return None
    f: dict[str, float] = {}
    if dk != "unknown":
        f[f"date_{dk}"] = 1.0
    if pk != "unknown":
        f[f"place_{pk}"] = 1.0
    if a.type and a.type == b.type:
        f["type_same"] = 1.0
    elif a.family and a.family == b.family:
        f["type_family"] = 1.0
    if a.perps & b.perps:
        f["perpetrator_same"] = 1.0
    elif any(related(x, y, cfg.parents) for x in a.perps for y in b.perps):
        f["perpetrator_related"] = 1.0
    f["names_shared"] = min(NAMES_CAP, len(a.names & b.names))
    f["venue_words"] = min(NAMES_CAP, len(a.venue_words & b.venue_words))
    if a.words and b.words:
        f["words"] = len(a.words & b.words) / len(a.words | b.words)
    same = overlap = differ = 0
    for exact_same, ranges_meet, both_exact in count_agreement(a, b):
        if exact_same:
            same += 1
        elif ranges_meet:
            overlap += 1
        elif both_exact:
            differ += 1
    f["count_exact_same"], f["count_overlap"], f["count_exact_differ"] = (
        min(NAMES_CAP, same),
        min(NAMES_CAP, overlap),
        min(NAMES_CAP, differ),
    )
    if text is not None:
        f["text_cosine"], f["names_cosine"] = text.segments(a.id, b.id)
        f["sentence_cosine"] = text.sentences(a.id, b.id)
    if "background" in (a.salience, b.salience):
        f["background"] = 1.0
    known = dated(a) + dated(b)
    if known < 2:
        f["dated_one" if known else "dated_none"] = 1.0
    return f


def count_agreement(a: Profile, b: Profile) -> list[tuple[bool, bool, bool]]:
    """Per toll kind both reports tell: (an exact figure in common, their ranges meet, both tell exact figures)."""
    out = []
    for kind in sorted(set(a.counts) & set(b.counts)):
        xa = {x[2] for x in a.counts[kind] if x[2] is not None}
        xb = {y[2] for y in b.counts[kind] if y[2] is not None}
        meet = any(x[0] <= y[1] and y[0] <= x[1] for x in a.counts[kind] for y in b.counts[kind])
        out.append((bool(xa & xb), meet, bool(xa and xb)))
    return out


def _one_background(a: Profile, b: Profile) -> bool:
    return (a.salience == "background") != (b.salience == "background")


def pair_score(a: Profile, b: Profile, cfg: ResolveConfig, text: TextIndex | None = None) -> float | None:
    """None when the two reports cannot describe one event; else the model's probability that they do.

    Two reports of one document that can be one event score `same_document_score` + that probability (above any
    pair of two documents: a story's headline, lede and later sentences are merged first; an undated sentence
    goes to the event of the document it fits best, or stays ambiguous between two it fits as well). A report
    with no date of its own needs more evidence (the model's dated_one / dated_none weights).
    """
    f = pair_features(a, b, cfg, text)
    if f is None:
        return None
    if a.document != b.document:
        return cfg.model.probability(f)
    # one segment's words say nothing about which of its events a sentence tells
    f.pop("text_cosine", None)
    f.pop("names_cosine", None)
    if _one_background(a, b):
        # salience set the background mention apart from its document's news (an earlier happening the story
        # names), so it earns no same-document head start: al-Naba's Crocus report is not Dubrovka 2002
        return cfg.model.probability(f)
    return cfg.same_document_score + cfg.model.probability(f)
