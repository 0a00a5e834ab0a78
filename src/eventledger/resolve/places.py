"""Coordinates of a city a report names without them, from the gazetteer (knowledge.Gazetteer).

Two reports that name neighbouring towns (Krasnogorsk and Moscow) are compared by distance, as when the extractor
gave coordinates (resolution.yaml place.near_km / far_km), instead of by a curated list of metro pairs. A name
is looked up once per (name, country); a name the gazetteer does not resolve to a city of that country keeps no
coordinates.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from eventledger.knowledge.gazetteer import BIG_PLACE, NEARBY_KM, distance_km


@lru_cache(maxsize=1)
def _gazetteer():
    from eventledger.knowledge import Gazetteer

    return Gazetteer.load()


@lru_cache(maxsize=65536)
def city_coords(name: str, country: str | None) -> tuple[float, float] | None:
    if not name:
        return None
    p = _gazetteer().resolve(name, countries=(country,) if country else ())
    if p is None or p.precision != "city" or p.lat is None or p.lon is None:
        return None
    if country and (p.country or "").upper() != country.upper():
        return None
    return float(p.lat), float(p.lon)


@lru_cache(maxsize=65536)
def towns_named(name: str, country: str) -> tuple[tuple[str | None, float | None, float | None, int], ...]:
    """(admin1, lat, lon, people) of every town or county of that name in the country, the biggest first."""
    if not name or not country:
        return ()
    cands = [
        c
        for c in _gazetteer().candidates(name, unknown_towns=False)
        if c.kind in ("city", "admin2") and (c.country or "").upper() == country.upper()
    ]
    return tuple((c.admin1, c.lat, c.lon, c.population) for c in sorted(cands, key=lambda c: -c.population))


OUTLET_DOCS, OUTLET_SHARE = 2, 0.6  # an outlet's stories told this often, this share, in one state make it its home


def _states(name: str) -> set[str | None]:
    return {t[0] for t in towns_named(name, "US")}


def _bare_guess(report: dict) -> bool:
    """The report's US town or county is named bare (no state beside it, no part of a city) and nothing its story
    names told which of its namesakes it is (extract.placing sets meta `place_guess`), nor is it the town of the
    outlet's web address."""
    p = report.get("place") or {}
    meta = report.get("meta") or {}
    name = p.get("name") or ""
    return (
        p.get("country") == "US"
        and (p.get("precision") == "admin2" or (p.get("precision") == "city" and p.get("city") == name))
        and "," not in ((p.get("evidence") or {}).get("text") or ",")
        and bool(meta.get("place_guess"))
        and not meta.get("place_from")
    )


def _guessed(report: dict) -> bool:
    """The report's US town or county is a namesake chosen by size alone: named bare, and nothing its story names
    told which (extract.placing sets meta `place_guess`: no state, no other place near or of its state)."""
    return _bare_guess(report) and len(_states((report.get("place") or {}).get("name") or "")) > 1


def _tells_state(report: dict) -> bool:
    """The report's place says its US state: no guess among namesakes by size (`_guessed`), nor a town of the
    outlet's web address."""
    p = report.get("place") or {}
    meta = report.get("meta") or {}
    return p.get("country") == "US" and bool(p.get("admin1")) and not meta.get("place_from") and not _guessed(report)


def _stating(reports):
    """The (outlet, report) pairs whose report tells its US state (`_tells_state`): what an outlet's home is
    learnt from."""
    return ((outlet, r) for outlet, r in reports if outlet and _tells_state(r))


def _home_share(n: int, total: int) -> bool:
    return n >= OUTLET_DOCS and n >= OUTLET_SHARE * total


def outlet_states(reports) -> dict[str, str]:
    """Outlet -> the US state its stories tell their places in, where most of its documents that tell one
    (OUTLET_SHARE, at least OUTLET_DOCS of them) do (`_tells_state`): a local outlet's home, where a namesake its
    story names bare is likelier than the biggest one. `reports`: (outlet, report) pairs."""
    docs: dict[str, dict[str, set[str]]] = {}
    for outlet, r in _stating(reports):
        docs.setdefault(outlet, {}).setdefault(r["place"]["admin1"], set()).add(r.get("document") or r.get("id"))
    homes = {}
    for outlet, by_state in docs.items():
        n = {s: len(d) for s, d in by_state.items()}
        top = max(sorted(n), key=lambda s: n[s])
        if _home_share(n[top], sum(n.values())):
            homes[outlet] = top
    return homes


def namesake_in(report: dict, state: str) -> dict | None:
    """The report's place moved to its namesake in that state when it is a guess by size (`_guessed`); None when
    it is no guess, or no place of its name lies there."""
    p = report.get("place") or {}
    if p.get("admin1") == state or not _guessed(report) or state not in _states(p.get("name") or ""):
        return None
    return _moved(p, state)


def _moved(p: dict, state: str) -> dict | None:
    """The place moved to its namesake in that state; None when the gazetteer resolves none of its grain there."""
    q = _gazetteer().resolve(p["name"], countries=("US",), admin1s=(state,))
    if q is None or q.admin1 != state or q.precision != p.get("precision"):
        return None
    return {**p, "city": q.city, "admin1": q.admin1, "admin2": q.admin2, "lat": q.lat, "lon": q.lon}


AREA_CENTRES = 64  # an outlet's most told points tried as the centre of its area


def outlet_areas(reports) -> dict[str, tuple[float, float]]:
    """Outlet -> the point its stories' places cluster around, where most of its documents that tell their state
    (OUTLET_SHARE, at least OUTLET_DOCS of them; `_tells_state`) lie within NEARBY_KM of the place of one of them:
    a local outlet covers its town's area, across a state line too (a Charlotte station's stories of South
    Carolina's towns), where a namesake its story names bare is likelier than the biggest. `reports`: (outlet,
    report) pairs."""
    pts: dict[str, dict[str, tuple[float, float]]] = {}
    for outlet, r in _stating(reports):
        p = r["place"]
        if p.get("lat") is not None and p.get("lon") is not None:
            pts.setdefault(outlet, {}).setdefault(r.get("document") or r.get("id"), (p["lat"], p["lon"]))
    areas = {}
    for outlet, by_doc in pts.items():
        docs = Counter(by_doc.values())  # point -> documents placed there: a local outlet tells a few towns often
        first: dict[tuple[float, float], str] = {}
        for d in sorted(by_doc):
            first.setdefault(by_doc[d], d)
        # the centre is sought among its most told points, so that a national outlet's thousands of towns cost
        # AREA_CENTRES passes over them, not one pass per town; of equal counts, the point told first wins
        centres = sorted(sorted(docs, key=lambda a: (-docs[a], first[a]))[:AREA_CENTRES], key=first.__getitem__)

        def near(a, docs=docs):
            return sum(k for b, k in docs.items() if distance_km(a, b) < NEARBY_KM)

        best = max(centres, key=near)  # max keeps the first of equal counts
        if _home_share(near(best), len(by_doc)):
            areas[outlet] = best
    return areas


def namesake_near(report: dict, area: tuple[float, float]) -> dict | None:
    """The report's place moved to its namesake nearest the outlet's area (`outlet_areas`), within NEARBY_KM of
    it, when it is a guess by size (`_guessed`) that lies farther; None when it is no guess or no namesake lies
    near."""
    p = report.get("place") or {}
    if not _guessed(report):
        return None
    if p.get("lat") is not None and p.get("lon") is not None and distance_km(area, (p["lat"], p["lon"])) < NEARBY_KM:
        return None
    near = [
        (distance_km(area, (lat, lon)), admin1)
        for admin1, lat, lon, _ in towns_named(p.get("name") or "", "US")
        if lat is not None and lon is not None and admin1
    ]
    near = sorted(x for x in near if x[0] < NEARBY_KM)
    if not near or near[0][1] == p.get("admin1"):
        return None
    return namesake_in(report, near[0][1])


def stray_from_home(report: dict, home: str) -> bool:
    """The report's place is a bare town nothing its story names placed (`_bare_guess`) whose every namesake lies
    outside the home state of the local outlet that told it (`outlet_states`), all of them towns of fewer than
    BIG_PLACE people: no town the outlet's readers know by its bare name, so likelier a place of the home the
    gazetteer lacks (a neighbourhood, a hamlet, a street read as a town) than a far namesake."""
    p = report.get("place") or {}
    if p.get("precision") != "city" or p.get("admin1") == home or not _bare_guess(report):
        return False
    towns = towns_named(p.get("name") or "", "US")
    return bool(towns) and all(t[0] != home and t[3] < BIG_PLACE for t in towns)


def at_home(report: dict, home: str, city: dict | None = None) -> dict:
    """The report's place (`stray_from_home`) kept by its name in the outlet's home state: a part of the outlet's
    big city (`outlet_cities`), with its coordinates, when it has one, as extract.placing tells a name no town of
    a big city's state bears; else placed no more precisely than that state (no county, no coordinates), as it
    places a bare name no town of the story's state bears."""
    p = report.get("place") or {}
    if city is not None:
        return {**p, "city": city["city"], "admin1": home, "admin2": None, "lat": city["lat"], "lon": city["lon"]}
    return {**p, "admin1": home, "admin2": None, "lat": None, "lon": None}


def outlet_cities(reports, homes: dict[str, str]) -> dict[str, dict]:
    """Outlet -> the city of BIG_PLACE people or more of its home state (`outlet_states`) where most of its
    documents that tell their state (OUTLET_SHARE, at least OUTLET_DOCS of them) place their town or a part of
    it: a city outlet's, whose stories name the city's neighbourhoods bare, as its readers know them. The city as
    {"city", "lat", "lon"}. `reports`: (outlet, report) pairs."""
    docs: dict[str, dict[str, set[str]]] = {}
    total: dict[str, set[str]] = {}
    for outlet, r in _stating(reports):
        p, doc = r["place"], r.get("document") or r.get("id")
        total.setdefault(outlet, set()).add(doc)
        if p.get("city") and p.get("admin1") == homes.get(outlet):
            docs.setdefault(outlet, {}).setdefault(p["city"], set()).add(doc)
    cities = {}
    for outlet, by_city in docs.items():
        top = max(sorted(by_city), key=lambda c: len(by_city[c]))
        if not _home_share(len(by_city[top]), len(total[outlet])):
            continue
        at = [t for t in towns_named(top, "US") if t[0] == homes[outlet] and t[3] >= BIG_PLACE and t[1] is not None]
        if at:
            cities[outlet] = {"city": top, "lat": at[0][1], "lon": at[0][2]}
    return cities


def big_city_at_home(report: dict, home: str) -> dict | None:
    """The report's bare town, which the places its story names around it chose (meta `place_state` "context":
    "Pine Market" read as a town near a small "Pine"), not its state named, moved to its namesake in the home
    state of the local outlet that told it, where that namesake is a city of BIG_PLACE people or more, bigger
    than the report's: the outlet's readers know their own big city by its bare name, and a name read near a
    far small namesake tells less than that. None else."""
    p = report.get("place") or {}
    meta = report.get("meta") or {}
    name = p.get("name") or ""
    if (
        p.get("country") != "US"
        or p.get("precision") != "city"
        or p.get("city") != name
        or p.get("admin1") == home
        or "," in ((p.get("evidence") or {}).get("text") or ",")
        or meta.get("place_from")
        or meta.get("place_state") != "context"
    ):
        return None
    people = {}
    for admin1, _, _, n in towns_named(name, "US"):
        people[admin1] = max(people.get(admin1, 0), n)
    if people.get(home, 0) < max(BIG_PLACE, people.get(p.get("admin1"), 0) + 1):
        return None
    return _moved(p, home)
