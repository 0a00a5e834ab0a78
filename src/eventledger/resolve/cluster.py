"""Deterministic agglomerative clustering of report profiles, with vetoes and ambiguity.

Single (best-pair) linkage, strongest pair first, ties broken by the canonical report keys, so the
result is a function of the set of reports, never of their order. Two clusters merge only if every
pair across them is compatible (the veto stops chains from joining a 2002 attack to a 2024 one).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventledger.groups import DisjointSets
from eventledger.resolve.anchor import anchor
from eventledger.resolve.config import DATA, ResolveConfig
from eventledger.resolve.features import (
    NAMES_CAP,
    Profile,
    compatible,
    count_agreement,
    date_kind,
    dated,
    day_dated,
    family_ok,
    pair_features,
    pair_score,
    place_kind,
)
from eventledger.resolve.model import PairModel
from eventledger.resolve.text import TextIndex, cosine


@dataclass(slots=True)
class Clustering:
    clusters: list[list[int]]  # indices into the profiles, each sorted, clusters sorted by first member
    ambiguous: dict[int, list[tuple[int, float]]]  # report index -> [(cluster index, best-pair score)]


MAX_SPAN = 400  # days: the longest date span (a year, a borrowed window) a sweep must look back over
GRID_DEG = 0.5  # coordinates block in cells of this many degrees (~55 km), probed with their neighbours


def _homes(p: Profile) -> list[tuple]:
    """The blocks a profile is filed under: its city, its admin1, its coordinates' grid cell."""
    keys: list[tuple] = []
    if p.city:
        keys.append(("city", p.country, p.city))
    if p.admin1:
        keys.append(("admin1", p.country, p.admin1))
    if p.coords:
        keys.append(("grid", int(p.coords[0] // GRID_DEG), int(p.coords[1] // GRID_DEG)))
    return keys


def _probes(p: Profile) -> list[tuple]:
    """The blocks a profile looks for partners in: its city and the cells around it; with no city, its admin1
    (and a city of that name: "Moscow" the region against "Moscow" the city)."""
    keys: list[tuple] = []
    if p.city:
        keys.append(("city", p.country, p.city))
        keys.append(("admin1", p.country, p.city))
    elif p.admin1:
        keys.append(("admin1", p.country, p.admin1))
        keys.append(("city", p.country, p.admin1))
    if p.coords:
        x, y = int(p.coords[0] // GRID_DEG), int(p.coords[1] // GRID_DEG)
        keys.extend(("grid", x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    return keys


def _window(pool: list[tuple[int, int]], p: Profile, profiles: list[Profile], tol: int) -> Iterator[int]:
    """Members of a date-sorted pool [(first day, index)] whose date span can overlap p's (all, if p is undated)."""
    if p.date is None:
        yield from (j for _, j in pool)
        return
    for lo, j in pool[bisect_left(pool, (p.date.lo - tol - MAX_SPAN, -1)) :]:
        if lo > p.date.hi + tol:
            break
        if profiles[j].date.hi + tol >= p.date.lo:
            yield j


def _sorted_pool(idx: list[int], profiles: list[Profile]) -> tuple[list[tuple[int, int]], list[int]]:
    """The block's members by first day, and those a sweep cannot find by it: undated, or spanning more than
    MAX_SPAN (a trial's attack, years before), which every member of the block is paired with."""
    dated = sorted(
        (p.date.lo, i) for i in idx if (p := profiles[i]).date is not None and p.date.hi - p.date.lo <= MAX_SPAN
    )
    return dated, [i for i in idx if (p := profiles[i]).date is None or p.date.hi - p.date.lo > MAX_SPAN]


def candidate_pairs(profiles: list[Profile], cfg: ResolveConfig) -> set[tuple[int, int]]:
    """The pairs (i < j) worth scoring; every other pair scores nothing (compatibility is checked apart).

    Blocking keeps resolution near-linear: reports of one document are all paired; reports of different documents
    only when one probes a block the other is filed under (the same city, a city and its admin1, neighbouring
    coordinates: _homes, _probes) and their date spans, widened by the day tolerance, can overlap. A report placed
    in no city or admin1 (a country, or nothing: often a headline) is paired with the reports of its country (of
    every country) whose dates overlap.
    """
    tol = int(cfg.date["tolerance_days"])
    out: set[tuple[int, int]] = set()
    by_doc: dict[str, list[int]] = defaultdict(list)
    homes: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        by_doc[p.document].append(i)
        for k in _homes(p):
            homes[k].append(i)
        homes[("country", p.country)].append(i)
    for idx in by_doc.values():
        out.update((i, j) for a, i in enumerate(idx) for j in idx[a + 1 :])
    pools = {k: _sorted_pool(idx, profiles) for k, idx in homes.items()}
    for i, p in enumerate(profiles):
        probes = _probes(p)
        if not probes:  # placed in a country or nowhere: every report of its country (all, if no country)
            probes = [("country", p.country)] if p.country else [k for k in pools if k[0] == "country"]
            probes.append(("country", None))
        for k in probes:
            got = pools.get(k)
            if got is None:
                continue
            dated, undated = got
            for j in (*_window(dated, p, profiles, tol), *undated):
                if j != i:
                    out.add((i, j) if i < j else (j, i))
    return out


def pair_scores(profiles: list[Profile], cfg: ResolveConfig, text: TextIndex | None = None) -> Scores:
    """Scores of the candidate pairs (i < j) that are compatible; compatibility of any pair: Scores.ok.

    Two news reports of two documents the document model reads whole (link_documents) are left to it below
    `read_threshold`, and whenever their documents name streets but none in common: its average linkage over the
    documents' words keeps two shootings of one city and day apart where the best pair of their reports chains
    them; a background mention, a follow-up, or a report of a segment with no text of its own has only its pair
    scores to join an event."""
    out = Scores(profiles, cfg)
    read = cfg.read_threshold if text is not None else None
    for i, j in sorted(candidate_pairs(profiles, cfg)):
        s = pair_score(profiles[i], profiles[j], cfg, text)
        if s is None:
            continue
        a, b = profiles[i], profiles[j]
        if read is not None and a.document != b.document and _read(a, text) and _read(b, text):
            # the pair model does not see streets: two stories of a city and day naming different streets are
            # often two shootings, and only the document model weighs that (streets_differ)
            if s < read or text.shared_streets(a.segment, b.segment)[1]:
                continue
        out[(i, j)] = s
    return out


def _read(p: Profile, text: TextIndex) -> bool:
    """A report the document model can join: its segment's news, in a segment whose own text was given."""
    return p.salience != "background" and not p.follows and p.segment in text.whole


class Scores(dict):
    """(i, j) -> score of the scored compatible pairs, and `ok(i, j)`: whether any pair can share an event."""

    def __init__(self, profiles: list[Profile], cfg: ResolveConfig):
        super().__init__()
        self.profiles, self.cfg = profiles, cfg
        self._ok: dict[tuple[int, int], bool] = {}

    def ok(self, i: int, j: int) -> bool:
        k = (i, j) if i < j else (j, i)
        if k in self:
            return True
        got = self._ok.get(k)
        if got is None:
            got = self._ok[k] = compatible(self.profiles[i], self.profiles[j], self.cfg)
        return got


def cluster(
    profiles: list[Profile], cfg: ResolveConfig, text: TextIndex | None = None, documents: DocumentModel | None = None
) -> Clustering:
    got = settle(pair_scores(profiles, cfg, text), profiles, cfg)
    model = documents if documents is not None else DocumentModel.load()
    if text is not None and model is not None:
        got = link_documents(got, profiles, cfg, text, model)
    return _anchored(got, profiles, cfg)


def _anchored(got: Clustering, profiles: list[Profile], cfg: ResolveConfig) -> Clustering:
    """Events no source dates to a day join the one dated event of their city they fit (resolve/anchor.py)."""
    final = anchor(got.clusters, profiles, cfg, set(got.ambiguous))
    if final is got.clusters:
        return got
    index = {i: k for k, g in enumerate(final) for i in g}
    old = {k: index[g[0]] for k, g in enumerate(got.clusters)}
    return Clustering(final, {i: [(old[g], s) for g, s in cands] for i, cands in got.ambiguous.items()})


DOCUMENTS_PATH = DATA / "resolution_documents.json"
# the document-pair features, in the order of the model file
DOCUMENT_FEATURES = (
    "text_cosine",
    "names_cosine",
    "title_cosine",
    "lead_probability",
    "date_conflict",
    "place_conflict",
    "family_conflict",
    "published_gap",
    "people_shared",
    "streets_shared",
    "streets_differ",
    "place_namesake",
    "date_proceeding",
    "counts_same",
    "counts_differ",
)


@dataclass(frozen=True, slots=True)
class DocumentModel:
    """Which documents tell one happening, from their whole texts: the candidate search (`window` days of
    publication, each segment's `top` nearest segments by TF-IDF cosine >= `floor`) and the model scoring each
    candidate pair of documents (the lead reports' fields are evidence, not a veto: extracted dates and places
    are noisy, the words of two stories of one shooting much less)."""

    model: PairModel
    window: int = 14
    top: int = 5
    floor: float = 0.1
    average: float | None = None  # the mean probability two events' documents need to join (None: the threshold)
    people: int = 0  # days apart that two documents naming one rare person are still a candidate pair (0: none)

    @classmethod
    def load(cls, path: Path | None = None) -> DocumentModel | None:
        p = path or DOCUMENTS_PATH
        if not p.is_file():
            return None
        return cls.from_dict(json.loads(p.read_text(encoding="utf-8")))

    @classmethod
    def from_dict(cls, d: dict) -> DocumentModel:
        s = d.get("search") or {}
        avg = s.get("average")
        return cls(
            PairModel.from_dict(d),
            int(s.get("window", 14)),
            int(s.get("top", 5)),
            float(s.get("floor", 0.1)),
            None if avg is None else float(avg),
            int(s.get("people", 0)),
        )

    def to_dict(self) -> dict:
        search = {
            "window": self.window,
            "top": self.top,
            "floor": self.floor,
            "average": self.average,
            "people": self.people,
        }
        return {**self.model.to_dict(), "search": search}


def leads(profiles: list[Profile], clusters: list[list[int]] | None = None) -> dict[str, int]:
    """Segment -> its lead report, one of the reports that tell its news: the main reports that follow nothing
    (all its reports if it has none). Of those, the event holding most of them is the segment's (its first
    report, the headline or the lede, decides a tie), and the lead is its first report in that event."""
    mine: dict[str, list[tuple]] = defaultdict(list)
    for i, p in enumerate(profiles):
        mine[p.segment].append((p.salience != "main" or p.follows, p.start, p.key, i))
    home = {i: k for k, g in enumerate(clusters or [[i] for i in range(len(profiles))]) for i in g}
    out: dict[str, int] = {}
    for seg, rows in mine.items():
        rows.sort()
        news = [r for r in rows if not r[0]] or rows
        votes: dict[int, int] = defaultdict(int)
        for r in news:
            votes[home[r[-1]]] += 1
        top = max(votes.values())
        out[seg] = next(r[-1] for r in news if votes[home[r[-1]]] == top)
    return out


def document_features(a: Profile, b: Profile, cfg: ResolveConfig, text: TextIndex, cos: float) -> dict[str, float]:
    """The evidence that the segments whose leads are a and b tell one happening."""
    f = {"text_cosine": cos, "names_cosine": text.segments(a.id, b.id)[1]}
    f["title_cosine"] = text.titles(a.segment, b.segment)
    f["people_shared"] = min(NAMES_CAP, text.shared_people(a.segment, b.segment))
    shared, differ = text.shared_streets(a.segment, b.segment)
    f["streets_shared"] = shared
    if differ:
        f["streets_differ"] = 1.0
    da, db = text.day.get(a.segment), text.day.get(b.segment)
    # days apart, on a log scale: a follow-up weeks later still tells the story, a year later seldom
    f["published_gap"] = 0.5 if da is None or db is None else min(1.0, math.log1p(abs(da - db)) / math.log1p(365))
    # each conflict counts: two stories a year and a country apart are further apart than either alone
    conflicts = {
        "family_conflict": not family_ok(a, b),
        "date_conflict": date_kind(a.date, b.date, cfg) is None,
        "place_conflict": place_kind(a, b, cfg) is None,
    }
    f.update((k, 1.0) for k, v in conflicts.items() if v)
    if conflicts["date_conflict"] and (a.proceeding or b.proceeding):
        # a story told through a charge or a trial is often dated by its hearing, not its shooting: a weaker conflict
        f["date_proceeding"] = 1.0
    # the leads' exact tolls, kind by kind: one figure in common, or only different ones
    agree = count_agreement(a, b)
    same = sum(exact_same for exact_same, _, _ in agree)
    differ = sum(both_exact and not exact_same for exact_same, _, both_exact in agree)
    if same:
        f["counts_same"] = min(NAMES_CAP, same)
    if differ:
        f["counts_differ"] = min(NAMES_CAP, differ)
    if conflicts["place_conflict"] and a.city and a.city == b.city:
        # one town name placed in two states: more often the gazetteer's guess of a state than two towns
        del f["place_conflict"]
        f["place_namesake"] = 1.0
    if not any(conflicts.values()):
        got = pair_features(a, b, cfg, text)
        f["lead_probability"] = cfg.model.probability(got) if got is not None else 0.0
    return f


def document_pairs(
    profiles: list[Profile], cfg: ResolveConfig, text: TextIndex, model: DocumentModel, clusters: list[list[int]]
) -> list[tuple[int, int, dict[str, float]]]:
    """(lead i, lead j, features) of the candidate document pairs, i < j, sorted."""
    lead = leads(profiles, clusters)
    near = text.neighbours(lead, model.window, model.top, model.floor)
    # a story told through an arrest or a trial looks back as far as such stories come after their shooting
    late = [s for s, i in lead.items() if profiles[i].proceeding]
    reach = int(cfg.date.get("proceeding_window_days", 0))
    if late and reach > model.window:
        for k, cos in text.earlier(late, lead, reach, model.top, model.floor).items():
            near.setdefault(k, cos)
    # a story that dates its shooting more than the window before it was published (a funeral, a reward, a
    # march weeks later) is searched for among the stories published around that day, not its own
    told = {s: profiles[i].date.hi for s, i in lead.items() if _looks_back(profiles[i], text, model.window)}
    if told:
        tol = int(cfg.date["tolerance_days"])
        for k, cos in text.around(told, lead, tol, model.window, model.top, model.floor).items():
            near.setdefault(k, cos)
    if model.people:
        for k, cos in text.namesakes(lead, model.people).items():
            near.setdefault(k, cos)
    out = []
    for (sa, sb), cos in sorted(near.items()):
        i, j = sorted((lead[sa], lead[sb]))
        if profiles[i].document != profiles[j].document:
            out.append((i, j, document_features(profiles[i], profiles[j], cfg, text, cos)))
    return out


def _looks_back(p: Profile, text: TextIndex, window: int) -> bool:
    """A lead whose own stated date is more than `window` days before its segment was published."""
    day = text.day.get(p.segment)
    return dated(p) and day is not None and day - p.date.hi > window


def link_documents(
    got: Clustering, profiles: list[Profile], cfg: ResolveConfig, text: TextIndex, model: DocumentModel
) -> Clustering:
    """Join the events of documents' leads by average linkage over the document model's probabilities: the
    strongest candidate pair first (ties by the reports' keys: a function of the set of reports, never of their
    order), two events joining only when their documents' pairs score the threshold on average (so that one
    close pair does not chain two shootings of a city into one)."""
    threshold = model.model.threshold if model.model.threshold is not None else 0.5
    edges, known = [], {}
    for i, j, f in document_pairs(profiles, cfg, text, model, got.clusters):
        p = known[(i, j)] = model.model.probability(f)
        if p >= threshold:
            edges.append((-p, profiles[i].key, profiles[j].key, i, j))
    if not edges:
        return got

    def prob(i: int, j: int) -> float | None:
        if profiles[i].document == profiles[j].document:
            return None
        k = (i, j) if i < j else (j, i)
        if k not in known:
            a, b = profiles[k[0]], profiles[k[1]]
            cos = cosine(text.text.get(a.segment, {}), text.text.get(b.segment, {}))
            known[k] = model.model.probability(document_features(a, b, cfg, text, cos))
        return known[k]

    home = {i: k for k, g in enumerate(got.clusters) for i in g}
    history = historical(profiles, text)
    news = FreshNews(profiles, text, int(cfg.date["tolerance_days"]))
    lead_of = set(leads(profiles, got.clusters).values())
    sets = DisjointSets(range(len(got.clusters)), order=int)
    heads: dict[int, list[int]] = defaultdict(list)  # cluster root -> the leads it holds
    for i in sorted(lead_of):
        heads[home[i]].append(i)
    for *_, i, j in sorted(edges):
        a, b = sets.find(home[i]), sets.find(home[j])
        if a == b or _years_apart(profiles[i], profiles[j], history) or news.apart(profiles[i], profiles[j]):
            continue
        cross = [prob(x, y) for x in _some(heads[a], profiles) for y in _some(heads[b], profiles)]
        cross = [p for p in cross if p is not None]
        if cross and sum(cross) / len(cross) < (threshold if model.average is None else model.average):
            continue
        root = sets.union(a, b)
        heads[root] = heads.pop(b if root == a else a) + heads.get(root, [])
    joined: dict[int, list[int]] = defaultdict(list)
    for k, g in enumerate(got.clusters):
        joined[sets.find(k)].extend(g)
    # a report left alone between two events that its documents have now joined fits the one event they are
    home_of = {k: sets.find(home[got.clusters[k][0]]) for k in range(len(got.clusters))}
    still: dict[int, list[tuple[int, float]]] = {}
    for i, cands in got.ambiguous.items():
        roots = {home_of[g] for g, _ in cands}
        if len(roots) == 1 and len(joined[sets.find(home[i])]) == 1:
            joined[sets.find(home[i])].remove(i)
            joined[roots.pop()].append(i)
        else:
            still[i] = cands
    final = sorted(sorted(g) for g in joined.values() if g)
    index = {i: k for k, g in enumerate(final) for i in g}
    ambiguous = {
        i: [(index[got.clusters[g][0]], s) for g, s in cands] for i, cands in still.items() if len(final[index[i]]) == 1
    }
    return Clustering(final, ambiguous)


class FreshNews:
    """Which leads tell fresh news: a shooting their own story dates to its publication day or within the day
    tolerance before it, not through an arrest or a trial. Two such stories whose days the tolerance cannot
    reconcile are two shootings, however alike their words (a city's stories of its shootings read much alike;
    each dates its shooting from close by, so the days truly conflict), unless one of them also tells the other's
    day (a follow-up, its suspect found dead or the victim's death, dates its own news fresh but says when the
    shooting was) or they name a rare person or a street in common."""

    def __init__(self, profiles: list[Profile], text: TextIndex, tolerance: int):
        self.text, self.tolerance = text, tolerance
        self.days: dict[str, set[int]] = defaultdict(set)  # segment -> the days its news reports tell
        for p in profiles:
            if day_dated(p) and p.salience != "background":
                self.days[p.segment].add(p.date.lo)

    def fresh(self, p: Profile) -> bool:
        day = self.text.day.get(p.segment)
        told = day_dated(p) and not (p.proceeding or p.follows)
        return told and day is not None and 0 <= day - p.date.hi <= self.tolerance

    def tells(self, p: Profile, day: int) -> bool:
        return any(abs(d - day) <= self.tolerance for d in self.days.get(p.segment, ()))

    def apart(self, a: Profile, b: Profile) -> bool:
        if not (self.fresh(a) and self.fresh(b)) or abs(a.date.lo - b.date.lo) <= self.tolerance:
            return False
        if self.tells(a, b.date.lo) or self.tells(b, a.date.lo):
            return False
        # a rare person or a street named again is the follow-up's own link (a vigil, a sentencing); a street
        # only in one town: neighbouring towns have streets of one name (a Clinton Place, a South Clinton Street)
        towns_differ = bool(a.city and b.city and a.city != b.city)
        shared_street = not towns_differ and self.text.shared_streets(a.segment, b.segment)[0]
        return not (shared_street or self.text.shared_people(a.segment, b.segment))


HISTORY_DAYS = 365  # a lead dated this much before its segment's publication may be history, not news


def historical(profiles: list[Profile], text: TextIndex) -> set[str]:
    """Segments that tell only history: every date their news reports state in their own sentences is a year or
    more older than the segment (a reader's comment on today's bombing that dwells on the one at the same junction
    five years ago). A date a headline took from another sentence is no evidence of it."""
    old: dict[str, bool] = {}
    for p in profiles:
        day = text.day.get(p.segment)
        if day is None or not dated(p) or p.date_borrowed or p.salience == "background":
            continue
        old[p.segment] = old.get(p.segment, True) and day - p.date.hi > HISTORY_DAYS
    return {s for s, v in old.items() if v}


def _years_apart(a: Profile, b: Profile, history: set[str]) -> bool:
    """Leads dated more than a year apart, one of a segment that tells only history: not one happening, however
    alike their words (a story with news of its own joins an older event as trials and follow-ups do)."""
    if not (dated(a) and dated(b)) or abs(a.date.lo - b.date.lo) <= HISTORY_DAYS:
        return False
    return a.segment in history or b.segment in history


AVERAGE_OVER = 16  # leads of each event the average linkage compares (a big event's every pair is quadratic)


def _some(heads: list[int], profiles: list[Profile]) -> list[int]:
    """The first AVERAGE_OVER leads by canonical key: a function of the set, never of the order of merging."""
    return heads if len(heads) <= AVERAGE_OVER else sorted(heads, key=lambda i: profiles[i].key)[:AVERAGE_OVER]


def settle(scores: Scores, profiles: list[Profile], cfg: ResolveConfig) -> Clustering:
    """The clustering that pair scores give under cfg's thresholds."""
    excluded: set[int] = set()
    for _ in range(len(profiles) + 1):
        groups = _agglomerate(len(profiles), scores, cfg, excluded)
        new = _ambiguous(groups, scores, cfg, excluded)
        if not new:
            break
        excluded |= new
    return _settle(groups, excluded, scores, cfg, profiles)


def _s(scores: dict[tuple[int, int], float], i: int, j: int) -> float | None:
    return scores.get((i, j) if i < j else (j, i))


def _mergeable(a: list[int] | set[int], b: list[int] | set[int], scores: Scores) -> bool:
    return all(scores.ok(i, j) for i in a for j in b)


def _link(i: int, members, scores) -> float:
    return max((_s(scores, i, j) or 0.0 for j in members if j != i), default=0.0)


def _agglomerate(n: int, scores, cfg: ResolveConfig, excluded: set[int]) -> list[list[int]]:
    sets = DisjointSets(range(n), order=int)  # the smaller index names a cluster
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    edges = sorted(
        (-s, i, j)
        for (i, j), s in scores.items()
        if s >= cfg.merge_threshold and i not in excluded and j not in excluded
    )
    for _, i, j in edges:
        a, b = sets.find(i), sets.find(j)
        if a == b or not _mergeable(members[a], members[b], scores):
            continue
        if _towns_apart(members[a], members[b], scores, cfg):
            continue
        root = sets.union(a, b)
        other = b if root == a else a
        members[root] = sorted(members[root] + members.pop(other))
    return sorted(members.values())


NEAR_KINDS = ("venue_same", "city_same", "city_near")


def _towns_apart(a: list[int], b: list[int], scores: Scores, cfg: ResolveConfig) -> bool:
    """Two clusters holding reports of two documents placed in two towns that are not neighbours (compatible only by
    their state, within far_km) which do not score the threshold themselves, and no report of either document
    placed in one town or neighbouring towns: a chain through a third report (a state-wide feature naming both
    towns' shootings, a roundup glued by its same-document head start) is no evidence that the two towns' stories
    tell one shooting, but a town told on both sides is (a follow-up also names where the suspects were caught)."""
    p = scores.profiles
    apart = False
    for i in a:
        for j in b:
            x, y = p[i], p[j]
            if x.document == y.document or not (x.city and y.city):
                continue
            if x.city == y.city or place_kind(x, y, cfg) in NEAR_KINDS:
                return False  # one town told on both sides: a follow-up naming another town too is still one story
            apart = apart or (_s(scores, i, j) or 0.0) < cfg.merge_threshold
    return apart


def _ambiguous(groups: list[list[int]], scores, cfg: ResolveConfig, excluded: set[int]) -> set[int]:
    """Reports (not yet excluded) that fit two clusters that cannot be one event, about equally well."""
    out: set[int] = set()
    where = {i: g for g in groups for i in g}
    near: dict[int, set[int]] = defaultdict(set)
    for (i, j), s in scores.items():
        if s >= cfg.merge_threshold and i not in excluded and j not in excluded:
            near[i].add(j)
            near[j].add(i)
    for i in sorted(near):
        home = [x for x in where[i] if x != i]
        own = _link(i, home, scores)
        others = {id(where[j]): where[j] for j in near[i] if where[j] is not where[i]}
        fits = [
            g
            for g in others.values()
            if _mergeable([i], g, scores) and _link(i, g, scores) >= own - cfg.ambiguity_margin
        ]
        if home and any(not _mergeable(home, g, scores) for g in fits):
            out.add(i)
        elif not home and any(not _mergeable(a, b, scores) for k, a in enumerate(fits) for b in fits[k + 1 :]):
            out.add(i)
    return out


def _settle(
    groups: list[list[int]], excluded: set[int], scores, cfg: ResolveConfig, profiles: list[Profile]
) -> Clustering:
    """An excluded report with one candidate left joins it; with two or more it stays alone, ambiguous."""
    groups = [list(g) for g in groups if not (len(g) == 1 and g[0] in excluded)]
    ambiguous: dict[int, list[tuple[int, float]]] = {}
    alone: list[list[int]] = []
    fits: dict[int, list[tuple[int, float]]] = {}
    # only a group holding a report the excluded one scores the threshold with can be joined: looking there, not
    # at every group, keeps this linear (checking every group cached a compatibility per pair: 9 GB at 100k)
    where = {x: k for k, g in enumerate(groups) for x in g}
    near: dict[int, set[int]] = defaultdict(set)
    for (i, j), s in scores.items():
        if s >= cfg.merge_threshold:
            if i in excluded and j in where:
                near[i].add(where[j])
            if j in excluded and i in where:
                near[j].add(where[i])
    for i in sorted(excluded, key=lambda x: profiles[x].key):
        fits[i] = [
            (k, link)
            for k in sorted(near[i])
            if (link := _link(i, groups[k], scores)) >= cfg.merge_threshold and _mergeable([i], groups[k], scores)
        ]
    joins: dict[int, list[int]] = defaultdict(list)
    for i, cands in fits.items():
        if len(cands) == 1:
            joins[cands[0][0]].append(i)
        else:
            alone.append([i])
    for k, extra in joins.items():
        groups[k] = sorted(groups[k] + extra)
    final = sorted(groups + alone)
    index = {tuple(g): k for k, g in enumerate(final)}
    for i, cands in fits.items():
        if len(cands) >= 2:
            ambiguous[i] = [(index[tuple(groups[k])], s) for k, s in cands]
    return Clustering(final, ambiguous)
