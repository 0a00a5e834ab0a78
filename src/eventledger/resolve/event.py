"""Build one Event from its member reports: all values kept, summaries derived."""

from __future__ import annotations

from collections import Counter, defaultdict

from eventledger.knowledge import distance_km
from eventledger.knowledge.gazetteer import NEARBY_KM
from eventledger.records import PLACE_RANK, Event
from eventledger.resolve.config import ResolveConfig, norm
from eventledger.resolve.contradictions import contradictions
from eventledger.resolve.features import Profile
from eventledger.resolve.places import (
    at_home,
    big_city_at_home,
    namesake_in,
    namesake_near,
    stray_from_home,
    towns_named,
)
from eventledger.resolve.sources import View, independent_sources, placing
from eventledger.resolve.statements import perpetrators
from eventledger.resolve.values import hit_not_killed, hurt_then_dead, summarize

DATE_RANK = {"second": 0, "day": 0, "month": 1, "year": 2}
_NAMES = ("name", "city", "admin1", "country")
PLACE_KEYS = ("name", "city", "admin1", "admin2", "country", "lat", "lon", "precision")
# a report's meta place_state: how its story told the town's state (extract.placing `_state_told`)
STATE_TOLD = {"qualified": 0, "named": 1, "context": 1}
# a bare town far from its local outlet's home (`places.stray_from_home`) ranks after every town and county told
STRAY_RANK = PLACE_RANK["admin2"] + 0.5
BIG_CITY = 100000  # a city this big that one story names takes in a part another tells alone (`_parts_of_a_city`)


def _facts(vs: list[View]) -> list[View]:
    return [v for v in vs if not v.opinion] or vs


def event_type(vs: list[View], cfg: ResolveConfig) -> str:
    types = Counter(v.report.get("type") for v in _facts(vs) if v.report.get("type"))
    specific = [(n, t) for t, n in types.items() if norm(t) not in cfg.generic_types]
    pool = specific or [(n, t) for t, n in types.items()]
    return min(pool, key=lambda x: (-x[0], x[1]))[1] if pool else "unknown"


def _date_stated(report: dict) -> bool:
    """The source wrote the date (its own words, or words it borrowed); not a bound such as its publication date."""
    d = report.get("date") or {}
    return bool(d.get("text") or report.get("date_evidence") or not (report.get("meta") or {}).get("date_from"))


def _date_told(report: dict) -> bool:
    """The report's own sentence (or one it was folded with or borrowed from) states the date; not a day found
    elsewhere in its story and lent to a sentence that names none ("story_day": the earliest day the story tells,
    which may be an earlier happening it recalls)."""
    return _date_stated(report) and (report.get("meta") or {}).get("date_from") != "story_day"


def event_date(vs: list[View]) -> dict:
    """The event's day: none after the first report's publication where another is told, then the finest
    precision, a day some source states of the event before a day lent from elsewhere in a story, and that before
    a day that only bounds it (the publication of a report that names no day, the day of an arrest), then the most
    documents, then the most reports, then the earliest."""
    seen: dict[tuple, set[str]] = defaultdict(set)
    stated: set[tuple] = set()
    told: set[tuple] = set()
    for v in vs:
        d = v.report.get("date") or {}
        if d.get("value") and d.get("precision") in DATE_RANK:
            prec = "day" if d["precision"] == "second" else d["precision"]
            key = (d["value"][: {"day": 10, "month": 7, "year": 4}[prec]], prec)
            seen[key].add(v.id)
            if _date_stated(v.report):
                stated.add(key)
            if _date_told(v.report):
                told.add(key)
    values = [{"value": k[0], "precision": k[1], "reports": sorted(r)} for k, r in sorted(seen.items())]
    fact_views = _facts(vs)
    facts = {v.id for v in fact_views}
    document = {v.id: v.report.get("document") for v in vs}
    pool = [x for x in values if set(x["reports"]) & facts] or values
    if not pool:
        return {"value": None, "precision": None, "values": []}
    # nothing is reported before it happens: a day after the first report's publication is a later happening told
    # with the event (the suspect found dead, the plea months on), not the event's. Only a page that states a day
    # sets that bound: one dated by its page date alone may carry a wrong one (a re-saved page, a scraper's date
    # years off), and the story's own days must not all fall for it
    first = min((v.published[:10] for v in fact_views if v.published and _date_stated(v.report)), default=None)
    if first:
        pool = [x for x in pool if x["value"] <= first[: len(x["value"])]] or pool
    top = min(
        pool,
        key=lambda x: (
            DATE_RANK[x["precision"]],
            (x["value"], x["precision"]) not in told,
            (x["value"], x["precision"]) not in stated,
            -len({document[r] for r in set(x["reports"]) & facts}),  # documents: one list of past shootings is one
            -len(set(x["reports"]) & facts),
            x["value"],
        ),
    )
    return {"value": top["value"], "precision": top["precision"], "values": values}


def _told_in_sentence(report: dict) -> bool:
    """The report's place lies in its own sentence: told of the event, not taken from a dateline or an earlier
    sentence because the sentence names none."""
    p = (report.get("place") or {}).get("evidence") or {}
    s = report.get("evidence") or {}
    if p.get("start") is None or s.get("start") is None or p.get("document") != s.get("document"):
        return False
    return s["start"] <= p["start"] and p.get("end", p["start"]) <= s.get("end", s["start"])


def _parts_join_their_city(seen, full, qualified, stated, first) -> None:
    """A place one report tells as a part of a city ("Coney Island", city Brooklyn: its story named the city) and
    another as a town of its own (its story named no city) is that part: the reports of the bare one join it, so
    the event's city is the city, not the part. So does a bare town of that name in another state of the country
    ("Austin" alone is Minnesota's; beside "Austin" told as a part of Chicago it is that part)."""
    for k in list(seen):
        name, city, admin1, country, precision = k
        if city != name:
            continue
        part = next(
            (o for o in seen if o[0] == name and o[1] and o[1] != name and (o[3], o[4]) == (country, precision)), None
        )
        if part is None or (k in qualified and part[2] != admin1):
            continue  # a town told with its state ("Austin, Texas") is that town
        seen[part] |= seen.pop(k)
        full.pop(k)
        if k in qualified:
            qualified.discard(k)
            qualified.add(part)
        stated[part] |= stated.pop(k, set())
        first[part] = min(first[part], first.pop(k))


def _parts_of_a_city(seen, full, qualified, stated, first, told_state) -> None:
    """A town one story names alone ("shot dead in Elmwood", its state a guess among namesakes by size) while another
    story of the event names a big city of a state where no place bears that name ("Denver police") is a part of
    that city the gazetteer does not know (a neighbourhood, a street: "the shooting on Elmwood"): it keeps
    its name with that city as its city, as one story would tell it that names both (extract.placing
    `_unknown_part`). Not when a namesake lies near the city (a suburb of its own), or two such cities disagree."""
    cities = {}
    for k in seen:
        name, city, admin1, country, precision = k
        if precision != "city" or name != city or not admin1 or not country:
            continue
        towns = towns_named(name, country)
        if towns and towns[0][0] == admin1 and towns[0][3] >= BIG_CITY and towns[0][1] is not None:
            cities[k] = towns[0]
    for k in list(seen):
        name, city, admin1, country, precision = k
        if precision != "city" or k in qualified or k in cities or not country or told_state.get(k, 2) < 2:
            continue
        if any(o[2] == admin1 and o[3] == country for o in seen if o != k):
            continue  # another story places the event in the state of this namesake ("... in Tennessee")
        homes = {(o[2], o[3]) for o in cities if o[3] == country and o[2] != admin1}
        if len(homes) != 1:
            continue
        ((state, _),) = homes
        towns = towns_named(name, country)
        if len({t[0] for t in towns}) < 2 or any(t[0] == state for t in towns):
            continue  # a name of one state's towns only is that town, wherever the other story was filed
        o = max((o for o in cities if o[2] == state), key=lambda o: cities[o][3])
        at = (cities[o][1], cities[o][2])
        if any(t[1] is not None and distance_km(at, (t[1], t[2])) < NEARBY_KM for t in towns):
            continue
        part = (name, o[1], state, country, "city")
        seen[part] |= seen.pop(k)
        full.setdefault(
            part, {**full.pop(k), "city": o[1], "admin1": state, "admin2": None, "lat": at[0], "lon": at[1]}
        )
        stated[part] |= stated.pop(k, set())
        first[part] = min(first.get(part, first[k]), first.pop(k))
        told_state[part] = min(told_state.get(part, 2), told_state.pop(k, 2))


def _filed_only(seen, qualified, stated) -> set[tuple]:
    """Towns told with their state only where no sentence names them ("OAKVALE, Ore. (KXYZ) -", a dateline
    standing in for a sentence that names no place) while a sentence names another town of that state as the
    scene ("Pine Ridge police investigate ..."): where the story was filed, ranked after the scene among places
    as many reports tell. A town of another state or country is no scene near the dateline ("a Lakeport teen" in
    an "OAKVALE, Ore." story, Lakeport in another state: where the victim lived)."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for k in seen:
        by_name[norm(k[0] or "")] |= stated.get(k, set())
    return {
        k
        for k in qualified
        if k[2]
        and not by_name[norm(k[0] or "")]
        and any(
            o[2] == k[2] and o[3] == k[3] and o[4] == k[4] and norm(o[0] or "") != norm(k[0] or "") and stated.get(o)
            for o in seen
        )
    }


def event_place(
    vs: list[View],
    homes: dict[str, str] | None = None,
    areas: dict[str, tuple[float, float]] | None = None,
    cities: dict[str, dict] | None = None,
) -> dict:
    """The event's place among its reports'. `homes`: outlet -> its home state (`places.outlet_states`), where a
    namesake its story names bare with nothing to tell which is likelier the one meant than the biggest, and of
    two towns of different states told alike, the one of such a home the likelier scene; `areas`: outlet -> the
    point its stories lie around (`places.outlet_areas`), the namesake near it likelier still; `cities`: outlet ->
    its home's big city (`places.outlet_cities`), that a bare name far from the home is a part of (`_where`)."""
    seen: dict[tuple, set[str]] = defaultdict(set)
    full: dict[tuple, dict] = {}
    qualified: set[tuple] = set()
    stated: dict[tuple, set[str]] = defaultdict(set)  # reports whose sentence names the place (no fallback)
    first: dict[tuple, int] = {}  # how early in its document a report told it (a headline's before a link's below)
    told_state: dict[tuple, int] = {}
    stray: set[str] = set()  # reports whose bare town was far from their local outlet's home (`stray_from_home`)
    placed = [v for v in placing(_facts(vs)) if any((v.report.get("place") or {}).get(k) for k in _NAMES)]
    told = _told(placed)
    doc_of = {v.id: v.report.get("document") for v in placed}
    # the home states of the local outlets that tell it (`homes`): of two towns told alike, one of such a state
    local = {(homes or {}).get(v.source or v.origin) for v in placed} - {None}
    for v in told or placed:
        p, how = _where(v, homes, areas, cities)
        if how == "stray":
            stray.add(v.id)
        k = tuple(p.get(x) for x in ("name", "city", "admin1", "country", "precision"))
        seen[k].add(v.id)
        full.setdefault(k, {x: p.get(x) for x in PLACE_KEYS})
        if "," in ((p.get("evidence") or {}).get("text") or ""):
            qualified.add(k)  # told with its state ("Portland, Ind.", "LEXINGTON, SC"): no guess among namesakes
        told_state[k] = min(told_state.get(k, 2), STATE_TOLD.get(how, 2))
        if _told_in_sentence(v.report):
            stated[k].add(v.id)
        at = (v.report.get("evidence") or {}).get("start")
        first[k] = min(first.get(k, at or 0), at or 0)
    if not seen:
        return {**{k: None for k in PLACE_KEYS}, "values": []}
    _parts_of_a_city(seen, full, qualified, stated, first, told_state)
    _parts_join_their_city(seen, full, qualified, stated, first)
    # the town more stories tell first, under any of its names, parts or its county (`_told_together`), then more
    # reports (a story's "Elmwood" twice over a "RIVERTON, Ore." dateline once; one page's photo captions naming a
    # town ten times count as one story); its state only decides among places of one name
    weak = {k for k, ids in seen.items() if ids <= stray}
    named = _told_together(seen, full, weak)
    filed = _filed_only(seen, qualified, stated)
    keys = sorted(
        seen,
        key=lambda k: (
            # a town only stray reports tell is the least told place: any town or county told outranks it
            STRAY_RANK if k in weak else PLACE_RANK.get(k[4], 5),
            -len({doc_of[i] for i in named[k]}),
            # a dateline's town that only stands in for sentences naming no place, however many, is where the
            # story was filed: after a town a sentence names as the scene
            k in filed,
            -len(named[k]),
            k[2] not in local,
            # of a town told alone and as a part of it, the part: the finer place, in the same town
            _town_of(k) == norm(k[0] or ""),
            k not in qualified,
            -len(seen[k]),
            -len(stated[k]),
            first[k],
            tuple(x or "" for x in k),
        ),
    )
    # among namesakes of the first name (Ashbury, Idaho or Oregon), the one a story told the state of, over one
    # the name alone chose by size
    same = [k for k in keys if norm(k[0] or "") == norm(keys[0][0] or "") and k[4] == keys[0][4]]
    pick = min(same, key=lambda k: (k in filed, k not in qualified, told_state.get(k, 2), keys.index(k)))
    keys.remove(pick)
    keys.insert(0, pick)
    best = _filled_in(dict(full[keys[0]]), [full[k] for k in keys[1:]])
    values = [
        {**{x: full[k].get(x) for x in ("name", "city", "admin1", "country", "precision")}, "reports": sorted(seen[k])}
        for k in keys
    ]
    return {**best, "values": values}


def _where(v: View, homes: dict | None, areas: dict | None, cities: dict | None) -> tuple[dict, str]:
    """The report's place, moved by its local outlet's home (`event_place`), and how its story told which namesake
    it is (extract.placing `_state_told`, ranked by STATE_TOLD): with its state elsewhere, then by the places
    around it or its outlet's home, over a guess by size; "stray" for a bare town far from that home
    (`places.stray_from_home`), kept in the home by its name alone."""
    home = (homes or {}).get(v.source or v.origin)
    area = (areas or {}).get(v.source or v.origin)
    moved = namesake_near(v.report, area) if area else None
    moved = moved or (namesake_in(v.report, home) or big_city_at_home(v.report, home) if home else None)
    if moved is not None:
        return moved, "context"
    if home and stray_from_home(v.report, home):
        return at_home(v.report, home, (cities or {}).get(v.source or v.origin)), "stray"
    return v.report["place"], (v.report.get("meta") or {}).get("place_state")


def _county_key(place: dict, field: str) -> tuple:
    """(county, state, country) of a county by its name, or of a town by the county it lies in (`admin2`)."""
    return norm(place.get(field) or ""), place.get("admin1"), place.get("country")


def _from_url(v: View) -> bool:
    return (v.report.get("meta") or {}).get("place_from") == "url"


def _told(placed: list[View]) -> list[View]:
    """The reports whose text tells their place. A place guessed from a web address counts only where no report's
    text tells one, or where it is a town of a county the text tells ("Elm County deputies" on the page of a
    station whose address names its town in that county): the finer place, and one consistent with the text."""
    counties = set()
    for v in placed:
        p = v.report["place"]
        if not _from_url(v) and p.get("precision") == "admin2":
            counties.add(_county_key(p, "name"))
    return [
        v
        for v in placed
        if not _from_url(v)
        or (v.report["place"].get("precision") == "city" and _county_key(v.report["place"], "admin2") in counties)
    ]


def _town_of(k: tuple) -> str:
    """The town a place lies in: a part of a city's city ("Rockwood Point", city Queens), else its own name."""
    return norm((k[1] if k[4] in ("venue", "city") and k[1] else k[0]) or "")


def _told_together(seen: dict[tuple, set[str]], full: dict[tuple, dict], weak: set[tuple]) -> dict[tuple, set[str]]:
    """Per place, the reports that tell its town: the town under any of its names' namesakes (its state only decides
    among them), any part of it ("Rockwood Point" of Queens beside "Queens"), and the county it lies in ("Elm County"
    beside "Ashford", Elm County's town): stories that tell one place at different grains agree on it. A `weak`
    place (a stray town put in its outlet's big city: `places.at_home`) counts its own reports only, and none for
    the city: no story told it there."""
    out = {k: seen[k] for k in weak}
    seen = {k: ids for k, ids in seen.items() if k not in weak}
    towns: dict[str, set[str]] = defaultdict(set)
    for k, ids in seen.items():
        towns[_town_of(k)] |= ids
    counties: dict[tuple, set[str]] = defaultdict(set)
    for k, ids in seen.items():
        if k[4] == "admin2":
            counties[_county_key(full[k], "name")] |= ids
    for k in seen:
        if k[4] in ("venue", "city") and full[k].get("admin2"):
            # for the town under every name and part of it: a part may lack its county (one the index lacks)
            towns[_town_of(k)] |= counties.get(_county_key(full[k], "admin2"), set())
    return {**out, **{k: towns[_town_of(k)] for k in seen}}


def _filled_in(best: dict, others: list[dict]) -> dict:
    """The best place with what it lacks (a venue's city, a city's state, coordinates) from the other values, in
    their order, of its own country and state only: a town of another state is no city of a county or venue of
    this one."""
    for other in others:
        if best.get("country") and other.get("country") not in (None, best["country"]):
            continue
        if best.get("admin1") and other.get("admin1") not in (None, best["admin1"]):
            continue
        for x in ("city", "admin1", "country"):
            if not best.get(x) and other.get(x):
                best[x] = other[x]
        if best.get("lat") is None and other.get("lat") is not None and other.get("precision") in ("venue", "city"):
            best["lat"], best["lon"] = other["lat"], other["lon"]
    return best


def count_values(vs: list[View]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for v in vs:
        for kind, cs in (v.report.get("counts") or {}).items():
            for c in cs:
                out[kind].append(
                    {
                        **c,
                        "report": v.id,
                        "source": v.source,
                        "origin": v.origin,
                        "document": v.report["document"],
                        "segment": v.report["segment"],
                        "published": v.published,
                        "opinion": v.opinion,
                        "copy": v.copy,
                    }
                )
    return out


def build(
    eid: str,
    founder: str,
    vs: list[View],
    profiles: dict[str, Profile],
    statements: list[dict],
    *,
    cfg: ResolveConfig,
    policy: str,
    homes: dict[str, str] | None = None,
    areas: dict[str, tuple[float, float]] | None = None,
    cities: dict[str, dict] | None = None,
) -> Event:
    counts = {k: summarize(vals, policy=policy, cfg=cfg, kind=k) for k, vals in sorted(count_values(vs).items())}
    hurt_then_dead(counts)
    hit_not_killed(counts, policy=policy)
    perps = perpetrators(vs, statements, cfg.actor_names)
    sources = sorted({(v.source or v.origin, v.report["document"]) for v in vs})
    return Event(
        id=eid,
        founder=founder,
        type=event_type(vs, cfg),
        date=event_date(vs),
        place=event_place(vs, homes, areas, cities),
        perpetrators=perps,
        counts=counts,
        reports=[
            {
                "id": v.id,
                "document": v.report["document"],
                "segment": v.report["segment"],
                "source": v.source,
                "origin": v.origin,
                "opinion": v.opinion,
                "copy": v.copy,
                "salience": v.report.get("salience"),
            }
            for v in vs
        ],
        sources=[{"name": n, "document": d} for n, d in sources],
        independent_sources=independent_sources(vs),
        contradictions=contradictions(vs, profiles, counts, perps, statements, cfg),
        statements=sorted(st["id"] for st in statements),
        resolution=cfg.version,
        policy=policy,
        background=bool(vs) and all(v.report.get("salience") == "background" for v in vs),
    )
